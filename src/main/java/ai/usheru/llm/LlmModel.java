package ai.usheru.llm;

import java.math.BigDecimal;
import java.util.UUID;

import ai.usheru.quota.TokenPrices;

/**
 * A language model behind an OpenAI-compatible endpoint, with its prices per million tokens.
 * {@code apiKeySource} says where the key comes from ({@code env:OPENAI_API_KEY}); keys are never stored.
 */
public record LlmModel(UUID id, String name, String baseUrl, String apiKeySource, BigDecimal inputUsdPerMillion,
        BigDecimal outputUsdPerMillion, boolean enabled) {

    public TokenPrices prices() {
        return new TokenPrices(inputUsdPerMillion, outputUsdPerMillion);
    }

    public BigDecimal costOf(long promptTokens, long completionTokens) {
        return prices().costOf(promptTokens, completionTokens);
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
