package ai.usheru.ask.planner;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import ai.usheru.semantic.SemanticModel;

/**
 * Compiles a {@link QueryPlan} to one SELECT for DuckDB over the semantic model's tables, with fixed
 * aliases: m movies, b box_office, c crew, ri and rr the IMDb and Rotten Tomatoes ratings, g regions.
 *
 * <p>Film-level facts (budget, ratings, running time) are never joined to weekly box office rows,
 * which would count them once per week: conditions on box office become semi-joins instead. The
 * result is the planner's candidate; the guard still checks and scopes it like any other SQL.
 */
final class SqlCompiler {

    /** A filter field naming a threshold on each group's total of a metric: {@code group_total:box_office}. */
    static final String GROUP_TOTAL = "group_total:";

    private final SemanticModel model;

    SqlCompiler(SemanticModel model) {
        this.model = model;
    }

    String compile(QueryPlan plan) {
        return compile(plan, false);
    }

    /** With {@code filmIds}, a plan broken down by film also selects each film's id, for a later plan "within" it. */
    private String compile(QueryPlan plan, boolean filmIds) {
        var rankOf = plan.filtersOn(QueryPlan.RANK_OF);
        if (!rankOf.isEmpty()) {
            return compileRankOf(plan, rankOf.getFirst());
        }
        if (plan.perGroup() != null && plan.inReleaseOrder()) {
            throw new UnsupportedPlanException("an order of release beside a ranking within groups");
        }
        if (plan.perGroup() != null && plan.groupBy().size() == 2 && plan.groupBy().get(1).equals("film")) {
            return compileTopPerGroup(plan, filmIds);
        }
        var metric = metricOf(plan.metric());
        boolean special = plan.metric().startsWith("count:") || plan.aggregate() != null && plan.aggregate().startsWith("share")
                || "avg".equals(plan.aggregate()) && !plan.groupBy().contains("film");
        if (!plan.alsoMeasures().isEmpty() && special) {
            throw new UnsupportedPlanException("several measures at once in a share, a count of groups or an average per film");
        }
        if (plan.metric().startsWith("count:") && plan.groupBy().isEmpty() && !plan.filtersOn("films").isEmpty()) {
            // "How many directors have 10 or more films": the groups that qualify, counted.
            var groups = new QueryPlan(plan.datamart(), "films", null, List.of(plan.metric().substring("count:".length())), plan.filters(),
                    null, null);
            return "SELECT COUNT(*) AS " + metric.alias() + "\nFROM (" + compile(groups) + ") qualifying";
        }
        boolean boxOfficeGrain = metric.grain().equals("box_office")
                || plan.groupBy().stream().map(model::dimension).anyMatch(d -> d.grain().equals("box_office") || d.grain().equals("regions"))
                || plan.groupBy().contains("film") && alsoMeasuresWeekly(plan);
        if (plan.aggregate() != null && plan.aggregate().startsWith("share")) {
            return compileShare(plan, metric);
        }
        // An average of what each film has ("on average, how many weeks did 2009 releases run"): per film first.
        boolean averagePerFilm = "avg".equals(plan.aggregate()) && !plan.groupBy().contains("film")
                && (metric.grain().equals("box_office") && metric.column() != null || plan.metric().startsWith("count:"));
        if (averagePerFilm && plan.inReleaseOrder()) {
            throw new UnsupportedPlanException("an order of release beside an average per film");
        }
        if (averagePerFilm) {
            return compileAveragePerFilm(plan, metric);
        }

        var select = new ArrayList<String>();
        var groupBy = new ArrayList<String>();
        var where = new ArrayList<String>();
        for (String name : plan.groupBy()) {
            var dimension = model.dimension(name);
            if (filmIds && name.equals("film")) {
                select.add("m.movie_id AS movie_id");
            }
            if (dimension.display() != null) {
                select.add(dimension.display() + " AS " + dimension.displayAlias());
                groupBy.add(dimension.display());
            }
            select.add(dimension.select() + " AS " + dimension.alias());
            groupBy.add(dimension.groupByExpression());
            if (!name.equals("film")) {
                where.add(dimension.select() + " IS NOT NULL");
            }
        }
        String metricExpression = metricExpression(metric, plan.aggregate());
        if (boxOfficeGrain && !metric.grain().equals("box_office") && !plan.alsoMeasures().isEmpty()) {
            // A film's budget beside its box office: once per film, not once per week.
            metricExpression = alsoMeasure(metric, plan, true);
        }
        select.add(metricExpression + " AS " + metric.alias());
        for (String name : plan.alsoMeasures()) {
            select.add(alsoMeasure(model.metric(name), plan, boxOfficeGrain) + " AS " + model.metric(name).alias());
        }
        if (metric.column() != null && !metric.grain().equals("box_office") && !plan.groupBy().isEmpty()) {
            where.add(metric.column() + " IS NOT NULL");
        }

        var joins = new LinkedHashSet<String>();
        boolean boxOfficeJoined = boxOfficeGrain;
        if (boxOfficeGrain) {
            boolean weeklyRows = metric.grain().equals("box_office") || alsoMeasuresWeekly(plan);
            joins.add(weeklyRows || plan.groupBy().contains("week") || plan.groupBy().contains("calendar_week")
                    ? "JOIN box_office b ON b.movie_id = m.movie_id"
                    : "JOIN (SELECT DISTINCT movie_id, region_code FROM box_office) b ON b.movie_id = m.movie_id");
        }
        if (plan.groupBy().stream().map(model::dimension).anyMatch(dimension -> dimension.grain().equals("regions")
                || dimension.display() != null && dimension.display().startsWith("g."))) {
            joins.add("JOIN regions g ON g.region_code = b.region_code");
        }
        if (plan.groupBy().contains("director") || usesAlias(metric, "c.")) {
            joins.add("JOIN crew c ON c.movie_id = m.movie_id AND c.role = 'director'");
        }
        if (usesAlias(metric, "ri.")) {
            joins.add("JOIN ratings ri ON ri.movie_id = m.movie_id AND ri.source = 'IMDb'");
        }
        if (usesAlias(metric, "rr.")) {
            joins.add("JOIN ratings rr ON rr.movie_id = m.movie_id AND rr.source = 'Rotten Tomatoes'");
        }
        // Measures beside the first never drop rows the first would count: their tables are joined to the side.
        for (String name : plan.alsoMeasures()) {
            var also = model.metric(name);
            if (usesAlias(also, "ri.") && !usesAlias(metric, "ri.")) {
                joins.add("LEFT JOIN ratings ri ON ri.movie_id = m.movie_id AND ri.source = 'IMDb'");
            }
            if (usesAlias(also, "rr.") && !usesAlias(metric, "rr.")) {
                joins.add("LEFT JOIN ratings rr ON rr.movie_id = m.movie_id AND rr.source = 'Rotten Tomatoes'");
            }
        }

        for (QueryPlan.Filter filter : plan.filters()) {
            String condition = condition(filter, plan, boxOfficeJoined);
            if (condition != null) {
                where.add(condition);
            }
        }
        if (plan.within() != null && plan.within().groupBy().contains("film")) {
            // "Which of these ...": only the films the earlier answer listed.
            where.add("m.movie_id IN (SELECT earlier.movie_id FROM (" + compile(plan.within(), true) + ") earlier)");
        }

        var sql = new StringBuilder("SELECT ").append(String.join(", ", select)).append("\nFROM movies m");
        joins.forEach(join -> sql.append("\n").append(join));
        if (!where.isEmpty()) {
            sql.append("\nWHERE ").append(String.join("\n  AND ", where));
        }
        if (!groupBy.isEmpty()) {
            sql.append("\nGROUP BY ").append(String.join(", ", groupBy));
            // "Directors with three or more films": a condition on each group's number of films.
            var having = new ArrayList<>(plan.filtersOn("films").stream()
                    .map(filter -> model.metric("films").expression() + " " + compare(filter)).toList());
            // "Which genres took more than $500m": a condition on each group's own total.
            plan.filters().stream().filter(filter -> filter.field().startsWith(GROUP_TOTAL))
                    .map(filter -> metricOf(filter.field().substring(GROUP_TOTAL.length())).expression() + " " + compare(filter))
                    .forEach(having::add);
            if (!having.isEmpty() && !plan.groupBy().equals(List.of("film"))) {
                sql.append("\nHAVING ").append(String.join(" AND ", having));
            }
            sql.append("\nORDER BY ").append(orderBy(plan, metric));
        }
        if (plan.limit() != null) {
            sql.append("\nLIMIT ").append(plan.limit());
            if (plan.offset() != null && plan.offset() > 0) {
                sql.append(" OFFSET ").append(plan.offset());
            }
        }
        return sql.toString();
    }

