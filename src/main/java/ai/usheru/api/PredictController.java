package ai.usheru.api;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import ai.usheru.ask.PredictionService;
import ai.usheru.predict.FilmSpec;

/**
 * Forecasts without a question: a described film's opening week or whole run, or a yearly series of box
 * office, with range, held-out error and model version. Metered and scoped like a question.
 */
@RestController
@RequestMapping("/api/v1")
class PredictController {

    private final PredictionService predictions;

    PredictController(PredictionService predictions) {
        this.predictions = predictions;
    }

    /** A film as the API describes it; {@code budget} in US dollars, {@code releaseDate} like 2011-07-15. */
    record FilmBody(String title, String genre, String creativeType, String source, String mpaaRating, Double budget,
            Double runningTime, String distributor, List<String> directors, String releaseDate) {

        FilmSpec spec() {
            return new FilmSpec(title, genre, creativeType, source, mpaaRating, budget, runningTime, distributor, directors,
                    PredictionService.date(releaseDate));
        }
    }

    record PredictBody(String target, String region, FilmBody film, String series, String genre, String distributor, Integer horizon,
            String period) {}

    @Operation(summary = "Predict a film's box office or forecast a series")
    @Refusals({"bad_target", "bad_film", "unknown_region", "unknown_genre", "unknown_distributor", "bad_horizon",
            "bad_period", "region_out_of_scope", "quota_exceeded", "busy", "server_busy", "query_timeout",
            "no_approved_model", "not_enough_history", "warehouse_unavailable"})
    @PostMapping(path = "/predict", produces = MediaType.APPLICATION_JSON_VALUE)
    PredictionService.PredictReply predict(@RequestBody PredictBody body) {
        if (body == null) {
            return predictions.predict(null);
        }
        return predictions.predict(new PredictionService.PredictRequest(body.target(), body.region(),
                body.film() == null ? null : body.film().spec(), body.series(), body.genre(), body.distributor(), body.horizon(),
                body.period()));
    }
}
