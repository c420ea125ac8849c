package ai.usheru.predict;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The naive forecast a model has to beat: the median log gross of earlier films of the same genre and
 * budget band. A group with fewer than {@value #MIN_FILMS} films falls back to the budget band alone, then
 * to all earlier films.
 *
 * <p>Bands (production budget in dollars): under 5 M, 5–20 M, 20–50 M, 50–100 M, 100 M and over, and
 * unknown — roughly micro, small, mid, large and tent-pole releases.
 */
final class GenreBudgetBaseline {

    private static final int MIN_FILMS = 5;
    private static final double[] BAND_LIMITS = {5e6, 20e6, 50e6, 100e6};

    private final Map<String, List<Double>> byGenreAndBand = new HashMap<>();
    private final Map<String, List<Double>> byBand = new HashMap<>();
    private final List<Double> all = new ArrayList<>();

    /** Learns from the films of {@code rows} with box office released before {@code cutoffYear}. */
    GenreBudgetBaseline(List<FilmRow> rows, BoxOfficeTarget target, int cutoffYear) {
        for (FilmRow row : rows) {
            Double logTarget = row.logTarget(target);
            if (logTarget != null && row.film().releaseYear() < cutoffYear) {
                byGenreAndBand.computeIfAbsent(row.film().genre() + "|" + band(row.film()), key -> new ArrayList<>()).add(logTarget);
                byBand.computeIfAbsent(band(row.film()), key -> new ArrayList<>()).add(logTarget);
                all.add(logTarget);
            }
        }
    }

    /** The forecast on the log scale, log(1 + dollars). */
    double logPrediction(Film film) {
        List<Double> group = byGenreAndBand.getOrDefault(film.genre() + "|" + band(film), List.of());
        if (group.size() < MIN_FILMS) {
            group = byBand.getOrDefault(band(film), List.of());
        }
        if (group.size() < MIN_FILMS) {
            group = all;
        }
        return FilmFeatures.median(group.stream().mapToDouble(Double::doubleValue).toArray());
    }

    static String band(Film film) {
        Double budget = film.productionBudgetUsd();
        if (budget == null) {
            return "unknown";
        }
        int band = 0;
        while (band < BAND_LIMITS.length && budget >= BAND_LIMITS[band]) {
            band++;
        }
        return "band" + band;
    }
}
