-- Deleting a user sets its rows' user and actor to null, and the admin's logs filter by person:
-- without these each would read the whole table.
CREATE INDEX api_request_log_user_idx ON api_request_log (user_id);
CREATE INDEX admin_audit_log_actor_idx ON admin_audit_log (actor_id);
