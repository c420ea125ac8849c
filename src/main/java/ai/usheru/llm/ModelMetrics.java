package ai.usheru.llm;

import java.math.BigDecimal;
import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

/**
 * Language-model calls as metrics (Prometheus at /actuator/prometheus): their time and outcome, the
 * tokens they used and what they cost, per model and purpose ({@code sql} or {@code answer}).
 */
@Component
public class ModelMetrics {

    private final MeterRegistry registry;

    ModelMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void recordCall(LlmModel model, String purpose, Duration took, boolean succeeded, long promptTokens, long completionTokens) {
        Timer.builder("usheru.llm.calls").description("Language-model calls")
                .tags("model", model.name(), "purpose", purpose, "outcome", succeeded ? "ok" : "error")
                .register(registry).record(took);
        tokens(model, purpose, "prompt").increment(promptTokens);
        tokens(model, purpose, "completion").increment(completionTokens);
        BigDecimal cost = model.costOf(promptTokens, completionTokens);
        Counter.builder("usheru.llm.cost").baseUnit("usd").description("What language-model calls cost, at the model's prices")
                .tags("model", model.name(), "purpose", purpose).register(registry).increment(cost.doubleValue());
    }

    private Counter tokens(LlmModel model, String purpose, String kind) {
        return Counter.builder("usheru.llm.tokens").baseUnit("tokens").description("Tokens language models reported")
                .tags("model", model.name(), "purpose", purpose, "kind", kind).register(registry);
    }
}
