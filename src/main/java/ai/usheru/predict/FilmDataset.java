package ai.usheru.predict;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import ai.usheru.guard.ScopedQueryRunner;
import ai.usheru.warehouse.QueryResult;

/**
 * One row per film of the catalogue with its box office in a scope of regions, read through the
 * {@link ScopedQueryRunner} so a user limited to Ireland trains and predicts on Irish grosses only.
 * The catalogue (attributes, directors) is global; the grosses are the scope's.
 */
public final class FilmDataset {

    public static final String DATAMART = "usheru_data_mart";

    /** Above the catalogue's size, so a truncated read is an error rather than a silently smaller dataset. */
    private static final int MAX_ROWS = 100_000;

    private static final String FILMS_SQL = """
            SELECT m.movie_id, m.title, m.release_date, m.major_genre, m.creative_type, m.source, m.mpaa_rating,
                   m.running_time_min, m.distributor, m.production_budget_usd,
                   (SELECT string_agg(c.person_name, '|') FROM crew c
                     WHERE c.movie_id = m.movie_id AND c.role = 'director') AS directors,
                   b.opening_week_gross, b.total_gross
            FROM movies m
            LEFT JOIN (SELECT movie_id,
                              SUM(CASE WHEN week_number = 1 THEN gross_usd ELSE 0 END) AS opening_week_gross,
                              SUM(gross_usd) AS total_gross
                       FROM box_office GROUP BY movie_id) b ON b.movie_id = m.movie_id
            ORDER BY m.release_date, m.movie_id
            """;

    private final Set<String> regions;
    private final List<Film> films;
    private final List<FilmRow> rows;

    private FilmDataset(Set<String> regions, List<Film> films) {
        this.regions = Set.copyOf(regions);
        this.films = List.copyOf(films);
        this.rows = FilmFeatures.rowsOf(films);
    }

    /** Loads every film with its grosses in {@code regions} (empty: all regions) and computes its features. */
    public static FilmDataset load(ScopedQueryRunner queries, Set<String> regions) {
        QueryResult result = queries.run(DATAMART, FILMS_SQL, regions, MAX_ROWS).result();
        if (result.truncated()) {
            throw new IllegalStateException("The film catalogue has more than " + MAX_ROWS + " films");
        }
        var films = new ArrayList<Film>(result.rows().size());
        for (List<Object> row : result.rows()) {
            films.add(new Film(((Number) row.get(0)).longValue(), (String) row.get(1), LocalDate.parse(row.get(2).toString()),
                    text(row.get(3)), text(row.get(4)), text(row.get(5)), text(row.get(6)), number(row.get(7)), text(row.get(8)),
                    number(row.get(9)), row.get(10) == null ? List.of() : Arrays.asList(row.get(10).toString().split("\\|")),
                    number(row.get(11)), number(row.get(12))));
        }
        return new FilmDataset(regions, films);
    }

    public Set<String> regions() {
        return regions;
    }

    public List<Film> films() {
        return films;
    }

    /** Every film with its features, in release order; films without box office in the scope included (they can be predicted). */
    public List<FilmRow> rows() {
        return rows;
    }

    private static String text(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString();
    }

    private static Double number(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }
}
