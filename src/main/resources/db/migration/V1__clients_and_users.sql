-- Organisations that users belong to, and the people who sign in.
CREATE TABLE clients (
    id          UUID PRIMARY KEY,
    name        VARCHAR(200) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT clients_name_key UNIQUE (name)
);

-- E-mails are stored normalised to lower case, so the unique key is case-insensitive.
CREATE TABLE users (
    id             UUID PRIMARY KEY,
    email          VARCHAR(320) NOT NULL,
    display_name   VARCHAR(200),
    password_hash  VARCHAR(200),
    role           VARCHAR(16) NOT NULL,
    blocked        BOOLEAN NOT NULL DEFAULT FALSE,
    client_id      UUID REFERENCES clients (id),
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT users_email_key UNIQUE (email),
    CONSTRAINT users_email_lower_case CHECK (email = LOWER(email)),
    CONSTRAINT users_role_known CHECK (role IN ('ADMIN', 'USER'))
);

CREATE INDEX users_client_idx ON users (client_id);
