package ai.usheru.ask;

import ai.usheru.guard.ScopedQueryRunner;

/**
 * Step 3, guard: the planner's SQL is parsed, checked and scoped to the caller's regions and datamart
 * before anything runs ({@code ai.usheru.guard}); a refusal ends the ask with its reason. The model's
 * SQL met the same guard while it was generated ({@link ModelStep}); the user's own SQL meets it in
 * {@link AskService#query}.
 */
final class GuardStep {

    private final ScopedQueryRunner queries;

    GuardStep(ScopedQueryRunner queries) {
        this.queries = queries;
    }

    void apply(AskState ask) {
        if (ask.route == AskState.Route.PLANNER || ask.route == AskState.Route.SERIES_FORECAST) {
            ask.guarded = queries.guard(ask.datamart, ask.sql, ask.me.scope().regions());
        }
    }
}
