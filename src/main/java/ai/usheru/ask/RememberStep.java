package ai.usheru.ask;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import tools.jackson.databind.json.JsonMapper;

import ai.usheru.ask.planner.Interpretation;
import ai.usheru.memory.Recall;
import ai.usheru.memory.StoredMessage;
import ai.usheru.memory.Threads;
import ai.usheru.predict.Prediction;
import ai.usheru.quota.QuotaService;
import ai.usheru.warehouse.QueryResult;

/**
 * Step 7, remember: the answer is sent ({@code answer}, {@code suggestions}, then {@code done} with the
 * whole reply) and kept as the thread's next turn — its plan (or the readings offered), the SQL as
 * written and as it ran, the first rows; a turn whose SQL ran is also embedded in the vector memory
 * for later questions. Observed as {@code usheru.ask.answer}. What the ask cost is settled after this
 * step by {@link AskService}'s metering.
 */
final class RememberStep {

    /** How many rows of an answer the thread keeps, to show it again. */
    private static final int KEPT_ROWS = 20;

    private final Threads threads;
    private final Recall recall;
    private final QuotaService quotas;
    private final JsonMapper json;
    private final ObservationRegistry observations;

    RememberStep(Threads threads, Recall recall, QuotaService quotas, JsonMapper json, ObservationRegistry observations) {
        this.threads = threads;
        this.recall = recall;
        this.quotas = quotas;
        this.json = json;
        this.observations = observations;
    }

    AskReply apply(AskState ask) {
        return Observation.createNotStarted("usheru.ask.answer", observations).contextualName("answer")
                .lowCardinalityKeyValue("intent", ask.intent.code())
                .observe(() -> ask.route == AskState.Route.CLARIFY ? clarification(ask) : answer(ask));
    }

    private AskReply answer(AskState ask) {
        ask.emit("answer", Map.of("text", ask.answer));
        ask.emit("suggestions", Map.of("suggestions", ask.suggestions));
        String scoped = ask.ran() ? ask.execution.guarded().sql() : null;
        StoredMessage stored = threads.append(ask.thread.id(), "assistant", ask.answer, ask.intent.code(),
                ask.plan == null ? null : json.writeValueAsString(ask.plan), scoped, ask.ran() ? ask.sql : null,
                json.writeValueAsString(summaryOf(ask.result)));
        AskReply.Usage usage = ask.spend.usage(AskReply.Usage.OFFLINE);
        if (ask.ran()) {
            recall.rememberTurn(stored.id(), ask.me.id(), ask.thread.id(), ask.text, ask.sql);
            usage = usage.withWarehouse(ask.execution.warehouseMillis(), ask.execution.scannedBytes());
        }
        Interpretation interpretation = ask.plan != null ? Interpretation.of(ask.plan, ask.planner.vocabulary(), ask.scopeWords)
                : ask.route == AskState.Route.MODEL && ask.ran() ? Interpretation.ofSql(ask.sql, ask.scopeWords) : null;
        var reply = new AskReply(ask.thread.id(), ask.intent.code(), scoped, ask.result.columns(), ask.result.rows(), ask.answer,
                ask.suggestions, usage, quotas.remaining(ask.me.id()), chartOf(ask.result, ask.prediction), ask.scopeWords,
                ask.result.truncated(), ask.engine(), stored.id(), interpretation, ask.prediction);
        ask.emit(reply);
        return reply;
    }

    /** No figure, but the readings the question may have meant (the suggestions); the first is the reply's interpretation. */
    private AskReply clarification(AskState ask) {
        Interpretation first = Interpretation.of(ask.readings.getFirst(), ask.planner.vocabulary(), ask.scopeWords);
        ask.emit("answer", Map.of("text", ask.answer));
        ask.emit("suggestions", Map.of("suggestions", ask.suggestions));
        StoredMessage stored = threads.append(ask.thread.id(), "assistant", ask.answer, Intent.CLARIFY.code(),
                json.writeValueAsString(ask.readings), null, null, json.writeValueAsString(summaryOf(ask.result)));
        var reply = new AskReply(ask.thread.id(), Intent.CLARIFY.code(), null, List.of(), List.of(), ask.answer, ask.suggestions,
                ask.spend.usage(AskReply.Usage.OFFLINE), quotas.remaining(ask.me.id()), "table", ask.scopeWords, false, "offline",
                stored.id(), first, null);
        ask.emit(reply);
        return reply;
    }

    /** A yearly forecast is a line with its band; a film's forecast bars beside earlier films like it. */
    private static String chartOf(QueryResult result, Prediction prediction) {
        if (prediction == null) {
            return Answers.chartFor(result);
        }
        return "film".equals(result.columns().getFirst().name()) ? "bar" : "line";
    }

    private static Map<String, Object> summaryOf(QueryResult result) {
        var summary = new LinkedHashMap<String, Object>();
        summary.put("columns", result.columns());
        summary.put("rowCount", result.rows().size());
        summary.put("firstRows", result.rows().subList(0, Math.min(KEPT_ROWS, result.rows().size())));
        summary.put("truncated", result.truncated());
        return summary;
    }
}
