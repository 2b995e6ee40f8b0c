package store

import (
	"strings"
	"unicode/utf8"

	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/auth"
)

// checkText refuses what no database column should hold: invalid UTF-8,
// NUL bytes (PostgreSQL rejects both), and values over max bytes.
func checkText(field, s string, max int) error {
	switch {
	case len(s) > max:
		return apperr.Field(field, "longer than %d bytes", max)
	case !utf8.ValidString(s):
		return apperr.Field(field, "not valid UTF-8")
	case strings.ContainsRune(s, 0):
		return apperr.Field(field, "contains a NUL byte")
	}
	return nil
}

// allow is the store's own check of the permission table for the calls
// that act for a user (screening, viewing a subject, reviewing); the HTTP
// layer checks first, this keeps other callers honest.
func allow(p auth.Principal, a auth.Action) error {
	if !auth.Allowed(p, a) {
		return apperr.New(apperr.Forbidden, "%s may not %s", actorName(p), a)
	}
	return nil
}
