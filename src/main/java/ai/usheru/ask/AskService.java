package ai.usheru.ask;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

import ai.usheru.DomainException;
import ai.usheru.accounts.Account;
import ai.usheru.accounts.AccountService;
import ai.usheru.accounts.Scope;
import ai.usheru.ask.planner.Interpretation;
import ai.usheru.ask.planner.OfflinePlanner;
import ai.usheru.ask.planner.QueryPlan;
import ai.usheru.guard.ScopedQueryRunner;
import ai.usheru.llm.AnswerWriter;
import ai.usheru.llm.LlmModel;
import ai.usheru.llm.LlmModels;
import ai.usheru.llm.SqlGenerator;
import ai.usheru.memory.ConversationThread;
import ai.usheru.memory.Recall;
import ai.usheru.memory.StoredMessage;
import ai.usheru.memory.Threads;
import ai.usheru.quota.QuotaService;
import ai.usheru.quota.Usage;
import ai.usheru.warehouse.QueryResult;

/**
 * The question pipeline, one use case for the chat and the API. An ask is one {@link AskState} taken
 * through its steps in order, each a small class: {@link UnderstandStep understand}, plan with the
 * {@link ModelStep language model} or the {@link PlanStep planner}, {@link GuardStep guard},
 * {@link RunStep run}, {@link AnswerStep answer}, {@link SuggestStep suggest}, {@link RememberStep remember},
 * with the quota reserved before and settled after ({@link #metered}, the account step). Each step is
 * reported to {@code events} as it happens (status events name the step), and observed (a timer, and a span of the
 * ask's trace when tracing is on): {@code usheru.ask} over the whole ask, {@code usheru.ask.understand},
 * {@code usheru.ask.generate}, {@code usheru.ask.guard}, {@code usheru.ask.warehouse}, {@code usheru.ask.write}
 * and {@code usheru.ask.answer} within it. Observations carry no question text, SQL or rows.
 */
@Service
public class AskService {

    static final int MAX_QUESTION_LENGTH = 2_000;
    static final int MAX_SQL_LENGTH = 20_000;

    private final AccountService accounts;
    private final Planners planners;
    private final ScopedQueryRunner queries;
    private final Threads threads;
    private final JsonMapper json;
    private final QuotaService quotas;
    private final LlmModels llmModels;
    private final Recall recall;
    private final ObservationRegistry observations;

    // The steps of an ask, in the order they run.
    private final UnderstandStep understandStep;
    private final ModelStep modelStep;
    private final PlanStep planStep;
    private final GuardStep guardStep;
    private final RunStep runStep;
    private final AnswerStep answerStep;
    private final SuggestStep suggestStep;
    private final RememberStep rememberStep;

    AskService(AccountService accounts, Planners planners, ScopedQueryRunner queries, Threads threads, JsonMapper json,
            QuotaService quotas, LlmModels llmModels, SqlGenerator sqlGenerator, AnswerWriter answerWriter, Recall recall,
            PredictionService predictions, ObservationRegistry observations) {
        this.accounts = accounts;
        this.planners = planners;
        this.queries = queries;
        this.threads = threads;
        this.json = json;
        this.quotas = quotas;
        this.llmModels = llmModels;
        this.recall = recall;
        this.observations = observations;
        this.understandStep = new UnderstandStep(threads, json, observations);
        this.modelStep = new ModelStep(sqlGenerator, queries, recall, threads);
        this.planStep = new PlanStep();
        this.guardStep = new GuardStep(queries);
        this.runStep = new RunStep(queries, predictions);
        this.answerStep = new AnswerStep(answerWriter, observations);
        this.suggestStep = new SuggestStep();
        this.rememberStep = new RememberStep(threads, recall, quotas, json, observations);
    }

    @PreAuthorize("isAuthenticated()")
    public AskReply ask(String question, UUID threadId, Consumer<AskEvent> events) {
        return ask(question, threadId, null, events);
    }