    /** Whether a measure beside the first adds up weekly box office rows. */
    private boolean alsoMeasuresWeekly(QueryPlan plan) {
        return plan.alsoMeasures().stream().anyMatch(name -> model.metric(name).grain().equals("box_office"));
    }

    /**
     * A measure beside the first, in the same rows. A film-level fact (budget, rating) among weekly box
     * office rows is taken once per film, which only a breakdown by film allows; box office beside a
     * film-level first measure would need the weekly rows the first must not see.
     */
    private String alsoMeasure(SemanticModel.Metric also, QueryPlan plan, boolean boxOfficeJoined) {
        boolean filmLevel = !also.grain().equals("box_office");
        if (!boxOfficeJoined && !filmLevel) {
            throw new UnsupportedPlanException(also.label().toLowerCase() + " beside a measure of films without box office");
        }
        if (boxOfficeJoined && filmLevel) {
            if (!plan.groupBy().contains("film") || also.column() == null) {
                throw new UnsupportedPlanException(also.label().toLowerCase() + " beside box office, other than film by film");
            }
            return "MAX(" + also.column() + ")";
        }
        return metricExpression(also, plan.aggregate());
    }

    /**
     * "The top 3 films in each genre": each group's films numbered by the measure, and the first
     * {@code perGroup} of every group kept, groups in their order and films by rank within them.
     */
    private String compileTopPerGroup(QueryPlan plan, boolean filmIds) {
        var metric = metricOf(plan.metric());
        var group = model.dimension(plan.groupBy().getFirst());
        var film = model.dimension("film");
        String ranked = compile(plan.withPerGroup(null).withOrderAndLimit(plan.order(), null), filmIds);
        String direction = "asc".equals(plan.order()) ? "ASC" : "DESC";
        String filmColumn = " AS " + film.alias() + ", ";
        String metricExpression = ranked.substring(ranked.indexOf(filmColumn) + filmColumn.length(), ranked.indexOf(" AS " + metric.alias()));
        ranked = ranked.replaceFirst(java.util.regex.Pattern.quote(" AS " + metric.alias()), java.util.regex.Matcher.quoteReplacement(
                " AS " + metric.alias() + ", ROW_NUMBER() OVER (PARTITION BY " + group.groupByExpression() + " ORDER BY " + metricExpression
                        + " " + direction + " NULLS LAST) AS rank_in_group"));
        var columns = new ArrayList<String>();
        if (filmIds) {
            columns.add("ranked.movie_id");
        }
        if (group.display() != null) {
            columns.add("ranked." + group.displayAlias());
        }
        columns.add("ranked." + group.alias());
        columns.add("ranked." + film.alias());
        columns.add("ranked." + metric.alias());
        plan.alsoMeasures().forEach(name -> columns.add("ranked." + model.metric(name).alias()));
        return "SELECT " + String.join(", ", columns) + "\nFROM (" + ranked + ") ranked\nWHERE ranked.rank_in_group <= " + plan.perGroup()
                + "\nORDER BY ranked." + group.alias() + ", ranked.rank_in_group";
    }

