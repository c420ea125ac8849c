package ai.usheru.predict.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;

import ai.usheru.predict.ModelBacktest;
import ai.usheru.components.ChartOptions;
import ai.usheru.components.EChart;

/**
 * A version's backtest as a scatter of predicted against actual on log axes, one point per held-out
 * case, coloured by whether the case fell inside its 80 % range, with the diagonal where a prediction
 * was exact.
 */
final class BacktestChart extends Composite<Div> {

    /** Enough to show the shape of a backtest; the film models have about a thousand cases, well below it. */
    static final int MAX_POINTS = 2_000;

    private final EChart chart = new EChart();
    private final Paragraph caption = new Paragraph();
    private final Paragraph empty = new Paragraph(Texts.NO_POINTS);

    BacktestChart() {
        chart.setId("backtest-chart");
        chart.setHeight("24rem");
        caption.addClassName("chart-caption");
        empty.addClassName("chart-caption");
        getContent().addClassName("backtest-chart");
        getContent().add(chart, caption, empty);
    }

    void show(String label, ModelBacktest backtest) {
        List<ModelBacktest.Point> drawable = backtest.points().stream().filter(point -> point.actual() > 0 && point.predicted() > 0).toList();
        List<ModelBacktest.Point> drawn = evenSample(drawable, MAX_POINTS);
        chart.setVisible(!drawn.isEmpty());
        caption.setVisible(!drawn.isEmpty());
        empty.setVisible(drawn.isEmpty());
        if (drawn.isEmpty()) {
            return;
        }
        chart.setTitle("Backtest of " + label + ": predicted against actual for " + Texts.count(drawn.size()) + " held-out cases");
        chart.setOption(option(drawn));
        caption.setText(Texts.chartCaption(drawn.size(), drawable.size(), backtest.points().size() - drawable.size()));
    }

    EChart chart() {
        return chart;
    }

    /** Every n-th point so that at most {@code max} remain, spread over the whole backtest rather than its first years. */
    static <T> List<T> evenSample(List<T> points, int max) {
        if (points.size() <= max) {
            return points;
        }
        var sample = new ArrayList<T>(max);
        for (int i = 0; i < max; i++) {
            sample.add(points.get((int) ((long) i * points.size() / max)));
        }
        return sample;
    }

    /** The ECharts option for points whose actual and predicted values are all above zero. */
    static Map<String, Object> option(List<ModelBacktest.Point> points) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        var inside = new ArrayList<Map<String, Object>>();
        var outside = new ArrayList<Map<String, Object>>();
        for (ModelBacktest.Point point : points) {
            min = Math.min(min, Math.min(point.actual(), point.predicted()));
            max = Math.max(max, Math.max(point.actual(), point.predicted()));
            boolean covered = point.actual() >= point.low() && point.actual() <= point.high();
            (covered ? inside : outside).add(Map.of("name", point.label(), "value", List.of(point.actual(), point.predicted())));
        }
        // Both axes span the same whole decades, so the diagonal runs corner to corner at 45°.
        double low = Math.pow(10, Math.floor(Math.log10(min)));
        double high = Math.pow(10, Math.max(Math.ceil(Math.log10(max)), Math.log10(low) + 1));

        var option = new LinkedHashMap<String, Object>();
        option.put(ChartOptions.MONEY_AXIS, true);
        option.put("tooltip", Map.of("trigger", "item"));
        // The legend on top, where wrapping onto a second line on a phone pushes the plot down rather than into the axis name.
        option.put("legend", Map.of("top", 0, "data", List.of(Texts.INSIDE, Texts.OUTSIDE, Texts.DIAGONAL)));
        option.put("grid", Map.of("left", 28, "right", 20, "top", 60, "bottom", 32, "containLabel", true));
        option.put("xAxis", axis("Actual", low, high, Map.of("nameLocation", "middle", "nameGap", 28)));
        option.put("yAxis", axis("Predicted", low, high, Map.of("nameLocation", "middle", "nameGap", 52)));
        option.put("series", List.of(
                scatter(Texts.INSIDE, "#1c7ed6", inside),
                scatter(Texts.OUTSIDE, "#d9480f", outside),
                Map.of("name", Texts.DIAGONAL, "type", "line", "data", List.of(List.of(low, low), List.of(high, high)), "symbol", "none",
                        "silent", true, "color", "#868e96", "lineStyle", Map.of("type", "dashed", "width", 1), "tooltip", Map.of("show", false),
                        "z", 1)));
        return option;
    }

    private static Map<String, Object> axis(String name, double min, double max, Map<String, Object> placement) {
        var axis = new LinkedHashMap<String, Object>();
        axis.put("type", "log");
        axis.put("logBase", 10);
        axis.put("min", min);
        axis.put("max", max);
        axis.put("name", name);
        axis.putAll(placement);
        // Decades crowd on a phone's width: labels that would overlap are left out rather than drawn over each other.
        axis.put("axisLabel", Map.of("hideOverlap", true));
        axis.put("splitLine", Map.of("show", true, "lineStyle", Map.of("opacity", 0.5)));
        return axis;
    }

    private static Map<String, Object> scatter(String name, String color, List<Map<String, Object>> data) {
        var series = new LinkedHashMap<String, Object>();
        series.put("name", name);
        series.put("type", "scatter");
        series.put("data", data);
        series.put("symbolSize", 5);
        series.put("color", color);
        series.put("itemStyle", Map.of("opacity", 0.6));
        // Named dimensions make the tooltip read "Actual $12.3M / Predicted $9.8M" under the case's name.
        series.put("dimensions", List.of(Map.of("name", "actual", "displayName", "Actual"),
                Map.of("name", "predicted", "displayName", "Predicted")));
        series.put("encode", Map.of("x", "actual", "y", "predicted", "tooltip", List.of("actual", "predicted")));
        series.put("emphasis", Map.of("scale", 2));
        return series;
    }
}
