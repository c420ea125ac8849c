package ai.usheru.predict;

import static ai.usheru.support.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import ai.usheru.quota.Quota;
import ai.usheru.support.IntegrationTest;
import ai.usheru.support.TestHttp;
import ai.usheru.support.TestUsers;
import ai.usheru.support.UserBuilder;

/** {@code POST /api/v1/predict}: a described film and a yearly series, with range, error and version, in the caller's scope. */
class PredictEndpointTest extends IntegrationTest {

    private static final Map<String, Object> FILM = Map.of("genre", "action", "budget", 90_000_000, "mpaaRating", "PG-13",
            "releaseDate", "2011-07-15", "runningTime", 115);

    @Autowired
    TestUsers users;

    @Test
    void aDescribedFilmsOpeningWeekComesWithItsRangeErrorVersionAndComparablesAndAScopedUserGetsTheirRegionsModel() {
        var global = aUser();
        users.create(global);
        var irish = aUser().scopedTo("IE");
        users.create(irish);

        JsonNode everywhere = predict(global, Map.of("target", "opening_week_gross", "film", FILM)).json();
        JsonNode inIreland = predict(global, Map.of("target", "opening_week_gross", "film", FILM, "region", "Ireland")).json();
        JsonNode irishUser = predict(irish, Map.of("target", "opening_week_gross", "film", FILM)).json();

        JsonNode prediction = everywhere.get("prediction");
        assertThat(prediction.get("model").asString()).isEqualTo("film-opening-week");
        assertThat(prediction.get("version").asString()).matches("\\d+");
        assertThat(prediction.get("low").asDouble()).isLessThan(prediction.get("estimate").asDouble());
        assertThat(prediction.get("high").asDouble()).isGreaterThan(prediction.get("estimate").asDouble());
        assertThat(prediction.get("level").asDouble()).isEqualTo(0.8);
        assertThat(prediction.get("backtest").get("metric").asString()).isEqualTo(ModelBacktest.FACTOR);
        assertThat(prediction.get("backtest").get("skill").asDouble()).isPositive();
        assertThat(prediction.get("backtest").get("coverage").asDouble()).isBetween(0.75, 0.85);
        assertThat(prediction.get("assumptions").toString()).contains("genre Action", "rated PG-13", "released 2011-07-15");
        assertThat(prediction.get("comparables").size()).isPositive();
        assertThat(everywhere.get("answer").asString()).contains("80% range", "typically off by a factor", "film-opening-week v",
                "cannot know marketing");
        JsonNode rows = everywhere.get("rows");
        assertThat(rows.get(rows.size() - 1).get(5).asString()).isEqualTo("forecast");
        assertThat(rows.get(0).get(5).asString()).isEqualTo("comparable");

        assertThat(irishUser.get("prediction").get("estimate").asDouble()).as("the Irish user's model is Ireland's")
                .isEqualTo(inIreland.get("prediction").get("estimate").asDouble());
        assertThat(irishUser.get("prediction").get("estimate").asDouble()).as("Irish openings are a small part of the world's")
                .isLessThan(prediction.get("estimate").asDouble() / 5);
        assertThat(irishUser.get("prediction").get("backtest").get("value").asDouble()).as("its own backtest")
                .isNotEqualTo(prediction.get("backtest").get("value").asDouble());
        assertThat(irishUser.get("answer").asString()).contains("Ireland only");
        boolean beatsItsBaselineInIreland = irishUser.get("prediction").get("backtest").get("skill").asDouble() > 0;
        assertThat(irishUser.get("answer").asString().contains("no better than that median here"))
                .as("a scope where the model does not beat its baseline is said so").isEqualTo(!beatsItsBaselineInIreland);
        assertThat(irishUser.get("scope").asString()).isEqualTo("Ireland only");

        var outside = predict(irish, Map.of("target", "opening_week_gross", "film", FILM, "region", "US"));
        assertThat(outside.status()).isEqualTo(403);
        assertThat(outside.json().get("code").asString()).isEqualTo("region_out_of_scope");
    }