    /** Every film the plan describes, ranked by its measure (ties share a rank), and the named film's row: its rank of how many. */
    private String compileRankOf(QueryPlan plan, QueryPlan.Filter rankOf) {
        var metric = metricOf(plan.metric());
        var others = plan.filters().stream().filter(filter -> filter != rankOf).toList();
        String films = compile(plan.withFilters(others).withOrderAndLimit(plan.order(), null), false);
        String direction = "asc".equals(plan.order()) ? "ASC" : "DESC";
        return "SELECT ranked.title, ranked.rank, ranked.films_ranked, ranked." + metric.alias()
                + "\nFROM (SELECT films.*, RANK() OVER (ORDER BY films." + metric.alias() + " " + direction + " NULLS LAST) AS rank, "
                + "COUNT(*) OVER () AS films_ranked\nFROM (" + films + ") films) ranked\nWHERE ranked.title " + in(rankOf.values());
    }

    /** A plan the compiler cannot express: the planner says so rather than answering another question. */
    static final class UnsupportedPlanException extends RuntimeException {
        UnsupportedPlanException(String what) {
            super("I cannot compute " + what + " offline yet.");
        }
    }

    private static final List<String> SHARE_PARTS = List.of("region", "territory", "genre", "distributor", "creative_type", "source",
            "mpaa_rating", "title", "director");

