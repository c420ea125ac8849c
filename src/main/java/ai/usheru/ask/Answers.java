package ai.usheru.ask;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import ai.usheru.ask.planner.Interpretation;
import ai.usheru.ask.planner.QueryPlan;
import ai.usheru.ask.planner.Vocabulary;
import ai.usheru.semantic.SemanticModel;
import ai.usheru.warehouse.QueryResult;

/**
 * Words and pictures for a result: the templated sentence of the offline planner, the chart that
 * suits the result's shape, and follow-up questions grounded in the plan.
 */
final class Answers {

    private static final Set<String> TIME_COLUMNS = Set.of("release_year", "week_number", "week_start", "decade", "release_month", "year");

    private Answers() {}

    static String chartFor(QueryResult result) {
        var columns = result.columns();
        if (result.rows().isEmpty()) {
            return "table";
        }
        if (result.rows().size() == 1 && columns.stream().allMatch(QueryResult.Column::isNumber) && columns.size() <= 3) {
            return "kpi";
        }
        if (columns.size() >= 2 && columns.get(columns.size() - 1).isNumber()) {
            var first = columns.getFirst();
            if (TIME_COLUMNS.contains(first.name()) || "date".equals(first.type())) {
                return "line";
            }
            // A name and its code ("Germany", "DE") label one bar.
            int labels = columns.size() > 2 && !columns.get(1).isNumber() && columns.get(1).name().endsWith("_code") ? 2 : 1;
            if (!first.isNumber() && columns.subList(labels, columns.size()).stream().allMatch(QueryResult.Column::isNumber)) {
                return "bar";
            }
        }
        return "table";
    }

    /** One or two sentences for a planner result, stating what was measured and for which scope. */
    static String describe(QueryPlan plan, QueryResult result, Vocabulary vocabulary, String scope) {
        SemanticModel model = vocabulary.model();
        String metric = Interpretation.measure(plan, model);
        String conditions = Interpretation.conditions(plan, vocabulary);
        String sentence;
        if (result.rows().isEmpty() || result.rows().size() == 1 && result.rows().getFirst().stream().allMatch(value -> value == null)) {
            sentence = "No data matched: " + metric + conditions + " has no rows in your scope.";
        } else if (!plan.filtersOn(QueryPlan.RANK_OF).isEmpty()) {
            // "Where did Juno rank ...": title, rank, films ranked, measure.
            List<Object> row = result.rows().getFirst();
            var others = plan.filters().stream().filter(filter -> !filter.field().equals(QueryPlan.RANK_OF)).toList();
            sentence = row.get(0) + " ranks " + row.get(1) + " of " + row.get(2) + " by " + metric
                    + Interpretation.conditions(plan.withFilters(others), vocabulary) + ", with " + format(row.get(3), plan, model) + ".";
        } else if (plan.groupBy().isEmpty()) {
            List<Object> row = result.rows().getFirst();
            Object value = isShare(plan) ? row.getFirst() : row.get(row.size() - 1 - plan.alsoMeasures().size());
            sentence = capitalise(metric) + conditions + ": " + format(value, plan, model) + ".";
        } else if (plan.perGroup() != null) {
            var group = model.dimension(plan.groupBy().getFirst()).label().toLowerCase(Locale.ROOT);
            List<Object> first = result.rows().getFirst();
            int value = plan.groupBy().size();
            sentence = ("asc".equals(plan.order()) ? "Bottom " : "Top ") + (plan.perGroup() == 1 ? "film" : plan.perGroup() + " films")
                    + " in each " + group + " by " + metric + conditions + ". First: " + first.get(0) + ", " + first.get(1) + " with "
                    + format(first.get(value), plan, model) + ".";
        } else {
            var dimension = model.dimension(plan.groupBy().getFirst());
            List<Object> first = result.rows().getFirst();
            Object value = first.get(first.size() - 1 - plan.alsoMeasures().size());
            String things = result.rows().size() == 1 ? dimension.label().toLowerCase(Locale.ROOT)
                    : result.rows().size() + " " + Interpretation.plural(dimension.label().toLowerCase(Locale.ROOT));
            boolean released = plan.inReleaseOrder();
            boolean ranked = !released && (plan.order() != null || !dimension.isTime());
            String rank = "asc".equals(plan.order()) ? "Bottom " : "Top ";
            sentence = (ranked ? rank : "") + (released ? capitalise(things) : things) + " by " + metric + conditions
                    + (released ? (plan.order().endsWith("desc") ? ", newest first" : ", oldest first") : "") + ". "
                    + (ranked || released ? (result.rows().size() == 1 ? "It is " : "First: ") + first.getFirst() + " with " + format(value, plan, model) + "."
                    : "From " + first.getFirst() + " to " + result.rows().getLast().getFirst() + ".");
        }
        return sentence + (result.truncated() ? " Showing the first " + result.rows().size() + " rows." : "") + " Computed for " + scope + ".";
    }