    /** Asks with a chosen language model, which must be one the user may use; null means their default. */
    @PreAuthorize("isAuthenticated()")
    public AskReply ask(String question, UUID threadId, String modelName, Consumer<AskEvent> events) {
        String text = question == null ? "" : question.strip();
        if (text.isEmpty()) {
            throw DomainException.badInput("empty_question", "Please type a question.");
        }
        if (text.length() > MAX_QUESTION_LENGTH) {
            throw DomainException.badInput("question_too_long", "Please keep questions under " + MAX_QUESTION_LENGTH + " characters.");
        }
        Account me = accounts.current();
        var model = modelFor(me, modelName);
        return observed("question", me, model, () -> metered(me, spend -> answer(me, text, threadId, events, spend, model, null)));
    }

    /**
     * Runs an earlier answer of the user's own again without one part of its reading (a chip removed
     * in the chat: a filter, the breakdown, the limit), as a new turn of its conversation. The plan
     * comes from what was stored, never from the client, and runs through the same guard and scope.
     */
    @PreAuthorize("isAuthenticated()")
    public AskReply askWithout(UUID messageId, String partKey, Consumer<AskEvent> events) {
        Account me = accounts.current();
        StoredMessage earlier = threads.ownedAnswer(me.id(), messageId)
                .filter(message -> message.planJson() != null && !Intent.CLARIFY.code().equals(message.intent()))
                .orElseThrow(() -> new DomainException(DomainException.Kind.NOT_FOUND, "message_not_found", "There is no such answer."));
        QueryPlan plan = Interpretation.without(json.readValue(earlier.planJson(), QueryPlan.class), partKey);
        OfflinePlanner planner = planners.forDatamart(datamartOf(me.scope()));
        String text = Interpretation.of(plan, planner.vocabulary(), scopeWords(me.scope(), planner)).sentence();
        return observed("without", me, Optional.empty(),
                () -> metered(me, spend -> answer(me, text, earlier.threadId(), events, spend, Optional.empty(), plan)));
    }

    /** The models the signed-in user may choose from, their default first. */
    @PreAuthorize("isAuthenticated()")
    public List<String> allowedModels() {
        return llmModels.allowedFor(accounts.current().id()).stream().map(LlmModel::name).toList();
    }

    private Optional<LlmModel> modelFor(Account me, String modelName) {
        List<LlmModel> allowed = llmModels.allowedFor(me.id());
        if (modelName == null || modelName.isBlank()) {
            return allowed.stream().findFirst();
        }
        return Optional.of(allowed.stream().filter(model -> model.name().equals(modelName.strip())).findFirst()
                .orElseThrow(() -> new DomainException(DomainException.Kind.FORBIDDEN, "model_not_allowed",
                        "You may not use the model '" + modelName + "'. Allowed: "
                                + (allowed.isEmpty() ? "none" : String.join(", ", allowed.stream().map(LlmModel::name).toList())) + ".")));
    }

    /**
     * Answers {@code text}, step by step over one {@link AskState}; with a {@code chosen} plan, that plan is
     * what runs and the text only names it in the thread. What it costs is settled around it ({@link #metered}).
     */
    private AskReply answer(Account me, String text, UUID threadId, Consumer<AskEvent> events, ModelSpend spend,
            Optional<LlmModel> model, QueryPlan chosen) {
        String datamart = datamartOf(me.scope());
        ConversationThread thread = threadFor(me, threadId, text);
        // A new conversation has no earlier answer to follow up or pick a reading from: nothing to read back.
        boolean continued = threadId != null;
        QueryPlan previous = continued
                ? threads.latestPlanJson(thread.id()).map(plan -> json.readValue(plan, QueryPlan.class)).orElse(null) : null;
        threads.append(thread.id(), "user", text, null);
        OfflinePlanner planner = planners.forDatamart(datamart);
        var ask = new AskState(me, text, thread, continued, datamart, planner, scopeWords(me.scope(), planner), model, chosen, previous,
                spend, events);

        understandStep.apply(ask);
        if (ModelStep.wanted(ask)) {
            modelStep.apply(ask);
        }
        if (ask.route == null) {
            planStep.apply(ask);
        }
        guardStep.apply(ask);
        runStep.apply(ask);
        answerStep.apply(ask);
        suggestStep.apply(ask);
        return rememberStep.apply(ask);
    }

