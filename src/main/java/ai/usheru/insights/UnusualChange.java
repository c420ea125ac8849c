package ai.usheru.insights;

import java.util.Arrays;
import java.util.Optional;

/**
 * Decides whether a subject's latest week of box office (a genre's, a distributor's, a territory's) is an
 * unusual change, judged only against that subject's own history.
 *
 * <p>The method, in plain words. Box office grows and shrinks by multiples, so every week is put on a log
 * scale ({@code log(1 + dollars)}), where doubling counts the same at $20k as at $20m; an empty week is
 * read as a gap in the data, not as a fall to nothing. The latest week is predicted as a running level
 * plus a season. The <em>running level</em> moves 30% of the way towards each week's takings, but never by
 * more than two typical week-to-week changes, so one release spike or one bad week barely moves it. The
 * <em>season</em> is how far the same week stood from the running level a year ago, averaged with two
 * years ago when there is that much history; that week is the median of itself (counted twice) and its
 * two neighbours, so a one-week peak such as Christmas keeps most of its height while a one-off release in
 * it counts by half. The season is believed in proportion to how clearly it stands out of the
 * week-to-week noise: a Christmas that doubles takings every year is expected in full, a wobble a year
 * ago hardly at all. How far such predictions usually miss is measured the same way: each week of the
 * last three years is predicted from the weeks before it, and the spread is the median miss scaled to a
 * standard deviation (× 1.4826), which the few huge misses of release weeks do not inflate. The latest
 * week is reported when it misses its prediction by more than {@code threshold} spreads; its score is
 * that miss in spreads (+ above, − below), and the expected range is the prediction ± {@code threshold}
 * spreads turned back into dollars. Nothing is reported for a subject with fewer than {@code minHistory}
 * weeks of takings, nor when both the latest and the expected week are below {@code minVolume} dollars.
 *
 * <p>A release that lifts a subject's week beyond the range looks, from the subject's own history, like
 * any other unusual rise and is reported as one; telling the two apart needs the release calendar. One
 * call costs a pass over the history and two sorts of at most its length, and keeps no state.
 */
public final class UnusualChange {

    /**
     * What counts as unusual. {@code minHistory}: weeks with takings needed before judging; {@code minVolume}:
     * weekly dollars below which a subject is too small to report (the latest and the expected week must both
     * be under it); {@code threshold}: how many spreads a week may miss its prediction by and still be usual.
     */
    public record Settings(int minHistory, double minVolume, double threshold) {

        /**
         * A year of takings (with less, the season is unknown and a digest of 45 subjects carries about one
         * false finding in four), $10,000 a week, and 3.5 spreads: calibrated on synthetic series so that a
         * digest carries about one false finding in ten (see {@code PlantedAnomalyTest}).
         */
        public static final Settings DEFAULT = new Settings(52, 10_000, 3.5);

        public Settings {
            if (minHistory < BURN_IN + MIN_MISSES) {
                throw new IllegalArgumentException("minHistory must be at least " + (BURN_IN + MIN_MISSES) + " weeks");
            }
            if (!(minVolume >= 0) || !(threshold > 0)) {
                throw new IllegalArgumentException("minVolume must be at least 0 and threshold above 0");
            }
        }
    }

    /**
     * actual: the latest week's value; expected: the point expectation; low/high: the expected range; score:
     * how far outside, in robust standard units (signed: + above, - below).
     */
    public record Finding(double actual, double expected, double low, double high, double score) {

        public boolean above() {
            return actual > expected;
        }
    }

    /** Weeks that only settle the running level before its misses are counted. */
    private static final int BURN_IN = 4;
    private static final int MIN_MISSES = 8;
    private static final double LEVEL_STEP = 0.3;
    private static final double LEVEL_CLIP = 2;
    private static final int YEAR = 52;
    private static final int SEASON_YEARS = 2;
    /**
     * A year's season is a difference of noisy weeks; measured in week-to-week noise its variance is about
     * three (with release weeks in it), so a season standing out by less than that is at most half believed.
     */
    private static final double SEASON_NOISE = 3;
    private static final int MISS_WEEKS = 3 * YEAR;
    private static final double MAD_TO_SIGMA = 1.4826;
    /** No subject's box office is steadier than ±5% a week; without a floor a flat history would flag a cent. */
    private static final double MIN_SPREAD = 0.05;

    private UnusualChange() {}

