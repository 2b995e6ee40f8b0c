package httpapi

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"strconv"

	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/internal/strictjson"
)

// IdempotencyHeader carries the client's key for a write request: a
// request re-sent with the same key (by the same user) returns the first
// result and writes nothing.
const IdempotencyHeader = "Idempotency-Key"

// decodeBody decodes the JSON body into v: unknown fields, wrong types,
// trailing data and invalid UTF-8 are 400 errors naming the field.
func decodeBody(r *http.Request, v any) error {
	return strictjson.Decode(r.Body, v)
}

// pathID parses the numeric {id} of an alert route.
func pathID(r *http.Request) (int64, error) { return pathIDOf(r, "an alert") }

// pathIDOf parses the numeric {id} of a route about what ("an alert").
func pathIDOf(r *http.Request, what string) (int64, error) {
	raw := r.PathValue("id")
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id <= 0 {
		return 0, apperr.Field("id", "%q is not %s id (a positive integer)", truncate(raw, 40), what)
	}
	return id, nil
}

// truncate shortens s for an error message.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// checkQuery refuses query parameters a route does not know, so that a
// misspelt filter is an error instead of being silently ignored.
func checkQuery(r *http.Request, known ...string) error {
	for name := range r.URL.Query() {
		ok := false
		for _, k := range known {
			ok = ok || name == k
		}
		if !ok {
			return apperr.Field(name, "unknown query parameter")
		}
	}
	return nil
}

// decodeOptionalBody accepts an empty body or an empty JSON object, for
// actions that take no parameters.
func decodeOptionalBody(r *http.Request) error {
	data, err := io.ReadAll(r.Body)
	if err != nil {
		return fmt.Errorf("read body: %w", err)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil
	}
	var empty struct{}
	return strictjson.Decode(bytes.NewReader(data), &empty)
}
