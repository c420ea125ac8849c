package ai.usheru.predict;

import java.util.List;

/**
 * A forecast as the chat and the API give it: the median estimate, the range that should hold the
 * actual value {@code level} of the time, the model and version that made it, how it did on held-out
 * history against a naive baseline, what it assumed, and the history it stands on.
 */
public record Prediction(String model, String version, double estimate, double low, double high, double level, String unit,
        Backtest backtest, List<String> assumptions, List<String> comparables) {

    public Prediction {
        assumptions = List.copyOf(assumptions);
        comparables = List.copyOf(comparables);
    }

    /**
     * Held-out error: {@code value} of the model and {@code baseline} of the naive forecast on the same
     * cases, in the unit {@code metric} names; {@code skill} is 1 − value / baseline (above 0: better than
     * the baseline); {@code coverage} is the share of held-out cases inside their interval.
     */
    public record Backtest(String metric, double value, double baseline, double skill, double coverage, int heldOut) {}
}
