-- Per-user limits; a null column means unlimited.
CREATE TABLE quotas (
    user_id            UUID PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    queries_per_day    INTEGER,
    queries_per_month  INTEGER,
    tokens_per_day     BIGINT,
    tokens_per_month   BIGINT,
    usd_per_month      NUMERIC(14, 4),
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT quotas_not_negative CHECK (
        COALESCE(queries_per_day, 0) >= 0 AND COALESCE(queries_per_month, 0) >= 0
        AND COALESCE(tokens_per_day, 0) >= 0 AND COALESCE(tokens_per_month, 0) >= 0
        AND COALESCE(usd_per_month, 0) >= 0)
);
