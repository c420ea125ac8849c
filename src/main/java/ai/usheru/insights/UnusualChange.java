package ai.usheru.insights;

import java.util.Arrays;
import java.util.Optional;

/** Placeholder until the calibrated detector lands: robust z-score of the log change against history. */
public final class UnusualChange {

    public record Settings(int minHistory, double minVolume, double threshold) {
        public static final Settings DEFAULT = new Settings(26, 10_000, 4.5);
    }

    public record Finding(double actual, double expected, double low, double high, double score) {
        public boolean above() {
            return actual > expected;
        }
    }

    private UnusualChange() {}

    public static Optional<Finding> detect(double[] history, double latest, Settings settings) {
        long nonZero = Arrays.stream(history).filter(v -> v > 0).count();
        if (nonZero < settings.minHistory()) {
            return Optional.empty();
        }
        int recent = Math.min(8, history.length);
        double[] last = Arrays.copyOfRange(history, history.length - recent, history.length);
        double expected = Math.expm1(median(Arrays.stream(last).map(Math::log1p).toArray()));
        if (latest < settings.minVolume() && expected < settings.minVolume()) {
            return Optional.empty();
        }
        double[] errors = new double[history.length - recent];
        for (int i = recent; i < history.length; i++) {
            double level = median(Arrays.stream(Arrays.copyOfRange(history, i - recent, i)).map(Math::log1p).toArray());
            errors[i - recent] = Math.log1p(history[i]) - level;
        }
        double spread = 1.4826 * median(Arrays.stream(errors).map(e -> Math.abs(e - median(errors))).toArray());
        if (spread <= 0) {
            return Optional.empty();
        }
        double score = (Math.log1p(latest) - Math.log1p(expected)) / spread;
        if (Math.abs(score) < settings.threshold()) {
            return Optional.empty();
        }
        double low = Math.expm1(Math.log1p(expected) - settings.threshold() * spread);
        double high = Math.expm1(Math.log1p(expected) + settings.threshold() * spread);
        return Optional.of(new Finding(latest, expected, low, high, score));
    }

    private static double median(double[] values) {
        if (values.length == 0) {
            return 0;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
