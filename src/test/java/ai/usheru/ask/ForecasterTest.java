package ai.usheru.ask;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import ai.usheru.warehouse.QueryResult;

class ForecasterTest {

    private static QueryResult history(List<List<Object>> rows) {
        return new QueryResult(List.of(new QueryResult.Column("release_year", "number"), new QueryResult.Column("box_office_usd", "number")),
                rows, false, 0);
    }

    @Test
    void aStraightLineHistoryIsExtendedExactlyToTheTargetYear() {
        var forecast = Forecaster.forecast(history(List.of(List.of(2001, 100L), List.of(2002, 200L), List.of(2003, 300L))),
                "the test films", "box office", 2005);

        assertThat(forecast.rows()).hasSize(4);
        assertThat(forecast.rows().getLast()).containsExactly(2005, 500L, "forecast");
        assertThat(forecast.explanation()).contains("least squares").contains("2005").contains("mean absolute error $0");
    }

    @Test
    void aForecastIsNeverBelowZeroAndNeverBeforeTheHistoryEnds() {
        var forecast = Forecaster.forecast(history(List.of(List.of(2008, 300L), List.of(2009, 100L))), "falling films", "box office", 2005);

        assertThat(forecast.rows().getLast()).containsExactly(2010, 0L, "forecast");
    }

    @Test
    void noHistoryMeansNoForecastRows() {
        var forecast = Forecaster.forecast(history(List.of()), "nothing", "box office", 2011);

        assertThat(forecast.rows()).isEmpty();
        assertThat(forecast.explanation()).contains("no history");
    }
}
