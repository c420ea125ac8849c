package ai.usheru.ask;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import ai.usheru.DatabaseFailures;
import ai.usheru.ask.planner.Interpretation;
import ai.usheru.ask.planner.PlannerOutcome;
import ai.usheru.ask.planner.QueryPlan;
import ai.usheru.memory.Threads;

/**
 * Step 1, understand: the planner's reading of the question ({@link PlannerOutcome}), or the reading
 * the user picked — a chip removed, or one of the readings a clarification offered. Observed as
 * {@code usheru.ask.understand} with the intent it found.
 */
final class UnderstandStep {

    private static final Logger log = LoggerFactory.getLogger(UnderstandStep.class);
    private static final Pattern YEAR = Pattern.compile("\\b(?:19|20)\\d{2}\\b");

    private final Threads threads;
    private final JsonMapper json;
    private final ObservationRegistry observations;

    UnderstandStep(Threads threads, JsonMapper json, ObservationRegistry observations) {
        this.threads = threads;
        this.json = json;
        this.observations = observations;
    }

    void apply(AskState ask) {
        ask.status("understand", "Reading the question");
        Observation observation = Observation.createNotStarted("usheru.ask.understand", observations).contextualName("understand")
                .lowCardinalityKeyValue("intent", "none");
        ask.outcome = observation.observe(() -> {
            PlannerOutcome outcome = read(ask);
            observation.lowCardinalityKeyValue("intent", outcome.intent().code());
            return outcome;
        });
    }

    private PlannerOutcome read(AskState ask) {
        try {
            // A reading offered after a question read only in part, picked as offered: run it as read.
            Optional<QueryPlan> offered = ask.chosen != null ? Optional.of(ask.chosen)
                    : ask.continued ? offeredReading(ask) : Optional.empty();
            return offered.isPresent()
                    ? new PlannerOutcome(Intent.DATA_QUERY, offered.get(), ask.planner.compile(offered.get()), null, null)
                    : ask.planner.plan(ask.text, ask.previous);
        } catch (RuntimeException e) {
            if (DatabaseFailures.databaseLost(e)) {
                throw e;
            }
            // A question the planner trips over is one it did not understand; the model may still answer it.
            log.error("The planner failed on a question", e);
            return PlannerOutcome.reply(Intent.NOT_UNDERSTOOD, "I could not work out how to answer that. Try naming what to "
                    + "measure and for what, for example “Top 5 films by box office in Germany in 2009”.");
        }
    }

    /**
     * The plan of the thread's last answer when it was a clarification whose offered reading is
     * what the user now sent (a click on the offer, the same words typed, or a year naming one).
     */
    private Optional<QueryPlan> offeredReading(AskState ask) {
        List<QueryPlan> offered = threads.lastAnswer(ask.thread.id())
                .filter(answer -> Intent.CLARIFY.code().equals(answer.intent()) && answer.planJson() != null)
                .map(answer -> List.of(json.readValue(answer.planJson(), QueryPlan[].class))).orElse(List.of());
        var picked = offered.stream()
                .filter(plan -> Interpretation.of(plan, ask.planner.vocabulary(), ask.scopeWords).sentence().equalsIgnoreCase(ask.text.strip()))
                .findFirst();
        if (picked.isPresent() || offered.size() < 2) {
            return picked;
        }
        // "The 2005 one": a year that names exactly one of the films offered.
        var years = YEAR.matcher(ask.text).results().map(year -> Integer.valueOf(year.group())).toList();
        var byYear = offered.stream().filter(plan -> plan.filtersOn("year").stream()
                .anyMatch(filter -> "in".equals(filter.op()) && filter.values().stream().anyMatch(value -> years.contains(((Number) value).intValue()))))
                .toList();
        return ask.text.length() <= 40 && byYear.size() == 1 ? Optional.of(byYear.getFirst()) : Optional.empty();
    }
}
