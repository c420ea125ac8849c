-- Runs once, when the database volume is first created (the image's /docker-entrypoint-initdb.d).
-- The product would create the extension itself, but two instances starting together race for it, and
-- the loser would keep its vectors in a file of its own; created here, both find it installed.
CREATE EXTENSION IF NOT EXISTS vector;
