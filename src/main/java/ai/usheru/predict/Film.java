package ai.usheru.predict;

import java.time.LocalDate;
import java.util.List;

/**
 * One film as a model sees it: what was known before its release (catalogue attributes, its directors)
 * and its box office in one scope of regions. Missing attributes are {@code null}; so are both grosses
 * when the film has no box office in the scope, which makes it no training example there.
 */
public record Film(long movieId, String title, LocalDate releaseDate, String genre, String creativeType, String source,
        String mpaaRating, Double runningTimeMinutes, String distributor, Double productionBudgetUsd, List<String> directors,
        Double openingWeekGrossUsd, Double totalGrossUsd) {

    public Film {
        directors = List.copyOf(directors);
    }

    public int releaseYear() {
        return releaseDate.getYear();
    }

    public boolean hasBoxOffice() {
        return totalGrossUsd != null;
    }
}
