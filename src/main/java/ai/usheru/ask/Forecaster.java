package ai.usheru.ask;

import java.util.ArrayList;
import java.util.List;

import ai.usheru.predict.ModelVersion;
import ai.usheru.predict.Prediction;
import ai.usheru.predict.SeriesForecaster;
import ai.usheru.warehouse.QueryResult;

/**
 * Turns a prediction question's yearly history into an answer: the forecast of {@link SeriesForecaster}
 * with its 80 % range and backtest, the history and the forecast band as rows for a chart, and a
 * sentence that says what the model assumed and cannot know — or, with too little history, says so.
 */
final class Forecaster {

    private Forecaster() {}

    /** The rows to draw (history, then the forecast with its range), the answer and the prediction (null when refused). */
    record Forecast(List<QueryResult.Column> columns, List<List<Object>> rows, String explanation, Prediction prediction) {}

    /**
     * Forecasts {@code targetYear} (at least the year after the history) for a yearly history whose first
     * column is the year and last the value. A series of films ({@code releases}) is forecast film by
     * film: its next release, whatever year that comes.
     */
    static Forecast forecast(QueryResult history, String subject, String metricLabel, int targetYear, boolean releases, ModelVersion version) {
        var years = new ArrayList<Integer>();
        var values = new ArrayList<Double>();
        for (List<Object> row : history.rows()) {
            if (row.get(0) instanceof Number year && row.get(row.size() - 1) instanceof Number value) {
                years.add(year.intValue());
                values.add(value.doubleValue());
            }
        }
        String column = metricLabel.replace(' ', '_');
        var columns = List.of(new QueryResult.Column("year", "number"), new QueryResult.Column(column, "number"),
                new QueryResult.Column("low_80", "number"), new QueryResult.Column("high_80", "number"),
                new QueryResult.Column("kind", "text"));
        var rows = new ArrayList<List<Object>>();
        for (int i = 0; i < years.size(); i++) {
            rows.add(java.util.Arrays.asList(years.get(i), Math.round(values.get(i)), null, null, "actual"));
        }
        if (years.isEmpty()) {
            return new Forecast(columns, rows, "There is no history for " + subject + " to forecast from.", null);
        }
        int lastYear = years.getLast();
        int target = Math.max(targetYear, lastYear + 1);
        int horizon = releases ? 1 : target - lastYear;
        var outcome = SeriesForecaster.forecast(values.stream().mapToDouble(Double::doubleValue).toArray(),
                years.stream().map(String::valueOf).toList(), horizon);
        if (outcome.prediction().isEmpty()) {
            return new Forecast(columns, rows, "I cannot forecast " + subject + " honestly: " + outcome.refusal()
                    + " The history is below.", null);
        }
        Prediction fitted = outcome.prediction().get();
        boolean trend = SeriesForecaster.MODEL.equals(fitted.model());
        // The registry's name and version; which of its two forecasts answered is in the sentence.
        Prediction prediction = new Prediction(version.name(), String.valueOf(version.version()), fitted.estimate(), fitted.low(),
                fitted.high(), fitted.level(), fitted.unit(), fitted.backtest(), fitted.assumptions(), fitted.comparables());
        String when = releases ? "its next film (after " + lastYear + ")" : String.valueOf(target);
        rows.add(java.util.Arrays.asList(releases ? lastYear + 1 : target, Math.round(prediction.estimate()),
                Math.round(prediction.low()), Math.round(prediction.high()), "forecast"));
        var backtest = prediction.backtest();
        String explanation = ("Forecast for %s, %s: about %s of %s, with an 80%% range of %s to %s. Tested on %d held-out %s, "
                + "%s was typically off by %.0f%%%s. Model %s v%s, refitted to %d %s (%d–%d). It assumes %s; it cannot know marketing, "
                + "competition, reviews or release dates.").formatted(subject, when, Answers.money(prediction.estimate()), metricLabel,
                Answers.money(prediction.low()), Answers.money(prediction.high()), backtest.heldOut(), releases ? "films" : "years",
                trend ? "Holt's damped trend on log box office" : "\"the same as the last\"", backtest.value(),
                trend ? ", against %.0f%% for \"the same as the last\" (skill %.2f)".formatted(backtest.baseline(), backtest.skill())
                        : " (a trend model did worse, so the last level stands)",
                prediction.model(), prediction.version(), years.size(), releases ? "release years" : "years", years.getFirst(),
                lastYear, String.join(" and ", prediction.assumptions()));
        return new Forecast(columns, rows, explanation, prediction);
    }
}
