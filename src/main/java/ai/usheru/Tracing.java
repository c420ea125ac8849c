package ai.usheru;

import io.sentry.EventProcessor;
import io.sentry.Hint;
import io.sentry.SentryEvent;
import org.slf4j.MDC;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingConnectionDetails;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.Transport;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Traces leave over OTLP only when a collector is named: by Spring Boot's
 * {@code management.opentelemetry.tracing.export.otlp.endpoint} (the whole URL, ending in {@code /v1/traces})
 * or by OpenTelemetry's standard {@code OTEL_EXPORTER_OTLP_ENDPOINT} (the collector's base address); Boot's
 * property wins when both are set. With neither, spans end in memory and nothing is sent, while the trace
 * id still ties together a request's log lines, its error reply and its Sentry event.
 */
@Configuration(proxyBeanMethods = false)
class Tracing {

    static final String BOOT_ENDPOINT = "management.opentelemetry.tracing.export.otlp.endpoint";
    static final String OTEL_ENDPOINT = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /** Boot reads only its own property; this makes the standard variable work too. */
    @Bean
    @ConditionalOnProperty(OTEL_ENDPOINT)
    OtlpTracingConnectionDetails otlpTracingConnectionDetails(Environment environment) {
        String boot = environment.getProperty(BOOT_ENDPOINT, "");
        String base = environment.getRequiredProperty(OTEL_ENDPOINT).replaceAll("/+$", "");
        return transport -> !boot.isBlank() ? boot : transport == Transport.GRPC ? base : base + "/v1/traces";
    }

    /** Sentry events carry the trace id of the work that failed, to find its spans and log lines. */
    @Bean
    EventProcessor traceIdOnSentryEvents() {
        return new EventProcessor() {
            @Override
            public SentryEvent process(SentryEvent event, Hint hint) {
                String traceId = MDC.get("traceId");
                if (traceId != null && !traceId.isEmpty()) {
                    event.setTag("trace_id", traceId);
                }
                return event;
            }
        };
    }
}
