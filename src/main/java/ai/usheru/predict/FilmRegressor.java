package ai.usheru.predict;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import com.google.protobuf.InvalidProtocolBufferException;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.VariableInfo;
import org.tribuo.impl.ArrayExample;
import org.tribuo.protos.core.ModelProto;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.xgboost.XGBoostRegressionTrainer;

/**
 * A film's box office from what is known before release: gradient-boosted trees (XGBoost through
 * Tribuo) on log(1 + dollars), with a split-conformal interval. The interval is calibrated on the films
 * of the last year before the cutoff, which the trees never saw, so it measures the errors the model
 * makes on films later than those it learned from — the situation of every real prediction.
 *
 * <p>One calibration year rather than two: the films predicted are one to two years past the trees'
 * data, the calibration films zero to one; a wider gap (two years held out) left the trees older and the
 * intervals too narrow. Chosen on the validation years 2000-2003 (80 % coverage 78-79 % with one year,
 * 77 % with two; mean log error 0.87-0.88 against 0.93-0.94), not on the backtest years 2004-2009.
 *
 * <p>The interval's width follows how hard the film is ({@link BandedConformal}): the calibration films
 * are split into up to {@value #MAX_BANDS} equal bands of the trees' own prediction, at least
 * {@value #MIN_BAND_FILMS} films each, and a film gets the conformal width of its band. Films the trees
 * expect to gross little miss by more than twice as much on the log scale as wide releases (80th
 * percentile of the absolute log error 2.5-2.7 in the lowest fifth of predictions, 1.0-1.1 in the top two
 * fifths; films of 1996-2003 scored by trees trained before their year or the year before), so one width
 * for all covered the small films about half the time and the big ones over 90 % of the time. Each band
 * keeps split conformal's finite-sample guarantee, and the trees are still trained once. Chosen on the
 * validation years 2000-2003 — pooled coverage, then coverage by fifth of the prediction, lowest first:
 * <ul>
 * <li>one width (before): total gross 78.0 % (51, 69, 83, 96, 91 %), opening week 79.0 % (48, 72, 86, 95, 93 %);
 * <li>four bands (chosen): total gross 82.2 % (80, 83, 75, 90, 83 %), opening week 80.8 % (82, 81, 75, 85, 81 %);
 *     mean log half-width 1.46 against 1.27-1.31.
 * </ul>
 * Three or five bands, and bands over two or three calibration years (each year scored by trees trained
 * before it), did about as well on those years, within their noise; a width scaled by a fixed function of
 * the prediction did as well with one slope and worse with its neighbours. Four bands of one year need no
 * extra training and keep the guarantee exact, which errors pooled from trees of different years do not.
 * The backtest years 2004-2009, scored once after this choice ({@code FilmModelBacktestTest}): coverage
 * 75.1 % for total gross (76.0 % with one width) and 76.4 % for the opening week (74.1 %); 2006, where
 * many films grossed only a few thousand dollars and the trees did worse than the baseline, is still
 * covered at about 60 %.
 */
public final class FilmRegressor {

    /** Library versions, for the model registry; a test checks Tribuo's against the one on the class path. */
    public static final Map<String, String> LIBRARIES = Map.of("tribuo", "4.3.2", "xgboost4j", "1.6.2");

    public static final double LEVEL = 0.8;

    static final int CALIBRATION_YEARS = 1;

    /** At most this many bands of the model's prediction, each with at least {@link #MIN_BAND_FILMS} calibration films. */
    static final int MAX_BANDS = 4;
    static final int MIN_BAND_FILMS = 40;

    private static final RegressionFactory OUTPUTS = new RegressionFactory();
    private static final String OUTPUT = "log1p_gross_usd";

    /**
     * Few, shallow, slowly learning trees on one thread: a few thousand films train in about a second on a
     * shared machine. Chosen once, not tuned on the backtest years.
     */
    private static XGBoostRegressionTrainer trainer() {
        return new XGBoostRegressionTrainer(XGBoostRegressionTrainer.RegressionType.LINEAR, 300, 0.05, 0.0, 4, 3.0, 0.8, 0.8,
                1.0, 0.0, 1, true, 20_260_101L);
    }

    /** A prediction in dollars: the model's central value and the interval covering {@code level} of new films. */
    public record Estimate(double median, double low, double high, double level) {

        public boolean covers(double gross) {
            return low <= gross && gross <= high;
        }
    }

    private final Model<Regressor> model;
    private final BandedConformal conformal;
    private final TrainedFilmModel trained;

    private FilmRegressor(Model<Regressor> model, BandedConformal conformal, TrainedFilmModel trained) {
        this.model = model;
        this.conformal = conformal;
        this.trained = trained;
    }

