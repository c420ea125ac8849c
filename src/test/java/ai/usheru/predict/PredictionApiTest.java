package ai.usheru.predict;

import static ai.usheru.support.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import ai.usheru.support.IntegrationTest;
import ai.usheru.support.TestUsers;

/** Forecast questions over the API: range, error, model and version, and the scope holding. */
class PredictionApiTest extends IntegrationTest {

    @Autowired
    TestUsers users;

    @Test
    void aForecastCarriesItsRangeBacktestAndVersionAndAScopedUserGetsOnlyTheirRegionsHistory() {
        var global = aUser();
        users.create(global);
        var irish = aUser().scopedTo("IE");
        users.create(irish);

        JsonNode everywhere = ask(global.email(), "Forecast next year's box office");
        JsonNode irelandAsked = ask(global.email(), "Forecast box office in Ireland next year");
        JsonNode irelandScoped = ask(irish.email(), "Forecast next year's box office");

        for (JsonNode reply : List.of(everywhere, irelandAsked, irelandScoped)) {
            assertThat(reply.get("intent").asString()).isEqualTo("prediction");
            JsonNode prediction = reply.get("prediction");
            assertThat(prediction.isObject()).as(reply.get("answer").asString()).isTrue();
            assertThat(prediction.get("low").asDouble()).isLessThan(prediction.get("estimate").asDouble());
            assertThat(prediction.get("high").asDouble()).isGreaterThan(prediction.get("estimate").asDouble());
            assertThat(prediction.get("level").asDouble()).isEqualTo(0.8);
            assertThat(prediction.get("model").asString()).startsWith("series-");
            assertThat(prediction.get("version").asString()).isNotBlank();
            assertThat(prediction.get("backtest").get("heldOut").asInt()).isGreaterThanOrEqualTo(4);
            assertThat(prediction.get("assumptions").size()).isPositive();
            assertThat(reply.get("answer").asString()).contains("80% range", "typically off by", "cannot know");
            assertThat(reply.get("rows").get(reply.get("rows").size() - 1).get(4).asString()).isEqualTo("forecast");
            // The data ends in November 2010: that year's total is incomplete, so it is left out of the history, and said so.
            assertThat(reply.get("answer").asString()).contains("2010 is left out: the data ends before its December")
                    .doesNotContain("2011 is left out");
        }
        assertThat(history(irelandScoped)).as("the Irish user's history is Ireland's").isEqualTo(history(irelandAsked));
        assertThat(history(irelandScoped)).isNotEqualTo(history(everywhere));
        assertThat(irelandScoped.get("prediction").get("estimate").asDouble())
                .isLessThan(everywhere.get("prediction").get("estimate").asDouble() / 5);
        assertThat(irelandScoped.get("answer").asString()).contains("Ireland only");
    }

    @Test
    void aDescribedFilmIsForecastByTheFilmModelsWithWhatWasAssumedAndAScopedUsersFromTheirRegions() {
        var global = aUser();
        users.create(global);
        var irish = aUser().scopedTo("IE");
        users.create(irish);

        JsonNode opening = ask(global.email(), "Predict the opening week of a $100M PG-13 action film released in July 2011");
        JsonNode prediction = opening.get("prediction");
        assertThat(prediction.get("model").asString()).as(opening.get("answer").asString()).isEqualTo("film-opening-week");
        assertThat(prediction.get("assumptions").toString()).contains("genre Action", "rated PG-13", "released 2011-07-15",
                "a production budget of $100.0 million");
        assertThat(prediction.get("low").asDouble()).isLessThan(prediction.get("estimate").asDouble());
        assertThat(opening.get("answer").asString()).contains("Forecast opening week", "80% range", "factor", "film-opening-week v",
                "cannot know marketing");
        assertThat(opening.get("chart").asString()).isEqualTo("bar");
        assertThat(opening.get("rows").get(opening.get("rows").size() - 1).get(5).asString()).isEqualTo("forecast");

        JsonNode total = ask(global.email(), "How much will a $40 million R-rated horror movie gross in total in France?");
        assertThat(total.get("prediction").get("model").asString()).as(total.get("answer").asString()).isEqualTo("film-total-gross");
        assertThat(total.get("answer").asString()).contains("in France only");

        JsonNode irishOpening = ask(irish.email(), "Predict the opening week of a $100M PG-13 action film released in July 2011");
        assertThat(irishOpening.get("answer").asString()).contains("Ireland only");
        assertThat(irishOpening.get("prediction").get("estimate").asDouble()).isLessThan(prediction.get("estimate").asDouble() / 5);

        JsonNode franchise = ask(global.email(), "Predict the next Harry Potter film's opening week");
        assertThat(franchise.get("answer").asString()).as("a series of films, not a described one: six films are too few for a range")
                .contains("cannot forecast the Harry Potter films honestly").doesNotContain("film-opening-week");
    }

    private JsonNode ask(String email, String question) {
        var reply = http().postJson("/api/v1/ask", Map.of("question", question), http().token(email, aUser().password()));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private static List<String> history(JsonNode reply) {
        List<String> rows = new ArrayList<>();
        reply.get("rows").forEach(row -> {
            if ("actual".equals(row.get(4).asString())) {
                rows.add(row.get(0).asString() + "=" + row.get(1).asString());
            }
        });
        return rows;
    }
}
