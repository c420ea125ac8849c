package ai.usheru.ask;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import ai.usheru.accounts.Scope;
import ai.usheru.ask.planner.Interpretation;
import ai.usheru.ask.planner.OfflinePlanner;
import ai.usheru.ask.planner.PlannerOutcome;
import ai.usheru.ask.planner.QueryPlan;

/**
 * Step 2, plan with the planner: from the planner's reading to a route and its SQL. A question read
 * only in part gets no figure but its reading to confirm; a plan is kept to the regions in the caller's
 * scope (the guard enforces the scope regardless, this only says what was left out); a title shared by
 * remakes asks which film; a forecast goes to the film models or to a yearly series.
 */
final class PlanStep {

    /** A plan with words the planner did not read: its figure may answer another question. */
    static boolean readInPart(PlannerOutcome outcome) {
        return outcome.hasSql() && !outcome.confident() && outcome.forecast() == null;
    }

    void apply(AskState ask) {
        PlannerOutcome outcome = ask.outcome;
        OfflinePlanner planner = ask.planner;
        if (readInPart(outcome)) {
            // A figure that leaves words out may answer another question: say what was read, offer it, give no figure.
            QueryPlan reading = narrowToScope(outcome.plan(), ask.me.scope(), planner).plan();
            ask.clarify(List.of(reading), Answers.clarification(outcome.unreadWords(),
                    Interpretation.of(reading, planner.vocabulary(), ask.scopeWords))
                    + (ask.modelFailure == null ? "" : " (" + ask.modelFailure + ")"));
            return;
        }
        if (!outcome.hasSql()) {
            ask.reply(outcome.intent(), outcome.message());
            return;
        }
        var narrowed = narrowToScope(outcome.plan(), ask.me.scope(), planner);
        if (narrowed.refusal() != null) {
            ask.reply(outcome.intent(), narrowed.refusal());
            ask.plan = outcome.plan();
            return;
        }
        QueryPlan plan = narrowed.plan();
        // A title that remakes share, with no year to tell them apart: which film, not their sum.
        List<QueryPlan> remakes = outcome.forecast() == null ? Interpretation.remakeReadings(plan, planner.vocabulary()) : List.of();
        if (!remakes.isEmpty()) {
            String title = String.valueOf(plan.filtersOn("title").getFirst().values().getFirst());
            ask.clarify(remakes, "Several films are titled “" + title + "” ("
                    + planner.vocabulary().releaseYears(title).stream().map(String::valueOf).collect(Collectors.joining(", "))
                    + "). Which one do you mean? Pick a reading below.");
            return;
        }
        ask.intent = outcome.intent();
        ask.plan = plan;
        ask.scopeNote = narrowed.note();
        if (outcome.forecast() == null) {
            ask.route = AskState.Route.PLANNER;
            ask.sql = plan == outcome.plan() ? outcome.sql() : planner.compile(plan);
            return;
        }
        // One film described ("a $100M PG-13 action film"): the film models, not a yearly series.
        var film = FilmQuestion.read(ask.text, plan, outcome.forecast().targetYear());
        if (film.isPresent()) {
            ask.route = AskState.Route.FILM_FORECAST;
            ask.film = film.get();
            List<String> named = FilmQuestion.regions(plan);
            ask.forecastRegions = named.isEmpty() ? ask.me.scope().regions() : Set.copyOf(named);
            // The film models answer from the description, not from a plan of the data mart.
            ask.plan = null;
        } else {
            ask.route = AskState.Route.SERIES_FORECAST;
            ask.sql = outcome.sql();
        }
    }

    record Narrowed(QueryPlan plan, String note, String refusal) {}

    /** Keeps a plan's named regions to those in scope; the guard enforces the scope regardless. */
    static Narrowed narrowToScope(QueryPlan plan, Scope scope, OfflinePlanner planner) {
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
}
