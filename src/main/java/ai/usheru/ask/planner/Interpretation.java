package ai.usheru.ask.planner;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import ai.usheru.semantic.SemanticModel;

/**
 * How a question was read, in words: the measure, each filter (titles with their year, regions by
 * name), the breakdown, the order and the limit, and the scope. The chat shows the parts as chips
 * above the figure and the API returns them, so a misreading is visible before the number is used.
 *
 * @param sentence the whole reading as one sentence ("Box office of Comedy films released in 2004 in Germany, by film, top 5.")
 * @param parts the reading part by part, in the order of the sentence
 */
public record Interpretation(String sentence, List<Part> parts) {

    public Interpretation {
        parts = List.copyOf(parts);
    }

    /**
     * One part of a reading.
     *
     * @param kind {@code measure}, {@code filter}, {@code breakdown}, {@code order}, {@code limit} or {@code scope}
     * @param text the part in words ("in Germany", "by genre", "top 5")
     * @param key what {@link #without(QueryPlan, String)} takes to drop this part, or null when it cannot be dropped
     */
    public record Part(String kind, String text, String key) {}

    /** The reading of a plan computed for {@code scope} ("all regions", "Ireland only"). */
    public static Interpretation of(QueryPlan plan, Vocabulary vocabulary, String scope) {
        var parts = new ArrayList<Part>();
        parts.add(new Part("measure", capitalise(measure(plan, vocabulary.model())), null));
        for (String also : plan.alsoMeasures()) {
            parts.add(new Part("measure", "and " + measure(plan.withMetric(also, plan.aggregate()), vocabulary.model()), "also:" + also));
        }
        for (int i = 0; i < plan.filters().size(); i++) {
            parts.add(new Part("filter", condition(plan.filters().get(i), plan, vocabulary), "filter:" + i));
        }
        for (int i = 0; i < plan.groupBy().size(); i++) {
            String dimension = plan.groupBy().get(i);
            parts.add(new Part("breakdown", "by " + vocabulary.model().dimension(dimension).label().toLowerCase(Locale.ROOT)
                    .replace("mpaa", "MPAA"), "groupBy:" + i));
        }
        if (plan.perGroup() != null && !plan.groupBy().isEmpty()) {
            String group = vocabulary.model().dimension(plan.groupBy().getFirst()).label().toLowerCase(Locale.ROOT);
            parts.add(new Part("limit", ("asc".equals(plan.order()) ? "bottom " : "top ") + plan.perGroup() + " in each " + group, "perGroup"));
        } else if (plan.inReleaseOrder()) {
            String order = plan.order().endsWith("desc") ? "newest first" : "oldest first";
            parts.add(new Part("order", plan.limit() == null ? order : "the first " + plan.limit() + ", " + order, "order"));
        } else if (plan.limit() != null) {
            String rank = "asc".equals(plan.order()) ? "bottom " : "top ";
            String skipped = plan.offset() == null || plan.offset() == 0 ? "" : " after the first " + plan.offset();
            parts.add(new Part("limit", plan.limit() == 1 && skipped.isEmpty() ? ("asc".equals(plan.order()) ? "the lowest" : "the highest")
                    : rank + plan.limit() + skipped, "limit"));
        } else if (plan.order() != null) {
            parts.add(new Part("order", "asc".equals(plan.order()) ? "lowest first" : "highest first", "order"));
        }
        if (plan.within() != null) {
            parts.add(new Part("filter", "among the films of the previous answer", null));
        }
        if (scope != null) {
            parts.add(new Part("scope", "for " + scope, null));
        }
        var sentence = new StringBuilder(parts.getFirst().text());
        for (Part part : parts.subList(1, parts.size())) {
            boolean continuesTheMeasure = part.kind().equals("measure") || part.kind().equals("filter") && sentence.indexOf(",") < 0
                    && part.text().matches("(of|in|for|directed|released|with|without|that|after|among|worldwide)\\b.*");
            sentence.append(continuesTheMeasure ? " " : ", ").append(part.text());
        }
        sentence.append('.');
        return new Interpretation(sentence.toString(), parts);
    }

