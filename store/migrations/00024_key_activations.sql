-- Activations: a key made by an admin for a user who reviews alerts is a
-- one-time activation (kind 'activation', valid until expires_at) that
-- the user exchanges for an API key only they see. revoked_at is set when
-- it is used or voided.

-- +goose Up
ALTER TABLE api_keys ADD COLUMN kind TEXT NOT NULL DEFAULT 'key';
ALTER TABLE api_keys ADD COLUMN expires_at TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE api_keys DROP COLUMN expires_at;
ALTER TABLE api_keys DROP COLUMN kind;
