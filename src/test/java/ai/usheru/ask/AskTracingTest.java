package ai.usheru.ask;

import static ai.usheru.support.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.json.JsonMapper;

import ai.usheru.llm.LlmModels;
import ai.usheru.support.IntegrationTest;
import ai.usheru.support.OtlpSpans;
import ai.usheru.support.OtlpSpans.Span;
import ai.usheru.support.TestUsers;

/**
 * With a collector named by {@code OTEL_EXPORTER_OTLP_ENDPOINT}, an ask reaches it as one trace: the API
 * call, the ask and its steps, and the model call with its model and token usage, and nothing of the
 * question or its SQL. An error reply names a trace the collector received. The collector here is an
 * OTLP/HTTP receiver in this JVM decoding the exporter's protobuf ({@link OtlpSpans}); the model is a fake OpenAI server.
 */
@TestPropertySource(properties = {"management.opentelemetry.tracing.export.schedule-delay=100ms", "app.llm.timeout=3s"})
class AskTracingTest extends IntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String QUESTION = "Which films have titles starting with Star?";
    private static final String SQL = "SELECT COUNT(*) AS films FROM movies";

    private static final List<Span> received = new CopyOnWriteArrayList<>();
    private static final HttpServer collector = start("/v1/traces", AskTracingTest::collect);
    private static final HttpServer model = start("/v1/chat/completions", AskTracingTest::complete);

    @DynamicPropertySource
    static void collectorAndModel(DynamicPropertyRegistry registry) {
        registry.add("OTEL_EXPORTER_OTLP_ENDPOINT", () -> "http://127.0.0.1:" + collector.getAddress().getPort());
    }

    @AfterAll
    static void stop() {
        collector.stop(0);
        model.stop(0);
    }

    @Autowired
    LlmModels models;

    @Autowired
    TestUsers users;

    @Autowired
    ObservationRegistry observations;

    @Autowired
    Tracer tracer;

    @Test
    void anAskIsOneTraceWithItsStepsAndTheModelCallButNotItsWords() throws Exception {
        models.register("trace-model", "http://127.0.0.1:" + model.getAddress().getPort() + "/v1", "env:NO_SUCH_KEY",
                new BigDecimal("1.00"), new BigDecimal("2.00"));
        var user = aUser();
        users.create(user);
        String token = http().token(user.email(), user.password());
        // Streamed, so the ask runs on another thread than its API call and must stay in the call's trace.
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/ask"))
                .header("Content-Type", "application/json").header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("question", QUESTION)))).build();
        String events = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
        assertThat(events).as("the model answered").contains("\"engine\":\"llm\"");

        Span ask = awaitSpan(span -> span.name().equals("ask"));
        List<Span> trace = awaitTrace(ask.traceId(), "answer");
        Map<String, Span> byName = trace.stream().collect(Collectors.toMap(Span::name, span -> span, (first, second) -> first));

        assertThat(byName.keySet()).as("the spans of the ask's trace")
                .contains("http post /api/v1/ask", "ask", "understand", "generate sql", "guard", "warehouse", "answer", "chat trace-model");
        assertThat(ancestors(ask, trace)).as("the ask runs within its API call").contains("http post /api/v1/ask");
        assertThat(ask.attributes()).containsEntry("kind", "question").containsEntry("model", "trace-model")
                .containsEntry("engine", "llm").containsEntry("intent", "data_query");

        Span chat = byName.get("chat trace-model");
        assertThat(chat.parentSpanId()).as("the model call is part of the SQL generation")
                .isEqualTo(byName.get("generate sql").spanId());
        assertThat(chat.attributes()).containsEntry("gen_ai.request.model", "trace-model")
                .containsEntry("gen_ai.usage.input_tokens", "500").containsEntry("gen_ai.usage.output_tokens", "20");
        assertThat(chat.endNanos() - chat.startNanos()).as("the model call's latency").isPositive();

        assertThat(byName.get("warehouse").attributes()).containsEntry("cached", "false").containsEntry("rows", "1")
                .containsEntry("datamart", "usheru_data_mart");

        for (Span span : trace) {
            assertThat(span.attributes().values()).as("attributes of " + span.name())
                    .noneMatch(value -> value.contains("titles starting") || value.contains(SQL) || value.toLowerCase().contains("select"));
        }
    }

    @Test
    void anErrorReplyNamesTheTraceOfItsRequest() {
        var user = aUser();
        users.create(user);
        String token = http().token(user.email(), user.password());

        var reply = http().postJson("/api/v1/ask", Map.of("question", "  "), token);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.text("code")).isEqualTo("empty_question");
        String traceId = reply.text("traceId");
        assertThat(traceId).as(reply.body()).matches("[0-9a-f]{32}");
        Span call = awaitSpan(span -> span.traceId().equals(traceId) && span.parentSpanId().isEmpty());
        assertThat(call.name()).as("the root of the error reply's trace").isEqualTo("http post /api/v1/ask");
    }

    /** The names of the spans above {@code span}, nearest first. */
    private static List<String> ancestors(Span span, List<Span> trace) {
        var names = new java.util.ArrayList<String>();
        for (Span at = span; !at.parentSpanId().isEmpty(); ) {
            String parent = at.parentSpanId();
            at = trace.stream().filter(candidate -> candidate.spanId().equals(parent)).findFirst().orElseThrow();
            names.add(at.name());
        }
        return names;
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void logLinesWithinAnObservedStepCarryItsTraceId(CapturedOutput output) {
        String traceId = Observation.createNotStarted("usheru.test.step", observations).observe(() -> {
            LoggerFactory.getLogger(AskTracingTest.class).info("A line within a traced step");
            return tracer.currentSpan().context().traceId();
        });

        assertThat(output.getOut().lines().filter(line -> line.contains("A line within a traced step")))
                .singleElement().asString().contains(traceId);
    }

    private static Span awaitSpan(Predicate<Span> wanted) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            var found = received.stream().filter(wanted).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            sleep();
        }
        throw new AssertionError("No such span reached the collector; it received " + received.stream().map(Span::name).toList());
    }

    /** The spans of one trace once its last-ending span ({@code last}) and its API call have arrived (spans export as they end). */
    private static List<Span> awaitTrace(String traceId, String last) {
        awaitSpan(span -> span.traceId().equals(traceId) && span.name().equals(last));
        awaitSpan(span -> span.traceId().equals(traceId) && span.name().startsWith("http "));
        return received.stream().filter(span -> span.traceId().equals(traceId)).toList();
    }

    private static void collect(HttpExchange exchange) throws IOException {
        try {
            received.addAll(OtlpSpans.read(exchange.getRequestBody().readAllBytes()));
        } catch (RuntimeException e) {
            e.printStackTrace(); // the exporter only sees the connection drop
            throw e;
        }
        exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
    }

    private static void complete(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        String content = JSON.writeValueAsString(Map.of("sql", SQL, "rationale", "Counted."));
        byte[] body = JSON.writeValueAsString(Map.of("id", "c1", "object", "chat.completion", "created", 1_700_000_000,
                "model", "trace-model", "choices", List.of(Map.of("index", 0, "finish_reason", "stop",
                        "message", Map.of("role", "assistant", "content", content))),
                "usage", Map.of("prompt_tokens", 500, "completion_tokens", 20, "total_tokens", 520))).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private static HttpServer start(String path, com.sun.net.httpserver.HttpHandler handler) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext(path, handler);
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
