package ai.usheru.predict;

/**
 * What a film-level model predicts, in US dollars within one scope of regions: the opening week (the sum
 * of every region's {@code week_number = 1}) or the whole run.
 */
public enum BoxOfficeTarget {

    OPENING_WEEK_GROSS,
    TOTAL_GROSS;

    /** The film's gross for this target in the scope it was loaded for; {@code null} if it has no box office there. */
    public Double grossOf(Film film) {
        return switch (this) {
            case OPENING_WEEK_GROSS -> film.openingWeekGrossUsd();
            case TOTAL_GROSS -> film.totalGrossUsd();
        };
    }
}
