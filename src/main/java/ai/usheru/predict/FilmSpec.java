package ai.usheru.predict;

import java.time.LocalDate;
import java.util.List;

/**
 * A film described before its release, as a question or the API gives it: any of its catalogue
 * attributes; what is left out is unknown to the model (as it is for films in the catalogue without
 * it). {@code title} only places the film in a series ("Shrek 4" follows the Shrek films).
 */
public record FilmSpec(String title, String genre, String creativeType, String source, String mpaaRating, Double budgetUsd,
        Double runningTimeMinutes, String distributor, List<String> directors, LocalDate releaseDate) {

    public FilmSpec {
        directors = directors == null ? List.of() : List.copyOf(directors);
    }

    public FilmSpec withReleaseDate(LocalDate date) {
        return new FilmSpec(title, genre, creativeType, source, mpaaRating, budgetUsd, runningTimeMinutes, distributor, directors, date);
    }
}
