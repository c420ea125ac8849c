package ai.usheru.components;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ECharts options for a result table: the first column gives the categories (or time), the last
 * numeric column the values. Kept to what answers need: bar, line and pie.
 */
public final class ChartOptions {

    private ChartOptions() {}

    /** The chart types a user can switch between; {@code table} draws no chart. */
    public static final List<String> TYPES = List.of("bar", "line", "pie", "table");

    /**
     * Marks an option whose values are dollars: {@link EChart} then writes the value (or log) axes and tooltips
     * as money ($1.0B, $24.2M), which ECharts can only do with a function, not with JSON.
     */
    public static final String MONEY_AXIS = "usheruMoneyAxis";

    static boolean isMoney(String valueName) {
        String name = valueName.toLowerCase(java.util.Locale.ROOT);
        return name.contains("usd") || name.contains("gross") || name.contains("box office") || name.contains("budget");
    }

    public static Map<String, Object> of(String type, String valueName, List<List<Object>> rows) {
        var labels = new ArrayList<String>();
        var values = new ArrayList<Object>();
        for (List<Object> row : rows) {
            labels.add(String.valueOf(row.getFirst()));
            values.add(row.get(row.size() - 1));
        }
        var option = new LinkedHashMap<String, Object>();
        option.put("tooltip", Map.of("trigger", "pie".equals(type) ? "item" : "axis"));
        if (isMoney(valueName)) {
            option.put(MONEY_AXIS, true);
        }
        option.put("color", List.of("#d9480f", "#1c7ed6", "#37b24d", "#f59f00", "#7048e8", "#0ca678", "#e64980", "#495057"));
        if ("pie".equals(type)) {
            var data = new ArrayList<Map<String, Object>>();
            for (int i = 0; i < labels.size(); i++) {
                data.add(Map.of("name", labels.get(i), "value", values.get(i)));
            }
            option.put("legend", Map.of("type", "scroll", "bottom", 0));
            option.put("series", List.of(Map.of("type", "pie", "name", valueName, "radius", List.of("35%", "65%"), "data", data)));
            return option;
        }
        option.put("grid", Map.of("left", 8, "right", 16, "top", 24, "bottom", 8, "containLabel", true));
        option.put("xAxis", Map.of("type", "category", "data", labels,
                // Every bar keeps its label; a line's dates thin out instead of overlapping.
                "axisLabel", Map.of("hideOverlap", true, "interval", "bar".equals(type) ? 0 : "auto",
                        "rotate", "bar".equals(type) && (labels.size() > 6 || labels.stream().anyMatch(label -> label.length() > 10)) ? 30 : 0)));
        option.put("yAxis", Map.of("type", "value", "name", valueName, "axisLabel", Map.of("formatter", "{value}")));
        var series = new LinkedHashMap<String, Object>();
        series.put("type", "line".equals(type) ? "line" : "bar");
        series.put("name", valueName);
        series.put("data", values);
        if ("bar".equals(type)) {
            series.put("barMaxWidth", 56);
        }
        if ("line".equals(type)) {
            series.put("smooth", true);
            series.put("areaStyle", Map.of("opacity", 0.15));
        }
        option.put("series", List.of(series));
        return option;
    }

