package ai.usheru.warehouse;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * Rows a query returned, at most the row cap; {@code truncated} says there were more. Values are
 * plain Java numbers, strings, booleans or ISO dates, ready for JSON.
 */
public record QueryResult(List<Column> columns, List<List<Object>> rows, boolean truncated, long elapsedMillis) {

    public QueryResult {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    /** A result column: its name and a coarse type, {@code number}, {@code text}, {@code date} or {@code boolean}. */
    public record Column(String name, String type) {

        @JsonIgnore
        public boolean isNumber() {
            return "number".equals(type);
        }
    }
}