    @Test
    void aYearlySeriesForecastsAGenreInACountryAndSaysWhenAFranchiseHasTooFewFilms() {
        var user = aUser();
        users.create(user);

        JsonNode actionInFrance = predict(user, Map.of("target", "box_office", "genre", "Action", "region", "FR")).json();
        assertThat(actionInFrance.get("prediction").get("model").asString()).isEqualTo("series-yearly");
        assertThat(actionInFrance.get("subject").asString()).isEqualTo("Action films in France");
        assertThat(actionInFrance.get("answer").asString()).contains("80% range", "series-yearly v");
        JsonNode rows = actionInFrance.get("rows");
        assertThat(rows.size()).isGreaterThan(10);
        assertThat(rows.get(rows.size() - 1).get(4).asString()).isEqualTo("forecast");

        JsonNode warnerAction = predict(user, Map.of("target", "box_office", "genre", "action", "distributor", "warner bros.")).json();
        assertThat(warnerAction.get("subject").asString()).isEqualTo("Action films distributed by Warner Bros.");

        JsonNode starTrek = predict(user, Map.of("target", "box_office", "series", "Star Trek")).json();
        assertThat(starTrek.get("prediction").get("model").asString()).as(starTrek.get("answer").asString()).isEqualTo("series-yearly");
        assertThat(starTrek.get("answer").asString()).contains("the Star Trek films, its next film (after 2009)", "80% range");

        JsonNode shrek = predict(user, Map.of("target", "box_office", "series", "Shrek")).json();
        assertThat(shrek.get("prediction").isNull()).as("four films are too few for an honest range").isTrue();
        assertThat(shrek.get("answer").asString()).contains("cannot forecast the Shrek films honestly");
    }

    @Test
    void weeklyBoxOfficeIsForecastWeekByWeekFromTheLastCompleteWeekInTheCallersScope() {
        var global = aUser();
        users.create(global);
        var irish = aUser().scopedTo("IE");
        users.create(irish);

        JsonNode us = predict(global, Map.of("target", "box_office", "period", "week", "region", "US", "horizon", 4)).json();
        JsonNode prediction = us.get("prediction");
        assertThat(prediction.get("model").asString()).as(us.get("answer").asString()).isEqualTo("series-weekly");
        assertThat(prediction.get("low").asDouble()).isLessThan(prediction.get("estimate").asDouble());
        assertThat(us.get("answer").asString()).contains("4 weeks after the last complete week", "80% range", "series-weekly v",
                "Weeks after");
        JsonNode rows = us.get("rows");
        assertThat(rows.get(rows.size() - 4).get(4).asString()).isEqualTo("forecast");
        assertThat(rows.get(rows.size() - 5).get(4).asString()).isEqualTo("actual");

        JsonNode ireland = predict(irish, Map.of("target", "box_office", "period", "week", "horizon", 4)).json();
        assertThat(ireland.get("prediction").get("estimate").asDouble()).as("Ireland's weeks, not the world's")
                .isLessThan(prediction.get("estimate").asDouble() / 5);
        assertError(predict(global, Map.of("target", "box_office", "period", "week", "horizon", 14)), 400, "bad_horizon");
        assertError(predict(global, Map.of("target", "box_office", "period", "month")), 400, "bad_period");
    }

    @Test
    void badRequestsGetClearErrorsAndAPredictionSpendsTheQueryQuota() {
        var user = aUser().withQuota(new Quota(1, null, null, null, null));
        users.create(user);

        assertError(predict(user, Map.of("target", "revenue")), 400, "bad_target");
        assertError(predict(user, Map.of("target", "total_gross")), 400, "bad_film");
        var unknownGenre = new LinkedHashMap<String, Object>(FILM);
        unknownGenre.put("genre", "Space Opera");
        assertError(predict(user, Map.of("target", "total_gross", "film", unknownGenre)), 400, "bad_film");
        var badDate = new LinkedHashMap<String, Object>(FILM);
        badDate.put("releaseDate", "next summer");
        assertError(predict(user, Map.of("target", "total_gross", "film", badDate)), 400, "bad_film");
        assertError(predict(user, Map.of("target", "box_office", "region", "Atlantis")), 400, "unknown_region");

        assertThat(predict(user, Map.of("target", "total_gross", "film", FILM)).status()).as("failed requests cost nothing").isEqualTo(200);
        assertError(predict(user, Map.of("target", "total_gross", "film", FILM)), 429, "quota_exceeded");
    }

    private TestHttp.Reply predict(UserBuilder user, Map<String, Object> body) {
        return http().postJson("/api/v1/predict", body, http().token(user.email(), user.password()));
    }

    private static void assertError(TestHttp.Reply reply, int status, String code) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.json().get("code").asString()).as(reply.body()).isEqualTo(code);
        assertThat(reply.body()).doesNotContain("Exception", "at ai.usheru");
    }
}
