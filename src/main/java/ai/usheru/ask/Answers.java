package ai.usheru.ask;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

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
            if (!first.isNumber() && columns.subList(1, columns.size()).stream().allMatch(QueryResult.Column::isNumber)) {
                return "bar";
            }
        }
        return "table";
    }

    /** One or two sentences for a planner result, stating what was measured and for which scope. */
    static String describe(QueryPlan plan, QueryResult result, Vocabulary vocabulary, String scope) {
        SemanticModel model = vocabulary.model();
        String metric = metricLabel(plan, model);
        String conditions = conditions(plan, vocabulary);
        String sentence;
        if (result.rows().isEmpty() || result.rows().size() == 1 && result.rows().getFirst().stream().allMatch(value -> value == null)) {
            sentence = "No data matched: " + metric + conditions + " has no rows in your scope.";
        } else if (plan.groupBy().isEmpty()) {
            List<Object> row = result.rows().getFirst();
            Object value = isShare(plan) ? row.getFirst() : row.get(row.size() - 1);
            sentence = capitalise(metric) + conditions + ": " + format(value, plan, model) + ".";
        } else {
            var dimension = model.dimension(plan.groupBy().getFirst());
            List<Object> first = result.rows().getFirst();
            Object value = first.get(first.size() - 1);
            String things = result.rows().size() == 1 ? dimension.label().toLowerCase(Locale.ROOT)
                    : result.rows().size() + " " + plural(dimension.label().toLowerCase(Locale.ROOT));
            boolean ranked = plan.order() != null || !dimension.isTime();
            String rank = "asc".equals(plan.order()) ? "Bottom " : "Top ";
            sentence = (ranked ? rank : "") + things + " by " + metric + conditions + ". "
                    + (ranked ? (result.rows().size() == 1 ? "It is " : "First: ") + first.getFirst() + " with " + format(value, plan, model) + "."
                    : "From " + first.getFirst() + " to " + result.rows().getLast().getFirst() + ".");
        }
        return sentence + (result.truncated() ? " Showing the first " + result.rows().size() + " rows." : "") + " Computed for " + scope + ".";
    }

    static List<String> suggestionsFor(QueryPlan plan, Vocabulary vocabulary, Set<String> scopeRegions) {
        var suggestions = new ArrayList<String>();
        if (!plan.groupBy().contains("year") && !plan.groupBy().contains("week") && !plan.groupBy().contains("calendar_week")) {
            suggestions.add("And over the years?");
        }
        var regionFilter = plan.filtersOn("region").stream().filter(filter -> !filter.values().isEmpty()).findFirst();
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

    private static String metricLabel(QueryPlan plan, SemanticModel model) {
        if (plan.metric().startsWith("count:")) {
            return "number of " + plural(model.dimension(plan.metric().substring(6)).label().toLowerCase(Locale.ROOT));
        }
        String label = model.metric(plan.metric()).label().replace(" (USD)", "").toLowerCase(Locale.ROOT)
                .replace("imdb", "IMDb").replace("rotten tomatoes", "Rotten Tomatoes");
        if ("films".equals(plan.metric())) {
            label = "number of films";
        }
        return switch (plan.aggregate() == null ? "" : plan.aggregate()) {
            case "share", "share:other", "share:week" -> "share of " + label;
            case "avg" -> label.startsWith("average") ? label : "average " + label;
            case "max" -> "highest " + label;
            case "min" -> "lowest " + label;
            default -> label;
        };
    }

    private static String conditions(QueryPlan plan, Vocabulary vocabulary) {
        var parts = new ArrayList<String>();
        for (QueryPlan.Filter filter : plan.filters()) {
            String values = filter.values().stream().map(value -> filter.field().equals("region")
                    ? vocabulary.regionName(String.valueOf(value)) : String.valueOf(value)).collect(Collectors.joining(", "));
            switch (filter.field()) {
                case "title" -> parts.add("of " + values);
                case "director" -> parts.add("directed by " + values);
                case "region" -> parts.add(filter.values().isEmpty() ? "worldwide" : "in " + values);
                case "territory" -> parts.add("in " + values);
                case "week" -> parts.add(filter.isThreshold() ? "after the opening week"
                        : filter.values().equals(List.of(1)) ? "in the opening week" : "in week " + values);
                case "release_date" -> parts.add("released on " + values);
                case "films" -> parts.add("with " + (filter.op().startsWith(">") ? "at least " : "at most ")
                        + (filter.op().equals(">") ? ((Number) filter.values().getFirst()).intValue() + 1
                                : filter.op().equals("<") ? ((Number) filter.values().getFirst()).intValue() - 1 : filter.values().getFirst())
                        + " films");
                case "month" -> parts.add("released in month " + values);
                case "year" -> parts.add("for films released " + years(filter));
                case "title_contains" -> parts.add("for titles containing “" + values + "”");
                case "no_rating_from" -> parts.add("without a " + values + " rating");
                case "roi" -> parts.add("that took " + (filter.op().startsWith("<") ? "less than " : "more than ") + filter.values().getFirst()
                        + " times their budget");
                default -> parts.add(filter.isThreshold() ? "where " + filter.field().replace('_', ' ') + " " + filter.op() + " " + values
                        : "(" + filter.field().replace('_', ' ') + ": " + values + ")");
            }
        }
        return parts.isEmpty() ? "" : " " + String.join(", ", parts);
    }

    private static String years(QueryPlan.Filter filter) {
        return switch (filter.op()) {
            case "between" -> filter.values().get(0) + "–" + filter.values().get(1);
            case "in" -> "in " + filter.values().stream().map(String::valueOf).collect(Collectors.joining(", "));
            case ">" -> "after " + filter.values().getFirst();
            case ">=" -> "from " + filter.values().getFirst();
            case "<" -> "before " + filter.values().getFirst();
            default -> "up to " + filter.values().getFirst();
        };
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

    static String money(Number number) {
        double value = number.doubleValue();
        if (Math.abs(value) >= 1e9) {
            return String.format(Locale.US, "$%.2f billion", value / 1e9);
        }
        if (Math.abs(value) >= 1e6) {
            return String.format(Locale.US, "$%.1f million", value / 1e6);
        }
        return "$" + NumberFormat.getIntegerInstance(Locale.US).format(Math.round(value));
    }

    private static String plural(String word) {
        if (word.endsWith("y") && !word.endsWith("ey")) {
            return word.substring(0, word.length() - 1) + "ies";
        }
        return word.endsWith("s") ? word : word + "s";
    }

    private static String capitalise(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** Says which words of the question the offline answer could not take into account. */
    static String unreadNote(List<String> words) {
        String quoted = words.stream().distinct().map(word -> "“" + word + "”").collect(java.util.stream.Collectors.joining(", "));
        return "Note: I could not read " + quoted + ", so this answer leaves " + (words.size() == 1 ? "it" : "them")
                + " out; try rephrasing with what to measure and for what.";
    }
}
