package ftm

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/vigil-screening/vigil/reader"
)

// raw is one FollowTheMoney entity as a line of the file holds it.
type raw struct {
	ID         string                     `json:"id"`
	Schema     string                     `json:"schema"`
	Caption    string                     `json:"caption"`
	Datasets   []string                   `json:"datasets"`
	Properties map[string]json.RawMessage `json:"properties"`

	line  int
	props map[string][]string // the known properties, decoded
}

// parseLine decodes one line. Only the properties Vigil uses are decoded
// (knownProps); the others may hold anything. A known property must be an
// array of strings; a lone string is taken as an array of one, as
// real exports (sa_wiki_peps) write them.
func parseLine(line []byte, name string, n int) (*raw, error) {
	fail := func(rec, field string, err error) error {
		return &reader.ParseError{File: name, Line: n, Record: rec, Field: field, Err: err}
	}
	line = bytes.TrimSpace(line)
	if line[0] != '{' {
		return nil, fail("", "", fmt.Errorf("not a JSON object"))
	}
	r := &raw{line: n}
	if err := json.Unmarshal(line, r); err != nil {
		var ute *json.UnmarshalTypeError
		if errors.As(err, &ute) {
			return nil, fail("", ute.Field, fmt.Errorf("want %s, got JSON %s", kindName(ute.Type.Kind()), ute.Value))
		}
		return nil, fail("", "", fmt.Errorf("malformed JSON: %w", err))
	}
	r.ID = strings.TrimSpace(r.ID)
	r.Schema = strings.TrimSpace(r.Schema)
	if r.ID == "" {
		return nil, fail("", "id", fmt.Errorf("entity without id"))
	}
	if r.Schema == "" {
		return nil, fail(r.ID, "schema", fmt.Errorf("entity without schema"))
	}
	r.props = make(map[string][]string)
	for prop, val := range r.Properties {
		if !knownProps[prop] {
			continue
		}
		vs, err := decodeValues(val)
		if err != nil {
			return nil, fail(r.ID, "properties."+prop, err)
		}
		if len(vs) > 0 {
			r.props[prop] = vs
		}
	}
	r.Properties = nil // decoded; let the raw bytes go
	return r, nil
}

// decodeValues decodes a property: an array of strings, a single string or
// null. Blank values are dropped.
func decodeValues(val json.RawMessage) ([]string, error) {
	val = bytes.TrimSpace(val)
	var vs []string
	if len(val) > 0 && val[0] == '"' {
		var s string
		if err := json.Unmarshal(val, &s); err != nil {
			return nil, err
		}
		vs = []string{s}
	} else if err := json.Unmarshal(val, &vs); err != nil {
		return nil, fmt.Errorf("want an array of strings")
	}
	out := vs[:0]
	for _, v := range vs {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out, nil
}

// first returns the first value of a property, or "".
func (r *raw) first(prop string) string {
	if vs := r.props[prop]; len(vs) > 0 {
		return vs[0]
	}
	return ""
}

// name returns the entity's first name, or its caption.
func (r *raw) name() string {
	if n := r.first("name"); n != "" {
		return n
	}
	return r.Caption
}

// kindName names the JSON shape a Go kind decodes from.
func kindName(k reflect.Kind) string {
	switch k {
	case reflect.Slice:
		return "an array"
	case reflect.Map, reflect.Struct:
		return "an object"
	case reflect.String:
		return "a string"
	}
	return k.String()
}
