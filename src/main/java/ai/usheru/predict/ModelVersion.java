package ai.usheru.predict;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One trained version of a prediction model as the registry keeps it: what it predicts, what it was
 * trained on (features, data before {@code dataCutoff}, a hash of the rows, library versions), how it
 * did on held-out history, and whether it may serve.
 */
public record ModelVersion(UUID id, String name, int version, Kind kind, String target, String datamart, List<String> features,
        LocalDate dataCutoff, String dataHash, Map<String, String> libraries, OffsetDateTime trainedAt, long trainingMillis,
        ModelBacktest backtest, Status status, String statusNote, OffsetDateTime statusChangedAt) {

    public ModelVersion {
        features = List.copyOf(features);
        libraries = Map.copyOf(libraries);
    }

    public enum Kind {
        FILM_REGRESSION, TIME_SERIES;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public enum Status {
        CANDIDATE, APPROVED, RETIRED;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** "film-opening-week v3". */
    public String label() {
        return name + " v" + version;
    }
}
