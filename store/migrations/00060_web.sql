-- The reviewers' web application (package web, docs/web.md): sign-in
-- sessions shared by every process of one database, the failed sign-ins
-- that lock a name out for a while, and the indexes its pages page on.

-- +goose Up
-- A session is found by the SHA-256 of its cookie (the token itself is
-- never stored). It ends at sign-out, after idle_seconds without a
-- request, or at expires_at, whichever comes first.
CREATE TABLE web_sessions (
    id_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id),
    csrf TEXT NOT NULL,
    created_at TEXT NOT NULL,
    seen_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX web_sessions_user ON web_sessions (user_id);
CREATE INDEX web_sessions_expires ON web_sessions (expires_at);

-- Failed sign-ins per name given, whether or not such a user exists (so
-- that a lockout says nothing about who has an account).
CREATE TABLE web_signin_failures (
    username TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    first_at TEXT NOT NULL,
    locked_until TEXT NOT NULL DEFAULT ''
);

-- Keyset paging of the alert queue in each sort order, and the history
-- of one object or actor in the audit view.
CREATE INDEX alerts_score ON alerts (score, id);
CREATE INDEX alerts_status_created ON alerts (status, created_at);
CREATE INDEX alerts_status_score ON alerts (status, score, id);
CREATE INDEX alerts_status_updated ON alerts (status, updated_at, id);
CREATE INDEX alerts_updated ON alerts (updated_at, id);
CREATE INDEX alerts_assignee ON alerts (assignee, id);
CREATE INDEX alerts_subject ON alerts (subject_id, id);
CREATE INDEX alert_records_list ON alert_records (list, alert_id);
CREATE INDEX audit_log_object ON audit_log (object, seq);
CREATE INDEX audit_log_actor ON audit_log (actor, seq);
CREATE INDEX audit_log_action ON audit_log (action, seq);

-- +goose Down
DROP INDEX audit_log_action;
DROP INDEX audit_log_actor;
DROP INDEX audit_log_object;
DROP INDEX alert_records_list;
DROP INDEX alerts_subject;
DROP INDEX alerts_assignee;
DROP INDEX alerts_updated;
DROP INDEX alerts_status_updated;
DROP INDEX alerts_status_score;
DROP INDEX alerts_status_created;
DROP INDEX alerts_score;
DROP TABLE web_signin_failures;
DROP TABLE web_sessions;
