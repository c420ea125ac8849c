package ai.usheru.ask.planner;

import java.util.ArrayList;
import java.util.List;

/**
 * What a question asks for, independent of SQL: a metric, how to aggregate it, what to break it down
 * by, which rows count, and how to order and cut the result. Plans are stored with each answer so
 * that a follow-up can change part of the previous one.
 *
 * @param metric name of a semantic-model metric, or {@code count:<dimension>} for "how many directors"
 * @param aggregate {@code avg}, {@code max} or {@code min} to override the metric's own aggregate, or null
 * @param groupBy dimension names, outermost first
 * @param filters conditions on rows (all must hold)
 * @param order {@code desc}, {@code asc} (of the metric), {@link #RELEASED_OLDEST_FIRST} or {@link #RELEASED_NEWEST_FIRST}
 *              (a list of films by when they came out), or null for the natural order of the breakdown
 * @param limit how many rows, or null for all
 * @param offset rows skipped before them ("the second-highest": offset 1, limit 1), or null
 * @param within the earlier plan whose films this one is about ("which of these had the biggest budget"
 *               after a top 5), or null
 * @param alsoMeasures metrics shown beside {@code metric} ("gross, admissions and screens"); the order and
 *                     limit follow {@code metric}
 * @param perGroup with a breakdown by a dimension and then by film, how many films to keep in each group
 *                 ("the top 3 films in each genre"), or null
 */
public record QueryPlan(
        String datamart,
        String metric,
        String aggregate,
        List<String> groupBy,
        List<Filter> filters,
        String order,
        Integer limit,
        Integer offset,
        QueryPlan within,
        List<String> alsoMeasures,
        Integer perGroup) {

    public QueryPlan {
        groupBy = groupBy == null ? List.of() : List.copyOf(groupBy);
        filters = filters == null ? List.of() : List.copyOf(filters);
        alsoMeasures = alsoMeasures == null ? List.of() : List.copyOf(alsoMeasures);
    }

    public QueryPlan(String datamart, String metric, String aggregate, List<String> groupBy, List<Filter> filters, String order,
            Integer limit, Integer offset, QueryPlan within) {
        this(datamart, metric, aggregate, groupBy, filters, order, limit, offset, within, List.of(), null);
    }

    public QueryPlan(String datamart, String metric, String aggregate, List<String> groupBy, List<Filter> filters, String order,
            Integer limit, Integer offset, QueryPlan within, List<String> alsoMeasures) {
        this(datamart, metric, aggregate, groupBy, filters, order, limit, offset, within, alsoMeasures, null);
    }

    public QueryPlan(String datamart, String metric, String aggregate, List<String> groupBy, List<Filter> filters, String order,
            Integer limit, Integer offset) {
        this(datamart, metric, aggregate, groupBy, filters, order, limit, offset, null, List.of(), null);
    }

    public QueryPlan(String datamart, String metric, String aggregate, List<String> groupBy, List<Filter> filters, String order,
            Integer limit) {
        this(datamart, metric, aggregate, groupBy, filters, order, limit, null, null, List.of(), null);
    }

    /**
     * A condition. {@code field} is a dimension name ({@code genre}, {@code region}, {@code director}
     * ...), {@code title}, {@code year}, {@code week}, or a metric name for thresholds
     * ({@code budget}, {@code imdb_rating}, {@code box_office} on a film's total). {@code op} is
     * {@code in}, {@code not in}, {@code between}, {@code like} (for {@code title_contains}), {@code >}, {@code >=}, {@code <}, {@code <=} or {@code =}.
     */
    public record Filter(String field, String op, List<Object> values) {

        public Filter {
            values = List.copyOf(values);
        }

        public static Filter in(String field, List<?> values) {
            return new Filter(field, "in", new ArrayList<>(values));
        }

        public static Filter compare(String field, String op, Object value) {
            return new Filter(field, op, List.of(value));
        }

        /** A comparison with a number ("> 100"); not a list of values (kept or excluded) nor a pattern on titles. */
        public boolean isThreshold() {
            return !"in".equals(op) && !"like".equals(op) && !isExclusion();
        }

        /** Rows without these values: "excluding Warner Bros.", "other than comedies". */
        public boolean isExclusion() {
            return "not in".equals(op);
        }

        /** An exclusion's values as kept ones (the condition it negates); the filter itself otherwise. */
        public Filter kept() {
            return isExclusion() ? in(field, values) : this;
        }
    }

    public List<Filter> filtersOn(String field) {
        return filters.stream().filter(filter -> filter.field().equals(field)).toList();
    }

    public boolean hasFilterOn(String field) {
        return filters.stream().anyMatch(filter -> filter.field().equals(field));
    }

    public QueryPlan withFilters(List<Filter> newFilters) {
        return new QueryPlan(datamart, metric, aggregate, groupBy, newFilters, order, limit, offset, within, alsoMeasures, perGroup);
    }

    public QueryPlan withGroupBy(List<String> newGroupBy) {
        return new QueryPlan(datamart, metric, aggregate, newGroupBy, filters, order, limit, offset, within, alsoMeasures, perGroup);
    }

    /** A filter naming the film whose place among the others in the ranking is asked ("where does Juno rank ..."). */
    public static final String RANK_OF = "rank_of";

    /** A filter on each film's figure in one market against another's: values [first, second], op {@code >} or {@code <}. */
    public static final String MARKET_COMPARISON = "market_comparison";

    /** Orders of a list of films by when they came out. */
    public static final String RELEASED_OLDEST_FIRST = "release";
    public static final String RELEASED_NEWEST_FIRST = "release desc";

    /** Whether a list of films is ordered by when they came out rather than by the measure. */
    public boolean inReleaseOrder() {
        return order != null && order.startsWith(RELEASED_OLDEST_FIRST);
    }

    public QueryPlan withOrderAndLimit(String newOrder, Integer newLimit) {
        return new QueryPlan(datamart, metric, aggregate, groupBy, filters, newOrder, newLimit, null, within, alsoMeasures, perGroup);
    }

    public QueryPlan withMetric(String newMetric, String newAggregate) {
        return new QueryPlan(datamart, newMetric, newAggregate, groupBy, filters, order, limit, offset, within, alsoMeasures, perGroup);
    }

    public QueryPlan withPerGroup(Integer newPerGroup) {
        return new QueryPlan(datamart, metric, aggregate, groupBy, filters, order, limit, offset, within, alsoMeasures, newPerGroup);
    }

    public QueryPlan withAlsoMeasures(List<String> measures) {
        return new QueryPlan(datamart, metric, aggregate, groupBy, filters, order, limit, offset, within, measures, perGroup);
    }
}
