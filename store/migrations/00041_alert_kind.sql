-- An alert's kind: "name" (a recorded screening's hit: the subject may be
-- the listed identity) or "network" (the subject is linked, within a few
-- hops, to a listed record; see network_alert.go and docs/networks.md).

-- +goose Up
ALTER TABLE alerts ADD COLUMN kind TEXT NOT NULL DEFAULT 'name';

-- +goose Down
ALTER TABLE alerts DROP COLUMN kind;
