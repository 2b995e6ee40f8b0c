-- Every record of the listed identity an alert covers: the hit's record
-- and those of its Also (the same identity on other lists), plus any that
-- a later screening merged into the open alert. The four-eyes rule, the
-- "one open alert per identity" rule and false-positive memory all look
-- at every record here, not only at the alert's primary record.

-- +goose Up
ALTER TABLE alerts ADD COLUMN records TEXT NOT NULL DEFAULT '';

CREATE TABLE alert_records (
    alert_id BIGINT NOT NULL REFERENCES alerts (id),
    subject_id BIGINT NOT NULL REFERENCES subjects (id),
    list TEXT NOT NULL,
    source_id TEXT NOT NULL,
    -- The record (entity.Entity JSON) as it was when it joined the alert;
    -- empty when the screening did not know it.
    record TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (alert_id, list, source_id)
);
CREATE INDEX alert_records_subject ON alert_records (subject_id, list, source_id);

-- Alerts raised before this migration cover their primary record here;
-- their Also records are read from the stored hit (see alert_read.go).
INSERT INTO alert_records (alert_id, subject_id, list, source_id, record)
    SELECT id, subject_id, list, source_id, record FROM alerts;

-- +goose Down
DROP TABLE alert_records;
ALTER TABLE alerts DROP COLUMN records;