    /**
     * A forecast: the history as a line, the forecast as a dashed line from the last actual value, and
     * its 80 % range as a shaded band widening from that value. Rows are (period, value, low, high, kind)
     * with kind {@code actual} or {@code forecast}.
     */
    public static Map<String, Object> forecast(String valueName, List<List<Object>> rows) {
        var labels = new ArrayList<String>();
        var actual = new ArrayList<Object>();
        var forecast = new ArrayList<Object>();
        var low = new ArrayList<Object>();
        var band = new ArrayList<Object>();
        for (int i = 0; i < rows.size(); i++) {
            List<Object> row = rows.get(i);
            boolean predicted = "forecast".equals(row.get(4));
            boolean lastActual = !predicted && i + 1 < rows.size() && "forecast".equals(rows.get(i + 1).get(4));
            labels.add(String.valueOf(row.get(0)) + (predicted ? " (forecast)" : ""));
            actual.add(predicted ? null : row.get(1));
            forecast.add(predicted || lastActual ? row.get(1) : null);
            if (predicted && row.get(2) instanceof Number from && row.get(3) instanceof Number to) {
                low.add(from);
                band.add(to.doubleValue() - from.doubleValue());
            } else {
                low.add(lastActual ? row.get(1) : null);
                band.add(lastActual ? 0 : null);
            }
        }
        var option = new LinkedHashMap<String, Object>();
        option.put(MONEY_AXIS, true);
        option.put("tooltip", Map.of("trigger", "axis"));
        option.put("legend", Map.of("data", List.of("Actual", "Forecast", "80% range"), "bottom", 0));
        option.put("grid", Map.of("left", 8, "right", 16, "top", 24, "bottom", 32, "containLabel", true));
        option.put("xAxis", Map.of("type", "category", "data", labels, "axisLabel", Map.of("hideOverlap", true)));
        option.put("yAxis", Map.of("type", "value", "name", valueName));
        option.put("series", List.of(
                Map.of("name", "Actual", "type", "line", "data", actual, "color", "#d9480f"),
                Map.of("name", "Forecast", "type", "line", "data", forecast, "color", "#1c7ed6",
                        "lineStyle", Map.of("type", "dashed"), "symbolSize", 8),
                Map.of("name", "range-base", "type", "line", "data", low, "stack", "range", "symbol", "none",
                        "lineStyle", Map.of("opacity", 0), "tooltip", Map.of("show", false)),
                Map.of("name", "80% range", "type", "line", "data", band, "stack", "range", "symbol", "none", "color", "#1c7ed6",
                        "lineStyle", Map.of("opacity", 0), "areaStyle", Map.of("opacity", 0.2))));
        return option;
    }

    /**
     * A film forecast beside earlier films like it: horizontal bars of the comparables' grosses, the
     * forecast as a point on its 80 % range. Rows are (film, year, gross, low, high, kind) with kind
     * {@code comparable} or {@code forecast}.
     */
    public static Map<String, Object> filmForecast(String valueName, List<List<Object>> rows) {
        var labels = new ArrayList<String>();
        var earlier = new ArrayList<Object>();
        var estimate = new ArrayList<Object>();
        var low = new ArrayList<Object>();
        var band = new ArrayList<Object>();
        // The forecast on top: ECharts draws a category axis from the bottom up.
        for (List<Object> row : rows.reversed()) {
            boolean predicted = "forecast".equals(row.get(5));
            String title = String.valueOf(row.get(0));
            labels.add((title.length() > 38 ? title.substring(0, 37) + "…" : title) + " (" + row.get(1) + ")");
            earlier.add(predicted ? null : row.get(2));
            estimate.add(predicted ? row.get(2) : null);
            boolean ranged = predicted && row.get(3) instanceof Number && row.get(4) instanceof Number;
            low.add(ranged ? row.get(3) : null);
            band.add(ranged ? ((Number) row.get(4)).doubleValue() - ((Number) row.get(3)).doubleValue() : null);
        }
        var option = new LinkedHashMap<String, Object>();
        option.put(MONEY_AXIS, true);
        option.put("tooltip", Map.of("trigger", "item"));
        option.put("legend", Map.of("data", List.of("Earlier films", "Forecast", "80% range"), "bottom", 0));
        option.put("grid", Map.of("left", 8, "right", 24, "top", 16, "bottom", 56, "containLabel", true));
        option.put("yAxis", Map.of("type", "category", "data", labels, "axisLabel", Map.of("interval", 0)));
        option.put("xAxis", Map.of("type", "value", "name", valueName, "nameLocation", "middle", "nameGap", 28));
        option.put("series", List.of(
                Map.of("name", "Earlier films", "type", "bar", "data", earlier, "color", "#d9480f", "barMaxWidth", 28),
                Map.of("name", "range-base", "type", "bar", "stack", "range", "data", low, "barGap", "-100%", "barMaxWidth", 28,
                        "itemStyle", Map.of("color", "transparent"), "tooltip", Map.of("show", false)),
                Map.of("name", "80% range", "type", "bar", "stack", "range", "data", band, "barMaxWidth", 28, "color", "#a5d8ff"),
                Map.of("name", "Forecast", "type", "scatter", "data", estimate, "color", "#1c7ed6", "symbolSize", 14, "z", 5)));
        return option;
    }
}