    /**
     * Trains on the films with box office released before {@code cutoffYear}: the trees on those released
     * before the last year, the interval on the last year's, in bands of the trees' prediction.
     */
    public static FilmRegressor train(List<FilmRow> rows, BoxOfficeTarget target, int cutoffYear) {
        int calibrationFrom = cutoffYear - CALIBRATION_YEARS;
        var fit = new ArrayList<FilmRow>();
        var calibration = new ArrayList<FilmRow>();
        for (FilmRow row : rows) {
            int year = row.film().releaseYear();
            if (row.logTarget(target) != null && year < cutoffYear) {
                (year < calibrationFrom ? fit : calibration).add(row);
            }
        }
        Model<Regressor> model = fitTrees(fit, target, calibrationFrom);

        double[] predictions = calibration.stream().mapToDouble(row -> logPrediction(model, row.features())).toArray();
        double[] actuals = calibration.stream().mapToDouble(row -> row.logTarget(target)).toArray();
        BandedConformal conformal = BandedConformal.calibrate(predictions, actuals, MAX_BANDS, MIN_BAND_FILMS);
        if (!conformal.supports(LEVEL)) {
            throw new IllegalArgumentException("Too few films with box office in " + calibrationFrom + "-" + (cutoffYear - 1)
                    + " (" + calibration.size() + ") for a " + LEVEL + " interval");
        }
        var features = new ArrayList<String>();
        for (VariableInfo feature : model.getFeatureIDMap()) {
            features.add(feature.getName());
        }
        var allRows = new ArrayList<>(fit);
        allRows.addAll(calibration);
        var trained = new TrainedFilmModel(target, cutoffYear, CALIBRATION_YEARS, features.stream().sorted().toList(), fit.size(),
                calibration.size(), hashOf(allRows, target), LIBRARIES);
        return new FilmRegressor(model, conformal, trained);
    }

    public Estimate predict(Map<String, Double> features) {
        double center = logPrediction(model, features);
        double halfWidth = conformal.halfWidth(center, LEVEL);
        return new Estimate(Math.expm1(center), Math.max(0, Math.expm1(center - halfWidth)), Math.expm1(center + halfWidth), LEVEL);
    }

    public TrainedFilmModel trained() {
        return trained;
    }

    /** The interval's calibration as plain numbers (log-scale predictions and errors of the calibration films, and the bands). */
    public BandedConformal calibration() {
        return conformal;
    }

    /** The trees on these rows (all released before {@code beforeYear}, all with the target). */
    private static Model<Regressor> fitTrees(List<FilmRow> fit, BoxOfficeTarget target, int beforeYear) {
        var dataset = new MutableDataset<Regressor>(new SimpleDataSourceProvenance("films released before " + beforeYear, OUTPUTS), OUTPUTS);
        fit.forEach(row -> dataset.add(example(row.features(), new Regressor(OUTPUT, row.logTarget(target)))));
        return trainer().train(dataset);
    }

    /** The trees as Tribuo's protobuf bytes, for the model registry. */
    public byte[] modelBytes() {
        return model.serialize().toByteArray();
    }

    /**
     * A model stored by {@link #modelBytes()}, with its calibration and description. Bytes written by a
     * Tribuo version that this one cannot read fail here, with {@link IncompatibleModelException}.
     */
    public static FilmRegressor restore(byte[] modelBytes, BandedConformal calibration, TrainedFilmModel trained) {
        Model<?> model;
        try {
            model = Model.deserialize(ModelProto.parseFrom(modelBytes));
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            throw new IncompatibleModelException("The stored trees cannot be read by Tribuo " + LIBRARIES.get("tribuo") + ": "
                    + e.getMessage(), e);
        }
        if (!model.validate(Regressor.class)) {
            throw new IncompatibleModelException("The stored model does not predict a regression output", null);
        }
        @SuppressWarnings("unchecked")
        Model<Regressor> regressor = (Model<Regressor>) model;
        return new FilmRegressor(regressor, calibration, trained);
    }

    /** A stored model that this build cannot load: it has to be trained again. */
    public static final class IncompatibleModelException extends RuntimeException {

        IncompatibleModelException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static double logPrediction(Model<Regressor> model, Map<String, Double> features) {
        return model.predict(example(features, OUTPUTS.getUnknownOutput())).getOutput().getValues()[0];
    }

    private static Example<Regressor> example(Map<String, Double> features, Regressor output) {
        String[] names = features.keySet().toArray(String[]::new);
        double[] values = features.values().stream().mapToDouble(Double::doubleValue).toArray();
        return new ArrayExample<>(output, names, values);
    }

    /** The hash {@link #train} would record for these rows, target and cutoff: equal means nothing to train again. */
    public static String dataHash(List<FilmRow> rows, BoxOfficeTarget target, int cutoffYear) {
        return hashOf(rows.stream().filter(row -> row.logTarget(target) != null && row.film().releaseYear() < cutoffYear).toList(), target);
    }

    /** SHA-256 over each row's film id, features and target, in order: equal hashes mean the same training data. */
    private static String hashOf(List<FilmRow> rows, BoxOfficeTarget target) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            for (FilmRow row : rows) {
                digest.update((row.film().movieId() + " " + row.features() + " " + row.logTarget(target) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }
}
