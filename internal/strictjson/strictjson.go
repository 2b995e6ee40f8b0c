// Package strictjson decodes one JSON value strictly, as Vigil's request
// bodies and JSON Lines input want it: unknown fields, wrong types,
// trailing data and invalid UTF-8 are errors naming the field, as
// *apperr.Error values of code Invalid.
package strictjson

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/vigil-screening/vigil/apperr"
)

// Decode decodes exactly one JSON value from r into v, rejecting
// unknown fields and trailing data. Its errors are *apperr.Error values
// naming the offending field where there is one; errors of r itself (such
// as a body over its size limit) are returned wrapped, unchanged.
func Decode(r io.Reader, v any) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return fmt.Errorf("read JSON: %w", err)
	}
	if !utf8.Valid(data) {
		return apperr.New(apperr.Invalid, "not valid UTF-8")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonError(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		if err != nil && !isSyntaxError(err) {
			return jsonError(err)
		}
		return apperr.New(apperr.Invalid, "unexpected data after the JSON value")
	}
	return nil
}

func isSyntaxError(err error) bool {
	var se *json.SyntaxError
	return errors.As(err, &se)
}

// jsonError turns an encoding/json error into a user-safe *apperr.Error.
func jsonError(err error) error {
	var (
		syntax  *json.SyntaxError
		typeErr *json.UnmarshalTypeError
	)
	switch {
	case errors.Is(err, io.EOF):
		return apperr.New(apperr.Invalid, "empty input: want a JSON object")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return apperr.New(apperr.Invalid, "truncated JSON")
	case errors.As(err, &syntax):
		return apperr.New(apperr.Invalid, "malformed JSON at byte %d: %s", syntax.Offset, syntax.Error())
	case errors.As(err, &typeErr):
		// Drop the Go name of an embedded struct ("SubjectInput.name" -> "name").
		field := strings.ReplaceAll(typeErr.Field, "SubjectInput.", "")
		if field == "" {
			return apperr.New(apperr.Invalid, "want a JSON object, got %s", typeErr.Value)
		}
		return apperr.Field(field, "wrong type: got %s, want %s", typeErr.Value, jsonType(typeErr.Type.Kind().String()))
	}
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		return apperr.Field(strings.Trim(name, `"`), "unknown field")
	}
	var ae *apperr.Error
	if errors.As(err, &ae) {
		return err
	}
	if strings.HasPrefix(err.Error(), "json: ") {
		// A field's own UnmarshalJSON failed (e.g. ID) or similar.
		return apperr.New(apperr.Invalid, "%s", strings.TrimPrefix(err.Error(), "json: "))
	}
	return fmt.Errorf("decode JSON: %w", err)
}

func jsonType(goKind string) string {
	switch goKind {
	case "string":
		return "string"
	case "slice", "array":
		return "array"
	case "struct", "map":
		return "object"
	case "bool":
		return "boolean"
	}
	return "number"
}
