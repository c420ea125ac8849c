package ai.usheru.predict;

import java.util.Arrays;

/**
 * Split-conformal prediction intervals: the errors a model made on held-out cases it was not trained
 * on, ranked, give the width that covers a chosen share of new cases — whatever the model, as long as
 * new cases are exchangeable with the held-out ones. Errors are taken on the scale the model works on
 * (log dollars for box office), so the interval is multiplicative in dollars.
 *
 * <p>With n held-out absolute errors, the interval at level {@code 1 - alpha} uses the
 * ⌈(n + 1)(1 − alpha)⌉-th smallest error (Lei et al. 2018); with too few errors for that rank there is
 * no finite interval, and {@link #of} says so.
 */
public final class SplitConformal {

    private final double[] sortedErrors;

    private SplitConformal(double[] sortedErrors) {
        this.sortedErrors = sortedErrors;
    }

    /** Calibrates on the absolute held-out errors (|actual − predicted| on the model's scale). */
    public static SplitConformal of(double[] absoluteErrors) {
        double[] sorted = Arrays.stream(absoluteErrors).map(Math::abs).filter(Double::isFinite).sorted().toArray();
        return new SplitConformal(sorted);
    }

    public int calibrationSize() {
        return sortedErrors.length;
    }

    /** Whether a finite interval exists at this level: at least ⌈(n + 1) level⌉ ≤ n errors. */
    public boolean supports(double level) {
        return rank(level) <= sortedErrors.length;
    }

    /** The half-width around a prediction that covers {@code level} (e.g. 0.8) of new cases. */
    public double halfWidth(double level) {
        int rank = rank(level);
        if (rank > sortedErrors.length) {
            throw new IllegalStateException("Too few held-out errors (" + sortedErrors.length + ") for a " + level + " interval");
        }
        return sortedErrors[rank - 1];
    }

    private int rank(double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("A level is between 0 and 1: " + level);
        }
        return (int) Math.ceil((sortedErrors.length + 1) * level);
    }
}
