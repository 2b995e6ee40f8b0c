-- A web session names the audit entry of its sign-in, which binds it
-- (store/websession.go): a row that no sign-in wrote, or that was changed
-- since, is refused at lookup and reported by audit verify. Sessions from
-- before had no such entry: they end, and their users sign in again.

-- +goose Up
DELETE FROM web_sessions;
ALTER TABLE web_sessions ADD COLUMN audit_seq BIGINT NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE web_sessions DROP COLUMN audit_seq;
