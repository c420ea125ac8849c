package ai.usheru.predict;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import ai.usheru.Money;

/**
 * Forecasts weekly box office totals (a territory's, a genre's, all films') one to {@value #MAX_HORIZON} weeks ahead with
 * additive Holt-Winters on log(1 + dollars), and says how far to trust each week's forecast.
 *
 * <p>Weekly box office follows the year (summer, Thanksgiving, Christmas) far more than it trends, so the model is a
 * level with a damped trend plus a profile of {@value #PERIOD} seasonal weeks, its smoothing weights chosen on the history
 * by the smallest one-step-ahead absolute error (the backtest's own measure, and less swayed by one blockbuster week than
 * squared error). The profile is aligned by ISO week number, not by counting 52 weeks back: 52 weeks are 364 days, so
 * counting back drifts a day or two a year, while an ISO week always holds the same dates within three days. Week 53 of
 * a long year shares week 52's profile. Holidays that move (Thanksgiving's Thursday, Easter) still fall a week apart now
 * and then; the held-out errors include that.
 *
 * <p>The last two years are replayed by time: from every week in them the model is refitted on the (at most six) years
 * before it and forecasts 1..13 weeks ahead, beside the seasonal naive forecast "the same week last year" (the value 52
 * weeks before). Those held-out errors give the backtest, the choice of model (where Holt-Winters did not beat the
 * seasonal naive forecast over all horizons, the naive forecast answers) and, through split-conformal calibration, one
 * 80 % range per horizon — not a width scaled by horizon, because seasonal errors do not grow like a random walk's (the
 * naive forecast's error is the same one week or thirteen weeks ahead), and each horizon has its own held-out errors.
 * Coverage is judged as an answer would have been: each held-out case against a range calibrated only on the errors
 * whose week had already happened at its origin.
 */
public final class WeeklyForecaster {

    public static final String MODEL = "series-weekly";
    public static final String VERSION = "1";
    public static final double LEVEL = 0.8;
    public static final int MAX_HORIZON = 13;
    static final int PERIOD = 52;
    /** Weeks a model is fitted on at least: the first year starts the seasonal profile, the second is scored. */
    static final int MIN_TRAINING = 2 * PERIOD;
    /** Weeks of history needed: {@link #MIN_TRAINING} and a year of held-out forecasts. */
    static final int MIN_HISTORY = 3 * PERIOD;
    /** The held-out origins: every week of the last two years (fewer where the history is shorter). */
    static final int BACKTEST_WEEKS = 2 * PERIOD;
    /** A refit sees the last six years at most: older box office says little about next month, and the cost stays flat. */
    static final int FIT_WEEKS = 6 * PERIOD;
    /** Held-out errors needed for an 80 % range: with fewer, no rank of their errors covers 80 %. */
    static final int MIN_HELD_OUT = 4;

    private static final double[] ALPHAS = {0.05, 0.1, 0.2, 0.35, 0.5};
    private static final double[] GAMMAS = {0.05, 0.1, 0.2, 0.35};
    /** Trend weights per unit of error; with none the trend stays at zero and damping does not matter. */
    private static final double[] BETAS = {0, 0.005, 0.02};
    private static final double[] PHIS = {0.9, 0.98};

    private WeeklyForecaster() {}

    /** One forecast per week ahead, or why none can be given honestly. */
    public record Outcome(Optional<List<Prediction>> predictions, String refusal) {}

