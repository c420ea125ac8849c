package ai.usheru.ask;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

import ai.usheru.DomainException;
import ai.usheru.accounts.Account;
import ai.usheru.accounts.AccountService;
import ai.usheru.accounts.Scope;
import ai.usheru.ask.planner.Interpretation;
import ai.usheru.predict.Prediction;
import ai.usheru.ask.planner.OfflinePlanner;
import ai.usheru.ask.planner.PlannerOutcome;
import ai.usheru.ask.planner.QueryPlan;
import ai.usheru.ask.planner.Vocabulary;
import ai.usheru.guard.ScopedQueryRunner;
import ai.usheru.guard.SqlRejectedException;
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
import ai.usheru.semantic.SemanticModel;
import ai.usheru.warehouse.QueryResult;

/**
 * The question pipeline, one use case for the chat and the API: understand the question, plan it,
 * guard and run the SQL in the caller's scope, answer, suggest, and remember it all in the thread.
 * Each step is reported to {@code events} as it happens, and observed (a timer, and a span of the
 * ask's trace when tracing is on): {@code usheru.ask} over the whole ask, {@code usheru.ask.understand},
 * {@code usheru.ask.generate}, {@code usheru.ask.guard}, {@code usheru.ask.warehouse}, {@code usheru.ask.write}
 * and {@code usheru.ask.answer} within it. Observations carry no question text, SQL or rows.
 */
@Service
public class AskService {

    private static final Logger log = LoggerFactory.getLogger(AskService.class);

    static final int MAX_QUESTION_LENGTH = 2_000;
    static final int MAX_SQL_LENGTH = 20_000;

    private final AccountService accounts;
    private final Planners planners;
    private final ScopedQueryRunner queries;
    private final Threads threads;
    private final JsonMapper json;
    private final QuotaService quotas;
    private final LlmModels llmModels;
    private final SqlGenerator sqlGenerator;
    private final AnswerWriter answerWriter;
    private final Recall recall;
    private final PredictionService predictions;
    private final ObservationRegistry observations;

