package ai.usheru.dashboard;

import java.util.Set;
import java.util.TreeSet;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

import ai.usheru.accounts.Account;
import ai.usheru.accounts.AccountService;
import ai.usheru.ask.Planners;
import ai.usheru.guard.ScopedQueryRunner;
import ai.usheru.warehouse.QueryResult;

/**
 * Key figures and charts for the signed-in user's own scope. Every figure is a query through the
 * same guard and scope as a question, so the dashboard never shows more than the chat would.
 */
@Service
public class DashboardService {

    private static final String LATEST_YEAR = "(SELECT MAX(year(week_start)) FROM box_office)";

    private final AccountService accounts;
    private final ScopedQueryRunner queries;
    private final Planners planners;

    DashboardService(AccountService accounts, ScopedQueryRunner queries, Planners planners) {
        this.accounts = accounts;
        this.queries = queries;
        this.planners = planners;
    }

    /**
     * The dashboard's content: totals, the latest year's weekly trend (calendar weeks, Monday to Sunday:
     * the data's weeks start on each film's release day), and its top films and genres.
     */
    public record Dashboard(QueryResult totals, QueryResult weeklyTrend, QueryResult topFilms, QueryResult topGenres,
            String scope) {}

    @PreAuthorize("isAuthenticated()")
    public Dashboard forCurrentUser() {
        Account me = accounts.current();
        String datamart = me.scope().datamarts().isEmpty() ? planners.defaultDatamart() : new TreeSet<>(me.scope().datamarts()).first();
        Set<String> regions = me.scope().regions();
        QueryResult totals = run(datamart, regions, """
                SELECT SUM(gross_usd) AS box_office_usd, COUNT(DISTINCT movie_id) AS films, SUM(admissions) AS admissions
                FROM box_office""");
        QueryResult trend = run(datamart, regions, """
                SELECT MIN(week_start) AS week_start, SUM(gross_usd) AS box_office_usd
                FROM box_office
                WHERE year(week_start) = %s
                GROUP BY floor(date_diff('day', DATE '1900-01-01', week_start) / 7)
                ORDER BY week_start""".formatted(LATEST_YEAR));
        QueryResult films = run(datamart, regions, """
                SELECT m.title, SUM(b.gross_usd) AS box_office_usd
                FROM box_office b JOIN movies m ON m.movie_id = b.movie_id
                WHERE year(b.week_start) = %s
                GROUP BY m.movie_id, m.title
                ORDER BY box_office_usd DESC
                LIMIT 10""".formatted(LATEST_YEAR));
        QueryResult genres = run(datamart, regions, """
                SELECT m.major_genre AS genre, SUM(b.gross_usd) AS box_office_usd
                FROM box_office b JOIN movies m ON m.movie_id = b.movie_id
                WHERE year(b.week_start) = %s AND m.major_genre IS NOT NULL
                GROUP BY m.major_genre
                ORDER BY box_office_usd DESC
                LIMIT 8""".formatted(LATEST_YEAR));
        String scope = me.scope().hasRegionLimit()
                ? new TreeSet<>(regions).stream().map(planners.forDatamart(datamart).vocabulary()::regionName)
                        .reduce((a, b) -> a + ", " + b).orElse("") + " only"
                : "all regions";
        return new Dashboard(totals, trend, films, genres, scope);
    }

    private QueryResult run(String datamart, Set<String> regions, String sql) {
        return queries.run(datamart, sql, regions).result();
    }
}
