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

// An activation looks like an API key with the prefix "vga_": it is what
// someone other than the user gets when they make a key for a user who
// reviews alerts. It authenticates nothing; the user exchanges it, once,
// for an API key only they see (see docs/security.md).
const activationPrefix = "vga_"

// NewActivation returns a fresh activation id, the full activation to
// hand to the user, and the hash to store.
func NewActivation() (id, activation, hash string, err error) {
	id, key, hash, err := NewKey()
	if err != nil {
		return "", "", "", err
	}
	return id, activationPrefix + strings.TrimPrefix(key, keyPrefix), hash, nil
}

// ParseActivation splits an activation into its id and secret; anything
// else gives an apperr.Unauthorized error.
func ParseActivation(s string) (id, secret string, err error) {
	rest, ok := strings.CutPrefix(s, activationPrefix)
	if !ok {
		return "", "", apperr.New(apperr.Unauthorized, "malformed activation: want vga_...")
	}
	id, secret, err = ParseKey(keyPrefix + rest)
	if err != nil {
		return "", "", apperr.New(apperr.Unauthorized, "malformed activation: want vga_...")
	}
	return id, secret, nil
}

// IsActivation reports whether s has the form of an activation, to tell
// a caller who sends one as an API key what to do with it.
func IsActivation(s string) bool { return strings.HasPrefix(s, activationPrefix) }

// reservedNames are the actor names of principals that are not users:
// no user may take one, so that the audit trail's actor is never
// ambiguous.
var reservedNames = map[string]bool{
	"system": true, "open": true, "operator": true, "anonymous": true, "cli": true, "root": true,
}

// ReservedName reports whether name is an actor name no user may have.
func ReservedName(name string) bool { return reservedNames[strings.ToLower(name)] }

// Reviews reports whether roles let their holder review alerts (the
// roles an alert may be assigned to, and whose keys are activations when
// someone else makes them).
func Reviews(roles []Role) bool {
	return Allowed(Principal{Roles: roles}, ActionReview)
}
