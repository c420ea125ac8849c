package ai.usheru.llm;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.UUID;

/**
 * A language model behind an OpenAI-compatible endpoint, with its prices per million tokens.
 * {@code apiKeySource} says where the key comes from ({@code env:OPENAI_API_KEY}); keys are never stored.
 */
public record LlmModel(UUID id, String name, String baseUrl, String apiKeySource, BigDecimal inputUsdPerMillion,
        BigDecimal outputUsdPerMillion, boolean enabled) {

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    public BigDecimal costOf(long promptTokens, long completionTokens) {
        return inputUsdPerMillion.multiply(BigDecimal.valueOf(promptTokens))
                .add(outputUsdPerMillion.multiply(BigDecimal.valueOf(completionTokens)))
                .divide(MILLION, 8, RoundingMode.HALF_UP);
    }

    /** The API key, read from where {@code apiKeySource} points; "none" for endpoints that need no key. */
    public String apiKey() {
        if (apiKeySource != null && apiKeySource.startsWith("env:")) {
            String value = System.getenv(apiKeySource.substring(4));
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return "none";
    }
}
