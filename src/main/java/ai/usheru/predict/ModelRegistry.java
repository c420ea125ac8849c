package ai.usheru.predict;

import static ai.usheru.db.Tables.PREDICTION_MODELS;
import static ai.usheru.db.Tables.PREDICTION_MODEL_PINS;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The model registry in PostgreSQL: versions of each prediction model with their training facts,
 * backtest and status, the stored film models, and the pins that give a client or a user a version
 * other than the default. Version numbers are per model name and come from the table's unique key, so
 * two instances training at once cannot both register the same number.
 */
@Repository
public class ModelRegistry {

    /** Every column but the stored model, which only serving reads ({@link #artifact}). */
    private static final List<Field<?>> SUMMARY = java.util.Arrays.stream(PREDICTION_MODELS.fields())
            .filter(field -> !field.equals(PREDICTION_MODELS.ARTIFACT) && !field.equals(PREDICTION_MODELS.CALIBRATION)).toList();

    private final DSLContext db;
    private final JsonMapper json;

    ModelRegistry(DSLContext db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    /** A film model's stored trees and calibration, as written by {@link #register}. */
    public record Artifact(byte[] model, FilmCalibration calibration) {}

    /** What rebuilds a film model's interval and describes its training (see {@link TrainedFilmModel}). */
    public record FilmCalibration(TrainedFilmModel trained, BandedConformal conformal) {}

    /** Registers a new version (the next number for its name) as a candidate. */
    @Transactional
    public ModelVersion register(String name, ModelVersion.Kind kind, String target, String datamart, List<String> features,
            LocalDate dataCutoff, String dataHash, Map<String, String> libraries, long trainingMillis, ModelBacktest backtest,
            Artifact artifact) {
        // One registration of a name at a time: the next number is read and written under the lock.
        db.execute("SELECT pg_advisory_xact_lock(hashtext({0}))", DSL.val("prediction-model:" + name));
        Integer last = db.select(DSL.max(PREDICTION_MODELS.VERSION)).from(PREDICTION_MODELS).where(PREDICTION_MODELS.NAME.eq(name))
                .fetchOne().value1();
        UUID id = UUID.randomUUID();
        db.insertInto(PREDICTION_MODELS)
                .set(PREDICTION_MODELS.ID, id)
                .set(PREDICTION_MODELS.NAME, name)
                .set(PREDICTION_MODELS.VERSION, last == null ? 1 : last + 1)
                .set(PREDICTION_MODELS.KIND, kind.code())
                .set(PREDICTION_MODELS.TARGET, target)
                .set(PREDICTION_MODELS.DATAMART, datamart)
                .set(PREDICTION_MODELS.FEATURES, jsonb(features))
                .set(PREDICTION_MODELS.DATA_CUTOFF, dataCutoff)
                .set(PREDICTION_MODELS.DATA_HASH, dataHash)
                .set(PREDICTION_MODELS.LIBRARIES, jsonb(libraries))
                .set(PREDICTION_MODELS.TRAINING_MILLIS, trainingMillis)
                .set(PREDICTION_MODELS.BACKTEST, jsonb(backtest))
                .set(PREDICTION_MODELS.ARTIFACT, artifact == null ? null : artifact.model())
                .set(PREDICTION_MODELS.CALIBRATION, artifact == null ? null : jsonb(artifact.calibration()))
                .execute();
        return find(id).orElseThrow();
    }

    public Optional<ModelVersion> find(UUID id) {
        return db.select(SUMMARY).from(PREDICTION_MODELS).where(PREDICTION_MODELS.ID.eq(id)).fetchOptional(this::version);
    }

    /** Every version, by name and newest first. */
    public List<ModelVersion> all() {
        return db.select(SUMMARY).from(PREDICTION_MODELS).orderBy(PREDICTION_MODELS.NAME, PREDICTION_MODELS.VERSION.desc()).fetch(this::version);
    }

    public Optional<ModelVersion> latest(String name) {
        return db.select(SUMMARY).from(PREDICTION_MODELS).where(PREDICTION_MODELS.NAME.eq(name)).orderBy(PREDICTION_MODELS.VERSION.desc()).limit(1)
                .fetchOptional(this::version);
    }

    public Optional<Artifact> artifact(UUID id) {
        return db.select(PREDICTION_MODELS.ARTIFACT, PREDICTION_MODELS.CALIBRATION).from(PREDICTION_MODELS)
                .where(PREDICTION_MODELS.ID.eq(id).and(PREDICTION_MODELS.ARTIFACT.isNotNull()))
                .fetchOptional(row -> new Artifact(row.value1(), json.readValue(row.value2().data(), FilmCalibration.class)));
    }

    public void setStatus(UUID id, ModelVersion.Status status, String note, UUID by) {
        db.update(PREDICTION_MODELS)
                .set(PREDICTION_MODELS.STATUS, status.code())
                .set(PREDICTION_MODELS.STATUS_NOTE, note)
                .set(PREDICTION_MODELS.STATUS_CHANGED_AT, DSL.currentOffsetDateTime())
                .set(PREDICTION_MODELS.STATUS_CHANGED_BY, by)
                .where(PREDICTION_MODELS.ID.eq(id))
                .execute();
    }

    /**
     * The version a user gets: their own pin, else their client's, else the newest approved version. A
     * pin to a version that is no longer approved is passed over.
     */
    public Optional<ModelVersion> resolve(String name, UUID userId, UUID clientId) {
        var approved = PREDICTION_MODELS.STATUS.eq(ModelVersion.Status.APPROVED.code());
        for (var holder : List.of(PREDICTION_MODEL_PINS.USER_ID.eq(userId), PREDICTION_MODEL_PINS.CLIENT_ID.eq(clientId))) {
            Optional<ModelVersion> pinned = db.select(SUMMARY).from(PREDICTION_MODEL_PINS)
                    .join(PREDICTION_MODELS).on(PREDICTION_MODELS.ID.eq(PREDICTION_MODEL_PINS.MODEL_ID))
                    .where(PREDICTION_MODEL_PINS.MODEL_NAME.eq(name).and(holder).and(approved))
                    .fetchOptional(this::version);
            if (pinned.isPresent()) {
                return pinned;
            }
        }
        return db.select(SUMMARY).from(PREDICTION_MODELS).where(PREDICTION_MODELS.NAME.eq(name).and(approved))
                .orderBy(PREDICTION_MODELS.VERSION.desc()).limit(1).fetchOptional(this::version);
    }

    /** A pin as the admin sees it. */
    public record Pin(UUID id, String modelName, UUID modelId, int version, UUID clientId, String clientName, UUID userId, String userEmail) {}

    public List<Pin> pins() {
        return db.select(PREDICTION_MODEL_PINS.ID, PREDICTION_MODEL_PINS.MODEL_NAME, PREDICTION_MODEL_PINS.MODEL_ID, PREDICTION_MODELS.VERSION,
                        PREDICTION_MODEL_PINS.CLIENT_ID, DSL.field("c.name", String.class), PREDICTION_MODEL_PINS.USER_ID,
                        DSL.field("u.email", String.class))
                .from(PREDICTION_MODEL_PINS)
                .join(PREDICTION_MODELS).on(PREDICTION_MODELS.ID.eq(PREDICTION_MODEL_PINS.MODEL_ID))
                .leftJoin(DSL.table("clients").as("c")).on(DSL.field("c.id", UUID.class).eq(PREDICTION_MODEL_PINS.CLIENT_ID))
                .leftJoin(DSL.table("users").as("u")).on(DSL.field("u.id", UUID.class).eq(PREDICTION_MODEL_PINS.USER_ID))
                .orderBy(PREDICTION_MODEL_PINS.MODEL_NAME, PREDICTION_MODEL_PINS.PINNED_AT)
                .fetch(row -> new Pin(row.value1(), row.value2(), row.value3(), row.value4(), row.value5(), row.value6(), row.value7(),
                        row.value8()));
    }

    /** Pins {@code modelId} for one client or one user (exactly one given), replacing their earlier pin of that model. */
    @Transactional
    public void pin(ModelVersion version, UUID clientId, UUID userId) {
        var holder = clientId != null ? PREDICTION_MODEL_PINS.CLIENT_ID.eq(clientId) : PREDICTION_MODEL_PINS.USER_ID.eq(userId);
        db.deleteFrom(PREDICTION_MODEL_PINS).where(PREDICTION_MODEL_PINS.MODEL_NAME.eq(version.name()).and(holder)).execute();
        db.insertInto(PREDICTION_MODEL_PINS)
                .set(PREDICTION_MODEL_PINS.ID, UUID.randomUUID())
                .set(PREDICTION_MODEL_PINS.MODEL_NAME, version.name())
                .set(PREDICTION_MODEL_PINS.MODEL_ID, version.id())
                .set(PREDICTION_MODEL_PINS.CLIENT_ID, clientId)
                .set(PREDICTION_MODEL_PINS.USER_ID, userId)
                .execute();
    }

    public Optional<UUID> clientIdByName(String name) {
        return db.select(DSL.field("id", UUID.class)).from(DSL.table("clients")).where(DSL.field("name", String.class).equalIgnoreCase(name.strip()))
                .fetchOptional(row -> row.value1());
    }

    public Optional<UUID> userIdByEmail(String email) {
        return db.select(DSL.field("id", UUID.class)).from(DSL.table("users")).where(DSL.field("email", String.class).eq(email.strip().toLowerCase(Locale.ROOT)))
                .fetchOptional(row -> row.value1());
    }

    public boolean unpin(UUID pinId) {
        return db.deleteFrom(PREDICTION_MODEL_PINS).where(PREDICTION_MODEL_PINS.ID.eq(pinId)).execute() > 0;
    }

    private ModelVersion version(Record record) {
        var row = record.into(PREDICTION_MODELS);
        return new ModelVersion(row.getId(), row.getName(), row.getVersion(), ModelVersion.Kind.valueOf(row.getKind().toUpperCase(Locale.ROOT)),
                row.getTarget(), row.getDatamart(), json.readValue(row.getFeatures().data(), new TypeReference<List<String>>() {}),
                row.getDataCutoff(), row.getDataHash(), json.readValue(row.getLibraries().data(), new TypeReference<Map<String, String>>() {}),
                row.getTrainedAt(), row.getTrainingMillis(), json.readValue(row.getBacktest().data(), ModelBacktest.class),
                ModelVersion.Status.valueOf(row.getStatus().toUpperCase(Locale.ROOT)), row.getStatusNote(), row.getStatusChangedAt());
    }

    private JSONB jsonb(Object value) {
        return JSONB.valueOf(json.writeValueAsString(value));
    }
}