    /** Runs SQL the user wrote or edited, through the same guard, scope and limits as generated SQL. */
    @PreAuthorize("isAuthenticated()")
    public AskReply query(String sql, UUID threadId, Consumer<AskEvent> events) {
        String text = sql == null ? "" : sql.strip();
        if (text.isEmpty()) {
            throw DomainException.badInput("empty_sql", "Please write a SELECT query.");
        }
        if (text.length() > MAX_SQL_LENGTH) {
            throw DomainException.badInput("sql_too_long", "Please keep queries under " + MAX_SQL_LENGTH + " characters.");
        }
        Account me = accounts.current();
        return observed("sql", me, Optional.empty(), () -> metered(me, spend -> runUserSql(me, text, threadId, events, spend)));
    }

    private AskReply runUserSql(Account me, String text, UUID threadId, Consumer<AskEvent> events, ModelSpend spend) {
        String datamart = datamartOf(me.scope());
        OfflinePlanner planner = planners.forDatamart(datamart);
        // Guarded and run before the turn is kept: a refused query leaves no conversation behind.
        var execution = queries.run(datamart, text, me.scope().regions());
        ConversationThread thread = threadFor(me, threadId, "SQL: " + text);
        threads.append(thread.id(), "user", text, Intent.USER_SQL.code());
        var ask = new AskState(me, text, thread, threadId != null, datamart, planner, scopeWords(me.scope(), planner), Optional.empty(),
                null, null, spend, events);
        ask.route = AskState.Route.USER_SQL;
        ask.intent = Intent.USER_SQL;
        ask.sql = text;
        ask.execution = execution;
        runStep.apply(ask);
        answerStep.apply(ask);
        suggestStep.apply(ask);
        return rememberStep.apply(ask);
    }

    /**
     * One ask as the observation {@code usheru.ask}, the root of its trace (or a child of the API call's):
     * what kind of ask, the datamart and the model offered, and, once answered, the intent and the engine.
     */
    private AskReply observed(String kind, Account me, Optional<LlmModel> model, Supplier<AskReply> work) {
        Observation observation = Observation.createNotStarted("usheru.ask", observations).contextualName("ask")
                .lowCardinalityKeyValue("kind", kind)
                .lowCardinalityKeyValue("datamart", datamartOf(me.scope()))
                .lowCardinalityKeyValue("model", model.map(LlmModel::name).orElse("none"))
                .lowCardinalityKeyValue("intent", "none")
                .lowCardinalityKeyValue("engine", "none");
        return observation.observe(() -> {
            AskReply reply = work.get();
            observation.lowCardinalityKeyValue("intent", reply.intent()).lowCardinalityKeyValue("engine", reply.engine());
            return reply;
        });
    }

    /**
     * Reserves quota before the work, settles it to the actual usage after, and releases it when the
     * work fails, so a failed ask costs nothing.
     */
    private AskReply metered(Account me, Function<ModelSpend, AskReply> work) {
        QuotaService.Reservation reservation = quotas.reserve(me.id(), me.clientId(), AskReply.Usage.OFFLINE.model());
        AskReply reply;
        try {
            reply = work.apply(new ModelSpend(quotas, me.id(), reservation));
        } catch (RuntimeException e) {
            quotas.release(reservation, e instanceof DomainException domain ? domain.code() : "error");
            throw e;
        }
        AskReply.Usage usage = reply.usage();
        quotas.settle(reservation, new Usage(usage.model(), usage.promptTokens(), usage.completionTokens(), usage.costUsd(),
                usage.warehouseMs(), usage.warehouseBytes(), reply.intent()));
        return reply;
    }

    /** One turn of a stored conversation: the user's words, or an answer rebuilt from what was stored. */
    public record Turn(String question, AskReply answer) {}

    /** The signed-in user's limits and what is left of them. */
    @PreAuthorize("isAuthenticated()")
    public Map<String, Object> remainingQuota() {
        return quotas.remaining(accounts.current().id());
    }

    @PreAuthorize("isAuthenticated()")
    public List<ConversationThread> threads() {
        return threads.list(accounts.current().id());
    }

