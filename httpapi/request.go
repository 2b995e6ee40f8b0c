package httpapi

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"

	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/internal/strictjson"
)

// IdempotencyHeader carries the client's key for a write request: a
// request re-sent with the same key (by the same user) returns the first
// result and writes nothing.
const IdempotencyHeader = "Idempotency-Key"

// decodeBody decodes the JSON body into v: unknown fields, keys given
// twice, wrong types, trailing data and invalid UTF-8 are 400 errors
// naming the field; a body cut short is one too.
func decodeBody(r *http.Request, v any) error {
	data, err := readBody(r)
	if err != nil {
		return err
	}
	return strictjson.DecodeBytes(data, v)
}

// readBody reads the whole body. A body over the limit stays an
// *http.MaxBytesError (413); any other failure to read it is the
// client's (it closed the connection, or sent less than it announced,
// or too slowly): a 400 naming the body, never a server fault.
func readBody(r *http.Request) ([]byte, error) {
	data, err := io.ReadAll(r.Body)
	if err == nil {
		return data, nil
	}
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return nil, err
	}
	return nil, &apperr.Error{Code: apperr.Invalid, Field: "body",
		Message: fmt.Sprintf("the request body was cut short or not sent in time (%d bytes received)", len(data)), Err: err}
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
// (Parameters given twice are refused for every route, see repeatedQuery.)
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
	data, err := readBody(r)
	if err != nil {
		return err
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil
	}
	var empty struct{}
	return strictjson.DecodeBytes(data, &empty)
}

// multiParams are the query parameters that take several values by
// repeating (yente's list filters, see yente.go); every other parameter
// given twice is refused.
var multiParams = map[string]bool{"include_dataset": true, "exclude_dataset": true, "exclude_schema": true, "exclude_entity_ids": true}

// repeatedQuery refuses a query that is malformed or gives a parameter
// more than once: which of the values would count is not for the server
// to guess.
func repeatedQuery(r *http.Request) error {
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return apperr.Field("query", "malformed query string: %v", err)
	}
	for name, vs := range q {
		if len(vs) > 1 && !multiParams[name] {
			return apperr.Field(name, "query parameter given %d times; give it once", len(vs))
		}
	}
	return nil
}
