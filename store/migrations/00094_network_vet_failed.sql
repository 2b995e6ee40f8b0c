-- A network vet whose job failed every attempt is failed, with how many
-- attempts were made and the last error (store/network_vet.go): before,
-- it stayed pending, and every start of a server queued it again, to
-- fail ten times more. An operator retries it (vigil network vets retry,
-- POST /v1/network/vets/{id}/retry), audited.

-- +goose Up
ALTER TABLE network_vets ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE network_vets ADD COLUMN error TEXT NOT NULL DEFAULT '';

-- +goose Down
-- An earlier Vigil knows pending and done only: a failed vet is pending
-- again there (queued at its next start, as before).
UPDATE network_vets SET status = 'pending', finished_at = '' WHERE status = 'failed';
ALTER TABLE network_vets DROP COLUMN error;
ALTER TABLE network_vets DROP COLUMN attempts;