    /**
     * Shares in percent. With a breakdown, each group's share of the total ("share of box office by
     * genre"); without one, the part a named region, genre, film ... takes of the whole that the other
     * conditions describe ("share of Avatar's box office from the US").
     */
    private String compileShare(QueryPlan plan, SemanticModel.Metric metric) {
        if (metric.name().equals("films") && plan.groupBy().isEmpty()) {
            return compileFilmShare(plan);
        }
        String column = metric.column() == null ? "b.gross_usd" : metric.column();
        var base = new QueryPlan(plan.datamart(), metric.name().equals("films") ? "box_office" : metric.name(), null,
                plan.groupBy(), plan.filters(), plan.order() == null ? "desc" : plan.order(), plan.limit());
        if (!plan.groupBy().isEmpty()) {
            String sql = compile(base);
            String total = model.metric(base.metric()).expression();
            return sql.replaceFirst(" AS " + model.metric(base.metric()).alias(),
                    " AS " + model.metric(base.metric()).alias() + ", 100.0 * " + total + " / SUM(" + total + ") OVER () AS share_pct");
        }
        QueryPlan.Filter part = null;
        var parts = switch (plan.aggregate()) {
            case "share:other" -> SHARE_PARTS.subList(2, SHARE_PARTS.size());
            case "share:week" -> List.of("week");
            default -> SHARE_PARTS;
        };
        for (String field : parts) {
            var candidates = plan.filtersOn(field).stream().filter(filter -> !filter.values().isEmpty() && !filter.isExclusion()).toList();
            if (!candidates.isEmpty()) {
                part = candidates.getFirst();
                break;
            }
        }
        if (part == null) {
            return compile(base);
        }
        var whole = new ArrayList<>(plan.filters());
        whole.remove(part);
        var wholePlan = base.withFilters(whole);
        String condition = condition(part, wholePlan.withGroupBy(List.of("region")), true);
        var where = new ArrayList<String>();
        for (QueryPlan.Filter filter : whole) {
            String other = condition(filter, wholePlan, true);
            if (other != null) {
                where.add(other);
            }
        }
        var sql = new StringBuilder("SELECT 100.0 * SUM(CASE WHEN ").append(condition).append(" THEN ").append(column)
                .append(" ELSE 0 END) / NULLIF(SUM(").append(column).append("), 0) AS share_pct, SUM(CASE WHEN ").append(condition)
                .append(" THEN ").append(column).append(" ELSE 0 END) AS part_").append(model.metric(base.metric()).alias())
                .append(", SUM(").append(column).append(") AS total_").append(model.metric(base.metric()).alias())
                .append("\nFROM movies m\nJOIN box_office b ON b.movie_id = m.movie_id");
        if (!where.isEmpty()) {
            sql.append("\nWHERE ").append(String.join("\n  AND ", where));
        }
        return sql.toString();
    }

