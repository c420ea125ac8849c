package ai.usheru.predict;

import java.util.List;
import java.util.Map;

/**
 * What a future model registry needs to say which model made a prediction and to reproduce it: the
 * target, the training cutoff (films released before 1 January of {@code cutoffYear}; the last
 * {@code calibrationYears} of them held out for the intervals), the features the trees were given, a
 * SHA-256 of the training and calibration rows, and the library versions.
 */
public record TrainedFilmModel(BoxOfficeTarget target, int cutoffYear, int calibrationYears, List<String> features,
        int trainingFilms, int calibrationFilms, String dataHash, Map<String, String> libraries) {

    public TrainedFilmModel {
        features = List.copyOf(features);
        libraries = Map.copyOf(libraries);
    }
}
