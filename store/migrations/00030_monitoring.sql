-- Continuous vetting (docs/monitoring.md). Every recorded subject is
-- monitored from its first screening (subjects.created_at) until the
-- deployment's retention has passed; a row here overrides that for one
-- subject (until) or ends its monitoring (ended_at). Re-vetting runs
-- (revets) are the progress of the jobs that screen a new edition's
-- changes, or every record in force, against the monitored subjects.
-- Alerts say what caused them (cause: kind, text, edition), screenings
-- which engine and rules ran them (engine).

-- +goose Up
CREATE TABLE monitoring (
    subject_id BIGINT PRIMARY KEY REFERENCES subjects (id),
    until TEXT NOT NULL DEFAULT '',
    ended_at TEXT NOT NULL DEFAULT '',
    ended_by TEXT NOT NULL DEFAULT '',
    reason TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL
);

CREATE TABLE revets (
    id {{.ID}},
    kind TEXT NOT NULL,
    snapshot_id BIGINT NOT NULL DEFAULT 0,
    prev_id BIGINT NOT NULL DEFAULT 0,
    source TEXT NOT NULL DEFAULT '',
    edition TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    records INTEGER NOT NULL DEFAULT 0,
    chunks INTEGER NOT NULL DEFAULT 0,
    threshold DOUBLE PRECISION NOT NULL DEFAULT 0,
    engine TEXT NOT NULL DEFAULT '',
    annotated INTEGER NOT NULL DEFAULT 0,
    actor TEXT NOT NULL,
    error TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    finished_at TEXT NOT NULL DEFAULT ''
);
CREATE INDEX revets_status ON revets (status, id);

CREATE TABLE revet_chunks (
    revet_id BIGINT NOT NULL REFERENCES revets (id),
    chunk INTEGER NOT NULL,
    candidates INTEGER NOT NULL,
    screened INTEGER NOT NULL,
    alerts INTEGER NOT NULL,
    done_at TEXT NOT NULL,
    PRIMARY KEY (revet_id, chunk)
);

ALTER TABLE alerts ADD COLUMN cause TEXT NOT NULL DEFAULT '';
ALTER TABLE screenings ADD COLUMN engine TEXT NOT NULL DEFAULT '';
CREATE INDEX alert_records_record ON alert_records (list, source_id);
CREATE INDEX subject_versions_id ON subject_versions (id, subject_id);

-- +goose Down
DROP INDEX subject_versions_id;
DROP INDEX alert_records_record;
ALTER TABLE screenings DROP COLUMN engine;
ALTER TABLE alerts DROP COLUMN cause;
DROP TABLE revet_chunks;
DROP TABLE revets;
DROP TABLE monitoring;
