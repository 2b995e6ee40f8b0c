-- The edition of a source in force is its snapshot with the highest id
-- (the one accepted last; see snapshot.go). This index finds it, and the
-- one before it, without reading the records.

-- +goose Up
CREATE INDEX snapshots_in_force ON snapshots (source, id);

-- +goose Down
DROP INDEX snapshots_in_force;
