-- The relationship graph's statements of the organisation (see
-- network.go and docs/networks.md). Edges from the lists are not stored:
-- they are read from the editions in force. An edge names its ends as
-- "subject:<external id>" or "<list>/<record id>". Shares and confidences
-- are kept as text, exactly as asserted ('' for an unknown share).

-- +goose Up
CREATE TABLE network_edges (
    id {{.ID}},
    from_node TEXT NOT NULL,
    to_node TEXT NOT NULL,
    relation TEXT NOT NULL,
    share TEXT NOT NULL DEFAULT '',
    confidence TEXT NOT NULL,
    start_date TEXT NOT NULL DEFAULT '',
    end_date TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL,
    stated_on TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    asserted_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    retracted_by TEXT NOT NULL DEFAULT '',
    retracted_at TEXT NOT NULL DEFAULT '',
    retract_reason TEXT NOT NULL DEFAULT ''
);
-- One statement per source: the same edge asserted again from the same
-- source is the same statement (an import run twice adds nothing).
CREATE UNIQUE INDEX network_edges_statement ON network_edges (from_node, to_node, relation, source);
CREATE INDEX network_edges_to ON network_edges (to_node);

-- Contact values of subjects (phone, e-mail, address, identifier): two
-- subjects that share one are linked automatically, the value being the
-- provenance of the link.
CREATE TABLE network_values (
    id {{.ID}},
    subject TEXT NOT NULL,
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    normalized TEXT NOT NULL,
    source TEXT NOT NULL,
    asserted_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX network_values_fact ON network_values (subject, kind, normalized);
CREATE INDEX network_values_value ON network_values (kind, normalized);

-- +goose Down
DROP TABLE network_values;
DROP TABLE network_edges;
