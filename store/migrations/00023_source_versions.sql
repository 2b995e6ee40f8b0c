-- The version of a delta source (an OpenSanctions dataset followed by
-- its delta versions) held, and the version each refresh attempt left.

-- +goose Up
CREATE TABLE source_versions (
    source TEXT PRIMARY KEY,
    version TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
ALTER TABLE refresh_attempts ADD COLUMN version TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE refresh_attempts DROP COLUMN version;
DROP TABLE source_versions;