    /** "What % of 2008 releases are rated PG-13": the films counted, the part among the whole the other conditions describe. */
    private String compileFilmShare(QueryPlan plan) {
        QueryPlan.Filter part = null;
        for (String field : SHARE_PARTS.subList(2, SHARE_PARTS.size())) {
            var candidates = plan.filtersOn(field).stream().filter(filter -> !filter.values().isEmpty() && !filter.isExclusion()).toList();
            if (!candidates.isEmpty()) {
                part = candidates.getFirst();
                break;
            }
        }
        if (part == null) {
            return compile(plan.withMetric("films", null));
        }
        var whole = new ArrayList<>(plan.filters());
        whole.remove(part);
        var wholePlan = plan.withFilters(whole);
        String condition = condition(part, wholePlan, false);
        var where = whole.stream().map(filter -> condition(filter, wholePlan, false)).filter(java.util.Objects::nonNull).toList();
        return "SELECT 100.0 * SUM(CASE WHEN " + condition + " THEN 1 ELSE 0 END) / NULLIF(COUNT(*), 0) AS share_pct, "
                + "SUM(CASE WHEN " + condition + " THEN 1 ELSE 0 END) AS part_films, COUNT(*) AS total_films\nFROM movies m"
                + (where.isEmpty() ? "" : "\nWHERE " + String.join("\n  AND ", where));
    }

    /** "Average box office of horror films": each film's total first, then the average of those. */
    private String compileAveragePerFilm(QueryPlan plan, SemanticModel.Metric metric) {
        // "Directors with at least five films": a condition on each director's films, so on the outer groups.
        var rowFilters = plan.filters().stream().filter(filter -> !filter.field().equals("films")).toList();
        var inner = new QueryPlan(plan.datamart(), plan.metric(), null, concat("film", plan.groupBy()), rowFilters, null, null);
        String innerSql = compile(inner);
        var dimensions = plan.groupBy().stream().map(model::dimension).toList();
        String outerDimensions = dimensions.stream().map(d -> "per_film." + d.alias()).collect(Collectors.joining(", "));
        var sql = new StringBuilder("SELECT ");
        if (!outerDimensions.isEmpty()) {
            sql.append(outerDimensions).append(", ");
        }
        sql.append("AVG(per_film.").append(metric.alias()).append(") AS avg_").append(metric.alias())
                .append("\nFROM (").append(innerSql).append(") per_film");
        if (!outerDimensions.isEmpty()) {
            sql.append("\nGROUP BY ").append(outerDimensions);
            var having = plan.filtersOn("films").stream().map(filter -> "COUNT(*) " + compare(filter)).toList();
            if (!having.isEmpty()) {
                sql.append("\nHAVING ").append(String.join(" AND ", having));
            }
            sql.append("\nORDER BY ")
                    .append(plan.order() == null && dimensions.stream().anyMatch(SemanticModel.Dimension::isTime)
                            ? outerDimensions : "avg_" + metric.alias() + " " + (plan.order() == null ? "DESC" : plan.order().toUpperCase()));
        }
        if (plan.limit() != null) {
            sql.append("\nLIMIT ").append(plan.limit());
        }
        return sql.toString();
    }

    private static List<String> concat(String first, List<String> rest) {
        var all = new ArrayList<String>();
        all.add(first);
        all.addAll(rest);
        return all;
    }

    private String orderBy(QueryPlan plan, SemanticModel.Metric metric) {
        var dimensions = plan.groupBy().stream().map(model::dimension).toList();
        String labels = dimensions.stream().map(SemanticModel.Dimension::alias).collect(Collectors.joining(", "));
        if (plan.order() == null && dimensions.stream().allMatch(SemanticModel.Dimension::isTime)) {
            return labels;
        }
        if (plan.inReleaseOrder()) {
            if (!plan.groupBy().contains("film")) {
                throw new UnsupportedPlanException("an order of release for anything but a list of films");
            }
            return "MIN(m.release_date) " + (plan.order().endsWith("desc") ? "DESC" : "ASC") + " NULLS LAST, " + labels;
        }
        String direction = "asc".equals(plan.order()) ? "ASC" : "DESC";
        return metric.alias() + " " + direction + " NULLS LAST, " + labels;
    }

