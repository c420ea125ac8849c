-- Weekly insights: one row per scope, week, kind and subject, so computing a week again changes nothing.
ALTER TABLE insights ADD COLUMN subject VARCHAR(300) NOT NULL DEFAULT '';
ALTER TABLE insights ADD COLUMN question TEXT NOT NULL DEFAULT '';
ALTER TABLE insights ADD COLUMN sql_text TEXT NOT NULL DEFAULT '';
ALTER TABLE insights ADD COLUMN score DOUBLE PRECISION NOT NULL DEFAULT 0;
ALTER TABLE insights ADD CONSTRAINT insights_scope_week_kind_subject_key UNIQUE (scope_key, week_start, kind, subject);

-- Which scope has been computed for which week (a quiet week has no insights but is done).
CREATE TABLE insight_computations (
    scope_key    VARCHAR(400) NOT NULL,
    week_start   DATE NOT NULL,
    insights     INTEGER NOT NULL,
    computed_at  TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (scope_key, week_start)
);

-- Weeks whose insights are computed for every scope in use; digests go out for these.
CREATE TABLE insight_weeks (
    week_start   DATE PRIMARY KEY,
    computed_at  TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- Every run of the insight job, scheduled or started by an admin, for the admin's runs view.
CREATE TABLE insight_runs (
    id           UUID PRIMARY KEY,
    week_start   DATE NOT NULL,
    trigger      VARCHAR(16) NOT NULL,
    instance     VARCHAR(200) NOT NULL,
    started_at   TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    finished_at  TIMESTAMP WITH TIME ZONE,
    scopes       INTEGER NOT NULL DEFAULT 0,
    insights     INTEGER NOT NULL DEFAULT 0,
    digests      INTEGER NOT NULL DEFAULT 0,
    failures     INTEGER NOT NULL DEFAULT 0,
    error        TEXT
);

CREATE INDEX insight_runs_started_idx ON insight_runs (started_at);

-- One digest per user and week: the row is written in the same transaction as its mail, so a digest
-- is sent once even across retries, restarts and instances. QUIET: nothing passed its threshold.
CREATE TABLE digests (
    user_id     UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    week_start  DATE NOT NULL,
    status      VARCHAR(16) NOT NULL,
    insights    INTEGER NOT NULL,
    mail_id     UUID REFERENCES mail_outbox (id) ON DELETE SET NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (user_id, week_start),
    CONSTRAINT digests_status_known CHECK (status IN ('SENT', 'QUIET'))
);

-- Each user's mail settings; the unsubscribe token lets a mail's link unsubscribe without signing in.
ALTER TABLE users ADD COLUMN weekly_digest BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE users ADD COLUMN time_zone VARCHAR(64) NOT NULL DEFAULT 'UTC';
ALTER TABLE users ADD COLUMN unsubscribe_token VARCHAR(64);
ALTER TABLE users ADD CONSTRAINT users_unsubscribe_token_key UNIQUE (unsubscribe_token);

-- The mail as sent (MIME), so the outbox shows HTML mail with its images and SMTP sends exactly it.
ALTER TABLE mail_outbox ADD COLUMN html TEXT;
ALTER TABLE mail_outbox ADD COLUMN mime BYTEA;
