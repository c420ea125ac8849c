package ai.usheru.predict;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Forecasts the next values of a yearly series (a genre's, a country's or a series of films' box
 * office) with Holt's damped linear trend on a log scale, and says how far to trust it.
 *
 * <p>Box office is multiplicative and heavy-tailed, so the model works on log(1 + dollars): a trend is
 * a growth rate and an error a ratio. The smoothing weights (level α, trend β, damping φ) are chosen
 * on the history by the smallest one-step-ahead squared error. The history is then replayed by time:
 * from each origin the model is refitted on the years before it and forecasts {@code horizon} steps
 * ahead, beside the naive forecast "the same as the last value". Those held-out errors give the
 * backtest (mean absolute log error, as a typical percentage, and a skill score against the naive
 * forecast) and, through split-conformal calibration, the 80 % range of the forecast. Where the trend
 * did not beat the naive forecast on that history, the naive forecast answers, with its own range. Coverage is
 * measured the same honest way: each held-out case is judged with a range calibrated only on the
 * cases before it.
 */
public final class SeriesForecaster {

    public static final String MODEL = "series-holt-damped";
    /** The naive forecast, "the same as the last value", which answers where the trend did not beat it. */
    public static final String NAIVE = "series-last-value";
    public static final String VERSION = "1";
    public static final double LEVEL = 0.8;
    /** Years of history a model is fitted on at least, before its first held-out forecast. */
    static final int MIN_TRAINING = 5;
    /** Held-out forecasts needed for an 80 % range: with fewer, no rank of their errors covers 80 %. */
    static final int MIN_HELD_OUT = 4;

    private static final double[] ALPHAS = {0.2, 0.4, 0.6, 0.8, 1.0};
    private static final double[] BETAS = {0.0, 0.1, 0.3, 0.5};
    private static final double[] PHIS = {0.8, 0.9, 0.98};

    private SeriesForecaster() {}

    /** A forecast, or why none can be given honestly. */
    public record Outcome(Optional<Prediction> prediction, String refusal) {}

    /**
     * Forecasts the value {@code horizon} steps after the last of {@code values} (oldest first; each a
     * period's total in dollars). {@code labels} name the periods for the answer's comparables.
     */
    public static Outcome forecast(double[] values, List<String> labels, int horizon) {
        if (horizon < 1) {
            throw new IllegalArgumentException("A forecast looks at least one step ahead");
        }
        int n = values.length;
        if (n < MIN_TRAINING + MIN_HELD_OUT + horizon - 1) {
            return new Outcome(Optional.empty(), "There are only " + n + " periods of history; an honest range needs at least "
                    + (MIN_TRAINING + MIN_HELD_OUT + horizon - 1) + ".");
        }
        Evaluation evaluation = evaluate(values, horizon);
        boolean trend = evaluation.trend();
        List<Double> errors = evaluation.errors();
        double[] logs = evaluation.logs();
        double centre = trend ? Holt.fit(logs).forecast(horizon) : logs[n - 1];
        double width = SplitConformal.of(errors.stream().mapToDouble(Double::doubleValue).toArray()).halfWidth(LEVEL);
        double holtMae = meanAbsolute(evaluation.holtErrors());
        double naiveMae = meanAbsolute(evaluation.naiveErrors());
        var backtest = new Prediction.Backtest("typical error %d period%s ahead (%%)".formatted(horizon, horizon == 1 ? "" : "s"),
                percent(trend ? holtMae : naiveMae), percent(naiveMae), trend ? 1 - holtMae / naiveMae : 0, coverage(errors),
                errors.size());
        List<String> comparables = new ArrayList<>();
        for (int i = Math.max(0, n - 3); i < n; i++) {
            comparables.add(labels.get(i) + ": " + ai.usheru.Money.words(values[i]));
        }
        List<String> assumptions = trend
                ? List.of("the trend of the last years goes on, damped", "films are released and counted as in past years")
                : List.of("the last period's level holds (a trend model did not beat that on held-out history)",
                        "films are released and counted as in past years");
        return new Outcome(Optional.of(new Prediction(trend ? MODEL : NAIVE, VERSION, Math.expm1(centre),
                Math.max(0, Math.expm1(centre - width)), Math.expm1(centre + width), LEVEL, "USD", backtest, assumptions,
                comparables)), null);
    }

