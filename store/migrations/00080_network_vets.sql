-- Network vets (docs/networks.md): the network alerts that a change owes.
-- The transaction that writes edges or contact values, or accepts a list
-- edition, writes one row here and queues the job that raises its
-- alerts (store.NetworkVetJob), so that a crash after the commit loses
-- nothing: the job, or the next server's start, raises them. A row is
-- done, with the alerts it raised, in the transaction that raises them;
-- it is progress, like revets, not part of the audited record (the
-- alerts are audited).

-- +goose Up
CREATE TABLE network_vets (
    id {{.ID}},
    kind TEXT NOT NULL,
    subjects TEXT NOT NULL DEFAULT '',
    snapshot_id BIGINT NOT NULL DEFAULT 0,
    source TEXT NOT NULL DEFAULT '',
    edition TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    alerts TEXT NOT NULL DEFAULT '',
    actor TEXT NOT NULL,
    created_at TEXT NOT NULL,
    finished_at TEXT NOT NULL DEFAULT ''
);
CREATE INDEX network_vets_status ON network_vets (status, id);

-- +goose Down
DROP TABLE network_vets;
