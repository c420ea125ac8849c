package ai.usheru.ask.planner;

import java.util.List;

import ai.usheru.ask.Intent;

/**
 * What the planner made of a question: an intent, and for data questions the plan and its SQL; for
 * everything else a reply to give instead ({@code message}).
 */
public record PlannerOutcome(Intent intent, QueryPlan plan, String sql, String message, Forecast forecast, List<String> unreadWords) {

    public PlannerOutcome {
        unreadWords = unreadWords == null ? List.of() : List.copyOf(unreadWords);
    }

    public PlannerOutcome(Intent intent, QueryPlan plan, String sql, String message, Forecast forecast) {
        this(intent, plan, sql, message, forecast, List.of());
    }

    public static PlannerOutcome reply(Intent intent, String message) {
        return new PlannerOutcome(intent, null, null, message, null);
    }

    /**
     * Whether the planner read every word that matters: a data answer that ignored some ("palindromic",
     * "diverge") may answer another question, so a language model, when there is one, goes first.
     */
    public boolean confident() {
        return unreadWords.isEmpty();
    }

    public boolean hasSql() {
        return sql != null;
    }

    /** A prediction: the history query's SQL is {@code sql}; this says what to forecast from its rows. */
    public record Forecast(String subject, int targetYear) {}
}
