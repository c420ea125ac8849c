-- Every mail the product sends. In embedded mode this is where mail goes; with SMTP it is the sent log.
CREATE TABLE mail_outbox (
    id          UUID PRIMARY KEY,
    recipient   VARCHAR(320) NOT NULL,
    subject     VARCHAR(500) NOT NULL,
    body        TEXT NOT NULL,
    status      VARCHAR(16) NOT NULL,
    error       TEXT,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    sent_at     TIMESTAMP WITH TIME ZONE,
    CONSTRAINT mail_outbox_status_known CHECK (status IN ('OUTBOX', 'SENT', 'FAILED'))
);

CREATE INDEX mail_outbox_time_idx ON mail_outbox (created_at);
