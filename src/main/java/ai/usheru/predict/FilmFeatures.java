package ai.usheru.predict;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The features of each film, from what was known the day before it opened: its catalogue attributes, and
 * the track record of its distributor, its directors and its series among films released strictly
 * earlier in the same scope (how many, and the median log gross of their opening weeks and whole runs).
 * Films are walked in release-date order and films opening on the same day do not see each other, so
 * no film's features depend on its own box office or on any later film.
 *
 * <p>One approximation: an earlier film's whole-run gross counts in full even if its run was still going
 * when the later film opened; the opening-week history has no such lag beyond a week.
 *
 * <p>A <em>series</em> is the title before a colon, without a trailing sequel number ("Shrek 2" and
 * "Shrek", "The Lord of the Rings: The Two Towers" and "... : The Fellowship of the Ring"); a remake with
 * the same title counts as well, since its audience knows the earlier film too. Titles that name their
 * series otherwise ("Harry Potter and the ...") are missed.
 */
public final class FilmFeatures {

    private static final Pattern SEQUEL_NUMBER = Pattern.compile("\\s+(part\\s+)?([0-9]+|i{1,3}|iv|vi{0,3}|ix|x)$");

    private FilmFeatures() {}

    /** Rows for these films with every feature, in release order (ties by movie id). */
    public static List<FilmRow> rowsOf(List<Film> films) {
        List<Film> ordered = films.stream().sorted(Comparator.comparing(Film::releaseDate).thenComparing(Film::movieId)).toList();
        var distributors = new HashMap<String, Track>();
        var directors = new HashMap<String, Track>();
        var series = new HashMap<String, Track>();
        var rows = new ArrayList<FilmRow>(ordered.size());
        int day = 0;
        while (day < ordered.size()) {
            int next = day;
            while (next < ordered.size() && ordered.get(next).releaseDate().equals(ordered.get(day).releaseDate())) {
                next++;
            }
            List<Film> openingThatDay = ordered.subList(day, next);
            for (Film film : openingThatDay) {
                var features = new TreeMap<String, Double>(attributesOf(film));
                putHistory(features, "distributor", film.distributor() == null ? List.of() : List.of(distributors.getOrDefault(film.distributor(), Track.EMPTY)));
                putHistory(features, "director", film.directors().stream().map(name -> directors.getOrDefault(name, Track.EMPTY)).toList());
                putHistory(features, "series", List.of(series.getOrDefault(seriesOf(film.title()), Track.EMPTY)));
                rows.add(new FilmRow(film, features));
            }
            for (Film film : openingThatDay) {
                if (film.hasBoxOffice()) {
                    if (film.distributor() != null) {
                        distributors.computeIfAbsent(film.distributor(), key -> new Track()).add(film);
                    }
                    film.directors().forEach(name -> directors.computeIfAbsent(name, key -> new Track()).add(film));
                    series.computeIfAbsent(seriesOf(film.title()), key -> new Track()).add(film);
                }
            }
            day = next;
        }
        return rows;
    }

    /** The series a title belongs to: lower case, before any colon, without a trailing sequel number. */
    static String seriesOf(String title) {
        String series = title.toLowerCase(Locale.ROOT);
        int colon = series.indexOf(':');
        if (colon > 0) {
            series = series.substring(0, colon);
        }
        return SEQUEL_NUMBER.matcher(series.strip()).replaceFirst("").strip();
    }

    private static Map<String, Double> attributesOf(Film film) {
        var features = new LinkedHashMap<String, Double>();
        features.put("release.year", (double) film.releaseYear());
        features.put("release.month", (double) film.releaseDate().getMonthValue());
        if (film.productionBudgetUsd() != null) {
            features.put("budget.log", Math.log1p(film.productionBudgetUsd()));
        }
        if (film.runningTimeMinutes() != null) {
            features.put("running_time", film.runningTimeMinutes());
        }
        putCategory(features, "genre", film.genre());
        putCategory(features, "creative_type", film.creativeType());
        putCategory(features, "source", film.source());
        putCategory(features, "mpaa", film.mpaaRating());
        return features;
    }

    private static void putCategory(Map<String, Double> features, String name, String value) {
        if (value != null) {
            features.put(name + "=" + value, 1.0);
        }
    }

    /** Pools the earlier films of several tracks (a film's co-directors), counting a shared film once. */
    private static void putHistory(Map<String, Double> features, String prefix, List<Track> tracks) {
        var earlier = new LinkedHashMap<Long, double[]>();
        tracks.forEach(track -> earlier.putAll(track.logGrossesByFilm));
        features.put(prefix + ".earlier_films", (double) earlier.size());
        if (!earlier.isEmpty()) {
            features.put(prefix + ".median_log_opening", median(earlier.values().stream().mapToDouble(logs -> logs[0]).toArray()));
            features.put(prefix + ".median_log_total", median(earlier.values().stream().mapToDouble(logs -> logs[1]).toArray()));
        }
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /** The log opening-week and log total gross of the films of one distributor, director or series so far. */
    private static final class Track {

        static final Track EMPTY = new Track();

        final Map<Long, double[]> logGrossesByFilm = new LinkedHashMap<>();

        void add(Film film) {
            logGrossesByFilm.put(film.movieId(), new double[] {Math.log1p(film.openingWeekGrossUsd()), Math.log1p(film.totalGrossUsd())});
        }
    }
}
