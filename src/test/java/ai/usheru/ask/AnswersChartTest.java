package ai.usheru.ask;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import ai.usheru.warehouse.QueryResult;

/** The chart picked for a result's shape. */
class AnswersChartTest {

    private static QueryResult result(List<QueryResult.Column> columns, List<List<Object>> rows) {
        return new QueryResult(columns, rows, false, 1);
    }

    @Test
    void aRegionNamedBesideItsCodeIsOneBar() {
        var columns = List.of(new QueryResult.Column("region_name", "text"), new QueryResult.Column("region_code", "text"),
                new QueryResult.Column("box_office_usd", "number"));
        var rows = List.<List<Object>>of(List.of("Germany", "DE", 10), List.of("France", "FR", 8));

        assertThat(Answers.chartFor(result(columns, rows))).isEqualTo("bar");
    }

    @Test
    void twoLabelsThatAreNoNameAndCodeMakeATable() {
        var columns = List.of(new QueryResult.Column("genre", "text"), new QueryResult.Column("title", "text"),
                new QueryResult.Column("box_office_usd", "number"));
        var rows = List.<List<Object>>of(List.of("Drama", "Heat", 10), List.of("Comedy", "Up", 8));

        assertThat(Answers.chartFor(result(columns, rows))).isEqualTo("table");
    }
}
