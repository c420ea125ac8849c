-- Computed weekly insights per scope, and question-to-SQL pairs confirmed as correct.
CREATE TABLE insights (
    id          UUID PRIMARY KEY,
    scope_key   VARCHAR(400) NOT NULL,
    week_start  DATE NOT NULL,
    kind        VARCHAR(32) NOT NULL,
    title       VARCHAR(300) NOT NULL,
    body        TEXT NOT NULL,
    data        JSONB,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX insights_scope_week_idx ON insights (scope_key, week_start);

CREATE TABLE verified_examples (
    id             UUID PRIMARY KEY,
    question       TEXT NOT NULL,
    sql_text       TEXT NOT NULL,
    datamart_code  VARCHAR(100) NOT NULL REFERENCES datamarts (code),
    created_by     UUID REFERENCES users (id) ON DELETE SET NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP
);
