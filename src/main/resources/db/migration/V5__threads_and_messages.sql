-- Conversations: every question, its plan, SQL, result summary and answer.
CREATE TABLE threads (
    id          UUID PRIMARY KEY,
    user_id     UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title       VARCHAR(300) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX threads_user_idx ON threads (user_id, updated_at);

CREATE TABLE messages (
    id              UUID PRIMARY KEY,
    thread_id       UUID NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    role            VARCHAR(16) NOT NULL,
    content         TEXT NOT NULL,
    intent          VARCHAR(32),
    plan            JSONB,
    sql_text        TEXT,
    result_summary  JSONB,
    feedback        SMALLINT,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT messages_thread_position_key UNIQUE (thread_id, position),
    CONSTRAINT messages_role_known CHECK (role IN ('user', 'assistant'))
);
