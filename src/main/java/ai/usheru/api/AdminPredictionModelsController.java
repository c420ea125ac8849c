package ai.usheru.api;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import ai.usheru.DomainException;
import ai.usheru.predict.ModelBacktest;
import ai.usheru.predict.ModelRegistry;
import ai.usheru.predict.ModelVersion;
import ai.usheru.predict.PredictionModelAdministration;

/**
 * The prediction model registry over the API: versions with their backtests and status, approve,
 * retire, retrain, pins per client or user. Admins only.
 */
@RestController
@RequestMapping("/api/v1/admin/prediction-models")
class AdminPredictionModelsController {

    private final PredictionModelAdministration administration;

    AdminPredictionModelsController(PredictionModelAdministration administration) {
        this.administration = administration;
    }

    /** A version without its held-out cases (ask for one version to get them). */
    record VersionView(UUID id, String name, int version, String kind, String target, String status, String statusNote,
            OffsetDateTime statusChangedAt, LocalDate dataCutoff, String dataHash, List<String> features, Map<String, String> libraries,
            OffsetDateTime trainedAt, long trainingMillis, Backtest backtest, boolean approvable) {

        static VersionView of(ModelVersion version, boolean withPoints) {
            ModelBacktest backtest = version.backtest();
            return new VersionView(version.id(), version.name(), version.version(), version.kind().code(), version.target(),
                    version.status().code(), version.statusNote(), version.statusChangedAt(), version.dataCutoff(), version.dataHash(),
                    version.features(), version.libraries(), version.trainedAt(), version.trainingMillis(),
                    new Backtest(backtest.metric(), backtest.value(), backtest.baseline(), backtest.skill(), backtest.coverage(),
                            backtest.heldOut(), backtest.periods(), backtest.byPeriod(), withPoints ? backtest.points() : null),
                    backtest.approvable());
        }
    }

    record Backtest(String metric, double value, double baseline, double skill, double coverage, int heldOut, String periods,
            List<ModelBacktest.Period> byPeriod, List<ModelBacktest.Point> points) {}

    record Registry(List<VersionView> versions, List<ModelRegistry.Pin> pins) {}

    record PinRequest(UUID versionId, String client, String user) {}

    @Operation(summary = "Prediction model versions and pins")
    @GetMapping
    Registry list() {
        return new Registry(administration.versions().stream().map(version -> VersionView.of(version, false)).toList(), administration.pins());
    }

    @Operation(summary = "A prediction model version with its held-out cases")
    @Refusals({"bad_id", "unknown_model_version"})
    @GetMapping("/{id}")
    VersionView one(@PathVariable String id) {
        return VersionView.of(administration.version(uuid(id)), true);
    }

    @Operation(summary = "Approve a prediction model version")
    @Refusals({"bad_id", "unknown_model_version", "model_not_approvable"})
    @PostMapping("/{id}/approve")
    VersionView approve(@PathVariable String id) {
        return VersionView.of(administration.approve(uuid(id)), false);
    }

    @Operation(summary = "Retire a prediction model version")
    @Refusals({"bad_id", "unknown_model_version"})
    @PostMapping("/{id}/retire")
    VersionView retire(@PathVariable String id) {
        return VersionView.of(administration.retire(uuid(id)), false);
    }

    /** Trains a new version of the named model now; it answers when training is done (seconds to a minute). */
    @Operation(summary = "Train a new version of a prediction model now")
    @Refusals({"404 unknown_model", "503 no_data"})
    @PostMapping("/retrain")
    VersionView retrain(@RequestParam String name) {
        return VersionView.of(administration.retrain(name), false);
    }

    @Operation(summary = "Pin an approved version for a client or a user")
    @Refusals({"bad_pin", "unknown_model_version", "model_not_approved", "unknown_client", "unknown_user"})
    @PutMapping("/pins")
    ModelRegistry.Pin pin(@RequestBody PinRequest request) {
        if (request == null || request.versionId() == null) {
            throw DomainException.badInput("bad_pin", "Send versionId and either client (a name) or user (an e-mail).");
        }
        return administration.pin(request.versionId(), request.client(), request.user());
    }

    @Operation(summary = "Unpin")
    @Refusals({"bad_id", "unknown_pin"})
    @DeleteMapping("/pins/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void unpin(@PathVariable String id) {
        administration.unpin(uuid(id));
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw DomainException.badInput("bad_id", "'" + id + "' is not an id.");
        }
    }
}
