package ai.usheru.predict;

import java.util.List;

/**
 * How a model version did on held-out history, as the registry keeps it and the admin reads it: the
 * typical error of the model and of its naive baseline on the same cases (as a percentage, a mean
 * absolute log error of 0.2 reading 22 %, or for films as a {@link #FACTOR}), the skill (1 − model / baseline on the log scale, above 0 when
 * the model beats the baseline), the share of cases inside their 80 % interval, per test period, and
 * every held-out case for a chart of predicted against actual.
 */
public record ModelBacktest(String metric, double value, double baseline, double skill, double coverage, int heldOut,
        String periods, List<Period> byPeriod, List<Point> points) {

    /** The bars a version has to clear to be approved: better than its baseline, honest 80 % intervals. */
    public static final double MIN_COVERAGE = 0.75;
    public static final double MAX_COVERAGE = 0.85;

    /**
     * The metric of film models: the typical factor between estimate and actual, e<sup>mean |log error|</sup>
     * (3.0: typically a third or three times the actual). Films' errors are too large for percentages to read well.
     */
    public static final String FACTOR = "typical error factor";

    public ModelBacktest {
        byPeriod = List.copyOf(byPeriod);
        points = List.copyOf(points);
    }

    public record Period(String period, int cases, double value, double baseline, double skill, double coverage) {}

    /** One held-out case in dollars: what happened, what the model said, and its interval. */
    public record Point(String label, double actual, double predicted, double low, double high) {}

    /** Whether the version may be approved; {@link #shortfall()} says why not. */
    public boolean approvable() {
        return shortfall() == null;
    }

    public String shortfall() {
        if (!(skill > 0)) {
            return "it does not beat its naive baseline on held-out history (skill %.3f)".formatted(skill);
        }
        if (!(coverage >= MIN_COVERAGE && coverage <= MAX_COVERAGE)) {
            return "its 80 %% intervals covered %.1f %% of held-out cases, outside 75–85 %%".formatted(100 * coverage);
        }
        return null;
    }

    /** The {@link Prediction.Backtest} an answer carries. */
    public Prediction.Backtest summary() {
        return new Prediction.Backtest(metric, value, baseline, skill, coverage, heldOut);
    }

    /** Whether {@link #value} and {@link #baseline} are factors rather than percentages. */
    public boolean isFactor() {
        return FACTOR.equals(metric);
    }

    /** A mean absolute log error as the typical percentage it means: 0.2 → 22 %. */
    static double percent(double meanAbsoluteLogError) {
        return 100 * Math.expm1(meanAbsoluteLogError);
    }
}
