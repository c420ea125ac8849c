package ai.usheru.insights;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import ai.usheru.Money;
import ai.usheru.guard.ScopedQueryRunner;
import ai.usheru.warehouse.QueryResult;

/**
 * Finds what is worth telling about one week in one scope: the biggest movers week over week and year
 * over year by genre, distributor and territory; the films that drove the biggest moves; weeks outside
 * the range a subject's own history predicts; records (best opening of the year so far, a new number
 * one); and one or two films making most of a territory's or genre's week.
 *
 * <p>A week runs Monday to Sunday (the data's weeks start on each film's release day and are counted in
 * the week they start in). Every figure comes from a query through the scoped runner, with the same guard
 * and region scope as a user's question, so an insight never shows what its scope could not ask for.
 */
@Component
public class InsightEngine {

    /** Weeks of history behind the latest week: three years, enough for a year-ago comparison and a spread. */
    static final int HISTORY = 156;
    private static final int SUBJECTS = 20;
    private static final int MAX_ROWS = 10_000;
    private static final int CHART_WEEKS = 12;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.UK);
    private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("d MMM", Locale.UK);

    // A move is news when it is large against the subject's own base and against the whole week.
    private static final double MIN_CHANGE = 0.30;
    private static final double MIN_WEIGHT = 0.03;
    private static final double MIN_BASE = 10_000;
    private static final int MOVERS_PER_DIMENSION = 2;

    // One or two films making most of a subject's week, when the subject matters to the week.
    private static final double ONE_FILM_SHARE = 0.5;
    private static final double TWO_FILM_SHARE = 0.7;
    private static final double MIN_SUBJECT_SHARE = 0.05;
    private static final int MIN_FILMS = 4;

    /** What insights are computed about: a column of the data mart and how it reads in a sentence. */
    enum Dimension {
        GENRE("genre", "m.major_genre", "genres"),
        DISTRIBUTOR("distributor", "m.distributor", "distributors"),
        TERRITORY("territory", "r.region_name", "territories");

        final String key;
        final String column;
        final String plural;

        Dimension(String key, String column, String plural) {
            this.key = key;
            this.column = column;
            this.plural = plural;
        }

        /** "Animation films", "films from Warner Bros.", "Ireland". */
        String describe(String subject) {
            return switch (this) {
                case GENRE -> subject + " films";
                case DISTRIBUTOR -> "films from " + subject;
                case TERRITORY -> subject;
            };
        }

        /** A question that opens the subject's films of the year in the chat. */
        String questionFor(String subject, int year) {
            return switch (this) {
                case GENRE -> "Top 10 " + subject + " films released in " + year + " by box office";
                case DISTRIBUTOR -> "Top 10 films distributed by " + subject + " released in " + year + " by box office";
                case TERRITORY -> "Top 10 films in " + subject + " released in " + year + " by box office";
            };
        }
    }

    /**
     * The week a day falls in, as the number of whole weeks since Monday 1 January 1900, so weeks run
     * Monday to Sunday; written with functions the guard allows on every warehouse.
     */
    static final String WEEK_INDEX = "floor(date_diff('day', DATE '1900-01-01', b.week_start) / 7)";
    static final LocalDate WEEK_ZERO = LocalDate.of(1900, 1, 1);

    private static final String FROM = """
            FROM box_office b
            JOIN movies m ON m.movie_id = b.movie_id
            JOIN regions r ON r.region_code = b.region_code""";

    private final ScopedQueryRunner queries;

    InsightEngine(ScopedQueryRunner queries) {
        this.queries = queries;
    }

    /** Weekly gross of one subject (or of the whole scope), oldest first; index {@link #HISTORY} is the week judged. */
    record Series(Dimension dimension, String subject, double[] weeks) {

        double latest() {
            return weeks[HISTORY];
        }

        double weeksAgo(int n) {
            return weeks[HISTORY - n];
        }
    }

    /** Every insight of the week starting {@code monday} in {@code scope}, strongest first. */
    public List<Insight> compute(InsightScope scope, LocalDate monday) {
        var week = new Week(monday);
        Series total = total(scope, week);
        if (total.latest() <= 0) {
            return List.of();
        }
        List<Insight> found = new ArrayList<>();
        List<Mover> weekMovers = new ArrayList<>();
        for (Dimension dimension : Dimension.values()) {
            List<Series> series = series(scope, week, dimension);
            weekMovers.addAll(movers(series, total, week, 1, found));
            movers(series, total, week, 52, found);
            for (Series one : series) {
                unusual(one, total, week).ifPresent(found::add);
            }
            concentration(scope, week, dimension, total).forEach(found::add);
        }
        unusual(total, total, week).ifPresent(found::add);
        weekMovers.stream().sorted(Comparator.comparingDouble(Mover::weight).reversed()).limit(2)
                .forEach(mover -> drivers(scope, week, mover).ifPresent(found::add));
        bestOpening(scope, week).ifPresent(found::add);
        newNumberOne(scope, week).ifPresent(found::add);
        found.sort(Comparator.comparingDouble(Insight::score).reversed());
        return found;
    }

    /** The week judged and the dates its queries are written with. */
    record Week(LocalDate monday) {

        String start() {
            return literal(monday);
        }

        String end() {
            return literal(monday.plusDays(7));
        }

        String historyStart() {
            return literal(monday.minusWeeks(HISTORY));
        }

        String label() {
            return "the week of " + DAY.format(monday);
        }

        LocalDate weekAt(int index) {
            return monday.minusWeeks(HISTORY - index);
        }

        static String literal(LocalDate date) {
            return "DATE '" + date + "'";
        }
    }

    private Series total(InsightScope scope, Week week) {
        String sql = """
                SELECT %s AS week_index, SUM(b.gross_usd) AS gross
                FROM box_office b
                WHERE b.week_start >= %s AND b.week_start < %s
                GROUP BY week_index""".formatted(WEEK_INDEX, week.historyStart(), week.end());
        double[] weeks = new double[HISTORY + 1];
        for (List<Object> row : run(scope, sql).rows()) {
            put(weeks, week, row.get(0), row.get(1));
        }
        return new Series(null, "all films", weeks);
    }

    /** Weekly gross of the dimension's biggest subjects over the last year, with their three years of history. */
    private List<Series> series(InsightScope scope, Week week, Dimension dimension) {
        String sql = """
                WITH top_subjects AS (
                  SELECT %1$s AS subject
                  %2$s
                  WHERE b.week_start >= %3$s AND b.week_start < %4$s AND %1$s IS NOT NULL
                  GROUP BY %1$s
                  ORDER BY SUM(b.gross_usd) DESC
                  LIMIT %5$d
                )
                SELECT %1$s AS subject, %7$s AS week_index, SUM(b.gross_usd) AS gross
                %2$s
                WHERE b.week_start >= %6$s AND b.week_start < %4$s AND %1$s IN (SELECT subject FROM top_subjects)
                GROUP BY %1$s, week_index""".formatted(dimension.column, FROM,
                Week.literal(week.monday().minusWeeks(51)), week.end(), SUBJECTS, week.historyStart(), WEEK_INDEX);
        Map<String, double[]> bySubject = new LinkedHashMap<>();
        for (List<Object> row : run(scope, sql).rows()) {
            double[] weeks = bySubject.computeIfAbsent(String.valueOf(row.get(0)), subject -> new double[HISTORY + 1]);
            put(weeks, week, row.get(1), row.get(2));
        }
        return bySubject.entrySet().stream().map(entry -> new Series(dimension, entry.getKey(), entry.getValue())).toList();
    }

    private static void put(double[] weeks, Week week, Object weekIndex, Object gross) {
        LocalDate monday = WEEK_ZERO.plusWeeks(((Number) weekIndex).longValue());
        int index = HISTORY - (int) java.time.temporal.ChronoUnit.WEEKS.between(monday, week.monday());
        if (index >= 0 && index <= HISTORY && gross instanceof Number number) {
            weeks[index] += number.doubleValue();
        }
    }

    record Mover(Series series, double change, double weight) {}

    /** Subjects whose week moved most against {@code lag} weeks before, weighted by their size in the week. */
    private List<Mover> movers(List<Series> all, Series total, Week week, int lag, List<Insight> found) {
        double base = Math.max(total.latest(), total.weeksAgo(lag));
        List<Mover> movers = new ArrayList<>();
        for (Series series : all) {
            double now = series.latest();
            double before = series.weeksAgo(lag);
            double change = now - before;
            double weight = Math.abs(change) / base;
            if (before >= MIN_BASE && Math.abs(change / before) >= MIN_CHANGE && weight >= MIN_WEIGHT) {
                movers.add(new Mover(series, change, weight));
            }
        }
        movers.sort(Comparator.comparingDouble(Mover::weight).reversed());
        List<Mover> kept = movers.subList(0, Math.min(MOVERS_PER_DIMENSION, movers.size()));
        for (Mover mover : kept) {
            found.add(mover(mover, total, week, lag));
        }
        return kept;
    }

    private Insight mover(Mover mover, Series total, Week week, int lag) {
        Series series = mover.series();
        double before = series.weeksAgo(lag);
        long percent = Math.round(100 * mover.change() / before);
        String move = series.latest() >= 4 * before ? "up " + Math.round(series.latest() / before) + "×"
                : (mover.change() > 0 ? "up " : "down ") + Math.abs(percent) + "%";
        String against = lag == 1 ? "last week" : "the same week last year";
        String who = capitalise(series.dimension().describe(series.subject()));
        String title = "%s %s on %s".formatted(who, move, against);
        String body = "%s took %s in %s, %s from %s %s; %d%% of the week's box office.".formatted(who,
                Money.compact(series.latest()), week.label(), move, Money.compact(before),
                lag == 1 ? "the week before" : "a year earlier", Math.round(100 * series.latest() / total.latest()));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("dimension", series.dimension().key);
        data.put("subject", series.subject());
        data.put("thisWeek", series.latest());
        data.put("compared", before);
        data.put("change", mover.change());
        data.put("changePercent", percent);
        data.put("share", series.latest() / total.latest());
        data.put("chart", weeklyChart(series, week, lag == 1 ? -1 : 52).toData());
        String subject = (lag == 1 ? "wow:" : "yoy:") + series.dimension().key + ":" + series.subject();
        return new Insight(null, Insight.MOVER, subject, title, body, data,
                series.dimension().questionFor(series.subject(), week.monday().getYear()), seriesSql(series, week),
                mover.weight() * (lag == 1 ? 1.0 : 0.8));
    }

    /** The films behind a move: the largest contributions, and all others together, adding up to the change. */
    private Optional<Insight> drivers(InsightScope scope, Week week, Mover mover) {
        Series series = mover.series();
        String sql = """
                SELECT m.title, m.release_year,
                  SUM(CASE WHEN b.week_start >= %1$s THEN b.gross_usd ELSE 0 END)
                    - SUM(CASE WHEN b.week_start < %1$s THEN b.gross_usd ELSE 0 END) AS change_usd
                %2$s
                WHERE b.week_start >= %3$s AND b.week_start < %4$s AND %5$s = %6$s
                GROUP BY m.movie_id, m.title, m.release_year
                ORDER BY abs(change_usd) DESC""".formatted(week.start(), FROM, Week.literal(week.monday().minusWeeks(1)),
                week.end(), series.dimension().column, quote(series.subject()));
        List<List<Object>> rows = run(scope, sql).rows();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        List<String> labels = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        double explained = 0;
        for (List<Object> row : rows.subList(0, Math.min(3, rows.size()))) {
            double change = ((Number) row.get(2)).doubleValue();
            labels.add(String.valueOf(row.get(0)));
            values.add(change);
            explained += change;
        }
        double others = mover.change() - explained;
        if (rows.size() > 3) {
            labels.add("All other films");
            values.add(others);
        }
        String rise = mover.change() > 0 ? "rise" : "fall";
        String named = labels.size() > 1 && labels.size() <= 3
                ? String.join(", ", labels.subList(0, labels.size() - 1)) + " and " + labels.getLast()
                : String.join(", ", labels.subList(0, Math.min(3, labels.size())));
        var parts = new ArrayList<String>();
        for (int i = 0; i < Math.min(3, labels.size()); i++) {
            parts.add(labels.get(i) + " " + signed(values.get(i)));
        }
        String body = "Behind the %s of %s for %s in %s: %s%s.".formatted(rise, signed(mover.change()),
                series.dimension().describe(series.subject()), week.label(), String.join(", ", parts),
                rows.size() > 3 ? "; all other films " + signed(others) : "");
        String title = "What moved %s: %s".formatted(series.dimension().describe(series.subject()),
                labels.getFirst().equals("All other films") ? named : labels.getFirst());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("dimension", series.dimension().key);
        data.put("subject", series.subject());
        data.put("change", mover.change());
        data.put("films", labels);
        data.put("contributions", values);
        data.put("chart", new Insight.Chart("bar", "Change on last week", labels, values, 0).toData());
        return Optional.of(new Insight(null, Insight.DRIVERS, series.dimension().key + ":" + series.subject(), title, body, data,
                series.dimension().questionFor(series.subject(), week.monday().getYear()), sql, mover.weight() * 0.9));
    }

    /** A week outside the range the subject's own history predicts. */
    private Optional<Insight> unusual(Series series, Series total, Week week) {
        double[] history = java.util.Arrays.copyOf(series.weeks(), HISTORY);
        return UnusualChange.detect(history, series.latest(), UnusualChange.Settings.DEFAULT).map(finding -> {
            String who = series.dimension() == null ? "The whole box office" : capitalise(series.dimension().describe(series.subject()));
            String title = "Unusual week: %s %s".formatted(series.dimension() == null ? "the box office" : series.dimension().describe(series.subject()),
                    finding.above() ? "far above its usual range" : "far below its usual range");
            String body = "%s took %s in %s, %s the range of %s to %s its last three years predicted (about %s expected).".formatted(
                    who, Money.compact(finding.actual()), week.label(), finding.above() ? "above" : "below",
                    Money.compact(finding.low()), Money.compact(finding.high()), Money.compact(finding.expected()));
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("dimension", series.dimension() == null ? "total" : series.dimension().key);
            data.put("subject", series.subject());
            data.put("thisWeek", finding.actual());
            data.put("expected", finding.expected());
            data.put("low", finding.low());
            data.put("high", finding.high());
            data.put("score", finding.score());
            data.put("chart", weeklyChart(series, week, -1).toData());
            double share = series.latest() / total.latest();
            String key = (series.dimension() == null ? "total" : series.dimension().key) + ":" + series.subject();
            String question = series.dimension() == null ? "Top 10 films released in " + week.monday().getYear() + " by box office"
                    : series.dimension().questionFor(series.subject(), week.monday().getYear());
            return new Insight(null, Insight.UNUSUAL, key, title, body, data, question, seriesSql(series, week),
                    0.2 + Math.min(0.3, Math.abs(finding.score()) / 30) + Math.min(0.3, share));
        });
    }

    /** One or two films making most of a territory's or genre's week. */
    private List<Insight> concentration(InsightScope scope, Week week, Dimension dimension, Series total) {
        if (dimension == Dimension.DISTRIBUTOR) {
            return List.of();
        }
        String sql = """
                SELECT %1$s AS subject, m.title, SUM(b.gross_usd) AS gross_usd
                %2$s
                WHERE b.week_start >= %3$s AND b.week_start < %4$s AND %1$s IS NOT NULL
                GROUP BY %1$s, m.movie_id, m.title""".formatted(dimension.column, FROM, week.start(), week.end());
        Map<String, List<Object[]>> films = new HashMap<>();
        for (List<Object> row : run(scope, sql).rows()) {
            films.computeIfAbsent(String.valueOf(row.get(0)), key -> new ArrayList<>())
                    .add(new Object[] {String.valueOf(row.get(1)), ((Number) row.get(2)).doubleValue()});
        }
        List<Insight> found = new ArrayList<>();
        films.forEach((subject, list) -> {
            list.sort(Comparator.comparingDouble((Object[] film) -> (double) film[1]).reversed());
            double sum = list.stream().mapToDouble(film -> (double) film[1]).sum();
            double subjectShare = sum / total.latest();
            if (list.size() < MIN_FILMS || sum < MIN_BASE || subjectShare < MIN_SUBJECT_SHARE) {
                return;
            }
            double first = (double) list.get(0)[1] / sum;
            double two = first + (double) list.get(1)[1] / sum;
            String whose = dimension == Dimension.TERRITORY ? subject + "'s box office" : "the box office of " + subject + " films";
            String body;
            double share;
            boolean oneFilm = first >= ONE_FILM_SHARE;
            if (oneFilm) {
                share = first;
                body = "%s made %d%% of %s in %s (%s of %s), with %d films playing.".formatted(list.get(0)[0],
                        Math.round(100 * first), whose, week.label(), Money.compact((double) list.get(0)[1]),
                        Money.compact(sum), list.size());
            } else if (two >= TWO_FILM_SHARE) {
                share = two;
                body = "%s and %s made %d%% of %s in %s, with %d films playing.".formatted(list.get(0)[0], list.get(1)[0],
                        Math.round(100 * two), whose, week.label(), list.size());
            } else {
                return;
            }
            String title = (oneFilm ? "One film" : "Two films") + " made %d%% of %s".formatted(Math.round(100 * share), whose);
            List<String> labels = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            for (Object[] film : list.subList(0, Math.min(4, list.size()))) {
                labels.add((String) film[0]);
                values.add((double) film[1]);
            }
            if (list.size() > 4) {
                labels.add("All other films");
                values.add(sum - values.stream().mapToDouble(Double::doubleValue).sum());
            }
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("dimension", dimension.key);
            data.put("subject", subject);
            data.put("total", sum);
            data.put("share", share);
            data.put("films", labels);
            data.put("chart", new Insight.Chart("bar", "Box office in " + week.label(), labels, values, 0).toData());
            String question = dimension.questionFor(subject, week.monday().getYear());
            found.add(new Insight(null, Insight.CONCENTRATION, dimension.key + ":" + subject, title, body, data, question,
                    sql.replace("IS NOT NULL", "= " + quote(subject)), share * Math.min(1, subjectShare * 2) * 0.6));
        });
        return found;
    }

    /** The film that opened this week if its opening is the biggest of the year so far. */
    private Optional<Insight> bestOpening(InsightScope scope, Week week) {
        LocalDate newYear = week.monday().withDayOfYear(1);
        String sql = """
                SELECT m.title, m.release_year, SUM(b.gross_usd) AS opening_usd,
                  MAX(CASE WHEN b.week_start >= %1$s THEN 1 ELSE 0 END) AS opened_this_week
                FROM box_office b JOIN movies m ON m.movie_id = b.movie_id
                WHERE b.week_number = 1 AND b.week_start >= %2$s AND b.week_start < %3$s
                GROUP BY m.movie_id, m.title, m.release_year
                ORDER BY opening_usd DESC""".formatted(week.start(), Week.literal(newYear), week.end());
        List<List<Object>> rows = run(scope, sql).rows();
        if (rows.size() < 10 || ((Number) rows.getFirst().get(3)).intValue() != 1) {
            return Optional.empty();
        }
        List<Object> best = rows.getFirst();
        List<Object> before = rows.stream().filter(row -> ((Number) row.get(3)).intValue() == 0).findFirst().orElse(null);
        String title = "Best opening of %d so far: %s".formatted(week.monday().getYear(), best.get(0));
        String body = "%s opened to %s in %s, the biggest opening of %d so far%s.".formatted(best.get(0),
                Money.compact((Number) best.get(2)), week.label(), week.monday().getYear(),
                before == null ? "" : ", ahead of %s (%s)".formatted(before.get(0), Money.compact((Number) before.get(2))));
        List<List<Object>> top = rows.subList(0, Math.min(5, rows.size()));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("film", best.get(0));
        data.put("releaseYear", best.get(1));
        data.put("opening", best.get(2));
        data.put("chart", new Insight.Chart("bar", "Biggest openings of " + week.monday().getYear(),
                top.stream().map(row -> String.valueOf(row.get(0))).toList(),
                top.stream().map(row -> ((Number) row.get(2)).doubleValue()).toList(), 0).toData());
        return Optional.of(new Insight(null, Insight.RECORD, "best-opening", title, body, data,
                "Top 5 films by opening week box office released in " + week.monday().getYear(), sql, 0.6));
    }

    /** A film at the top of this week's box office that was not last week's number one. */
    private Optional<Insight> newNumberOne(InsightScope scope, Week week) {
        String sql = """
                SELECT m.title,
                  SUM(CASE WHEN b.week_start >= %1$s THEN b.gross_usd ELSE 0 END) AS this_week_usd,
                  SUM(CASE WHEN b.week_start < %1$s THEN b.gross_usd ELSE 0 END) AS last_week_usd
                FROM box_office b JOIN movies m ON m.movie_id = b.movie_id
                WHERE b.week_start >= %2$s AND b.week_start < %3$s
                GROUP BY m.movie_id, m.title""".formatted(week.start(), Week.literal(week.monday().minusWeeks(1)), week.end());
        List<List<Object>> rows = new ArrayList<>(run(scope, sql).rows());
        if (rows.size() < 2) {
            return Optional.empty();
        }
        rows.sort(Comparator.comparingDouble((List<Object> row) -> ((Number) row.get(2)).doubleValue()).reversed());
        List<Object> lastTop = rows.getFirst();
        rows.sort(Comparator.comparingDouble((List<Object> row) -> ((Number) row.get(1)).doubleValue()).reversed());
        List<Object> top = rows.getFirst();
        if (top == lastTop || ((Number) top.get(1)).doubleValue() <= 0 || ((Number) lastTop.get(2)).doubleValue() <= 0) {
            return Optional.empty();
        }
        String title = "New number one: " + top.get(0);
        String body = "%s took %s in %s, the most of any film, taking the top spot from %s (%s).".formatted(top.get(0),
                Money.compact((Number) top.get(1)), week.label(), lastTop.get(0), Money.compact((Number) lastTop.get(1)));
        List<List<Object>> five = rows.subList(0, Math.min(5, rows.size()));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("film", top.get(0));
        data.put("thisWeek", top.get(1));
        data.put("previousNumberOne", lastTop.get(0));
        data.put("chart", new Insight.Chart("bar", "Top films in " + week.label(),
                five.stream().map(row -> String.valueOf(row.get(0))).toList(),
                five.stream().map(row -> ((Number) row.get(1)).doubleValue()).toList(), 0).toData());
        return Optional.of(new Insight(null, Insight.RECORD, "number-one", title, body, data,
                "Top 10 films released in " + week.monday().getYear() + " by box office", sql, 0.5));
    }

    /** The last weeks of a series as bars, the judged week highlighted (and the year-ago week, for a yearly move). */
    private static Insight.Chart weeklyChart(Series series, Week week, int alsoWeeksAgo) {
        List<String> labels = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (int index = HISTORY - CHART_WEEKS + 1; index <= HISTORY; index++) {
            labels.add(SHORT.format(week.weekAt(index)));
            values.add(series.weeks()[index]);
        }
        if (alsoWeeksAgo > 0) {
            labels.addFirst(SHORT.format(week.weekAt(HISTORY - alsoWeeksAgo)) + " " + week.weekAt(HISTORY - alsoWeeksAgo).getYear());
            values.addFirst(series.weeksAgo(alsoWeeksAgo));
        }
        return new Insight.Chart("bar", "Weekly box office, " + (series.dimension() == null ? "all films" : series.subject()),
                labels, values, labels.size() - 1);
    }

    private static String seriesSql(Series series, Week week) {
        String filter = series.dimension() == null ? "" : " AND " + series.dimension().column + " = " + quote(series.subject());
        return """
                SELECT MIN(b.week_start) AS first_day, SUM(b.gross_usd) AS gross_usd
                %s
                WHERE b.week_start >= %s AND b.week_start < %s%s
                GROUP BY %s
                ORDER BY first_day""".formatted(FROM, Week.literal(week.monday().minusWeeks(CHART_WEEKS - 1)), week.end(), filter,
                WEEK_INDEX);
    }

    private QueryResult run(InsightScope scope, String sql) {
        return queries.run(scope.datamart(), sql, scope.regions(), MAX_ROWS).result();
    }

    private static String quote(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private static String signed(double amount) {
        return (amount >= 0 ? "+" : "") + Money.compact(amount);
    }

    private static String capitalise(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