    /**
     * The history replayed by time: from each origin after the first {@value #MIN_TRAINING} periods, the
     * error (actual − forecast, log scale) of the trend model refitted on the periods before it and of the
     * naive forecast, {@code horizon} steps ahead; {@code trend} says whether the trend model beat the
     * naive one on them, and so which answers.
     */
    public record Evaluation(double[] logs, int horizon, List<Double> holtErrors, List<Double> naiveErrors, boolean trend) {

        /** The held-out errors of the model that answers. */
        public List<Double> errors() {
            return trend ? holtErrors : naiveErrors;
        }

        /** The first period (index into the history) each error belongs to is {@code MIN_TRAINING + horizon - 1 + i}. */
        public int periodOf(int error) {
            return MIN_TRAINING + horizon - 1 + error;
        }
    }

    /** Replays a history (at least {@value #MIN_TRAINING} + {@code horizon} periods) by time; see {@link Evaluation}. */
    public static Evaluation evaluate(double[] values, int horizon) {
        int n = values.length;
        double[] logs = new double[n];
        for (int i = 0; i < n; i++) {
            logs[i] = Math.log1p(Math.max(0, values[i]));
        }
        List<Double> holtErrors = new ArrayList<>();
        List<Double> naiveErrors = new ArrayList<>();
        for (int origin = MIN_TRAINING; origin + horizon - 1 < n; origin++) {
            double[] training = java.util.Arrays.copyOf(logs, origin);
            double actual = logs[origin + horizon - 1];
            holtErrors.add(actual - Holt.fit(training).forecast(horizon));
            naiveErrors.add(actual - training[training.length - 1]);
        }
        return new Evaluation(logs, horizon, holtErrors, naiveErrors, meanAbsolute(holtErrors) < meanAbsolute(naiveErrors));
    }

    /**
     * The share of held-out cases inside a range calibrated only on the cases before them — the honest
     * coverage, since no case helps to judge itself.
     */
    static double coverage(List<Double> errors) {
        int covered = 0;
        int judged = 0;
        for (int i = MIN_HELD_OUT; i < errors.size(); i++) {
            var earlier = SplitConformal.of(errors.subList(0, i).stream().mapToDouble(Double::doubleValue).toArray());
            judged++;
            if (Math.abs(errors.get(i)) <= earlier.halfWidth(LEVEL)) {
                covered++;
            }
        }
        return judged == 0 ? Double.NaN : (double) covered / judged;
    }

    /** A mean absolute log error as the typical percentage it means: 0.2 → 22 %. */
    private static double percent(double meanAbsoluteLogError) {
        return 100 * Math.expm1(meanAbsoluteLogError);
    }

    private static double meanAbsolute(List<Double> errors) {
        return errors.stream().mapToDouble(Math::abs).average().orElse(0);
    }

    /** Holt's linear trend with damping, fitted by grid search on one-step-ahead squared error. */
    record Holt(double level, double trend, double phi) {

        static Holt fit(double[] series) {
            Holt best = null;
            double bestError = Double.POSITIVE_INFINITY;
            for (double alpha : ALPHAS) {
                for (double beta : BETAS) {
                    for (double phi : PHIS) {
                        double[] state = run(series, alpha, beta, phi);
                        if (state[2] < bestError) {
                            bestError = state[2];
                            best = new Holt(state[0], state[1], phi);
                        }
                    }
                }
            }
            return best;
        }

        /** Smooths the series; returns the final level, trend and the sum of squared one-step errors. */
        private static double[] run(double[] series, double alpha, double beta, double phi) {
            double level = series[0];
            double trend = series.length > 1 ? series[1] - series[0] : 0;
            double squared = 0;
            for (int t = 1; t < series.length; t++) {
                double predicted = level + phi * trend;
                double error = series[t] - predicted;
                squared += error * error;
                double previous = level;
                level = predicted + alpha * error;
                trend = phi * trend + beta * (level - previous - phi * trend);
            }
            return new double[] {level, trend, squared};
        }

        double forecast(int horizon) {
            double damped = 0;
            double power = 1;
            for (int h = 1; h <= horizon; h++) {
                power *= phi;
                damped += power;
            }
            return level + damped * trend;
        }
    }
}
