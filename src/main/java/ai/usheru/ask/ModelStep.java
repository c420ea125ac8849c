package ai.usheru.ask;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.usheru.DomainException;
import ai.usheru.guard.ScopedQueryRunner;
import ai.usheru.guard.SqlRejectedException;
import ai.usheru.llm.LlmModel;
import ai.usheru.llm.SqlGenerator;
import ai.usheru.memory.Recall;
import ai.usheru.memory.StoredMessage;
import ai.usheru.memory.Threads;
import ai.usheru.semantic.SemanticModel;

/**
 * Step 2, plan with the language model: a question the planner did not read, or read only in part,
 * goes to the caller's model when there is one. Each candidate SQL must pass the guard and run in the
 * warehouse (either failure goes back to the model), so this step leaves the rows already run. A model
 * that fails, or a budget that cannot pay for it (each call is paid in advance, {@link ModelSpend}),
 * hands the question back to the planner.
 */
final class ModelStep {

    private static final Logger log = LoggerFactory.getLogger(ModelStep.class);

    private final SqlGenerator sqlGenerator;
    private final ScopedQueryRunner queries;
    private final Recall recall;
    private final Threads threads;

    ModelStep(SqlGenerator sqlGenerator, ScopedQueryRunner queries, Recall recall, Threads threads) {
        this.sqlGenerator = sqlGenerator;
        this.queries = queries;
        this.recall = recall;
        this.threads = threads;
    }

    /** The planner goes first when it is confident; otherwise a model, when the caller has one. */
    static boolean wanted(AskState ask) {
        return ask.model.isPresent() && (ask.outcome.intent() == Intent.NOT_UNDERSTOOD || PlanStep.readInPart(ask.outcome));
    }

    /** A model that could not answer, or a budget that could not pay for it: the planner takes over. */
    static boolean isModelFailure(DomainException e) {
        return "llm_unavailable".equals(e.code()) || "quota_exceeded".equals(e.code());
    }

    void apply(AskState ask) {
        LlmModel model = ask.model.orElseThrow();
        ask.status("plan", "Asking " + model.name());
        var executed = new AtomicReference<ScopedQueryRunner.Execution>();
        SemanticModel semantics = ask.planner.vocabulary().model();
        try {
            var generated = sqlGenerator.generate(model, semantics, ask.text, promptContext(ask, semantics), candidate -> {
                try {
                    executed.set(queries.run(ask.datamart, candidate, ask.me.scope().regions()));
                    return null;
                } catch (SqlRejectedException e) {
                    return e.getMessage();
                } catch (DomainException e) {
                    if ("query_failed".equals(e.code())) {
                        return e.getMessage();
                    }
                    throw e;
                }
            }, ask.spend);
            ask.route = AskState.Route.MODEL;
            ask.intent = Intent.DATA_QUERY;
            ask.sql = generated.sql();
            ask.rationale = generated.rationale();
            ask.execution = executed.get();
            ask.guarded = ask.execution.guarded();
        } catch (DomainException e) {
            if (!isModelFailure(e)) {
                throw e;
            }
            boolean readInPart = PlanStep.readInPart(ask.outcome);
            ask.modelFailure = e.getMessage() + (readInPart ? "" : " The offline planner answered instead.");
            if (!readInPart) {
                ask.reply(ask.outcome.intent(), ask.outcome.message() + " (" + ask.modelFailure + ")");
            }
            // Read in part: the planner offers its reading (PlanStep), with the model's failure beside it.
        }
    }

    /**
     * What the model is told besides the question, from the vector memory; when that cannot be read,
     * the whole schema and the latest turns, so the answer never depends on it.
     */
    private SqlGenerator.Context promptContext(AskState ask, SemanticModel semantics) {
        List<String> recent = recentTurns(ask);
        try {
            var turns = new ArrayList<String>();
            recall.turnsLike(ask.text, ask.me.id(), ask.thread.id()).stream().filter(turn -> !recent.contains(turn)).forEach(turns::add);
            turns.addAll(recent);
            return new SqlGenerator.Context(recall.tablesFor(ask.text, semantics), recall.examplesLike(ask.text, ask.datamart), turns);
        } catch (RuntimeException e) {
            log.warn("The vector memory could not be read; prompting with the whole schema: {}", e.getMessage());
            return new SqlGenerator.Context(SqlGenerator.Context.of(semantics).tables(), List.of(), recent);
        }
    }

    /** The thread's last few questions with the SQL that answered them, oldest first, as context for the model. */
    private List<String> recentTurns(AskState ask) {
        var turns = new ArrayList<String>();
        String question = null;
        for (StoredMessage message : threads.messages(ask.thread.id())) {
            if (message.role().equals("user")) {
                question = message.content();
            } else if (question != null && message.sql() != null) {
                turns.add("Q: " + question + "\nSQL: " + message.writtenSql());
            }
        }
        return turns.subList(Math.max(0, turns.size() - 3), turns.size());
    }
}