    /**
     * Forecasts the {@code horizon} weeks after the last of {@code weeklyValues} (oldest first, each a week's total in
     * dollars, a week without box office as 0); {@code weekStarts} are their first days, seven days apart.
     */
    public static Outcome forecast(double[] weeklyValues, List<LocalDate> weekStarts, int horizon) {
        if (horizon < 1 || horizon > MAX_HORIZON) {
            throw new IllegalArgumentException("A weekly forecast looks 1 to " + MAX_HORIZON + " weeks ahead, not " + horizon);
        }
        int n = weeklyValues.length;
        if (n < MIN_HISTORY) {
            return new Outcome(Optional.empty(), ("There are only %d weeks of history; a weekly forecast with an honest range needs at "
                    + "least %d (three years: two to learn the seasons, one to test the forecasts on).").formatted(n, MIN_HISTORY));
        }
        Evaluation evaluation = evaluate(weeklyValues, weekStarts);
        double[] logs = evaluation.logs();
        HoltWinters fitted = evaluation.holtWinters() ? HoltWinters.fit(logs, evaluation.seasons(), Math.max(0, n - FIT_WEEKS), n) : null;
        LocalDate last = weekStarts.get(n - 1);
        var predictions = new ArrayList<Prediction>();
        for (int h = 1; h <= horizon; h++) {
            int target = n - 1 + h;
            double centre = fitted != null ? fitted.forecast(h, evaluation.seasons()[target]) : logs[target - PERIOD];
            List<Double> errors = evaluation.errors(h);
            double width = SplitConformal.of(toArray(errors)).halfWidth(LEVEL);
            double value = meanAbsolute(errors);
            double naive = meanAbsolute(evaluation.at(h).stream().map(Case::naiveError).toList());
            var backtest = new Prediction.Backtest("typical error %d week%s ahead (%%)".formatted(h, h == 1 ? "" : "s"), percent(value),
                    percent(naive), evaluation.holtWinters() ? 1 - value / naive : 0, coverage(evaluation, h), errors.size());
            LocalDate week = last.plusWeeks(h);
            LocalDate yearBefore = week.minusWeeks(PERIOD);
            List<String> comparables = List.of(
                    "week of " + last + " (the last known): " + Money.words(weeklyValues[n - 1]),
                    "week of " + yearBefore + " (the same week a year before): " + Money.words(Math.max(0, weeklyValues[target - PERIOD])));
            List<String> assumptions = evaluation.holtWinters()
                    ? List.of("the week of " + week + " follows the seasonal pattern of the last years (weeks aligned by ISO week number)",
                            "the recent level holds, its trend damped", "films are released and counted as in past years")
                    : List.of("the week of " + week + " is like the same week a year before (" + yearBefore
                            + "): Holt-Winters did not beat that on held-out weeks of this series",
                            "films are released and counted as in past years");
            predictions.add(new Prediction(MODEL, VERSION, Math.expm1(centre), Math.max(0, Math.expm1(centre - width)),
                    Math.expm1(centre + width), LEVEL, "USD", backtest, assumptions, comparables));
        }
        return new Outcome(Optional.of(List.copyOf(predictions)), null);
    }

    /**
     * A held-out forecast: made at {@code origin} (the first week not seen, an index into the history) for {@code target}
     * ({@code origin + horizon - 1}), on the log scale, by Holt-Winters and by the seasonal naive forecast.
     */
    public record Case(int origin, int target, double actual, double holtWinters, double naive) {

        public double holtWintersError() {
            return actual - holtWinters;
        }

        public double naiveError() {
            return actual - naive;
        }
    }

    /**
     * The last {@value #BACKTEST_WEEKS} weeks replayed by time: the held-out {@link Case}s of each horizon, oldest origin
     * first, and whether Holt-Winters beat the seasonal naive forecast on all of them together, and so which answers.
     * {@code seasons} gives each week's seasonal index (from 0), {@value #MAX_HORIZON} weeks past the history included.
     */
    public record Evaluation(double[] logs, int[] seasons, List<List<Case>> horizons, boolean holtWinters) {

        /** The held-out cases {@code horizon} weeks ahead. */
        public List<Case> at(int horizon) {
            return horizons.get(horizon - 1);
        }

        /** The held-out errors (actual − forecast, log scale) of the model that answers, {@code horizon} weeks ahead. */
        public List<Double> errors(int horizon) {
            return at(horizon).stream().map(this::error).toList();
        }

