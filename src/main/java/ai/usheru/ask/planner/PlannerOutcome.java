package ai.usheru.ask.planner;

import ai.usheru.ask.Intent;

/**
 * What the planner made of a question: an intent, and for data questions the plan and its SQL; for
 * everything else a reply to give instead ({@code message}).
 */
public record PlannerOutcome(Intent intent, QueryPlan plan, String sql, String message, Forecast forecast) {

    public static PlannerOutcome reply(Intent intent, String message) {
        return new PlannerOutcome(intent, null, null, message, null);
    }

    public boolean hasSql() {
        return sql != null;
    }

    /** A prediction: the history query's SQL is {@code sql}; this says what to forecast from its rows. */
    public record Forecast(String subject, int targetYear) {}
}
