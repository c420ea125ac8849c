-- What an accepted invitation gives the new account besides its role and client: the scope
-- (datamarts, regions), the quota and the language models with the default among them, as one JSON
-- document written by the application. A revoked invitation can no longer be accepted.
ALTER TABLE invitations ADD COLUMN grants JSONB NOT NULL;
ALTER TABLE invitations ADD COLUMN revoked_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE invitations ADD CONSTRAINT invitations_email_lower_case CHECK (email = LOWER(email));
ALTER TABLE invitations ADD CONSTRAINT invitations_role_known CHECK (role IN ('ADMIN', 'USER'));

-- One open invitation per e-mail, so two admins inviting the same person at once cannot both succeed.
CREATE UNIQUE INDEX invitations_open_email_key ON invitations (email) WHERE accepted_at IS NULL AND revoked_at IS NULL;
