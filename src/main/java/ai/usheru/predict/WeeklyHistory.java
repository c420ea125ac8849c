package ai.usheru.predict;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import ai.usheru.guard.ScopedQueryRunner;
import ai.usheru.warehouse.QueryResult;

/**
 * Weekly box office totals (Monday to Sunday weeks) read through the guard in a scope, up to the last
 * week the market is complete: the warehouse's last weeks may hold only the tails of films already
 * running, when the catalogue's newer releases are not loaded yet, and would read as a collapse. A week
 * counts as complete while the films opening in it and the three weeks before number at least half
 * their median over the year before.
 */
public final class WeeklyHistory {

    /** Monday-based week number: 1900-01-01 was a Monday. */
    static final String WEEK_INDEX = "floor(date_diff('day', DATE '1900-01-01', b.week_start) / 7)";
    private static final LocalDate EPOCH = LocalDate.of(1900, 1, 1);
    private static final int MAX_ROWS = 200_000;

    private WeeklyHistory() {}

    /** The last complete week (its Monday) in a scope, or null when there is no box office. */
    public static LocalDate lastCompleteWeek(ScopedQueryRunner queries, Set<String> regions) {
        QueryResult result = queries.run(FilmDataset.DATAMART, """
                SELECT %s AS week_index, SUM(CASE WHEN b.week_number = 1 THEN 1 ELSE 0 END) AS openings
                FROM box_office b GROUP BY 1 ORDER BY 1""".formatted(WEEK_INDEX), regions, MAX_ROWS).result();
        var openings = new TreeMap<Long, Long>();
        result.rows().forEach(row -> openings.put(((Number) row.get(0)).longValue(), ((Number) row.get(1)).longValue()));
        if (openings.isEmpty()) {
            return null;
        }
        long first = openings.firstKey();
        long last = openings.lastKey();
        long[] rolling = new long[(int) (last - first + 1)];
        for (long week = first; week <= last; week++) {
            long sum = 0;
            for (long back = week - 3; back <= week; back++) {
                sum += openings.getOrDefault(back, 0L);
            }
            rolling[(int) (week - first)] = sum;
        }
        for (long week = last; week >= first + 52; week--) {
            long[] yearBefore = Arrays.copyOfRange(rolling, (int) (week - first - 52), (int) (week - first));
            Arrays.sort(yearBefore);
            if (rolling[(int) (week - first)] * 2 >= yearBefore[26]) {
                return EPOCH.plusWeeks(week);
            }
        }
        return EPOCH.plusWeeks(last);
    }

    /**
     * The weekly totals of films matching {@code condition} (SQL over {@code m} and {@code b}, already
     * validated) from {@code from} to {@code lastWeek}, one value per week, a week without box office as 0.
     */
    public static WeeklyBacktest.Series load(ScopedQueryRunner queries, Set<String> regions, String name, String condition, LocalDate from,
            LocalDate lastWeek) {
        return loadGrouped(queries, regions, "'" + name.replace("'", "''") + "'", condition, from, lastWeek).getOrDefault(name,
                new WeeklyBacktest.Series(name, List.of(), new double[0]));
    }

    /** As {@link #load}, one series per value of {@code groupBy} (an SQL expression). */
    static Map<String, WeeklyBacktest.Series> loadGrouped(ScopedQueryRunner queries, Set<String> regions, String groupBy, String condition,
            LocalDate from, LocalDate lastWeek) {
        long fromIndex = ChronoUnit.WEEKS.between(EPOCH, from);
        long toIndex = ChronoUnit.WEEKS.between(EPOCH, lastWeek);
        QueryResult result = queries.run(FilmDataset.DATAMART, """
                SELECT %s AS series, %s AS week_index, SUM(b.gross_usd) AS gross
                FROM box_office b JOIN movies m ON m.movie_id = b.movie_id
                WHERE %s BETWEEN %d AND %d AND %s
                GROUP BY 1, 2 ORDER BY 1, 2""".formatted(groupBy, WEEK_INDEX, WEEK_INDEX, fromIndex, toIndex, condition), regions, MAX_ROWS)
                .result();
        var byName = new LinkedHashMap<String, Map<Long, Double>>();
        result.rows().forEach(row -> byName.computeIfAbsent(String.valueOf(row.get(0)), key -> new TreeMap<>())
                .put(((Number) row.get(1)).longValue(), ((Number) row.get(2)).doubleValue()));
        var series = new LinkedHashMap<String, WeeklyBacktest.Series>();
        byName.forEach((name, weeks) -> {
            long start = weeks.keySet().iterator().next();
            var starts = new ArrayList<LocalDate>();
            double[] values = new double[(int) (toIndex - start + 1)];
            for (long week = start; week <= toIndex; week++) {
                starts.add(EPOCH.plusWeeks(week));
                values[(int) (week - start)] = weeks.getOrDefault(week, 0.0);
            }
            series.put(name, new WeeklyBacktest.Series(name, starts, values));
        });
        return series;
    }
}
