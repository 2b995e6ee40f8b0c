-- Vigil's schema. This file is a text/template: {{"{{.ID}}"}} and
-- {{"{{.Blob}}"}} become the dialect's identity key and byte types (see
-- migrate.go). Times are TEXT in audit.TimeFormat (fixed-width UTC), so
-- they sort and compare the same way on both databases.

-- +goose Up
CREATE TABLE users (
    id {{.ID}},
    username TEXT NOT NULL UNIQUE,
    roles TEXT NOT NULL,
    password_hash TEXT NOT NULL DEFAULT '',
    disabled BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TEXT NOT NULL
);

CREATE TABLE api_keys (
    id TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id),
    secret_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    revoked_at TEXT NOT NULL DEFAULT ''
);

CREATE TABLE snapshots (
    id {{.ID}},
    source TEXT NOT NULL,
    format TEXT NOT NULL,
    edition TEXT NOT NULL,
    hash TEXT NOT NULL,
    files TEXT NOT NULL,
    records INTEGER NOT NULL,
    loaded_at TEXT NOT NULL,
    entities {{.Blob}} NOT NULL,
    UNIQUE (source, hash)
);

CREATE TABLE subjects (
    id {{.ID}},
    external_id TEXT NOT NULL UNIQUE,
    attrs TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE subject_versions (
    id {{.ID}},
    subject_id BIGINT NOT NULL REFERENCES subjects (id),
    attrs TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    actor TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX subject_versions_subject ON subject_versions (subject_id, id);

CREATE TABLE screenings (
    id {{.ID}},
    subject_id BIGINT NOT NULL REFERENCES subjects (id),
    actor TEXT NOT NULL,
    at TEXT NOT NULL,
    editions TEXT NOT NULL,
    threshold DOUBLE PRECISION NOT NULL,
    hits TEXT NOT NULL
);
CREATE INDEX screenings_subject ON screenings (subject_id, id);

CREATE TABLE alerts (
    id {{.ID}},
    version BIGINT NOT NULL DEFAULT 1,
    subject_id BIGINT NOT NULL REFERENCES subjects (id),
    list TEXT NOT NULL,
    source_id TEXT NOT NULL,
    status TEXT NOT NULL,
    score DOUBLE PRECISION NOT NULL,
    assignee TEXT NOT NULL DEFAULT '',
    disposition TEXT NOT NULL DEFAULT '',
    reason TEXT NOT NULL DEFAULT '',
    closed_by TEXT NOT NULL DEFAULT '',
    approved_by TEXT NOT NULL DEFAULT '',
    proposal TEXT NOT NULL DEFAULT '',
    hit TEXT NOT NULL,
    record TEXT NOT NULL,
    subject_attrs TEXT NOT NULL,
    changes TEXT NOT NULL DEFAULT '',
    screening_id BIGINT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
-- At most one alert that is not closed per (subject, listed record).
CREATE UNIQUE INDEX alerts_one_open ON alerts (subject_id, list, source_id) WHERE status <> 'closed';
CREATE INDEX alerts_status ON alerts (status, id);
CREATE INDEX alerts_screening ON alerts (screening_id);

CREATE TABLE alert_notes (
    id {{.ID}},
    alert_id BIGINT NOT NULL REFERENCES alerts (id),
    author TEXT NOT NULL,
    text TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX alert_notes_alert ON alert_notes (alert_id, id);

-- False-positive memory: the last false-positive decision per pair, with
-- both sides' relevant attributes at the time.
CREATE TABLE fp_memory (
    subject_id BIGINT NOT NULL REFERENCES subjects (id),
    list TEXT NOT NULL,
    source_id TEXT NOT NULL,
    subject_attrs TEXT NOT NULL,
    record_attrs TEXT NOT NULL,
    subject_fp TEXT NOT NULL,
    record_fp TEXT NOT NULL,
    alert_id BIGINT NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (subject_id, list, source_id)
);

CREATE TABLE audit_log (
    seq BIGINT PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    object TEXT NOT NULL,
    details TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL UNIQUE
);
CREATE INDEX audit_log_at ON audit_log (at);

-- The chain head: the last sequence number and hash. Appends lock this
-- row, which serialises them across processes.
CREATE TABLE audit_head (
    id INTEGER PRIMARY KEY,
    seq BIGINT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TABLE idempotency (
    actor TEXT NOT NULL,
    key TEXT NOT NULL,
    operation TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    response TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    PRIMARY KEY (actor, key)
);

-- +goose Down
DROP TABLE idempotency;
DROP TABLE audit_head;
DROP TABLE audit_log;
DROP TABLE fp_memory;
DROP TABLE alert_notes;
DROP TABLE alerts;
DROP TABLE screenings;
DROP TABLE subject_versions;
DROP TABLE subjects;
DROP TABLE snapshots;
DROP TABLE api_keys;
DROP TABLE users;
