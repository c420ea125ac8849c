package ai.usheru.predict;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

import ai.usheru.DomainException;
import ai.usheru.accounts.AccountService;
import ai.usheru.accounts.AuditTrail;

/**
 * What an admin does with the prediction models, from the console or the API: read the versions and
 * their backtests, approve (only a version that clears the bars), retire, retrain, and pin a version for
 * a client or a user. Every change is in the audit trail.
 */
@Service
@PreAuthorize("hasRole('ADMIN')")
public class PredictionModelAdministration {

    private final PredictionModels models;
    private final AccountService accounts;
    private final AuditTrail audit;

    PredictionModelAdministration(PredictionModels models, AccountService accounts, AuditTrail audit) {
        this.models = models;
        this.accounts = accounts;
        this.audit = audit;
    }

    /** Every version, by model and newest first. */
    public List<ModelVersion> versions() {
        return models.registry().all();
    }

    public ModelVersion version(UUID id) {
        return models.version(id);
    }

    public List<ModelRegistry.Pin> pins() {
        return models.registry().pins();
    }

    public ModelVersion approve(UUID id) {
        ModelVersion approved = models.approve(id, me());
        audit.record(me(), "prediction_model.approve", approved.label(), Map.of());
        return approved;
    }

    public ModelVersion retire(UUID id) {
        ModelVersion retired = models.retire(id, me());
        audit.record(me(), "prediction_model.retire", retired.label(), Map.of());
        return retired;
    }

    /** Trains a new version of {@code name} now (a candidate unless it is the first to clear the bars). */
    public ModelVersion retrain(String name) {
        ModelVersion trained = models.retrain(name);
        audit.record(me(), "prediction_model.retrain", trained.label(), Map.of("status", trained.status().code()));
        return trained;
    }

    /**
     * Pins an approved version for a client (by name) or a user (by e-mail) — exactly one of them —
     * replacing their earlier pin of that model.
     */
    public ModelRegistry.Pin pin(UUID versionId, String client, String userEmail) {
        boolean forClient = client != null && !client.isBlank();
        boolean forUser = userEmail != null && !userEmail.isBlank();
        if (forClient == forUser) {
            throw DomainException.badInput("bad_pin", "Pin a version for either a client or a user.");
        }
        ModelVersion version = models.version(versionId);
        if (version.status() != ModelVersion.Status.APPROVED) {
            throw new DomainException(DomainException.Kind.CONFLICT, "model_not_approved",
                    version.label() + " is " + version.status().code() + "; only an approved version can be pinned.");
        }
        UUID clientId = forClient ? models.registry().clientIdByName(client).orElseThrow(() -> new DomainException(
                DomainException.Kind.NOT_FOUND, "unknown_client", "There is no client called '" + client.strip() + "'.")) : null;
        UUID userId = forUser ? models.registry().userIdByEmail(userEmail).orElseThrow(() -> new DomainException(
                DomainException.Kind.NOT_FOUND, "unknown_user", "There is no user " + userEmail.strip() + ".")) : null;
        models.registry().pin(version, clientId, userId);
        audit.record(me(), "prediction_model.pin", version.label(), forClient ? Map.of("client", client.strip()) : Map.of("user", userEmail.strip()));
        return models.registry().pins().stream()
                .filter(pin -> pin.modelId().equals(versionId) && (forClient ? clientId.equals(pin.clientId()) : userId.equals(pin.userId())))
                .findFirst().orElseThrow();
    }

    public void unpin(UUID pinId) {
        if (!models.registry().unpin(pinId)) {
            throw new DomainException(DomainException.Kind.NOT_FOUND, "unknown_pin", "There is no pin " + pinId + ".");
        }
        audit.record(me(), "prediction_model.unpin", pinId.toString(), Map.of());
    }

    private UUID me() {
        return accounts.current().id();
    }
}
