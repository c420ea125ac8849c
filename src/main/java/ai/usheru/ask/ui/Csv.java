package ai.usheru.ask.ui;

import java.util.List;
import java.util.stream.Collectors;

import ai.usheru.warehouse.QueryResult;

/** A result as RFC 4180 CSV, with a header row. */
final class Csv {

    private Csv() {}

    static String of(List<QueryResult.Column> columns, List<List<Object>> rows) {
        var csv = new StringBuilder();
        csv.append(columns.stream().map(column -> field(column.name())).collect(Collectors.joining(","))).append("\r\n");
        for (List<Object> row : rows) {
            csv.append(row.stream().map(value -> value == null ? "" : field(String.valueOf(value))).collect(Collectors.joining(",")))
                    .append("\r\n");
        }
        return csv.toString();
    }

    private static String field(String value) {
        boolean quote = value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r");
        return quote ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }
}
