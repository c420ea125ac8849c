package ai.usheru.predict;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Split-conformal intervals that are wider where the model is less sure: Mondrian (group-conditional)
 * conformal prediction whose groups are bands of the model's own prediction. A film the model expects to
 * gross little is judged against the held-out films it also expected to gross little, whose errors on the
 * log scale are about twice those of wide releases; one interval for all would cover the hard films too
 * rarely and the easy ones too often.
 *
 * <p>The calibration is plain data, so it can be stored and rebuilt: the model's prediction and absolute
 * error for each held-out case (on the model's scale) and the number of bands. Nothing else is learned.
 *
 * <p>How a new case with prediction {@code p} is banded: the n held-out predictions and {@code p} are
 * ranked together, each by the number of the n + 1 values strictly below it (ties share a rank, so a band
 * depends only on the prediction and the set of predictions), and rank r falls in band
 * ⌊r · bands / (n + 1)⌋, so the bands hold equal shares. The half-width is the ⌈(m + 1) · level⌉-th
 * smallest of the m held-out errors in the new case's band (Vovk et al. 2005, Mondrian conformal; Lei et al.
 * 2018). As the bands come from predictions alone, never from outcomes, and treat the new case like the
 * held-out ones, a new case exchangeable with those of its band is covered with probability at least
 * {@code level} within each band, whatever the model. A band with too few errors for the rank (possible only
 * with many tied predictions) falls back to all n errors, the plain split-conformal interval; one band is
 * exactly that.
 *
 * <p>Arrays are copied in and out, and stored sorted by prediction (then error), so equal calibrations are
 * {@linkplain #equals equal}.
 *
 * @param bands the number of bands, at least 1
 * @param predictions the model's prediction for each held-out case
 * @param errors the absolute error for each held-out case, |actual − predicted|, in the same order
 */
public record BandedConformal(int bands, double[] predictions, double[] errors) {

    public BandedConformal {
        if (bands < 1) {
            throw new IllegalArgumentException("At least one band: " + bands);
        }
        if (predictions.length != errors.length) {
            throw new IllegalArgumentException(predictions.length + " predictions but " + errors.length + " errors");
        }
        double[] p = predictions;
        double[] e = errors;
        if (!Arrays.stream(p).allMatch(Double::isFinite) || !Arrays.stream(e).allMatch(error -> Double.isFinite(error) && error >= 0)) {
            throw new IllegalArgumentException("Predictions must be finite and errors finite and non-negative");
        }
        int[] order = IntStream.range(0, p.length).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> p[i]).thenComparingDouble(i -> e[i]))
                .mapToInt(Integer::intValue).toArray();
        predictions = Arrays.stream(order).mapToDouble(i -> p[i]).toArray();
        errors = Arrays.stream(order).mapToDouble(i -> e[i]).toArray();
    }

    /**
     * Calibrates on held-out cases: the model's predictions and the actual values, on the model's scale,
     * with {@code min(maxBands, n / minBandSize)} bands (at least one), so each band keeps about
     * {@code minBandSize} held-out cases or more.
     */
    public static BandedConformal calibrate(double[] predictions, double[] actuals, int maxBands, int minBandSize) {
        if (predictions.length != actuals.length) {
            throw new IllegalArgumentException(predictions.length + " predictions but " + actuals.length + " actual values");
        }
        double[] errors = IntStream.range(0, predictions.length).mapToDouble(i -> Math.abs(actuals[i] - predictions[i])).toArray();
        int bands = Math.max(1, Math.min(maxBands, predictions.length / minBandSize));
        return new BandedConformal(bands, predictions, errors);
    }

    @Override
    public double[] predictions() {
        return predictions.clone();
    }

    @Override
    public double[] errors() {
        return errors.clone();
    }

    public int calibrationSize() {
        return predictions.length;
    }

    /** Whether a finite interval exists at this level: at least ⌈(n + 1) level⌉ ≤ n held-out errors. */
    public boolean supports(double level) {
        return rank(predictions.length, level) <= predictions.length;
    }

    /** The band, from 0 (lowest predictions) to {@code bands − 1}, a new case with this prediction falls in. */
    public int bandOf(double prediction) {
        return band(countBelow(prediction));
    }

    /** The half-width around {@code prediction} that covers {@code level} (e.g. 0.8) of new cases of its band. */
    public double halfWidth(double prediction, double level) {
        if (!Double.isFinite(prediction)) {
            throw new IllegalArgumentException("Not a finite prediction: " + prediction);
        }
        int n = predictions.length;
        if (!supports(level)) {
            throw new IllegalStateException("Too few held-out errors (" + n + ") for a " + level + " interval");
        }
        int band = bandOf(prediction);
        double[] inBand = new double[n];
        int m = 0;
        int below = 0;
        for (int i = 0; i < n; i++) {
            if (i > 0 && predictions[i] != predictions[i - 1]) {
                below = i;
            }
            int rank = below + (prediction < predictions[i] ? 1 : 0);
            if (band(rank) == band) {
                inBand[m++] = errors[i];
            }
        }
        int rank = rank(m, level);
        double[] pool = rank <= m ? Arrays.copyOf(inBand, m) : errors.clone();
        Arrays.sort(pool);
        return pool[(rank <= m ? rank : rank(n, level)) - 1];
    }

    private int countBelow(double prediction) {
        int count = 0;
        while (count < predictions.length && predictions[count] < prediction) {
            count++;
        }
        return count;
    }

    private int band(int rank) {
        return (int) ((long) rank * bands / (predictions.length + 1));
    }

    private static int rank(int n, double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("A level is between 0 and 1: " + level);
        }
        return (int) Math.ceil((n + 1) * level);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BandedConformal that && bands == that.bands && Arrays.equals(predictions, that.predictions)
                && Arrays.equals(errors, that.errors);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * bands + Arrays.hashCode(predictions)) + Arrays.hashCode(errors);
    }

    @Override
    public String toString() {
        return "BandedConformal[bands=" + bands + ", " + predictions.length + " held-out cases]";
    }
}
