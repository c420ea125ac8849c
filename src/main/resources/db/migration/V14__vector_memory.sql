-- The SQL of an answer as written, before the guard scoped it: what a verified example keeps, so an
-- example never carries one user's regions into another user's prompt.
ALTER TABLE messages ADD COLUMN source_sql TEXT;

-- When a verified example was put in the vector memory; null means not yet (indexed at start-up).
ALTER TABLE verified_examples ADD COLUMN indexed_at TIMESTAMP WITH TIME ZONE;