    /**
     * The reading of SQL a language model wrote: its conditions, breakdown, order and limit as the SQL
     * states them (top-level clauses of its outermost query), so a model's answer shows what it
     * computed just as a planner's does. Nothing here can be dropped: the plan is the model's.
     */
    public static Interpretation ofSql(String sql, String scope) {
        var parts = new ArrayList<Part>();
        String flat = sql.replaceAll("\\s+", " ").strip();
        String select = topLevelClause(flat, "SELECT", "FROM");
        if (select != null) {
            parts.add(new Part("measure", "Selects " + select, null));
        }
        String where = topLevelClause(flat, "WHERE", "GROUP BY", "HAVING", "ORDER BY", "LIMIT");
        if (where != null) {
            splitTopLevel(where, " AND ").forEach(condition -> parts.add(new Part("filter", "where " + condition, null)));
        }
        String groupBy = topLevelClause(flat, "GROUP BY", "HAVING", "ORDER BY", "LIMIT");
        if (groupBy != null) {
            parts.add(new Part("breakdown", "by " + groupBy, null));
        }
        String having = topLevelClause(flat, "HAVING", "ORDER BY", "LIMIT");
        if (having != null) {
            parts.add(new Part("filter", "groups where " + having, null));
        }
        String orderBy = topLevelClause(flat, "ORDER BY", "LIMIT");
        if (orderBy != null) {
            parts.add(new Part("order", "ordered by " + orderBy, null));
        }
        String limit = topLevelClause(flat, "LIMIT", "OFFSET");
        if (limit != null) {
            parts.add(new Part("limit", "first " + limit, null));
        }
        if (scope != null) {
            parts.add(new Part("scope", "for " + scope, null));
        }
        String sentence = parts.stream().map(Part::text).collect(Collectors.joining(", ")) + ".";
        return new Interpretation(sentence, parts);
    }

