package ai.usheru.ask;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import ai.usheru.accounts.Account;
import ai.usheru.ask.planner.OfflinePlanner;
import ai.usheru.ask.planner.PlannerOutcome;
import ai.usheru.ask.planner.QueryPlan;
import ai.usheru.guard.GuardedSql;
import ai.usheru.guard.ScopedQueryRunner;
import ai.usheru.llm.LlmModel;
import ai.usheru.memory.ConversationThread;
import ai.usheru.predict.Prediction;
import ai.usheru.warehouse.QueryResult;

/**
 * One ask on its way through the pipeline's steps: what came in (the person, the question, the
 * thread), and what each step found, in the order they run — the reading ({@link UnderstandStep}),
 * the route and its SQL ({@link PlanStep}, {@link ModelStep}), the rows ({@link RunStep}), the
 * sentence ({@link AnswerStep}), the follow-ups ({@link SuggestStep}) and the stored turn
 * ({@link RememberStep}). Steps read what earlier steps wrote and fill in their own part.
 */
final class AskState {

    /** How the question is answered, decided by planning: it tells the later steps what to do. */
    enum Route {
        /** Words and no figure: a greeting, a refusal, a question not understood. */
        REPLY,
        /** No figure but the readings the question may have meant, offered to pick from. */
        CLARIFY,
        /** The planner's SQL, run in the caller's scope and described. */
        PLANNER,
        /** A yearly series run by the planner's SQL, then forecast. */
        SERIES_FORECAST,
        /** One film described in the question, forecast by the film models (no SQL). */
        FILM_FORECAST,
        /** The language model's SQL, already guarded and run while it was generated. */
        MODEL,
        /** SQL the user wrote or edited, already guarded and run. */
        USER_SQL
    }

    final Account me;
    /** The words that go into the thread as the user's turn (for a re-run, the reading's sentence). */
    final String text;
    final ConversationThread thread;
    /** Whether the thread had turns before this one (else there is nothing to follow up or pick from). */
    final boolean continued;
    final String datamart;
    final OfflinePlanner planner;
    /** The caller's scope in words, as every answer ends ("Computed for France and Germany."). */
    final String scopeWords;
    final Optional<LlmModel> model;
    /** A plan picked by the user (a chip removed), run as it is instead of reading the text. */
    final QueryPlan chosen;
    /** The plan of the thread's previous answer, which a follow-up refines. */
    final QueryPlan previous;
    final ModelSpend spend;
    private final Consumer<AskEvent> events;

    // What the steps find.
    PlannerOutcome outcome;
    Route route;
    Intent intent;
    QueryPlan plan;
    /** The readings offered by a clarification, the first being the reply's interpretation. */
    List<QueryPlan> readings = List.of();
    /** Why the model could not answer, told with the planner's reply. */
    String modelFailure;
    /** A note on the plan (regions named outside the caller's scope, left out). */
    String scopeNote;
    /** The film described by a film-forecast question. */
    FilmQuestion film;
    /** The regions a film forecast is for: those the question named, else the caller's scope. */
    Set<String> forecastRegions = Set.of();
    /** The SQL as written (by the planner, the model or the user), before the guard scoped it. */
    String sql;
    /** The model's account of its SQL. */
    String rationale;
    /** The SQL as the guard passed it, every scoped table replaced by its filtered derivation. */
    GuardedSql guarded;
    ScopedQueryRunner.Execution execution;
    QueryResult result = new QueryResult(List.of(), List.of(), false, 0);
    Prediction prediction;
    /** The explanation that comes with a forecast. */
    String forecastExplanation;
    String answer;
    List<String> suggestions = List.of();

    AskState(Account me, String text, ConversationThread thread, boolean continued, String datamart, OfflinePlanner planner, String scopeWords,
            Optional<LlmModel> model, QueryPlan chosen, QueryPlan previous, ModelSpend spend, Consumer<AskEvent> events) {
        this.me = me;
        this.text = text;
        this.thread = thread;
        this.continued = continued;
        this.datamart = datamart;
        this.planner = planner;
        this.scopeWords = scopeWords;
        this.model = model;
        this.chosen = chosen;
        this.previous = previous;
        this.spend = spend;
        this.events = events;
    }

    /** Tells the caller (the chat, an SSE stream) what just happened. */
    void emit(String name, Map<String, ?> data) {
        events.accept(new AskEvent(name, data));
    }

    void emit(AskReply reply) {
        events.accept(new AskEvent("done", reply));
    }

    /** A step's progress line: the step's name and what it is doing, in words. */
    void status(String step, String message) {
        emit("status", Map.of("step", step, "message", message));
    }

    void emitResult() {
        emit("result", Map.of("columns", result.columns(), "rows", result.rows(), "truncated", result.truncated()));
    }

    /** Ends planning with words and no figure. */
    void reply(Intent intent, String answer) {
        this.route = Route.REPLY;
        this.intent = intent;
        this.answer = answer;
    }

    /** Ends planning with readings to pick from and no figure. */
    void clarify(List<QueryPlan> readings, String answer) {
        this.route = Route.CLARIFY;
        this.intent = Intent.CLARIFY;
        this.readings = List.copyOf(readings);
        this.answer = answer;
    }

    String engine() {
        return route == Route.MODEL ? "llm" : "offline";
    }

    /** True when SQL ran for this ask (the planner's, the model's or the user's). */
    boolean ran() {
        return execution != null;
    }
}
