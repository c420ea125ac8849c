-- Failed password sign-ins (UI form and API token exchange), by account e-mail and client address,
-- so that guessing is slowed down across every instance. Rows older than a day are pruned.
CREATE TABLE sign_in_failures (
    id         UUID PRIMARY KEY,
    email      VARCHAR(320) NOT NULL,
    address    VARCHAR(64) NOT NULL,
    failed_at  TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX sign_in_failures_email_idx ON sign_in_failures (email, failed_at);
CREATE INDEX sign_in_failures_address_idx ON sign_in_failures (address, failed_at);
CREATE INDEX sign_in_failures_failed_at_idx ON sign_in_failures (failed_at);
