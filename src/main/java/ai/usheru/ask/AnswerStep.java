package ai.usheru.ask;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.usheru.DomainException;
import ai.usheru.llm.AnswerWriter;
import ai.usheru.llm.LlmModel;

/**
 * Step 5, answer: the sentence that goes with the rows. The planner's answers are described from the
 * plan and the rows ({@link Answers}); a forecast says what the model found; a language model's answer
 * is written by the model, streamed as {@code token} events (observed as {@code usheru.ask.write}), with
 * its rationale as the answer when it cannot write. Every answer with a figure ends with the scope.
 */
final class AnswerStep {

    private static final Logger log = LoggerFactory.getLogger(AnswerStep.class);

    private final AnswerWriter answerWriter;
    private final ObservationRegistry observations;

    AnswerStep(AnswerWriter answerWriter, ObservationRegistry observations) {
        this.answerWriter = answerWriter;
        this.observations = observations;
    }

    void apply(AskState ask) {
        String computedFor = " Computed for " + ask.scopeWords + ".";
        switch (ask.route) {
            case REPLY, CLARIFY -> { }
            case PLANNER -> ask.answer = Answers.describe(ask.plan, ask.result, ask.planner.vocabulary(), ask.scopeWords)
                    + (ask.scopeNote == null ? "" : " " + ask.scopeNote);
            case SERIES_FORECAST -> ask.answer = ask.forecastExplanation + computedFor;
            case FILM_FORECAST -> ask.answer = ask.forecastExplanation;
            case MODEL -> ask.answer = written(ask, ask.model.orElseThrow()) + computedFor;
            case USER_SQL -> ask.answer = ask.result.rows().size() + (ask.result.rows().size() == 1 ? " row" : " rows")
                    + (ask.result.truncated() ? " (cut at the row limit)" : "") + "." + computedFor;
        }
    }

    private String written(AskState ask, LlmModel model) {
        String answer = ask.rationale == null ? ask.result.rows().size() + " rows." : ask.rationale;
        if (!answerWriter.isAllowed() || ask.result.rows().isEmpty()) {
            return answer;
        }
        try {
            var written = Observation.createNotStarted("usheru.ask.write", observations).contextualName("write answer")
                    .lowCardinalityKeyValue("model", model.name())
                    .observe(() -> answerWriter.write(model, ask.datamart, ask.text, ask.result,
                            token -> ask.emit("token", java.util.Map.of("text", token)), ask.spend));
            return written.text().isEmpty() ? answer : written.text();
        } catch (DomainException e) {
            if (!ModelStep.isModelFailure(e)) {
                throw e;
            }
            // The SQL and its rows stand; the model's rationale is the answer.
            log.info("The model's answer was not written: {}", e.getMessage());
            return answer;
        }
    }
}
