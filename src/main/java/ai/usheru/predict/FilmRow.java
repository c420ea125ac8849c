package ai.usheru.predict;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A film with the features a model reads, all known before its release. A feature that is unknown for
 * this film (no budget on record, no earlier film of its director) is absent rather than zero, so the
 * trees learn where missing values go. Features are kept sorted by name, so a row prints and hashes the
 * same way every time.
 */
public record FilmRow(Film film, Map<String, Double> features) {

    public FilmRow {
        features = Collections.unmodifiableSortedMap(new TreeMap<>(features));
    }

    /** The target on the model's scale, log(1 + dollars); {@code null} when the film has no box office in the scope. */
    public Double logTarget(BoxOfficeTarget target) {
        Double gross = target.grossOf(film);
        return gross == null ? null : Math.log1p(gross);
    }
}
