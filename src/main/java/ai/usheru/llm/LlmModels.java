package ai.usheru.llm;

import static ai.usheru.db.Tables.LLM_MODELS;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.UUID;

import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** The llm_models table: which OpenAI-compatible models the product may call, and at what price. */
@Repository
public class LlmModels {

    private final DSLContext db;

    LlmModels(DSLContext db) {
        this.db = db;
    }

    /** The model used when a user has no other: the first enabled one registered. */
    public Optional<LlmModel> findDefault() {
        return db.selectFrom(LLM_MODELS).where(LLM_MODELS.ENABLED.isTrue()).orderBy(LLM_MODELS.CREATED_AT).limit(1)
                .fetchOptional(row -> new LlmModel(row.getId(), row.getName(), row.getProviderBaseUrl(), row.getApiKeySource(),
                        row.getInputUsdPerMtok(), row.getOutputUsdPerMtok(), row.getEnabled()));
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