    static List<String> suggestionsFor(QueryPlan plan, Vocabulary vocabulary, Set<String> scopeRegions) {
        var suggestions = new ArrayList<String>();
        if (!plan.groupBy().contains("year") && !plan.groupBy().contains("week") && !plan.groupBy().contains("calendar_week")) {
            suggestions.add("And over the years?");
        }
        var regionFilter = plan.filtersOn("region").stream().filter(filter -> !filter.values().isEmpty() && !filter.isExclusion()).findFirst();
        if (regionFilter.isPresent()) {
            var candidates = (scopeRegions.isEmpty() ? vocabulary.model().regionAliases().keySet() : scopeRegions).stream()
                    .filter(code -> !regionFilter.get().values().contains(code)).sorted().toList();
            if (!candidates.isEmpty()) {
                suggestions.add("What about in " + vocabulary.regionName(candidates.contains("DE") ? "DE" : candidates.getFirst()) + "?");
            }
        } else if (!plan.groupBy().contains("region") && (scopeRegions.isEmpty() || scopeRegions.size() > 1)) {
            suggestions.add("And by region?");
        }
        if (!plan.groupBy().contains("genre") && !plan.hasFilterOn("genre")) {
            suggestions.add("And by genre?");
        }
        if (plan.groupBy().contains("film") && !plan.metric().equals("imdb_rating")) {
            suggestions.add("Which of them has the best IMDb rating?");
        } else if (!plan.groupBy().contains("film")) {
            suggestions.add("Which films contributed most?");
        }
        return suggestions.subList(0, Math.min(4, suggestions.size()));
    }

    static String format(Object value, QueryPlan plan, SemanticModel model) {
        if (!(value instanceof Number number)) {
            return String.valueOf(value);
        }
        if (isShare(plan)) {
            return String.format(Locale.US, "%.1f %%", number.doubleValue());
        }
        String unit = plan.metric().startsWith("count:") ? "count" : model.metric(plan.metric()).unit();
        return switch (unit) {
            case "usd" -> money(number);
            case "count" -> NumberFormat.getIntegerInstance(Locale.US).format(Math.round(number.doubleValue()));
            default -> new BigDecimal(number.toString()).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
        };
    }

    private static boolean isShare(QueryPlan plan) {
        return plan.aggregate() != null && plan.aggregate().startsWith("share");
    }

    /** The regions an answer was computed for, in words: "all regions", or "Ireland, France only". */
    static String scopeWords(java.util.Set<String> regions, Vocabulary vocabulary) {
        if (regions.isEmpty()) {
            return "all regions";
        }
        return new java.util.TreeSet<>(regions).stream().map(vocabulary::regionName).collect(java.util.stream.Collectors.joining(", ")) + " only";
    }

    static String money(Number number) {
        return Interpretation.money(number);
    }

    private static String capitalise(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /**
     * Why a question read only in part gets no figure: the words not read, and the reading of the
     * rest, which the reply offers to run as it stands.
     */
    static String clarification(List<String> unread, Interpretation reading) {
        String quoted = unread.stream().distinct().map(word -> "“" + word + "”").collect(Collectors.joining(", "));
        return "I could not read " + quoted + " in your question, so I have not answered: a figure that leaves "
                + (unread.stream().distinct().count() == 1 ? "it" : "them") + " out may answer another question. "
                + "I read the rest as: " + reading.sentence() + " Pick that reading below to run it, or rephrase.";
    }
}
