package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/vigil-screening/vigil/apperr"
)

// API keys look like "vgl_<id>_<secret>": id is 12 hex digits, public and
// used to find the key; secret is 32 random bytes in hex. Only the
// SHA-256 of the secret is stored. A fast hash is right here because the
// secret is 256 random bits: there is nothing to brute-force, and a slow
// hash would cost every API request tens of milliseconds.
const keyPrefix = "vgl_"

// NewKey returns a fresh key id, the full key to give the user once, and
// the hash to store.
func NewKey() (id, key, hash string, err error) {
	idb := make([]byte, 6)
	secret := make([]byte, 32)
	if _, err := rand.Read(idb); err != nil {
		return "", "", "", fmt.Errorf("new api key: %w", err)
	}
	if _, err := rand.Read(secret); err != nil {
		return "", "", "", fmt.Errorf("new api key: %w", err)
	}
	id = hex.EncodeToString(idb)
	s := hex.EncodeToString(secret)
	return id, keyPrefix + id + "_" + s, HashSecret(s), nil
}

// ParseKey splits a key into its id and secret. Malformed keys give an
// apperr.Unauthorized error.
func ParseKey(key string) (id, secret string, err error) {
	rest, ok := strings.CutPrefix(key, keyPrefix)
	if ok {
		id, secret, ok = strings.Cut(rest, "_")
	}
	if !ok || len(id) != 12 || len(secret) != 64 || !isHex(id) || !isHex(secret) {
		return "", "", apperr.New(apperr.Unauthorized, "malformed API key")
	}
	return id, secret, nil
}

// HashSecret returns the hex SHA-256 of a key's secret.
func HashSecret(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

// SecretMatches compares a secret with a stored hash in constant time.
func SecretMatches(secret, hash string) bool {
	return subtle.ConstantTimeCompare([]byte(HashSecret(secret)), []byte(hash)) == 1
}

func isHex(s string) bool {
	_, err := hex.DecodeString(s)
	return err == nil
}
