package ai.usheru.insights;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One thing worth knowing about a week, in one scope: what kind it is, what it is about (its
 * subject, unique per kind, scope and week), a title and a sentence, the figures behind them with a
 * chart, the question that opens it in the chat and the query it came from. {@code score} orders
 * insights in a digest, the strongest first.
 */
public record Insight(UUID id, String kind, String subject, String title, String body, Map<String, Object> data,
        String question, String sql, double score) {

    public static final String MOVER = "mover";
    public static final String DRIVERS = "drivers";
    public static final String UNUSUAL = "unusual";
    public static final String RECORD = "record";
    public static final String CONCENTRATION = "concentration";

    public Insight {
        // Figures may be null (a film without a release year); Map.copyOf would refuse them.
        data = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(data));
    }

    /** The chart of the insight: bars (or a line) with labels, and the bar to highlight (-1: none). */
    public record Chart(String type, String title, List<String> labels, List<Double> values, int highlight) {

        public Chart {
            labels = List.copyOf(labels);
            values = List.copyOf(values);
        }

        Map<String, Object> toData() {
            return Map.of("type", type, "title", title, "labels", labels, "values", values, "highlight", highlight);
        }

        @SuppressWarnings("unchecked")
        static Chart fromData(Object data) {
            if (!(data instanceof Map<?, ?> map)) {
                return null;
            }
            List<Double> values = ((List<Number>) map.get("values")).stream().map(Number::doubleValue).toList();
            return new Chart((String) map.get("type"), (String) map.get("title"), (List<String>) map.get("labels"), values,
                    ((Number) map.get("highlight")).intValue());
        }
    }

    /** The chart stored with the insight's figures, if it has one. */
    public Chart chart() {
        return Chart.fromData(data.get("chart"));
    }
}
