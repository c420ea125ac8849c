package ai.usheru.quota;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** What a language model charges, in US dollars per million prompt (input) and completion (output) tokens. */
public record TokenPrices(BigDecimal inputUsdPerMillion, BigDecimal outputUsdPerMillion) {

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    public BigDecimal costOf(long promptTokens, long completionTokens) {
        return inputUsdPerMillion.multiply(BigDecimal.valueOf(promptTokens))
                .add(outputUsdPerMillion.multiply(BigDecimal.valueOf(completionTokens)))
                .divide(MILLION, 8, RoundingMode.HALF_UP);
    }

    /** The most completion tokens {@code usd} pays for; unbounded when completions are free. */
    long completionTokensFor(BigDecimal usd) {
        if (usd.signum() < 0) {
            return -1;
        }
        if (outputUsdPerMillion.signum() == 0) {
            return Long.MAX_VALUE;
        }
        return usd.multiply(MILLION).divide(outputUsdPerMillion, 0, RoundingMode.FLOOR).min(BigDecimal.valueOf(Long.MAX_VALUE)).longValue();
    }
}
