package ai.usheru.ask;

import java.util.List;

import ai.usheru.ask.planner.Interpretation;

/**
 * Step 6, suggest: the follow-up questions offered with the answer — the planner's next questions for
 * its plan, the readings a clarification offers (their words pick them), what to ask after a forecast.
 */
final class SuggestStep {

    void apply(AskState ask) {
        ask.suggestions = switch (ask.route) {
            case PLANNER -> Answers.suggestionsFor(ask.plan, ask.planner.vocabulary(), ask.me.scope().regions());
            case CLARIFY -> ask.readings.stream()
                    .map(plan -> Interpretation.of(plan, ask.planner.vocabulary(), ask.scopeWords).sentence()).toList();
            case SERIES_FORECAST -> List.of("And by genre?", "Which films contributed most?");
            case FILM_FORECAST -> FilmQuestion.suggestions(ask.film, ask.planner.vocabulary().latestYear());
            case REPLY, MODEL, USER_SQL -> List.of();
        };
    }
}
