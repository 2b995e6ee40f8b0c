package senzing

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/reader"
)

// record is one parsed line before relationships are resolved.
type record struct {
	ent        *entity.Entity
	recordType string // RECORD_TYPE as written, "" when null or absent
	pointers   []pointer
}

// pointer is a RELATIONSHIPS entry that points at another record.
type pointer struct {
	Role string // REL_POINTER_ROLE, e.g. "Occupancy"
	Key  string // REL_POINTER_KEY: the other record's RECORD_ID
}

// feature is one object of a feature array, or a flat top-level attribute.
type feature struct {
	field string // "NAMES[0]" or "URL", for errors
	attrs map[string]string
}

// groupOrder fixes the order in which feature arrays are read, so that the
// entity does not depend on Go's map order (names come first).
var groupOrder = []string{"NAMES", "DATES", "COUNTRIES", "ADDRESSES", "IDENTIFIERS", "RELATIONSHIPS", "RISKS"}

func parseLine(line []byte, name string, n int) (*record, error) {
	fail := func(rec, field string, err error) error {
		return &reader.ParseError{File: name, Line: n, Record: rec, Field: field, Err: err}
	}
	line = bytes.TrimSpace(line)
	if line[0] != '{' {
		return nil, fail("", "", fmt.Errorf("not a JSON object"))
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(line, &top); err != nil {
		return nil, fail("", "", fmt.Errorf("malformed JSON: %w", err))
	}
	ds, err := str(top, "DATA_SOURCE")
	if err != nil {
		return nil, fail("", "DATA_SOURCE", err)
	}
	id, err := str(top, "RECORD_ID")
	if err != nil {
		return nil, fail("", "RECORD_ID", err)
	}
	if id == "" || ds == "" {
		return nil, fail(id, "RECORD_ID", fmt.Errorf("record without DATA_SOURCE or RECORD_ID"))
	}
	rt, err := str(top, "RECORD_TYPE")
	if err != nil {
		return nil, fail(id, "RECORD_TYPE", err)
	}
	feats, field, err := features(top)
	if err != nil {
		return nil, fail(id, field, err)
	}
	rec := &record{ent: &entity.Entity{List: ListName(ds), ID: id, Kind: kind(rt)}, recordType: rt}
	for _, f := range feats {
		if err := rec.apply(f); err != nil {
			return nil, fail(id, f.field, err)
		}
	}
	if len(rec.ent.Names) == 0 {
		return nil, fail(id, "NAMES", fmt.Errorf("record without names"))
	}
	return rec, nil
}

// ListName returns Vigil's list name for a Senzing DATA_SOURCE.
func ListName(dataSource string) string {
	ds := strings.ToLower(strings.TrimSpace(dataSource))
	return "os_" + strings.TrimPrefix(ds, "os_")
}

// str returns the string value of key, "" when absent or null.
func str(top map[string]json.RawMessage, key string) (string, error) {
	raw, ok := top[key]
	if !ok {
		return "", nil
	}
	var s *string
	if err := json.Unmarshal(raw, &s); err != nil {
		return "", fmt.Errorf("want a string")
	}
	if s == nil {
		return "", nil
	}
	return strings.TrimSpace(*s), nil
}

// features flattens the record's feature arrays and flat attributes into
// one ordered list. On error it names the field at fault.
func features(top map[string]json.RawMessage) ([]feature, string, error) {
	keys := make([]string, 0, len(top))
	for k := range top {
		switch k {
		case "DATA_SOURCE", "RECORD_ID", "RECORD_TYPE":
		default:
			if !slices.Contains(groupOrder, k) {
				keys = append(keys, k)
			}
		}
	}
	slices.Sort(keys)
	var out []feature
	for _, k := range append(slices.Clone(groupOrder), keys...) {
		raw, ok := top[k]
		if !ok {
			continue
		}
		fs, err := decodeFeature(k, raw)
		if err != nil {
			return nil, k, err
		}
		out = append(out, fs...)
	}
	return out, "", nil
}

// decodeFeature decodes one top-level value: null, a string (a flat
// attribute) or an array of objects whose values are strings or null.
func decodeFeature(key string, raw json.RawMessage) ([]feature, error) {
	raw = bytes.TrimSpace(raw)
	switch {
	case bytes.Equal(raw, []byte("null")):
		return nil, nil
	case raw[0] == '"' && !slices.Contains(groupOrder, key):
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return nil, err
		}
		return []feature{{field: key, attrs: map[string]string{key: s}}}, nil
	case raw[0] != '[':
		return nil, fmt.Errorf("want an array of objects")
	}
	var items []map[string]any
	if err := json.Unmarshal(raw, &items); err != nil {
		return nil, fmt.Errorf("want an array of objects")
	}
	out := make([]feature, 0, len(items))
	for i, it := range items {
		f := feature{field: fmt.Sprintf("%s[%d]", key, i), attrs: make(map[string]string, len(it))}
		for ak, av := range it {
			switch v := av.(type) {
			case nil:
			case string:
				if v = strings.TrimSpace(v); v != "" {
					f.attrs[ak] = v
				}
			default:
				return nil, fmt.Errorf("%s.%s: want a string, got JSON %s", f.field, ak, jsonType(av))
			}
		}
		out = append(out, f)
	}
	return out, nil
}

func kind(recordType string) entity.Kind {
	switch strings.ToUpper(recordType) {
	case "PERSON":
		return entity.KindPerson
	case "ORGANIZATION", "ORGANISATION", "COMPANY":
		return entity.KindOrganization
	case "VESSEL":
		return entity.KindVessel
	case "AIRCRAFT", "AIRPLANE":
		return entity.KindAircraft
	}
	return entity.KindUnknown
}

func jsonType(v any) string {
	switch v.(type) {
	case float64:
		return "number"
	case bool:
		return "boolean"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return fmt.Sprintf("%T", v)
}