    @PreAuthorize("isAuthenticated()")
    public List<Turn> history(UUID threadId) {
        Account me = accounts.current();
        ConversationThread thread = threadFor(me, threadId, "");
        var turns = new ArrayList<Turn>();
        for (StoredMessage message : threads.messages(thread.id())) {
            if (message.role().equals("user")) {
                turns.add(new Turn(message.content(), null));
                continue;
            }
            var summary = message.resultSummaryJson() == null ? null : json.readTree(message.resultSummaryJson());
            var columns = new ArrayList<QueryResult.Column>();
            var rows = new ArrayList<List<Object>>();
            if (summary != null) {
                summary.get("columns").forEach(column -> columns.add(new QueryResult.Column(column.get("name").asString(),
                        column.get("type").asString())));
                summary.get("firstRows").forEach(row -> {
                    var values = new ArrayList<Object>();
                    row.forEach(cell -> values.add(cell.isNumber() ? cell.numberValue() : cell.isNull() ? null : cell.asString()));
                    rows.add(values);
                });
            }
            var result = new QueryResult(columns, rows, summary != null && summary.get("truncated").asBoolean(), 0);
            turns.add(new Turn(null, new AskReply(thread.id(), message.intent(), message.sql(), columns, rows, message.content(),
                    List.of(), AskReply.Usage.OFFLINE, Map.of(), Answers.chartFor(result), "", result.truncated(), "offline",
                    message.id(), null, null)));
        }
        return turns;
    }

    @PreAuthorize("isAuthenticated()")
    public void renameThread(UUID threadId, String title) {
        String clean = title == null ? "" : title.strip();
        if (clean.isEmpty() || clean.length() > 300) {
            throw DomainException.badInput("invalid_title", "A title needs 1 to 300 characters.");
        }
        if (!threads.rename(accounts.current().id(), threadId, clean)) {
            throw new DomainException(DomainException.Kind.NOT_FOUND, "thread_not_found", "There is no such conversation.");
        }
    }

    /**
     * Records a thumbs up (+1) or down (-1) on an answer of the user's own. A thumbs-up on an answer
     * with SQL keeps its question and SQL as a verified example for later questions.
     */
    @PreAuthorize("isAuthenticated()")
    public void feedback(UUID messageId, int rating) {
        if (rating != 1 && rating != -1) {
            throw DomainException.badInput("invalid_rating", "A rating is 1 (helpful) or -1 (not helpful).");
        }
        Account me = accounts.current();
        StoredMessage answer = threads.ownedAnswer(me.id(), messageId).orElseThrow(() -> new DomainException(
                DomainException.Kind.NOT_FOUND, "message_not_found", "There is no such answer."));
        threads.setFeedback(answer.id(), (short) rating);
        if (rating == 1 && answer.sql() != null) {
            String datamart = datamartOf(me.scope());
            threads.questionBefore(answer).ifPresent(question -> {
                UUID example = threads.addVerifiedExample(question, answer.writtenSql(), datamart, me.id());
                recall.rememberExample(example, question, answer.writtenSql(), datamart, () -> threads.markIndexed(example));
            });
        }
    }

    @PreAuthorize("isAuthenticated()")
    public void deleteThread(UUID threadId) {
        UUID me = accounts.current().id();
        if (!threads.delete(me, threadId)) {
            throw new DomainException(DomainException.Kind.NOT_FOUND, "thread_not_found", "There is no such conversation.");
        }
        recall.forgetThread(me, threadId);
    }

    private ConversationThread threadFor(Account me, UUID threadId, String firstQuestion) {
        if (threadId != null) {
            return threads.find(me.id(), threadId).orElseThrow(() -> new DomainException(DomainException.Kind.NOT_FOUND,
                    "thread_not_found", "There is no such conversation."));
        }
        String title = firstQuestion.length() > 80 ? firstQuestion.substring(0, 77) + "…" : firstQuestion;
        return threads.create(me.id(), title);
    }

    private String datamartOf(Scope scope) {
        return scope.datamarts().isEmpty() ? planners.defaultDatamart() : new TreeSet<>(scope.datamarts()).first();
    }

    private static String scopeWords(Scope scope, OfflinePlanner planner) {
        return Answers.scopeWords(scope.regions(), planner.vocabulary());
    }


}
