-- What administrators add to every language-model prompt: one system-wide text (name 'system') and one
-- per datamart (name 'datamart:<code>'). Each change is a new row, so the history of a prompt is its
-- rows and its current text is the row with the highest version; an empty body means no extra
-- instructions. Two admins saving at once cannot both write the same version (the primary key).
-- This replaces V10's prompts table, which nothing ever read or wrote.
DROP TABLE prompts;

CREATE TABLE prompt_versions (
    name        VARCHAR(120) NOT NULL,
    version     INTEGER NOT NULL,
    body        TEXT NOT NULL,
    changed_by  UUID REFERENCES users (id) ON DELETE SET NULL,
    changed_at  TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (name, version),
    CONSTRAINT prompt_versions_version_positive CHECK (version > 0),
    CONSTRAINT prompt_versions_body_length CHECK (CHAR_LENGTH(body) <= 4000)
);