    private SemanticModel.Metric metricOf(String name) {
        if (name.startsWith("count:")) {
            var dimension = model.dimension(name.substring("count:".length()));
            return new SemanticModel.Metric(name, "Number of " + dimension.label().toLowerCase() + "s", dimension.alias() + "_count",
                    "COUNT(DISTINCT " + dimension.select() + ")", null, dimension.grain(), "count", List.of());
        }
        return model.metric(name);
    }

    private static String metricExpression(SemanticModel.Metric metric, String aggregate) {
        if (aggregate == null || metric.column() == null || metric.name().equals("films")) {
            return metric.expression();
        }
        return switch (aggregate) {
            case "avg" -> "AVG(" + metric.column() + ")";
            case "max" -> "MAX(" + metric.column() + ")";
            case "min" -> "MIN(" + metric.column() + ")";
            default -> metric.expression();
        };
    }

    private static boolean usesAlias(SemanticModel.Metric metric, String alias) {
        return metric.expression().contains(alias);
    }

    private String condition(QueryPlan.Filter filter, QueryPlan plan, boolean boxOfficeJoined) {
        if (filter.isExclusion()) {
            // Not one of these: rows where the kept condition is false or unknown (a film with no distributor is not Warner's).
            String kept = condition(filter.kept(), plan, boxOfficeJoined);
            return kept == null ? null : "(" + kept + ") IS NOT TRUE";
        }
        String field = filter.field();
        if (field.equals("films") || field.startsWith(GROUP_TOTAL) || field.equals(QueryPlan.RANK_OF)) {
            return null; // a condition on groups, not rows: HAVING
        }
        if (field.equals("region") && filter.values().isEmpty()) {
            return null;
        }
        if (field.equals("title_contains")) {
            // The name as whole words: "Bourne" is in "The Bourne Identity", not in "Mrs. Winterbourne".
            String words = String.valueOf(filter.values().getFirst()).toLowerCase(java.util.Locale.ROOT);
            var pattern = new StringBuilder("(^|[^a-z0-9])");
            words.chars().forEach(c -> pattern.append(Character.isLetterOrDigit(c) || c == ' ' ? String.valueOf((char) c) : "."));
            return "regexp_matches(lower(m.title), " + literal(pattern.append("([^a-z0-9]|$)").toString()) + ") = true";
        }
        if (field.equals("title")) {
            return "m.title " + in(filter.values());
        }
        if (field.equals("director")) {
            return plan.groupBy().contains("director") ? "c.person_name " + in(filter.values())
                    : "m.movie_id IN (SELECT movie_id FROM crew WHERE role = 'director' AND person_name " + in(filter.values()) + ")";
        }
        if (isDimensionOf(field, "movies") && "in".equals(filter.op())) {
            // A film's own attribute: the semantic model's genre, distributor ... and any it adds.
            return model.dimension(field).select() + " " + in(filter.values());
        }
        if (field.equals("year")) {
            return "m.release_year " + compare(filter);
        }
        if (field.equals("month")) {
            return "month(m.release_date) " + compare(filter);
        }
        if (field.equals("release_date")) {
            return "m.release_date " + compare(filter);
        }
        if (field.equals("region") || field.equals("week") || field.equals("week_start") || isDimensionOf(field, "regions")) {
            String rowCondition = boxOfficeRowCondition(filter, "b.");
            return boxOfficeJoined && !(field.equals("week") && !plan.groupBy().isEmpty() && !model.metric(metricName(plan)).grain().equals("box_office"))
                    ? rowCondition
                    : "m.movie_id IN (SELECT movie_id FROM box_office b WHERE " + rowCondition + ")";
        }
        if (field.equals(QueryPlan.MARKET_COMPARISON)) {
            // Each film's figure in the first market against the second's (none counts as zero), in the plan's weekly measure.
            var measured = metricOf(metricName(plan));
            String column = measured.grain().equals("box_office") && measured.column() != null ? measured.column().replaceFirst("^b\\.", "") : "gross_usd";
            return "m.movie_id IN (SELECT movie_id FROM box_office GROUP BY movie_id HAVING SUM(CASE WHEN region_code = "
                    + literal(filter.values().get(0)) + " THEN " + column + " ELSE 0 END) " + filter.op() + " SUM(CASE WHEN region_code = "
                    + literal(filter.values().get(1)) + " THEN " + column + " ELSE 0 END))";
        }
        if (field.equals("no_rating_from")) {
            return "m.movie_id NOT IN (SELECT movie_id FROM ratings WHERE rating IS NOT NULL AND source " + in(filter.values()) + ")";
        }
        if (field.equals("imdb_rating") || field.equals("rt_rating") || field.equals("imdb_votes")) {
            String source = field.equals("rt_rating") ? "Rotten Tomatoes" : "IMDb";
            String column = field.equals("imdb_votes") ? "votes" : "rating";
            return "m.movie_id IN (SELECT movie_id FROM ratings WHERE source = '" + source + "' AND " + column + " " + compare(filter) + ")";
        }
        var rowConditions = plan.filters().stream()
                .filter(other -> (Set.of("region", "week", "week_start").contains(other.field()) || isDimensionOf(other.field(), "regions"))
                        && !other.values().isEmpty())
                .map(other -> boxOfficeRowCondition(other, "b."))
                .toList();
        if (field.equals("roi")) {
            // A film's box office (under the same region and week conditions) against a multiple of its budget.
            return "m.movie_id IN (SELECT b.movie_id FROM box_office b JOIN movies budgeted ON budgeted.movie_id = b.movie_id"
                    + " WHERE budgeted.production_budget_usd > 0" + (rowConditions.isEmpty() ? "" : " AND " + String.join(" AND ", rowConditions))
                    + " GROUP BY b.movie_id, budgeted.production_budget_usd HAVING SUM(b.gross_usd) " + compare(filter)
                    + " * budgeted.production_budget_usd)";
        }
        var metric = model.metric(field);
        if (metric.grain().equals("movies") && metric.column() != null) {
            return metric.column() + " " + compare(filter);
        }
        // A threshold on a film's box office total: which films qualify, under the same region and week conditions.
        return "m.movie_id IN (SELECT b.movie_id FROM box_office b"
                + (rowConditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", rowConditions))
                + " GROUP BY b.movie_id HAVING " + metric.expression() + " " + compare(filter) + ")";
    }

    private static String metricName(QueryPlan plan) {
        return plan.metric().startsWith("count:") ? "films" : plan.metric();
    }

    private String boxOfficeRowCondition(QueryPlan.Filter filter, String alias) {
        if (isDimensionOf(filter.field(), "regions")) {
            // An attribute of the region (its territory group, or any the model adds): the regions that have it.
            String column = model.dimension(filter.field()).select().replaceFirst("^g\\.", "");
            return alias + "region_code IN (SELECT region_code FROM regions WHERE " + column + " " + in(filter.values()) + ")";
        }
        return switch (filter.field()) {
            case "region" -> alias + "region_code " + in(filter.values());
            case "week_start" -> alias + "week_start " + compare(filter);
            default -> alias + "week_number " + compare(filter);
        };
    }

    /** Whether {@code field} is a dimension of the model whose values live in {@code grain} ("movies", "regions"). */
    private boolean isDimensionOf(String field, String grain) {
        return model.dimensions().stream().anyMatch(dimension -> dimension.name().equals(field) && dimension.grain().equals(grain)
                && !dimension.isTime() && !field.equals("film"));
    }

    private static String compare(QueryPlan.Filter filter) {
        if (filter.op().equals("in")) {
            return in(filter.values());
        }
        if (filter.op().equals("between")) {
            return "BETWEEN " + literal(filter.values().get(0)) + " AND " + literal(filter.values().get(1));
        }
        return filter.op() + " " + literal(filter.values().getFirst());
    }

    private static String in(List<Object> values) {
        if (values.size() == 1) {
            return "= " + literal(values.getFirst());
        }
        return "IN (" + values.stream().map(SqlCompiler::literal).collect(Collectors.joining(", ")) + ")";
    }

    static String literal(Object value) {
        if (value instanceof Number number) {
            return new BigDecimal(number.toString()).toPlainString();
        }
        return "'" + String.valueOf(value).replace("'", "''") + "'";
    }
}
