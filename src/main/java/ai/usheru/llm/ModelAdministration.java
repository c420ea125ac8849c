package ai.usheru.llm;

import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

import ai.usheru.DomainException;

/**
 * Admins manage the language models the product may call: endpoint, where the key comes from (an
 * environment variable; keys are never stored), prices per million tokens, and whether it is enabled.
 */
@Service
public class ModelAdministration {

    private static final Pattern NAME = Pattern.compile("[\\w.:/@+-]{1,200}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,190}");
    private static final BigDecimal MAX_PRICE = new BigDecimal("100000");

    private final LlmModels models;

    ModelAdministration(LlmModels models) {
        this.models = models;
    }

    /**
     * What an admin sets for a model. {@code apiKeyEnv} names the environment variable holding the key;
     * blank for endpoints that need none (a local Ollama, say).
     */
    public record ModelSettings(String name, String baseUrl, String apiKeyEnv, BigDecimal inputUsdPerMillion,
            BigDecimal outputUsdPerMillion, boolean enabled) {}

    /** A model with how many users were granted it, whether it is everyone's default, and whether its key is set. */
    public record ModelRow(LlmModel model, int grantedUsers, boolean isDefault, boolean keyPresent) {

        public String apiKeyEnv() {
            String source = model.apiKeySource();
            return source != null && source.startsWith("env:") ? source.substring(4) : "";
        }
    }

    @PreAuthorize("hasRole('ADMIN')")
    public List<ModelRow> all() {
        var counts = models.grantCounts();
        String defaultName = models.findDefault().map(LlmModel::name).orElse(null);
        return models.all().stream().map(model -> new ModelRow(model, counts.getOrDefault(model.name(), 0),
                model.name().equals(defaultName), !"none".equals(model.apiKey()))).toList();
    }

    /** Creates or updates the model named in {@code settings}, after checking every field. */
    @PreAuthorize("hasRole('ADMIN')")
    public LlmModel save(ModelSettings settings) {
        String name = settings.name() == null ? "" : settings.name().strip();
        if (!NAME.matcher(name).matches()) {
            throw DomainException.badInput("invalid_model_name",
                    "A model name is 1 to 200 letters, digits or . : / @ + - _ (as the provider spells it, e.g. gpt-4o-mini).");
        }
        String baseUrl = settings.baseUrl() == null ? "" : settings.baseUrl().strip();
        if (!isHttpUrl(baseUrl)) {
            throw DomainException.badInput("invalid_base_url",
                    "The endpoint is an http(s) address such as https://api.openai.com/v1 or http://localhost:11434/v1.");
        }
        String keyEnv = settings.apiKeyEnv() == null ? "" : settings.apiKeyEnv().strip();
        if (!keyEnv.isEmpty() && !ENV_NAME.matcher(keyEnv).matches()) {
            throw DomainException.badInput("invalid_key_source",
                    "Name the environment variable that holds the key, e.g. OPENAI_API_KEY; the key itself is never stored.");
        }
        BigDecimal input = price(settings.inputUsdPerMillion(), "input");
        BigDecimal output = price(settings.outputUsdPerMillion(), "output");
        return models.save(name, baseUrl, keyEnv.isEmpty() ? null : "env:" + keyEnv, input, output, settings.enabled());
    }

    private static BigDecimal price(BigDecimal value, String which) {
        if (value == null) {
            return BigDecimal.ZERO;
        }
        if (value.signum() < 0 || value.compareTo(MAX_PRICE) > 0 || value.scale() > 6) {
            throw DomainException.badInput("invalid_price",
                    "The " + which + " price is US dollars per million tokens, from 0 to 100000 with at most 6 decimals.");
        }
        return value;
    }

    private static boolean isHttpUrl(String value) {
        try {
            URI uri = URI.create(value);
            return uri.getHost() != null && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && value.length() <= 500;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
