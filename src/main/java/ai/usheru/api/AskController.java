package ai.usheru.api;

import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;
import java.util.function.Consumer;

import io.micrometer.context.ContextExecutorService;
import io.micrometer.context.ContextSnapshotFactory;
import io.swagger.v3.oas.annotations.Operation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import ai.usheru.DomainException;
import ai.usheru.ask.AskEvent;
import ai.usheru.ask.AskReply;
import ai.usheru.ask.AskService;

/**
 * Questions and hand-written SQL. Both answer with one JSON object, or, with
 * {@code Accept: text/event-stream}, stream each step as a server-sent event ending with {@code done}.
 */
@RestController
@RequestMapping("/api/v1")
class AskController {

    private static final Logger log = LoggerFactory.getLogger(AskController.class);

    private final AskService asks;
    private final SecurityContextHolderStrategy securityContexts;
    /** Each stream's thread carries on its request's observation, so the ask stays in the API call's trace. */
    private final ExecutorService streams = ContextExecutorService.wrap(Executors.newVirtualThreadPerTaskExecutor(),
            ContextSnapshotFactory.builder().build()::captureAll);

    AskController(AskService asks, SecurityContextHolderStrategy securityContexts) {
        this.asks = asks;
        this.securityContexts = securityContexts;
    }

    record AskRequest(String question, String threadId, String model) {}

    record QueryRequest(String sql, String threadId) {}

    record FeedbackRequest(String messageId, Integer rating) {}

    /** Thumbs up (1) or down (-1) on an answer; a thumbs-up keeps its question and SQL as a verified example. */
    @Operation(summary = "Rate an answer")
    @Refusals({"invalid_rating", "message_not_found"})
    @PostMapping(path = "/feedback", produces = MediaType.APPLICATION_JSON_VALUE)
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.NO_CONTENT)
    void feedback(@RequestBody FeedbackRequest request) {
        UUID messageId = threadIdOf(request.messageId());
        if (messageId == null || request.rating() == null) {
            throw DomainException.badInput("bad_request", "Send a messageId and a rating of 1 or -1.");
        }
        asks.feedback(messageId, request.rating());
    }

    @Operation(summary = "Ask a question")
    @Refusals({"empty_question", "question_too_long", "invalid_thread_id", "model_not_allowed", "thread_not_found",
            "quota_exceeded", "busy", "server_busy", "query_timeout", "llm_unavailable", "warehouse_unavailable",
            "datamart_unavailable"})
    @PostMapping(path = "/ask", produces = MediaType.APPLICATION_JSON_VALUE)
    AskReply ask(@RequestBody AskRequest request) {
        return asks.ask(request.question(), threadIdOf(request.threadId()), request.model(), event -> { });
    }

    @Operation(summary = "Ask a question")
    @Refusals({"empty_question", "question_too_long", "invalid_thread_id", "model_not_allowed", "thread_not_found",
            "quota_exceeded", "busy", "server_busy", "query_timeout", "llm_unavailable", "warehouse_unavailable",
            "datamart_unavailable"})
    @PostMapping(path = "/ask", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter askStreaming(@RequestBody AskRequest request) {
        UUID threadId = threadIdOf(request.threadId());
        return stream((service, events) -> service.ask(request.question(), threadId, request.model(), events));
    }

    @Operation(summary = "Run your own SQL")
    @Refusals({"empty_sql", "sql_too_long", "sql_rejected", "query_failed", "invalid_thread_id", "thread_not_found",
            "quota_exceeded", "busy", "server_busy", "query_timeout", "warehouse_unavailable", "datamart_unavailable"})
    @PostMapping(path = "/query", produces = MediaType.APPLICATION_JSON_VALUE)
    AskReply query(@RequestBody QueryRequest request) {
        return asks.query(request.sql(), threadIdOf(request.threadId()), event -> { });
    }

    @Operation(summary = "Run your own SQL")
    @Refusals({"empty_sql", "sql_too_long", "sql_rejected", "query_failed", "invalid_thread_id", "thread_not_found",
            "quota_exceeded", "busy", "server_busy", "query_timeout", "warehouse_unavailable", "datamart_unavailable"})
    @PostMapping(path = "/query", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter queryStreaming(@RequestBody QueryRequest request) {
        UUID threadId = threadIdOf(request.threadId());
        return stream((service, events) -> service.query(request.sql(), threadId, events));
    }

    /** Runs the work on its own thread, as the caller, so each event reaches the client as it happens. */
    private SseEmitter stream(BiFunction<AskService, Consumer<AskEvent>, AskReply> work) {
        var emitter = new SseEmitter(0L);
        var caller = securityContexts.getContext();
        streams.execute(() -> {
            securityContexts.setContext(caller);
            try {
                work.apply(asks, event -> send(emitter, event.name(), event.data()));
                emitter.complete();
            } catch (DomainException e) {
                send(emitter, "error", new ApiError(e.code(), e.getMessage()).traced());
                emitter.complete();
            } catch (RuntimeException e) {
                if (ApiErrors.databaseLost(e)) {
                    log.warn("Streaming answer failed: the database is unreachable");
                    send(emitter, "error", ApiErrors.DATABASE_UNAVAILABLE);
                    emitter.complete();
                    return;
                }
                log.error("Streaming answer failed", e);
                send(emitter, "error", new ApiError("internal_error", "Something went wrong on our side. Please try again.").traced());
                emitter.complete();
            } finally {
                securityContexts.clearContext();
            }
        });
        return emitter;
    }

    private static void send(SseEmitter emitter, String name, Object data) {
        try {
            emitter.send(SseEmitter.event().name(name).data(data, MediaType.APPLICATION_JSON));
        } catch (IOException e) {
            throw new IllegalStateException("The client went away", e);
        }
    }

    private static UUID threadIdOf(String threadId) {
        if (threadId == null || threadId.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(threadId.strip());
        } catch (IllegalArgumentException e) {
            throw DomainException.badInput("invalid_thread_id", "The threadId is not a valid id.");
        }
    }
}
