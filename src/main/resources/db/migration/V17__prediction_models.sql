-- The model registry: every trained version of a prediction model with what it was trained on, how it
-- did on held-out history against a naive baseline, and whether it may serve (only an approved version
-- does). A film model's trees are stored as Tribuo's protobuf bytes with their conformal calibration;
-- a time-series model is refitted on each question's history, so it stores its recipe's backtest only.
CREATE TABLE prediction_models (
    id                 UUID PRIMARY KEY,
    name               VARCHAR(80) NOT NULL,
    version            INTEGER NOT NULL,
    kind               VARCHAR(32) NOT NULL,
    target             VARCHAR(32) NOT NULL,
    datamart           VARCHAR(100) NOT NULL,
    features           JSONB NOT NULL,
    data_cutoff        DATE NOT NULL,
    data_hash          VARCHAR(64) NOT NULL,
    libraries          JSONB NOT NULL,
    trained_at         TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    training_millis    BIGINT NOT NULL,
    backtest           JSONB NOT NULL,
    status             VARCHAR(16) NOT NULL DEFAULT 'candidate',
    status_note        VARCHAR(500),
    status_changed_at  TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    status_changed_by  UUID REFERENCES users (id) ON DELETE SET NULL,
    artifact           BYTEA,
    calibration        JSONB,
    CONSTRAINT prediction_models_version_key UNIQUE (name, version),
    CONSTRAINT prediction_models_kind_known CHECK (kind IN ('film_regression', 'time_series')),
    CONSTRAINT prediction_models_status_known CHECK (status IN ('candidate', 'approved', 'retired'))
);

-- Which version of a model a client or a user gets instead of the default (the newest approved).
-- Resolved user, then client, then default.
CREATE TABLE prediction_model_pins (
    id          UUID PRIMARY KEY,
    model_name  VARCHAR(80) NOT NULL,
    model_id    UUID NOT NULL REFERENCES prediction_models (id) ON DELETE CASCADE,
    client_id   UUID REFERENCES clients (id) ON DELETE CASCADE,
    user_id     UUID REFERENCES users (id) ON DELETE CASCADE,
    pinned_at   TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT prediction_model_pins_one_holder CHECK ((client_id IS NULL) <> (user_id IS NULL))
);

CREATE UNIQUE INDEX prediction_model_pins_client_key ON prediction_model_pins (model_name, client_id) WHERE client_id IS NOT NULL;
CREATE UNIQUE INDEX prediction_model_pins_user_key ON prediction_model_pins (model_name, user_id) WHERE user_id IS NOT NULL;
