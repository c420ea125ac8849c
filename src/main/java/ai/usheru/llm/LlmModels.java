package ai.usheru.llm;

import static ai.usheru.db.Tables.LLM_MODELS;
import static ai.usheru.db.Tables.USER_MODELS;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

import ai.usheru.DomainException;

/** The llm_models table: which OpenAI-compatible models the product may call, and at what price. */
@Repository
public class LlmModels {

    private final DSLContext db;

    LlmModels(DSLContext db) {
        this.db = db;
    }

    /** Names of every enabled model, for the admin's choice. */
    public List<String> enabledNames() {
        return db.select(LLM_MODELS.NAME).from(LLM_MODELS).where(LLM_MODELS.ENABLED.isTrue()).orderBy(LLM_MODELS.NAME)
                .fetch(LLM_MODELS.NAME);
    }

    /** The models a user may use: their own rights when they have any, else the default model. */
    public List<LlmModel> allowedFor(UUID userId) {
        List<LlmModel> granted = db.select(LLM_MODELS.fields()).from(LLM_MODELS)
                .join(USER_MODELS).on(USER_MODELS.MODEL_ID.eq(LLM_MODELS.ID))
                .where(USER_MODELS.USER_ID.eq(userId).and(LLM_MODELS.ENABLED.isTrue()))
                .orderBy(USER_MODELS.IS_DEFAULT.desc(), LLM_MODELS.NAME)
                .fetch(row -> toModel(row.into(LLM_MODELS)));
        return granted.isEmpty() ? findDefault().map(List::of).orElse(List.of()) : granted;
    }

    /** The models granted to a user, by name, and which of them is their default (null if none). */
    public record Grants(List<String> models, String defaultModel) {}

    public Grants grantsOf(UUID userId) {
        var rows = db.select(LLM_MODELS.NAME, USER_MODELS.IS_DEFAULT).from(USER_MODELS)
                .join(LLM_MODELS).on(LLM_MODELS.ID.eq(USER_MODELS.MODEL_ID))
                .where(USER_MODELS.USER_ID.eq(userId))
                .orderBy(LLM_MODELS.NAME)
                .fetch();
        return new Grants(rows.map(row -> row.value1()),
                rows.stream().filter(row -> Boolean.TRUE.equals(row.value2())).map(row -> row.value1()).findFirst().orElse(null));
    }

    /** Replaces a user's model rights; {@code defaultModel} (one of {@code names}) is used when they choose none. */
    public void grant(UUID userId, Set<String> names, String defaultModel) {
        db.deleteFrom(USER_MODELS).where(USER_MODELS.USER_ID.eq(userId)).execute();
        for (String name : names) {
            UUID modelId = db.select(LLM_MODELS.ID).from(LLM_MODELS).where(LLM_MODELS.NAME.eq(name)).fetchOptional(LLM_MODELS.ID)
                    .orElseThrow(() -> DomainException.badInput("unknown_model", "There is no language model '" + name + "'."));
            db.insertInto(USER_MODELS)
                    .set(USER_MODELS.USER_ID, userId)
                    .set(USER_MODELS.MODEL_ID, modelId)
                    .set(USER_MODELS.IS_DEFAULT, name.equals(defaultModel))
                    .execute();
        }
    }

    /** The model used when a user has no other: the first enabled one registered. */
    public Optional<LlmModel> findDefault() {
        return db.selectFrom(LLM_MODELS).where(LLM_MODELS.ENABLED.isTrue()).orderBy(LLM_MODELS.CREATED_AT).limit(1)
                .fetchOptional(LlmModels::toModel);
    }

    private static LlmModel toModel(ai.usheru.db.tables.records.LlmModelsRecord row) {
        return new LlmModel(row.getId(), row.getName(), row.getProviderBaseUrl(), row.getApiKeySource(),
                row.getInputUsdPerMtok(), row.getOutputUsdPerMtok(), row.getEnabled());
    }

    /** Every model, enabled or not, by name. */
    public List<LlmModel> all() {
        return db.selectFrom(LLM_MODELS).orderBy(LLM_MODELS.NAME).fetch(LlmModels::toModel);
    }

    public Optional<LlmModel> find(String name) {
        return db.selectFrom(LLM_MODELS).where(LLM_MODELS.NAME.eq(name)).fetchOptional(LlmModels::toModel);
    }

    /** How many users were granted each model, by model name. */
    public java.util.Map<String, Integer> grantCounts() {
        return db.select(LLM_MODELS.NAME, org.jooq.impl.DSL.count(USER_MODELS.USER_ID))
                .from(LLM_MODELS).leftJoin(USER_MODELS).on(USER_MODELS.MODEL_ID.eq(LLM_MODELS.ID))
                .groupBy(LLM_MODELS.NAME)
                .fetchMap(LLM_MODELS.NAME, org.jooq.impl.DSL.count(USER_MODELS.USER_ID));
    }

    /** Creates a model or replaces its endpoint, key source, prices and whether it may be used. */
    public LlmModel save(String name, String baseUrl, String apiKeySource, BigDecimal inputUsdPerMillion,
            BigDecimal outputUsdPerMillion, boolean enabled) {
        db.insertInto(LLM_MODELS)
                .set(LLM_MODELS.ID, UUID.randomUUID())
                .set(LLM_MODELS.NAME, name)
                .set(LLM_MODELS.PROVIDER_BASE_URL, baseUrl)
                .set(LLM_MODELS.API_KEY_SOURCE, apiKeySource)
                .set(LLM_MODELS.INPUT_USD_PER_MTOK, inputUsdPerMillion)
                .set(LLM_MODELS.OUTPUT_USD_PER_MTOK, outputUsdPerMillion)
                .set(LLM_MODELS.ENABLED, enabled)
                .onConflict(LLM_MODELS.NAME)
                .doUpdate()
                .set(LLM_MODELS.PROVIDER_BASE_URL, baseUrl)
                .set(LLM_MODELS.API_KEY_SOURCE, apiKeySource)
                .set(LLM_MODELS.INPUT_USD_PER_MTOK, inputUsdPerMillion)
                .set(LLM_MODELS.OUTPUT_USD_PER_MTOK, outputUsdPerMillion)
                .set(LLM_MODELS.ENABLED, enabled)
                .execute();
        return find(name).orElseThrow();
    }

    /** Registers a model or updates its endpoint and prices; the name identifies it. */
    public void register(String name, String baseUrl, String apiKeySource, BigDecimal inputUsdPerMillion, BigDecimal outputUsdPerMillion) {
        db.insertInto(LLM_MODELS)
                .set(LLM_MODELS.ID, UUID.randomUUID())
                .set(LLM_MODELS.NAME, name)
                .set(LLM_MODELS.PROVIDER_BASE_URL, baseUrl)
                .set(LLM_MODELS.API_KEY_SOURCE, apiKeySource)
                .set(LLM_MODELS.INPUT_USD_PER_MTOK, inputUsdPerMillion)
                .set(LLM_MODELS.OUTPUT_USD_PER_MTOK, outputUsdPerMillion)
                .onConflict(LLM_MODELS.NAME)
                .doUpdate()
                .set(LLM_MODELS.PROVIDER_BASE_URL, baseUrl)
                .set(LLM_MODELS.API_KEY_SOURCE, apiKeySource)
                .set(LLM_MODELS.INPUT_USD_PER_MTOK, inputUsdPerMillion)
                .set(LLM_MODELS.OUTPUT_USD_PER_MTOK, outputUsdPerMillion)
                .set(LLM_MODELS.ENABLED, true)
                .execute();
    }
}
