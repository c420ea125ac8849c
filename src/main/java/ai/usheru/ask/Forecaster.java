package ai.usheru.ask;

import java.util.ArrayList;
import java.util.List;

import ai.usheru.warehouse.QueryResult;

/**
 * The baseline forecast until trained models exist: a straight line fitted by least squares to the
 * yearly history, extended one year past its last point, with its in-sample mean absolute error.
 */
final class Forecaster {

    private Forecaster() {}

    /** The history with one forecast row appended, and the words that explain it. */
    record Forecast(List<QueryResult.Column> columns, List<List<Object>> rows, String explanation) {}

    /** Forecasts {@code targetYear}, or the year after the history when that is later. */
    static Forecast forecast(QueryResult history, String subject, String metricLabel, int targetYear) {
        var points = new ArrayList<double[]>();
        for (List<Object> row : history.rows()) {
            if (row.get(0) instanceof Number year && row.get(row.size() - 1) instanceof Number value) {
                points.add(new double[] {year.doubleValue(), value.doubleValue()});
            }
        }
        var columns = List.of(new QueryResult.Column("year", "number"), new QueryResult.Column(metricLabel.replace(' ', '_'), "number"),
                new QueryResult.Column("kind", "text"));
        if (points.isEmpty()) {
            return new Forecast(columns, List.of(), "There is no history for " + subject + " to forecast from.");
        }
        int n = points.size();
        double meanX = points.stream().mapToDouble(p -> p[0]).average().orElse(0);
        double meanY = points.stream().mapToDouble(p -> p[1]).average().orElse(0);
        double sxx = points.stream().mapToDouble(p -> (p[0] - meanX) * (p[0] - meanX)).sum();
        double sxy = points.stream().mapToDouble(p -> (p[0] - meanX) * (p[1] - meanY)).sum();
        double slope = n < 2 || sxx == 0 ? 0 : sxy / sxx;
        double intercept = meanY - slope * meanX;
        double error = points.stream().mapToDouble(p -> Math.abs(p[1] - (intercept + slope * p[0]))).average().orElse(0);
        int lastYear = (int) points.getLast()[0];
        int target = Math.max(targetYear, lastYear + 1);
        double predicted = Math.max(0, intercept + slope * target);

        var rows = new ArrayList<List<Object>>();
        for (double[] point : points) {
            rows.add(List.of((int) point[0], Math.round(point[1]), "actual"));
        }
        rows.add(List.of(target, Math.round(predicted), "forecast"));
        String explanation = "Baseline forecast for " + subject + ": about " + Answers.money(predicted) + " of " + metricLabel
                + " in " + target + ". Method: a straight-line trend fitted by least squares to " + n + " year" + (n == 1 ? "" : "s")
                + " of history (" + (int) points.getFirst()[0] + "–" + lastYear + "), mean absolute error "
                + Answers.money(error) + " on those years. This is a simple baseline, not a trained model.";
        return new Forecast(columns, rows, explanation);
    }
}