    /** The text of a clause of the outermost query (outside parentheses), up to the next of {@code ends}; null when absent. */
    private static String topLevelClause(String sql, String keyword, String... ends) {
        int start = topLevelIndex(sql, keyword, 0);
        if (start < 0) {
            return null;
        }
        int from = start + keyword.length();
        int end = sql.length();
        for (String next : ends) {
            int at = topLevelIndex(sql, next, from);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        String clause = sql.substring(from, end).strip();
        return clause.isEmpty() ? null : clause.length() > 160 ? clause.substring(0, 157) + "…" : clause;
    }

    private static int topLevelIndex(String sql, String keyword, int from) {
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
            } else if (!quoted && depth == 0 && i >= from && sql.regionMatches(true, i, keyword, 0, keyword.length())
                    && (i == 0 || !Character.isLetterOrDigit(sql.charAt(i - 1)))
                    && (i + keyword.length() >= sql.length() || !Character.isLetterOrDigit(sql.charAt(i + keyword.length())))) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> splitTopLevel(String text, String separator) {
        var pieces = new ArrayList<String>();
        int from = 0;
        int at;
        while ((at = topLevelIndex(text, separator.strip(), from)) >= 0) {
            pieces.add(text.substring(from, at).strip());
            from = at + separator.strip().length();
        }
        pieces.add(text.substring(from).strip());
        return pieces.stream().filter(piece -> !piece.isEmpty()).toList();
    }

    /** The plan without one part of its reading (a chip the user removed); the plan itself when the key is unknown. */
    public static QueryPlan without(QueryPlan plan, String key) {
        if (key == null) {
            return plan;
        }
        if (key.startsWith("filter:")) {
            int index = Integer.parseInt(key.substring(7));
            var filters = new ArrayList<>(plan.filters());
            if (index >= 0 && index < filters.size()) {
                filters.remove(index);
            }
            return plan.withFilters(filters);
        }
        if (key.startsWith("groupBy:")) {
            int index = Integer.parseInt(key.substring(8));
            var groupBy = new ArrayList<>(plan.groupBy());
            if (index >= 0 && index < groupBy.size()) {
                groupBy.remove(index);
            }
            // Without a breakdown, an order and a limit have nothing to rank.
            return groupBy.isEmpty() ? plan.withGroupBy(groupBy).withOrderAndLimit(null, null) : plan.withGroupBy(groupBy);
        }
        if (key.startsWith("also:")) {
            return plan.withAlsoMeasures(plan.alsoMeasures().stream().filter(name -> !name.equals(key.substring(5))).toList());
        }
        return switch (key) {
            case "limit" -> plan.withOrderAndLimit(plan.order(), null);
            case "perGroup" -> plan.withPerGroup(null);
            case "order" -> plan.withOrderAndLimit(null, plan.limit());
            default -> plan;
        };
    }

    /**
     * One reading per film when the plan names a title that several films carry (remakes) and nothing
     * tells them apart: the plan with each film's release year added. Empty when the title is
     * unambiguous, a year picks one, or the answer lists or counts the films one by one (by film or by year).
     */
    public static List<QueryPlan> remakeReadings(QueryPlan plan, Vocabulary vocabulary) {
        var titles = plan.filtersOn("title");
        if (titles.size() != 1 || titles.getFirst().values().size() != 1 || plan.groupBy().contains("film") || plan.groupBy().contains("year")
                || "films".equals(plan.metric())) {
            return List.of();
        }
        List<Integer> years = vocabulary.releaseYears(String.valueOf(titles.getFirst().values().getFirst()));
        var yearFilters = plan.filtersOn("year");
        if (!yearFilters.isEmpty()) {
            years = years.stream().filter(year -> holds(yearFilters.getFirst(), year)).toList();
        }
        if (years.size() < 2) {
            return List.of();
        }
        return years.stream().distinct().map(year -> {
            var filters = new ArrayList<>(plan.filters().stream().filter(filter -> !filter.field().equals("year")).toList());
            filters.add(QueryPlan.Filter.in("year", List.of(year)));
            return plan.withFilters(filters);
        }).toList();
    }

    /** What is measured, in words: "box office", "average IMDb rating", "number of directors". */
    public static String measure(QueryPlan plan, SemanticModel model) {
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

    /** The plan's conditions as one phrase that follows the measure (" of Heat (1995), in Germany"); "" without any. */
    public static String conditions(QueryPlan plan, Vocabulary vocabulary) {
        var parts = plan.filters().stream().map(filter -> condition(filter, plan, vocabulary)).toList();
        return parts.isEmpty() ? "" : " " + String.join(", ", parts);
    }

    static String condition(QueryPlan.Filter filter, QueryPlan plan, Vocabulary vocabulary) {
        if (filter.field().startsWith(SqlCompiler.GROUP_TOTAL)) {
            String field = filter.field().substring(SqlCompiler.GROUP_TOTAL.length());
            return "each group's total " + thresholdLabel(field, vocabulary) + " " + symbol(filter.op()) + " "
                    + filter.values().stream().map(value -> thresholdValue(field, value, vocabulary)).collect(Collectors.joining(" and "));
        }
        if (filter.isExclusion()) {
            String kept = condition(filter.kept(), plan, vocabulary);
            return kept.matches("(distributed|directed|rated|released)\\b.*") ? "not " + kept : "excluding " + kept.replaceFirst("^(of|in) ", "");
        }
        String values = filter.values().stream().map(value -> filter.field().equals("region")
                ? vocabulary.regionName(String.valueOf(value)) : String.valueOf(value)).collect(Collectors.joining(", "));
        String alternatives = filter.values().stream().map(String::valueOf).collect(Collectors.joining(" or "));
        return switch (filter.field()) {
            case "title" -> "of " + filter.values().stream().map(title -> titleWithYears(String.valueOf(title), plan, vocabulary))
                    .collect(Collectors.joining(", "));
            case "director" -> "directed by " + values;
            case "region" -> filter.values().isEmpty() ? "worldwide" : "in " + values;
            case "territory" -> "in " + values;
            case "week" -> filter.isThreshold() ? "after the opening week"
                    : filter.values().equals(List.of(1)) ? "in the opening week" : "in week " + values;
            case "release_date" -> "released on " + values;
            case QueryPlan.RANK_OF -> "the place of " + values + " among them";
            case QueryPlan.MARKET_COMPARISON -> "that did " + (filter.op().equals(">") ? "better" : "worse") + " in "
                    + vocabulary.regionName(String.valueOf(filter.values().get(0))) + " than in " + vocabulary.regionName(String.valueOf(filter.values().get(1)));
            case "week_start" -> "in the weeks starting " + filter.values().getFirst() + " to " + filter.values().getLast() + ", whenever released";
            case "films" -> "with " + (filter.op().startsWith(">") ? "at least " : "at most ")
                    + (filter.op().equals(">") ? ((Number) filter.values().getFirst()).intValue() + 1
                            : filter.op().equals("<") ? ((Number) filter.values().getFirst()).intValue() - 1 : filter.values().getFirst())
                    + " films";
            case "month" -> "released in " + filter.values().stream().map(Interpretation::monthName).collect(Collectors.joining(", "));
            case "year" -> "released " + years(filter);
            case "title_contains" -> "for titles containing “" + values + "”";
            case "no_rating_from" -> "without a " + values + " rating";
            case "roi" -> "that took " + (filter.op().startsWith("<") ? "less than " : "more than ") + filter.values().getFirst()
                    + " times their budget";
            case "genre" -> "of " + alternatives + " films";
            case "distributor" -> "distributed by " + alternatives;
            case "mpaa_rating" -> "rated " + alternatives;
            case "creative_type", "source" -> dimensionLabel(filter.field(), vocabulary) + " " + alternatives;
            default -> filter.isThreshold() ? thresholdLabel(filter.field(), vocabulary) + " " + symbol(filter.op()) + " "
                    + filter.values().stream().map(value -> thresholdValue(filter.field(), value, vocabulary)).collect(Collectors.joining(" and "))
                    : "(" + filter.field().replace('_', ' ') + ": " + values + ")";
        };
    }

    /** A title with its release year ("Heat (1995)"), or every year when remakes share it and no year was named. */
    private static String titleWithYears(String title, QueryPlan plan, Vocabulary vocabulary) {
        List<Integer> years = vocabulary.releaseYears(title);
        var yearFilters = plan.filtersOn("year");
        if (!yearFilters.isEmpty() && years.size() > 1) {
            var filter = yearFilters.getFirst();
            years = years.stream().filter(year -> holds(filter, year)).toList();
        }
        if (years.isEmpty()) {
            return title;
        }
        String listed = years.stream().map(String::valueOf).collect(Collectors.joining(" and "));
        return title + " (" + listed + (years.size() > 1 ? ", together" : "") + ")";
    }

    private static boolean holds(QueryPlan.Filter filter, int year) {
        double first = ((Number) filter.values().getFirst()).doubleValue();
        return switch (filter.op()) {
            case "in" -> filter.values().stream().anyMatch(value -> ((Number) value).intValue() == year);
            case "between" -> year >= first && year <= ((Number) filter.values().get(1)).doubleValue();
            case ">" -> year > first;
            case ">=" -> year >= first;
            case "<" -> year < first;
            case "<=" -> year <= first;
            default -> year == first;
        };
    }

    private static String dimensionLabel(String field, Vocabulary vocabulary) {
        return vocabulary.model().dimensions().stream().filter(dimension -> dimension.name().equals(field)).findFirst()
                .map(dimension -> inSentence(dimension.label())).orElse(field.replace('_', ' '));
    }

    private static String thresholdLabel(String field, Vocabulary vocabulary) {
        return vocabulary.model().metrics().stream().filter(metric -> metric.name().equals(field)).findFirst()
                .map(metric -> inSentence(metric.label().replace(" (USD)", ""))).orElse(field.replace('_', ' '));
    }

    /** A label inside a sentence: lower case, but for names ("MPAA", "IMDb", "Rotten Tomatoes"). */
    private static String inSentence(String label) {
        return java.util.Arrays.stream(label.split(" "))
                .map(word -> word.chars().skip(1).anyMatch(Character::isUpperCase) ? word : word.toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(" ")).replace("rotten tomatoes", "Rotten Tomatoes");
    }

    private static String thresholdValue(String field, Object value, Vocabulary vocabulary) {
        boolean money = vocabulary.model().metrics().stream().anyMatch(metric -> metric.name().equals(field) && metric.isMoney());
        return money && value instanceof Number number ? money(number) : String.valueOf(value);
    }

    /** An amount of dollars as people write it: "$1.84 billion", "$24.2 million", "$950,000". */
    public static String money(Number number) {
        return ai.usheru.Money.words(number);
    }

    private static String symbol(String op) {
        return switch (op) {
            case ">=" -> "≥";
            case "<=" -> "≤";
            case "between" -> "between";
            default -> op;
        };
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

    private static final List<String> MONTHS = List.of("January", "February", "March", "April", "May", "June", "July", "August",
            "September", "October", "November", "December");

    private static String monthName(Object month) {
        int number = month instanceof Number n ? n.intValue() : -1;
        return number >= 1 && number <= 12 ? MONTHS.get(number - 1) : String.valueOf(month);
    }

    public static String plural(String word) {
        if (word.endsWith("y") && !word.endsWith("ey")) {
            return word.substring(0, word.length() - 1) + "ies";
        }
        return word.endsWith("s") ? word : word + "s";
    }

    private static String capitalise(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
