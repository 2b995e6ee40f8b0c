-- Each attempt to refresh a list from its publisher (vigil serve's
-- scheduled refresh, see docs/operations.md): when, what came back and
-- what the import made of it.

-- +goose Up
CREATE TABLE refresh_attempts (
    id {{.ID}},
    source TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT NOT NULL,
    status TEXT NOT NULL,
    http_status INTEGER NOT NULL DEFAULT 0,
    bytes BIGINT NOT NULL DEFAULT 0,
    edition TEXT NOT NULL DEFAULT '',
    hash TEXT NOT NULL DEFAULT '',
    error TEXT NOT NULL DEFAULT '',
    actor TEXT NOT NULL
);
CREATE INDEX refresh_attempts_source ON refresh_attempts (source, id);

-- +goose Down
DROP TABLE refresh_attempts;
