-- Invitations to join, and the one-time tokens of magic-link sign-in
-- (the table Spring Security's JdbcOneTimeTokenService reads, with room for long e-mails).
CREATE TABLE invitations (
    id           UUID PRIMARY KEY,
    email        VARCHAR(320) NOT NULL,
    role         VARCHAR(16) NOT NULL,
    client_id    UUID REFERENCES clients (id),
    invited_by   UUID REFERENCES users (id) ON DELETE SET NULL,
    token_hash   VARCHAR(64) NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    accepted_at  TIMESTAMP WITH TIME ZONE,
    CONSTRAINT invitations_token_hash_key UNIQUE (token_hash)
);

CREATE TABLE one_time_tokens (
    token_value  VARCHAR(36) NOT NULL PRIMARY KEY,
    username     VARCHAR(320) NOT NULL,
    expires_at   TIMESTAMP NOT NULL
);
