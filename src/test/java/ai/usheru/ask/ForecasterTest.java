package ai.usheru.ask;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import ai.usheru.predict.ModelBacktest;
import ai.usheru.predict.ModelVersion;
import ai.usheru.warehouse.QueryResult;

class ForecasterTest {

    /** The registry's version the answer names (its backtest is the recipe's; each question refits the series). */
    private static final ModelVersion VERSION = new ModelVersion(UUID.randomUUID(), "series-yearly", 3, ModelVersion.Kind.TIME_SERIES,
            "box_office", "usheru_data_mart", List.of(), LocalDate.of(2010, 1, 1), "0".repeat(64), Map.of(), OffsetDateTime.now(), 1,
            new ModelBacktest("typical error one year ahead (%)", 48, 52, 0.06, 0.81, 370, "37 series", List.of(), List.of()),
            ModelVersion.Status.APPROVED, null, OffsetDateTime.now());

    private static QueryResult history(List<List<Object>> rows) {
        return new QueryResult(List.of(new QueryResult.Column("release_year", "number"), new QueryResult.Column("box_office_usd", "number")),
                rows, false, 0);
    }

    private static List<List<Object>> growing(int from, int to) {
        var rows = new ArrayList<List<Object>>();
        for (int year = from; year <= to; year++) {
            rows.add(List.of(year, Math.round(1e8 * Math.pow(1.15, year - from) * (year % 2 == 0 ? 1.03 : 0.97))));
        }
        return rows;
    }

    @Test
    void aForecastGivesItsRangeErrorAndVersionAndRowsForTheBand() {
        var forecast = Forecaster.forecast(history(growing(1995, 2010)), "the test films", "box office", 2011, false, VERSION);

        var prediction = forecast.prediction();
        assertThat(prediction).isNotNull();
        assertThat(prediction.low()).isLessThan(prediction.estimate());
        assertThat(prediction.high()).isGreaterThan(prediction.estimate());
        assertThat(prediction.level()).isEqualTo(0.8);
        assertThat(forecast.rows()).hasSize(17);
        assertThat(forecast.rows().getLast()).containsExactly(2011, Math.round(prediction.estimate()), Math.round(prediction.low()),
                Math.round(prediction.high()), "forecast");
        assertThat(forecast.explanation()).contains("2011", "80% range", "held-out years", "typically off by", "series-yearly v3",
                "cannot know marketing");
        assertThat(prediction.model()).isEqualTo("series-yearly");
        assertThat(prediction.version()).isEqualTo("3");
    }

    @Test
    void aForecastIsNeverBeforeTheHistoryEndsAndASeriesForecastsItsNextFilm() {
        var years = Forecaster.forecast(history(growing(1995, 2009)), "growing films", "box office", 2005, false, VERSION);
        assertThat(years.rows().getLast().getFirst()).isEqualTo(2010);

        var films = Forecaster.forecast(history(growing(1995, 2009)), "the test series", "box office", 2011, true, VERSION);
        assertThat(films.explanation()).contains("its next film (after 2009)");
    }

    @Test
    void tooLittleHistoryIsSaidAndNoHistoryMeansNoRows() {
        var short_ = Forecaster.forecast(history(growing(2005, 2009)), "new films", "box office", 2011, false, VERSION);
        assertThat(short_.prediction()).isNull();
        assertThat(short_.explanation()).startsWith("I cannot forecast new films honestly").contains("only 5 periods");
        assertThat(short_.rows()).hasSize(5);

        var none = Forecaster.forecast(history(List.of()), "nothing", "box office", 2011, false, VERSION);
        assertThat(none.rows()).isEmpty();
        assertThat(none.explanation()).contains("no history");
    }

    @Test
    void theConditionsOfAForecastReadAsItsSubject() {
        assertThat(RunStep.forecastSubject(" in France, of Action films")).isEqualTo("Action films in France");
        assertThat(RunStep.forecastSubject(" of Comedy films")).isEqualTo("Comedy films");
        assertThat(RunStep.forecastSubject(" in Ireland")).isEqualTo("films in Ireland");
    }
}