    AskService(AccountService accounts, Planners planners, ScopedQueryRunner queries, Threads threads, JsonMapper json,
            QuotaService quotas, LlmModels llmModels, SqlGenerator sqlGenerator, AnswerWriter answerWriter, Recall recall,
            PredictionService predictions, ObservationRegistry observations) {
        this.observations = observations;
        this.predictions = predictions;
        this.recall = recall;
        this.answerWriter = answerWriter;
        this.llmModels = llmModels;
        this.sqlGenerator = sqlGenerator;
        this.quotas = quotas;
        this.accounts = accounts;
        this.planners = planners;
        this.queries = queries;
        this.threads = threads;
        this.json = json;
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

    /** Answers {@code text}; with a {@code chosen} plan, that plan is what runs and the text only names it in the thread. */
    private AskReply answer(Account me, String text, UUID threadId, Consumer<AskEvent> events, ModelSpend spend,
            Optional<LlmModel> model, QueryPlan chosen) {
        String datamart = datamartOf(me.scope());
        ConversationThread thread = threadFor(me, threadId, text);
        QueryPlan previous = threads.latestPlanJson(thread.id()).map(plan -> json.readValue(plan, QueryPlan.class)).orElse(null);
        threads.append(thread.id(), "user", text, null);

        events.accept(new AskEvent("status", Map.of("step", "understanding", "message", "Reading the question")));
        OfflinePlanner planner = planners.forDatamart(datamart);
        String scopeWords = scopeWords(me.scope(), planner);
        PlannerOutcome outcome = understand(thread, text, previous, chosen, planner, scopeWords);

        // The planner goes first when it is confident; a question it did not read, or read only in part,
        // goes to the language model when there is one, and comes back to the planner if the model fails.
        boolean readInPart = outcome.hasSql() && !outcome.confident() && outcome.forecast() == null;
        String modelFailure = null;
        if ((outcome.intent() == Intent.NOT_UNDERSTOOD || readInPart) && model.isPresent()) {
            try {
                // Each model call is paid for in advance (ModelSpend): no budget, no call.
                return answerWithModel(me, thread, model.get(), text, datamart, planner, scopeWords, events, spend);
            } catch (DomainException e) {
                if (!isModelFailure(e)) {
                    throw e;
                }
                modelFailure = e.getMessage() + (readInPart ? "" : " The offline planner answered instead.");
                if (!readInPart) {
                    return finish(thread, outcome.intent(), null, null, emptyResult(), outcome.message() + " (" + modelFailure + ")",
                            List.of(), scopeWords, me, events, spend.usage(AskReply.Usage.OFFLINE), "offline");
                }
            }
        }
        // What a model spent before it failed is billed with the planner's answer.
        AskReply.Usage usage = spend.usage(AskReply.Usage.OFFLINE);
        if (readInPart) {
            // A figure that leaves words out may answer another question: say what was read, offer it, give no figure.
            QueryPlan reading = narrowToScope(outcome.plan(), me.scope(), planner).plan();
            return clarify(thread, List.of(reading), Answers.clarification(outcome.unreadWords(),
                    Interpretation.of(reading, planner.vocabulary(), scopeWords)) + (modelFailure == null ? "" : " (" + modelFailure + ")"),
                    scopeWords, me, events, usage);
        }
        if (!outcome.hasSql()) {
            return finish(thread, outcome.intent(), null, null, emptyResult(), outcome.message(), List.of(), scopeWords, me, events,
                    usage, "offline");
        }
        QueryPlan plan = outcome.plan();
        var narrowed = narrowToScope(plan, me.scope(), planner);
        if (narrowed.refusal() != null) {
            return finish(thread, outcome.intent(), plan, null, emptyResult(), narrowed.refusal(), List.of(), scopeWords, me, events,
                    usage, "offline");
        }
        plan = narrowed.plan();
        // A title that remakes share, with no year to tell them apart: which film, not their sum.
        List<QueryPlan> remakes = outcome.forecast() == null ? Interpretation.remakeReadings(plan, planner.vocabulary()) : List.of();
        if (!remakes.isEmpty()) {
            String title = String.valueOf(plan.filtersOn("title").getFirst().values().getFirst());
            return clarify(thread, remakes, "Several films are titled “" + title + "” ("
                    + planner.vocabulary().releaseYears(title).stream().map(String::valueOf).collect(Collectors.joining(", "))
                    + "). Which one do you mean? Pick a reading below.", scopeWords, me, events, usage);
        }
        String sql = plan == outcome.plan() ? outcome.sql() : planner.compile(plan);
        if (outcome.forecast() != null) {
            sql = outcome.sql();
            // One film described ("a $100M PG-13 action film"): the film models, not a yearly series.
            var film = FilmQuestion.read(text, plan, outcome.forecast().targetYear());
            if (film.isPresent()) {
                List<String> named = FilmQuestion.regions(plan);
                var forecast = predictions.filmForecast(me, named.isEmpty() ? me.scope().regions() : java.util.Set.copyOf(named),
                        film.get().target(), film.get().film());
                var rows = new QueryResult(forecast.columns(), forecast.rows(), false, 0);
                events.accept(new AskEvent("result", Map.of("columns", rows.columns(), "rows", rows.rows(), "truncated", false)));
                return finish(thread, outcome.intent(), null, null, rows, forecast.explanation(),
                        FilmQuestion.suggestions(film.get(), planner.vocabulary().latestYear()), scopeWords, me, events, usage, "offline",
                        forecast.prediction());
            }
        }

        events.accept(new AskEvent("status", Map.of("step", "querying", "message", "Running the query")));
        var execution = queries.run(datamart, sql, me.scope().regions());
        events.accept(new AskEvent("sql", Map.of("sql", execution.guarded().sql())));
        QueryResult result = execution.result();
        String answer;
        List<String> suggestions;
        Prediction prediction = null;
        if (outcome.forecast() != null) {
            var metricLabel = planner.vocabulary().model().metric(plan.metric()).label().replace(" (USD)", "").toLowerCase();
            boolean releases = plan.filters().stream().anyMatch(filter -> filter.field().equals("title_contains"));
            // What is forecast, in words: the series, or the films the question's conditions keep (not the history window).
            var conditions = plan.filters().stream().filter(filter -> !filter.field().equals("year")).toList();
            String subject = releases || conditions.isEmpty() ? outcome.forecast().subject()
                    : forecastSubject(Interpretation.conditions(plan.withFilters(conditions), planner.vocabulary()));
            QueryResult complete = predictions.completeYears(result, datamart, me.scope().regions());
            var forecast = Forecaster.forecast(complete, subject, metricLabel, outcome.forecast().targetYear(), releases,
                    predictions.seriesVersion(me));
            result = new QueryResult(forecast.columns(), forecast.rows(), false, result.elapsedMillis());
            String partial = complete == result ? "" : " " + result.rows().getLast().getFirst()
                    + " is left out: the data ends before its December, so its total is not complete yet.";
            answer = forecast.explanation() + partial + " Computed for " + scopeWords + ".";
            suggestions = List.of("And by genre?", "Which films contributed most?");
            prediction = forecast.prediction();
        } else {
            answer = Answers.describe(plan, result, planner.vocabulary(), scopeWords)
                    + (narrowed.note() == null ? "" : " " + narrowed.note());
            suggestions = Answers.suggestionsFor(plan, planner.vocabulary(), me.scope().regions());
        }
        events.accept(new AskEvent("result", Map.of("columns", result.columns(), "rows", result.rows(), "truncated", result.truncated())));
        return finish(thread, outcome.intent(), plan, new Ran(text, sql, execution), result, answer, suggestions, scopeWords, me, events,
                usage, "offline", prediction);
    }

    /** The planner's reading of the question, observed as {@code usheru.ask.understand} with the intent it found. */
    private PlannerOutcome understand(ConversationThread thread, String text, QueryPlan previous, QueryPlan chosen,
            OfflinePlanner planner, String scopeWords) {
        Observation observation = Observation.createNotStarted("usheru.ask.understand", observations).contextualName("understand")
                .lowCardinalityKeyValue("intent", "none");
        return observation.observe(() -> {
            PlannerOutcome outcome;
            try {
                // A reading offered after a question read only in part, picked as offered: run it as read.
                Optional<QueryPlan> offered = chosen != null ? Optional.of(chosen) : offeredReading(thread, text, planner, scopeWords);
                outcome = offered.isPresent()
                        ? new PlannerOutcome(Intent.DATA_QUERY, offered.get(), planner.compile(offered.get()), null, null)
                        : planner.plan(text, previous);
            } catch (RuntimeException e) {
                if (ai.usheru.DatabaseFailures.databaseLost(e)) {
                    throw e;
                }
                // A question the planner trips over is one it did not understand; the model may still answer it.
                log.error("The planner failed on a question", e);
                outcome = PlannerOutcome.reply(Intent.NOT_UNDERSTOOD, "I could not work out how to answer that. Try naming what to "
                        + "measure and for what, for example “Top 5 films by box office in Germany in 2009”.");
            }
            observation.lowCardinalityKeyValue("intent", outcome.intent().code());
            return outcome;
        });
    }

    private static final java.util.regex.Pattern OF_FILMS = java.util.regex.Pattern.compile("(?:^|, )of ([^,]+ films)");

    /** The conditions of a forecast as a subject: "in France, of Action films" reads "Action films in France". */
    static String forecastSubject(String conditions) {
        String words = conditions.strip();
        var films = OF_FILMS.matcher(words);
        if (!films.find()) {
            return "films " + words;
        }
        String rest = (words.substring(0, films.start()) + words.substring(films.end())).replaceAll("^,\\s*|,\\s*$", "").strip();
        return films.group(1) + (rest.isEmpty() ? "" : " " + rest);
    }

    /**
     * The plan of the thread's last answer when it was a clarification whose offered reading is
     * what the user now sent (a click on the offer, or the same words typed).
     */
    private Optional<QueryPlan> offeredReading(ConversationThread thread, String text, OfflinePlanner planner, String scopeWords) {
        List<QueryPlan> offered = threads.lastAnswer(thread.id())
                .filter(answer -> Intent.CLARIFY.code().equals(answer.intent()) && answer.planJson() != null)
                .map(answer -> List.of(json.readValue(answer.planJson(), QueryPlan[].class))).orElse(List.of());
        var picked = offered.stream()
                .filter(plan -> Interpretation.of(plan, planner.vocabulary(), scopeWords).sentence().equalsIgnoreCase(text.strip()))
                .findFirst();
        if (picked.isPresent() || offered.size() < 2) {
            return picked;
        }
        // "The 2005 one": a year that names exactly one of the films offered.
        var years = YEAR.matcher(text).results().map(year -> Integer.valueOf(year.group())).toList();
        var byYear = offered.stream().filter(plan -> plan.filtersOn("year").stream()
                .anyMatch(filter -> "in".equals(filter.op()) && filter.values().stream().anyMatch(value -> years.contains(((Number) value).intValue()))))
                .toList();
        return text.length() <= 40 && byYear.size() == 1 ? Optional.of(byYear.getFirst()) : Optional.empty();
    }

    private static final java.util.regex.Pattern YEAR = java.util.regex.Pattern.compile("\\b(?:19|20)\\d{2}\\b");

    /**
     * No figure, but the readings the question may have meant, each offered as a suggestion whose
     * words pick it ({@link #offeredReading}); the first reading is the reply's interpretation.
     */
    private AskReply clarify(ConversationThread thread, List<QueryPlan> readings, String answer, String scopeWords, Account me,
            Consumer<AskEvent> events, AskReply.Usage usage) {
        Vocabulary vocabulary = planners.forDatamart(datamartOf(me.scope())).vocabulary();
        List<Interpretation> interpretations = readings.stream().map(plan -> Interpretation.of(plan, vocabulary, scopeWords)).toList();
        List<String> suggestions = interpretations.stream().map(Interpretation::sentence).toList();
        events.accept(new AskEvent("answer", Map.of("text", answer)));
        events.accept(new AskEvent("suggestions", Map.of("suggestions", suggestions)));
        StoredMessage stored = threads.append(thread.id(), "assistant", answer, Intent.CLARIFY.code(), json.writeValueAsString(readings),
                null, null, json.writeValueAsString(summaryOf(emptyResult())));
        var reply = new AskReply(thread.id(), Intent.CLARIFY.code(), null, List.of(), List.of(), answer, suggestions, usage,
                quotas.remaining(me.id()), "table", scopeWords, false, "offline", stored.id(), interpretations.getFirst(), null);
        events.accept(new AskEvent("done", reply));
        return reply;
    }

    /** A model that could not answer, or a budget that could not pay for it: the planner takes over. */
    private static boolean isModelFailure(DomainException e) {
        return "llm_unavailable".equals(e.code()) || "quota_exceeded".equals(e.code());
    }

    /** Questions the planner cannot read go to the language model, whose SQL meets the same guard and scope. */
    private AskReply answerWithModel(Account me, ConversationThread thread, LlmModel model, String text, String datamart,
            OfflinePlanner planner, String scopeWords, Consumer<AskEvent> events, ModelSpend spend) {
        events.accept(new AskEvent("status", Map.of("step", "generating", "message", "Asking " + model.name())));
        var executed = new AtomicReference<ScopedQueryRunner.Execution>();
        // A candidate must pass the guard and run in the warehouse; either failure goes back to the model.
        var generated = sqlGenerator.generate(model, planner.vocabulary().model(), text,
                promptContext(me, thread, text, datamart, planner.vocabulary().model()), candidate -> {
            try {
                executed.set(queries.run(datamart, candidate, me.scope().regions()));
                return null;
            } catch (SqlRejectedException e) {
                return e.getMessage();
            } catch (DomainException e) {
                if ("query_failed".equals(e.code())) {
                    return e.getMessage();
                }
                throw e;
            }
        }, spend);
        var execution = executed.get();
        events.accept(new AskEvent("sql", Map.of("sql", execution.guarded().sql())));
        QueryResult result = execution.result();
        events.accept(new AskEvent("result", Map.of("columns", result.columns(), "rows", result.rows(), "truncated", result.truncated())));
        String answer = (generated.rationale() == null ? result.rows().size() + " rows." : generated.rationale());
        if (answerWriter.isAllowed() && !result.rows().isEmpty()) {
            try {
                var written = Observation.createNotStarted("usheru.ask.write", observations).contextualName("write answer")
                        .lowCardinalityKeyValue("model", model.name())
                        .observe(() -> answerWriter.write(model, datamart, text, result,
                                token -> events.accept(new AskEvent("token", Map.of("text", token))), spend));
                answer = written.text().isEmpty() ? answer : written.text();
            } catch (DomainException e) {
                if (!isModelFailure(e)) {
                    throw e;
                }
                // The SQL and its rows stand; the model's rationale is the answer.
                log.info("The model's answer was not written: {}", e.getMessage());
            }
        }
        answer = answer + " Computed for " + scopeWords + ".";
        return finish(thread, Intent.DATA_QUERY, null, new Ran(text, generated.sql(), execution), result, answer, List.of(),
                scopeWords, me, events, spend.usage(AskReply.Usage.OFFLINE), "llm");
    }

    /**
     * What the model is told besides the question, from the vector memory; when that cannot be read,
     * the whole schema and the latest turns, so the answer never depends on it.
     */
    private SqlGenerator.Context promptContext(Account me, ConversationThread thread, String text, String datamart,
            SemanticModel semantics) {
        List<String> recent = recentTurns(thread);
        try {
            var turns = new ArrayList<String>();
            recall.turnsLike(text, me.id(), thread.id()).stream().filter(turn -> !recent.contains(turn)).forEach(turns::add);
            turns.addAll(recent);
            return new SqlGenerator.Context(recall.tablesFor(text, semantics), recall.examplesLike(text, datamart), turns);
        } catch (RuntimeException e) {
            log.warn("The vector memory could not be read; prompting with the whole schema: {}", e.getMessage());
            return new SqlGenerator.Context(SqlGenerator.Context.of(semantics).tables(), List.of(), recent);
        }
    }

    /** The thread's last few questions with the SQL that answered them, oldest first, as context for the model. */
    private List<String> recentTurns(ConversationThread thread) {
        var turns = new ArrayList<String>();
        String question = null;
        for (StoredMessage message : threads.messages(thread.id())) {
            if (message.role().equals("user")) {
                question = message.content();
            } else if (question != null && message.sql() != null) {
                turns.add("Q: " + question + "\nSQL: " + message.writtenSql());
            }
        }
        return turns.subList(Math.max(0, turns.size() - 3), turns.size());
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
        return observed("sql", me, Optional.empty(), () -> metered(me, spend -> runUserSql(me, text, threadId, events)));
    }

    private AskReply runUserSql(Account me, String text, UUID threadId, Consumer<AskEvent> events) {
        String datamart = datamartOf(me.scope());
        OfflinePlanner planner = planners.forDatamart(datamart);
        var execution = queries.run(datamart, text, me.scope().regions());
        ConversationThread thread = threadFor(me, threadId, "SQL: " + text);
        threads.append(thread.id(), "user", text, Intent.USER_SQL.code());
        events.accept(new AskEvent("sql", Map.of("sql", execution.guarded().sql())));
        QueryResult result = execution.result();
        events.accept(new AskEvent("result", Map.of("columns", result.columns(), "rows", result.rows(), "truncated", result.truncated())));
        String scopeWords = scopeWords(me.scope(), planner);
        String answer = result.rows().size() + (result.rows().size() == 1 ? " row" : " rows")
                + (result.truncated() ? " (cut at the row limit)" : "") + ". Computed for " + scopeWords + ".";
        return finish(thread, Intent.USER_SQL, null, new Ran(text, text, execution), result, answer, List.of(), scopeWords, me, events);
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

    /** The SQL that answered a question, as written (by the planner, the model or the user) and as it ran, scoped by the guard. */
    private record Ran(String question, String written, String scoped, long warehouseMillis, long scannedBytes) {
        Ran(String question, String written, ScopedQueryRunner.Execution execution) {
            this(question, written, execution.guarded().sql(), execution.warehouseMillis(), execution.scannedBytes());
        }
    }

    private AskReply finish(ConversationThread thread, Intent intent, QueryPlan plan, Ran sql, QueryResult result, String answer,
            List<String> suggestions, String scopeWords, Account me, Consumer<AskEvent> events) {
        return finish(thread, intent, plan, sql, result, answer, suggestions, scopeWords, me, events, AskReply.Usage.OFFLINE, "offline");
    }

    private AskReply finish(ConversationThread thread, Intent intent, QueryPlan plan, Ran sql, QueryResult result, String answer,
            List<String> suggestions, String scopeWords, Account me, Consumer<AskEvent> events, AskReply.Usage usage, String engine) {
        return finish(thread, intent, plan, sql, result, answer, suggestions, scopeWords, me, events, usage, engine, null);
    }

    private AskReply finish(ConversationThread thread, Intent intent, QueryPlan plan, Ran sql, QueryResult result, String answer,
            List<String> suggestions, String scopeWords, Account me, Consumer<AskEvent> events, AskReply.Usage usage, String engine,
            Prediction prediction) {
        return Observation.createNotStarted("usheru.ask.answer", observations).contextualName("answer")
                .lowCardinalityKeyValue("intent", intent.code())
                .observe(() -> stored(thread, intent, plan, sql, result, answer, suggestions, scopeWords, me, events, usage, engine,
                        prediction));
    }

    /** The answer sent and kept in the thread, with what it cost. */
    private AskReply stored(ConversationThread thread, Intent intent, QueryPlan plan, Ran sql, QueryResult result, String answer,
            List<String> suggestions, String scopeWords, Account me, Consumer<AskEvent> events, AskReply.Usage usage, String engine,
            Prediction prediction) {
        events.accept(new AskEvent("answer", Map.of("text", answer)));
        events.accept(new AskEvent("suggestions", Map.of("suggestions", suggestions)));
        StoredMessage stored = threads.append(thread.id(), "assistant", answer, intent.code(),
                plan == null ? null : json.writeValueAsString(plan), sql == null ? null : sql.scoped(), sql == null ? null : sql.written(),
                json.writeValueAsString(summaryOf(result)));
        if (sql != null) {
            recall.rememberTurn(stored.id(), me.id(), thread.id(), sql.question(), sql.written());
            usage = usage.withWarehouse(sql.warehouseMillis(), sql.scannedBytes());
        }
        Interpretation interpretation = plan != null
                ? Interpretation.of(plan, planners.forDatamart(datamartOf(me.scope())).vocabulary(), scopeWords)
                : "llm".equals(engine) && sql != null ? Interpretation.ofSql(sql.written(), scopeWords) : null;
        var reply = new AskReply(thread.id(), intent.code(), sql == null ? null : sql.scoped(), result.columns(), result.rows(),
                answer, suggestions, usage, quotas.remaining(me.id()), chartOf(result, prediction), scopeWords, result.truncated(), engine,
                stored.id(), interpretation, prediction);
        events.accept(new AskEvent("done", reply));
        return reply;
    }

    /** A yearly forecast is a line with its band; a film's forecast bars beside earlier films like it. */
    private static String chartOf(QueryResult result, Prediction prediction) {
        if (prediction == null) {
            return Answers.chartFor(result);
        }
        return "film".equals(result.columns().getFirst().name()) ? "bar" : "line";
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

    private record Narrowed(QueryPlan plan, String note, String refusal) {}

    /** Keeps a plan's named regions to those in scope; the guard enforces the scope regardless. */
    private static Narrowed narrowToScope(QueryPlan plan, Scope scope, OfflinePlanner planner) {
        if (!scope.hasRegionLimit()) {
            return new Narrowed(plan, null, null);
        }
        var filters = new ArrayList<QueryPlan.Filter>();
        var outside = new ArrayList<String>();
        for (QueryPlan.Filter filter : plan.filters()) {
            if (!filter.field().equals("region") || filter.values().isEmpty() || filter.isExclusion()) {
                filters.add(filter);
                continue;
            }
            var inside = filter.values().stream().filter(scope.regions()::contains).toList();
            filter.values().stream().filter(region -> !scope.regions().contains(region))
                    .forEach(region -> outside.add(planner.vocabulary().regionName(String.valueOf(region))));
            if (inside.isEmpty()) {
                String yours = new TreeSet<>(scope.regions()).stream().map(planner.vocabulary()::regionName).collect(Collectors.joining(", "));
                return new Narrowed(plan, null, String.join(" and ", outside) + (outside.size() == 1 ? " is" : " are")
                        + " outside your data scope, so I cannot show figures for " + (outside.size() == 1 ? "it" : "them")
                        + ". You can ask about " + yours + ".");
            }
            filters.add(QueryPlan.Filter.in("region", inside));
        }
        if (outside.isEmpty()) {
            return new Narrowed(plan, null, null);
        }
        return new Narrowed(plan.withFilters(filters), String.join(" and ", outside) + " left out: outside your data scope.", null);
    }

    private static QueryResult emptyResult() {
        return new QueryResult(List.of(), List.of(), false, 0);
    }

    private static Map<String, Object> summaryOf(QueryResult result) {
        var summary = new LinkedHashMap<String, Object>();
        summary.put("columns", result.columns());
        summary.put("rowCount", result.rows().size());
        summary.put("firstRows", result.rows().subList(0, Math.min(20, result.rows().size())));
        summary.put("truncated", result.truncated());
        return summary;
    }


}
