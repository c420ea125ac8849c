package ai.usheru.insights;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;

import ai.usheru.Money;

/**
 * Draws an insight's chart as a small PNG on the server (no browser), for mail and for the Insights
 * view alike: bars on a white card, the bar the insight is about in the brand colour, the others grey,
 * the axis in money ($1.2M). The card stays white in dark mode, so the chart reads the same everywhere.
 * Drawing needs no display: Spring Boot runs the application headless.
 */
public final class ChartImages {

    static final int WIDTH = 520;
    static final int HEIGHT = 200;
    private static final Color BRAND = new Color(0xB4, 0x4A, 0x0C);
    private static final Color OTHER = new Color(0x9A, 0xA5, 0xB1);
    private static final Color TEXT = new Color(0x33, 0x3A, 0x44);
    private static final int LABEL_LENGTH = 16;

    private ChartImages() {}

    public static byte[] png(Insight.Chart chart) {
        var image = new CategoryChart(WIDTH, HEIGHT);
        var style = image.getStyler();
        style.setLegendVisible(false);
        style.setChartTitleVisible(false);
        style.setChartBackgroundColor(Color.WHITE);
        style.setPlotBackgroundColor(Color.WHITE);
        style.setPlotBorderVisible(false);
        style.setPlotGridVerticalLinesVisible(false);
        style.setChartPadding(6);
        style.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        style.setAxisTickLabelsColor(TEXT);
        style.setXAxisLabelRotation(chart.labels().stream().anyMatch(label -> label.length() > 7) ? 20 : 0);
        style.setOverlapped(true);
        style.setAvailableSpaceFill(0.7);
        style.setSeriesColors(new Color[] {OTHER, BRAND});
        image.setCustomYAxisTickLabelsFormatter(Money::compact);

        List<String> labels = chart.labels().stream().map(ChartImages::shorten).toList();
        List<Double> others = new ArrayList<>();
        List<Double> highlighted = new ArrayList<>();
        for (int i = 0; i < chart.values().size(); i++) {
            boolean mark = i == chart.highlight();
            others.add(mark ? 0 : chart.values().get(i));
            highlighted.add(mark ? chart.values().get(i) : 0);
        }
        image.addSeries("others", labels, others);
        image.addSeries("this", labels, highlighted);
        try {
            return BitmapEncoder.getBitmapBytes(image, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String shorten(String label) {
        return label.length() <= LABEL_LENGTH ? label : label.substring(0, LABEL_LENGTH - 1).strip() + "…";
    }
}