    /**
     * history: the weekly values before the latest week, oldest first (52+ weeks typical, may hold zeros);
     * latest: the week judged. Empty when the latest value is inside the range, or when there is too little
     * history (fewer than minHistory non-zero weeks) or volume (latest and expected both below minVolume).
     * An empty latest week is never reported: like an empty week in the history, it is read as a gap.
     */
    public static Optional<Finding> detect(double[] history, double latest, Settings settings) {
        int takingWeeks = 0;
        for (double week : history) {
            if (week > 0) {
                takingWeeks++;
            }
        }
        if (takingWeeks < settings.minHistory() || !(latest > 0)) {
            return Optional.empty();
        }
        var past = Past.of(history);
        int n = history.length;
        double predicted = past.predict(n);
        double expected = Math.expm1(predicted);
        if (latest < settings.minVolume() && expected < settings.minVolume()) {
            return Optional.empty();
        }

        double[] misses = new double[n];
        int count = 0;
        for (int t = Math.max(BURN_IN, n - MISS_WEEKS); t < n; t++) {
            if (past.hasTakings(t)) {
                misses[count++] = Math.abs(past.logs[t] - past.predict(t));
            }
        }
        if (count < MIN_MISSES) {
            return Optional.empty();
        }
        double spread = Math.max(MIN_SPREAD, MAD_TO_SIGMA * median(misses, count));
        double score = (Math.log1p(latest) - predicted) / spread;
        if (Math.abs(score) <= settings.threshold()) {
            return Optional.empty();
        }
        double margin = settings.threshold() * spread;
        return Optional.of(new Finding(latest, expected, Math.max(0, Math.expm1(predicted - margin)),
                Math.expm1(predicted + margin), score));
    }

    /**
     * The history on the log scale (NaN for an empty week), the running level known before each week
     * ({@code levels} has one entry more than {@code logs}), and the typical week-to-week noise.
     */
    private record Past(double[] logs, double[] levels, double noise) {

        static Past of(double[] history) {
            int n = history.length;
            double[] logs = new double[n];
            double[] changes = new double[n];
            int count = 0;
            double previous = Double.NaN;
            for (int t = 0; t < n; t++) {
                logs[t] = history[t] > 0 ? Math.log1p(history[t]) : Double.NaN;
                if (history[t] > 0) {
                    if (!Double.isNaN(previous)) {
                        changes[count++] = Math.abs(logs[t] - previous);
                    }
                    previous = logs[t];
                }
            }
            // The difference of two weeks has √2 times the spread of one week.
            double noise = Math.max(MIN_SPREAD, MAD_TO_SIGMA * median(changes, count) / Math.sqrt(2));

            double[] first = new double[BURN_IN];
            int found = 0;
            for (int t = 0; t < n && found < BURN_IN; t++) {
                if (!Double.isNaN(logs[t])) {
                    first[found++] = logs[t];
                }
            }
            double level = median(first, found);
            double clip = LEVEL_CLIP * noise;
            double[] levels = new double[n + 1];
            for (int t = 0; t < n; t++) {
                levels[t] = level;
                if (!Double.isNaN(logs[t])) {
                    level += LEVEL_STEP * Math.clamp(logs[t] - level, -clip, clip);
                }
            }
            levels[n] = level;
            return new Past(logs, levels, noise);
        }

        boolean hasTakings(int t) {
            return !Double.isNaN(logs[t]);
        }

        /** The log-scale prediction of week {@code t} from the weeks before it: the running level plus the believed season. */
        double predict(int t) {
            double season = 0;
            int years = 0;
            for (int year = 1; year <= SEASON_YEARS && t - year * YEAR - 1 >= 0; year++) {
                int sameWeek = t - year * YEAR;
                double around = aroundSameWeek(sameWeek);
                if (!Double.isNaN(around)) {
                    season += around - levels[sameWeek];
                    years++;
                }
            }
            if (years == 0) {
                return levels[t];
            }
            season /= years;
            double doubt = SEASON_NOISE * noise * noise / years;
            return levels[t] + season * season * season / (season * season + doubt);
        }

        /**
         * The median of the week with takings counted twice and its two neighbours: a one-week peak such as
         * Christmas keeps most of its height, while a release in that week a year ago counts only by half.
         * NaN when none of the three had takings.
         */
        private double aroundSameWeek(int week) {
            double same = logs[week], before = logs[week - 1], after = logs[week + 1];
            if (Double.isNaN(same)) {
                return Double.isNaN(before) ? after : Double.isNaN(after) ? before : (before + after) / 2;
            }
            if (Double.isNaN(before) || Double.isNaN(after)) {
                return same;
            }
            return (same + Math.clamp(same, Math.min(before, after), Math.max(before, after))) / 2;
        }
    }

    /** The median of the first {@code length} values, which it sorts in place; NaN when there are none. */
    private static double median(double[] values, int length) {
        if (length == 0) {
            return Double.NaN;
        }
        Arrays.sort(values, 0, length);
        int middle = length / 2;
        return length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
