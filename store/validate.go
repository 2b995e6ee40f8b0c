package store

import (
	"strings"
	"unicode/utf8"

	"github.com/vigil-screening/vigil/apperr"
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
