package ai.usheru.semantic;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The declarative description of one datamart: its tables and columns, which column carries the
 * region scope, the metrics and dimensions people ask about with the words they use for them, and
 * aliases for values ("Irish" for IE, "comedies" for Comedy). It is the single source the warehouse
 * loader, the planner, the guard and the UI read.
 *
 * @param code the datamart's code, also the warehouse dataset name
 * @param scopeColumn the column of every {@linkplain Table#scoped() scoped} table that holds a region code
 * @param regionAliases region code to the names and adjectives people use for it
 * @param valueAliases {@code table.column} to canonical value to the words people use for it
 */
public record SemanticModel(
        String code,
        String name,
        String description,
        String warehouse,
        String scopeColumn,
        List<Table> tables,
        List<Metric> metrics,
        List<Dimension> dimensions,
        Map<String, List<String>> regionAliases,
        Map<String, Map<String, List<String>>> valueAliases) {

    public SemanticModel {
        tables = List.copyOf(tables);
        metrics = metrics == null ? List.of() : List.copyOf(metrics);
        dimensions = dimensions == null ? List.of() : List.copyOf(dimensions);
        regionAliases = regionAliases == null ? Map.of() : Map.copyOf(regionAliases);
        valueAliases = valueAliases == null ? Map.of() : Map.copyOf(valueAliases);
    }

    public Optional<Table> table(String tableName) {
        return tables.stream().filter(table -> table.name().equalsIgnoreCase(tableName)).findFirst();
    }

    public Metric metric(String metricName) {
        return metrics.stream().filter(metric -> metric.name().equals(metricName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No metric " + metricName + " in " + code));
    }

    public Dimension dimension(String dimensionName) {
        return dimensions.stream().filter(dimension -> dimension.name().equals(dimensionName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No dimension " + dimensionName + " in " + code));
    }

    /** The table aliases metric and dimension expressions use, as the planner's SQL declares them. */
    private static final Map<String, String> TABLE_ALIASES = Map.of(
            "m", "movies", "b", "box_office", "g", "regions", "c", "crew", "ri", "ratings", "rr", "ratings");

    /** The tables an expression such as {@code SUM(b.gross_usd)} reads, by its aliases. */
    public static Set<String> tablesIn(String expression) {
        var tables = new LinkedHashSet<String>();
        Matcher matcher = QUALIFIED_COLUMN.matcher(expression == null ? "" : expression);
        while (matcher.find()) {
            String table = TABLE_ALIASES.get(matcher.group(1));
            if (table != null) {
                tables.add(table);
            }
        }
        return tables;
    }

    private static final Pattern QUALIFIED_COLUMN = Pattern.compile("\\b([a-z]{1,2})\\.[a-z_]+");

    /** A table of the datamart. {@code rowCount} is what a complete load holds. */
    public record Table(String name, String description, long rowCount, boolean scoped, List<Column> columns) {

        public Table {
            columns = List.copyOf(columns);
        }
    }

    /** A column with its warehouse type; {@code nullable} defaults to true. */
    public record Column(String name, String type, Boolean nullable, String description) {

        public boolean isNullable() {
            return nullable == null || nullable;
        }
    }

    /**
     * A measure people ask for. {@code expression} aggregates over the planner's table aliases
     * (m movies, b box_office, c crew, ri IMDb ratings, rr Rotten Tomatoes ratings, g regions);
     * {@code column} is the row-level value for per-film averages and thresholds, where one exists;
     * {@code grain} is the table whose rows it adds up.
     */
    public record Metric(String name, String label, String alias, String expression, String column, String grain,
            String unit, List<String> synonyms) {

        public Metric {
            synonyms = synonyms == null ? List.of() : List.copyOf(synonyms);
        }

        public boolean isMoney() {
            return "usd".equals(unit);
        }
    }

    /**
     * Something to break results down or filter by. {@code select} is its SQL over the planner's
     * aliases, {@code groupBy} what to group by when it differs (titles are not unique), and
     * {@code valuesFrom} the {@code table.column} whose values name its members. {@code display},
     * where the members are codes, is the SQL of the name people know each by (the region's name
     * beside its code), selected beside it in every breakdown.
     */
    public record Dimension(String name, String label, String alias, String select, String groupBy, String grain,
            String valuesFrom, Boolean time, List<String> synonyms, String display) {

        public Dimension {
            synonyms = synonyms == null ? List.of() : List.copyOf(synonyms);
        }

        public String groupByExpression() {
            return groupBy == null ? select : groupBy;
        }

        public boolean isTime() {
            return time != null && time;
        }

        /** The column name of {@link #display()} in results: {@code g.region_name} is {@code region_name}. */
        public String displayAlias() {
            return display == null ? null : display.substring(display.indexOf('.') + 1);
        }
    }
}
