package ai.usheru.llm;

import java.math.BigDecimal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Registers a default model at start-up when {@code OPENAI_BASE_URL} and {@code OPENAI_MODEL} are set
 * (the key is read from {@code OPENAI_API_KEY} when used, never stored). Prices come from
 * {@code OPENAI_INPUT_USD_PER_MTOK} and {@code OPENAI_OUTPUT_USD_PER_MTOK}.
 */
@Component
class DefaultModelRegistration implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DefaultModelRegistration.class);

    private final LlmModels models;
    private final Environment environment;

    DefaultModelRegistration(LlmModels models, Environment environment) {
        this.models = models;
        this.environment = environment;
    }

    @Override
    public void run(ApplicationArguments args) {
        String baseUrl = environment.getProperty("OPENAI_BASE_URL");
        String model = environment.getProperty("OPENAI_MODEL");
        if (baseUrl == null || baseUrl.isBlank() || model == null || model.isBlank()) {
            return;
        }
        models.register(model, baseUrl, "env:OPENAI_API_KEY",
                new BigDecimal(environment.getProperty("OPENAI_INPUT_USD_PER_MTOK", "0")),
                new BigDecimal(environment.getProperty("OPENAI_OUTPUT_USD_PER_MTOK", "0")));
        log.info("Language model {} at {} registered as the default", model, baseUrl);
    }
}
