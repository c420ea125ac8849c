-- Language models by OpenAI-compatible endpoint, their prices, and who may use which.
-- api_key_source says where the key comes from (for example 'env:OPENAI_API_KEY'); keys are never stored.
CREATE TABLE llm_models (
    id                    UUID PRIMARY KEY,
    name                  VARCHAR(200) NOT NULL,
    provider_base_url     VARCHAR(500) NOT NULL,
    api_key_source        VARCHAR(200),
    input_usd_per_mtok    NUMERIC(12, 6) NOT NULL DEFAULT 0,
    output_usd_per_mtok   NUMERIC(12, 6) NOT NULL DEFAULT 0,
    enabled               BOOLEAN NOT NULL DEFAULT TRUE,
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT llm_models_name_key UNIQUE (name)
);

CREATE TABLE user_models (
    user_id     UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    model_id    UUID NOT NULL REFERENCES llm_models (id) ON DELETE CASCADE,
    is_default  BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (user_id, model_id)
);