        public double error(Case heldOut) {
            return holtWinters ? heldOut.holtWintersError() : heldOut.naiveError();
        }

        public double predicted(Case heldOut) {
            return holtWinters ? heldOut.holtWinters() : heldOut.naive();
        }
    }

    /** Replays a history of at least {@value #MIN_HISTORY} weeks by time; see {@link Evaluation}. */
    public static Evaluation evaluate(double[] weeklyValues, List<LocalDate> weekStarts) {
        int n = weeklyValues.length;
        if (weekStarts.size() != n) {
            throw new IllegalArgumentException(n + " weekly values but " + weekStarts.size() + " week starts");
        }
        if (n < MIN_HISTORY) {
            throw new IllegalArgumentException("A weekly backtest needs " + MIN_HISTORY + " weeks of history, not " + n);
        }
        double[] logs = new double[n];
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(weeklyValues[i])) {
                throw new IllegalArgumentException("The week of " + weekStarts.get(i) + " has no value: " + weeklyValues[i]);
            }
            if (i > 0 && ChronoUnit.DAYS.between(weekStarts.get(i - 1), weekStarts.get(i)) != 7) {
                throw new IllegalArgumentException("Weeks must follow each other (a week without box office counts as 0): "
                        + weekStarts.get(i - 1) + " is followed by " + weekStarts.get(i));
            }
            logs[i] = Math.log1p(Math.max(0, weeklyValues[i]));
        }
        int[] seasons = new int[n + MAX_HORIZON];
        for (int i = 0; i < seasons.length; i++) {
            seasons[i] = season(weekStarts.getFirst().plusWeeks(i));
        }
        List<List<Case>> horizons = new ArrayList<>();
        for (int h = 1; h <= MAX_HORIZON; h++) {
            horizons.add(new ArrayList<>());
        }
        double holtWintersSum = 0;
        double naiveSum = 0;
        for (int origin = Math.max(MIN_TRAINING, n - BACKTEST_WEEKS); origin < n; origin++) {
            HoltWinters model = HoltWinters.fit(logs, seasons, Math.max(0, origin - FIT_WEEKS), origin);
            for (int h = 1; h <= MAX_HORIZON && origin + h - 1 < n; h++) {
                int target = origin + h - 1;
                var heldOut = new Case(origin, target, logs[target], model.forecast(h, seasons[target]), logs[target - PERIOD]);
                horizons.get(h - 1).add(heldOut);
                holtWintersSum += Math.abs(heldOut.holtWintersError());
                naiveSum += Math.abs(heldOut.naiveError());
            }
        }
        return new Evaluation(logs, seasons, horizons.stream().map(List::copyOf).toList(), holtWintersSum < naiveSum);
    }

    /** A held-out case with the range an answer at its origin would have given: calibrated on the errors known by then. */
    record Judged(Case heldOut, double predicted, double halfWidth) {

        boolean isInside(Evaluation evaluation) {
            return Math.abs(evaluation.error(heldOut)) <= halfWidth;
        }
    }

    /**
     * The held-out cases {@code horizon} weeks ahead that had at least {@value #MIN_HELD_OUT} earlier errors to calibrate
     * on — earlier meaning the week forecast had happened before the case's origin, so no case helps to judge itself or
     * a forecast made alongside it.
     */
    static List<Judged> judged(Evaluation evaluation, int horizon) {
        List<Case> cases = evaluation.at(horizon);
        var judged = new ArrayList<Judged>();
        int known = 0;
        for (Case heldOut : cases) {
            while (known < cases.size() && cases.get(known).target() < heldOut.origin()) {
                known++;
            }
            if (known >= MIN_HELD_OUT) {
                double[] earlier = cases.subList(0, known).stream().mapToDouble(evaluation::error).toArray();
                judged.add(new Judged(heldOut, evaluation.predicted(heldOut), SplitConformal.of(earlier).halfWidth(LEVEL)));
            }
        }
        return judged;
    }

    /** The share of judged cases {@code horizon} weeks ahead inside their range; see {@link #judged}. */
    static double coverage(Evaluation evaluation, int horizon) {
        List<Judged> judged = judged(evaluation, horizon);
        return judged.isEmpty() ? Double.NaN : (double) judged.stream().filter(one -> one.isInside(evaluation)).count() / judged.size();
    }

    /** The seasonal index of a week: the ISO week number of its middle day, from 0, week 53 counted as week 52. */
    static int season(LocalDate weekStart) {
        return Math.min(weekStart.plusDays(3).get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), PERIOD) - 1;
    }

    /** A mean absolute log error as the typical percentage it means: 0.2 → 22 %. */
    private static double percent(double meanAbsoluteLogError) {
        return 100 * Math.expm1(meanAbsoluteLogError);
    }

    static double meanAbsolute(List<Double> errors) {
        return errors.stream().mapToDouble(Math::abs).average().orElse(0);
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * Additive Holt-Winters with a damped trend, in error-correction form: after each week's one-step error e the level
     * moves by α·e, the trend by β·e (then damped by φ each week), and that week's seasonal value by γ·e.
     */
    record HoltWinters(double level, double trend, double phi, double[] seasonal) {

        /**
         * Fits on {@code logs[from, to)} (at least {@value #MIN_TRAINING} weeks) with the weights of the grid whose
         * one-step errors, from the second year on, are smallest in absolute value.
         */
        static HoltWinters fit(double[] logs, int[] seasons, int from, int to) {
            double[] start = startingProfile(logs, seasons, from);
            double startLevel = mean(logs, from, from + PERIOD);
            HoltWinters best = null;
            double bestError = Double.POSITIVE_INFINITY;
            double[] seasonal = new double[PERIOD];
            for (double alpha : ALPHAS) {
                for (double gamma : GAMMAS) {
                    for (double beta : BETAS) {
                        for (double phi : beta == 0 ? new double[] {1} : PHIS) {
                            System.arraycopy(start, 0, seasonal, 0, PERIOD);
                            double level = startLevel;
                            double trend = 0;
                            double error = 0;
                            for (int t = from; t < to; t++) {
                                int season = seasons[t];
                                double e = logs[t] - (level + phi * trend + seasonal[season]);
                                if (t >= from + PERIOD) {
                                    error += Math.abs(e);
                                }
                                level += phi * trend + alpha * e;
                                trend = phi * trend + beta * e;
                                seasonal[season] += gamma * e;
                            }
                            if (error < bestError) {
                                bestError = error;
                                best = new HoltWinters(level, trend, phi, seasonal.clone());
                            }
                        }
                    }
                }
            }
            return best;
        }

        /** The first year's weeks as differences from its mean: the profile Holt-Winters starts from. */
        private static double[] startingProfile(double[] logs, int[] seasons, int from) {
            double mean = mean(logs, from, from + PERIOD);
            double[] sum = new double[PERIOD];
            int[] count = new int[PERIOD];
            for (int t = from; t < from + PERIOD; t++) {
                sum[seasons[t]] += logs[t] - mean;
                count[seasons[t]]++;
            }
            double[] profile = new double[PERIOD];
            for (int i = 0; i < PERIOD; i++) {
                // A year that starts inside a 53-week year skips one ISO week and counts week 52 twice.
                profile[i] = count[i] == 0 ? 0 : sum[i] / count[i];
            }
            return profile;
        }

        private static double mean(double[] values, int from, int to) {
            double sum = 0;
            for (int i = from; i < to; i++) {
                sum += values[i];
            }
            return sum / (to - from);
        }

        /** The log value {@code steps} weeks after the last fitted week, whose seasonal index is {@code season}. */
        double forecast(int steps, int season) {
            double damped = 0;
            double power = 1;
            for (int h = 1; h <= steps; h++) {
                power *= phi;
                damped += power;
            }
            return level + damped * trend + seasonal[season];
        }
    }
}
