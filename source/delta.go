package source

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/vigil-screening/vigil/reader"
	"github.com/vigil-screening/vigil/reader/jsonl"
)

// OpenSanctions publishes each dataset as a full export (entities.ftm.json,
// one FollowTheMoney entity a line) and as delta versions: an index,
// delta.json, maps each version ("20240528014702-pfh", ordered by its
// key) to the address of its entities.delta.json, one operation a line:
//
//	{"op": "ADD", "entity": {...}}   a new entity (the whole of it)
//	{"op": "MOD", "entity": {...}}   a changed entity (the whole of it)
//	{"op": "DEL", "entity": {"id": "..."}}
//
// A consumer holding version V applies the versions after V, in order,
// on top of its entities. An empty file is a version that changed
// nothing. Applying an operation twice gives the same entities, so a
// version applied again (after a crash) is harmless.

// Delta says where an OpenSanctions dataset followed by its delta
// versions is published.
type Delta struct {
	// Entities is the full export, fetched when no version is held.
	Entities string `json:"entities"`
	// Index is the dataset's delta.json.
	Index string `json:"index"`
}

// DeltaVersion is one version of a delta index.
type DeltaVersion struct {
	Version string
	URL     string // absolute
}

// Time returns the time the version names (its first 14 digits,
// YYYYMMDDhhmmss, UTC), or false.
func (v DeltaVersion) Time() (time.Time, bool) {
	if len(v.Version) < 14 {
		return time.Time{}, false
	}
	t, err := time.Parse("20060102150405", v.Version[:14])
	return t, err == nil
}

// maxDeltaIndex is the largest delta.json accepted.
const maxDeltaIndex = 16 << 20

// ParseDeltaIndex reads a delta.json fetched from base (to resolve
// relative addresses) and returns its versions in order. Errors name the
// file and the field.
func ParseDeltaIndex(r io.Reader, name, base string) ([]DeltaVersion, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxDeltaIndex+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(data) > maxDeltaIndex {
		return nil, reader.Errorf(name, 0, "delta index larger than %d bytes", maxDeltaIndex)
	}
	var idx struct {
		Versions map[string]string `json:"versions"`
	}
	if err := json.Unmarshal(data, &idx); err != nil {
		return nil, &reader.ParseError{File: name, Field: "versions", Err: err}
	}
	if idx.Versions == nil {
		return nil, &reader.ParseError{File: name, Field: "versions", Err: errors.New("missing: want an object of version → address")}
	}
	b, err := url.Parse(base)
	if err != nil {
		return nil, fmt.Errorf("%s: base address: %w", name, err)
	}
	out := make([]DeltaVersion, 0, len(idx.Versions))
	for _, v := range slices.Sorted(maps.Keys(idx.Versions)) {
		if err := checkVersion(v); err != nil {
			return nil, &reader.ParseError{File: name, Field: "versions", Record: trimmed(v), Err: err}
		}
		u, err := url.Parse(idx.Versions[v])
		if err == nil {
			u = b.ResolveReference(u)
		}
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, &reader.ParseError{File: name, Field: "versions." + v, Err: fmt.Errorf("%q is not an http or https address", trimmed(idx.Versions[v]))}
		}
		out = append(out, DeltaVersion{Version: v, URL: u.String()})
	}
	return out, nil
}

// checkVersion accepts the version keys OpenSanctions writes: letters,
// digits and dashes, up to 100 of them.
func checkVersion(v string) error {
	if v == "" || len(v) > 100 {
		return errors.New("want a version of 1 to 100 characters")
	}
	for _, r := range v {
		if r > unicode.MaxASCII || !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_' || r == '.') {
			return fmt.Errorf("character %q not allowed in a version", r)
		}
	}
	return nil
}

func trimmed(s string) string {
	if len(s) > 60 {
		return s[:60] + "..."
	}
	return s
}

// Delta operations.
const (
	OpAdd = "ADD"
	OpMod = "MOD"
	OpDel = "DEL"
)

// DeltaOp is one operation of a delta version.
type DeltaOp struct {
	Op string
	ID string
	// Entity is the whole entity, compact JSON (nil for DEL).
	Entity []byte
}

// ReadDelta calls fn with each operation of an entities.delta.json, in
// order. An empty file (no operation) is valid. Errors name the file,
// the line and the field.
func ReadDelta(ctx context.Context, r io.Reader, name string, fn func(DeltaOp) error) error {
	data, err := io.ReadAll(io.LimitReader(r, reader.MaxFile+1))
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil
	}
	return jsonl.EachLine(ctx, bytes.NewReader(data), name, func(line []byte, n int) error {
		op, err := parseOp(line)
		if err != nil {
			var pe *reader.ParseError
			if errors.As(err, &pe) {
				pe.File, pe.Line = name, n
				return pe
			}
			return &reader.ParseError{File: name, Line: n, Err: err}
		}
		return fn(op)
	})
}

func parseOp(line []byte) (DeltaOp, error) {
	var raw struct {
		Op     *string         `json:"op"`
		Entity json.RawMessage `json:"entity"`
	}
	dec := json.NewDecoder(bytes.NewReader(line))
	if err := dec.Decode(&raw); err != nil {
		return DeltaOp{}, err
	}
	if dec.More() {
		return DeltaOp{}, errors.New("more than one JSON value on the line")
	}
	if raw.Op == nil {
		return DeltaOp{}, &reader.ParseError{Field: "op", Err: errors.New("missing")}
	}
	op := DeltaOp{Op: *raw.Op}
	if op.Op != OpAdd && op.Op != OpMod && op.Op != OpDel {
		return op, &reader.ParseError{Field: "op", Err: fmt.Errorf("%q: want ADD, MOD or DEL", trimmed(op.Op))}
	}
	var head struct {
		ID     any `json:"id"`
		Schema any `json:"schema"`
	}
	if len(raw.Entity) == 0 || raw.Entity[0] != '{' || json.Unmarshal(raw.Entity, &head) != nil {
		return op, &reader.ParseError{Field: "entity", Err: errors.New("want an object")}
	}
	id, ok := head.ID.(string)
	if !ok || strings.TrimSpace(id) == "" || len(id) > 200 {
		return op, &reader.ParseError{Field: "entity.id", Err: errors.New("want an id of 1 to 200 characters")}
	}
	op.ID = id
	if op.Op == OpDel {
		return op, nil
	}
	if s, ok := head.Schema.(string); !ok || s == "" {
		return op, &reader.ParseError{Record: id, Field: "entity.schema", Err: errors.New("missing: ADD and MOD carry the whole entity")}
	}
	var compact bytes.Buffer
	if err := json.Compact(&compact, raw.Entity); err != nil {
		return op, &reader.ParseError{Record: id, Field: "entity", Err: err}
	}
	op.Entity = compact.Bytes()
	return op, nil
}

// Entities is the raw state of a dataset: each entity's JSON by id.
type Entities map[string][]byte

// Apply applies one operation: ADD and MOD set the entity, DEL removes it
// (a DEL of an entity not held, or a MOD of one not held, is applied as
// it stands: the result is the same whatever was held before).
func (es Entities) Apply(op DeltaOp) {
	if op.Op == OpDel {
		delete(es, op.ID)
		return
	}
	es[op.ID] = op.Entity
}

// ReadEntities reads a full export into entities by id. Errors name the
// file, the line and the field.
func ReadEntities(ctx context.Context, r io.Reader, name string) (Entities, error) {
	es := Entities{}
	err := jsonl.EachLine(ctx, r, name, func(line []byte, n int) error {
		op, err := parseOp(append(append([]byte(`{"op":"ADD","entity":`), line...), '}'))
		if err != nil {
			var pe *reader.ParseError
			if errors.As(err, &pe) {
				pe.File, pe.Line, pe.Field = name, n, strings.TrimPrefix(pe.Field, "entity.")
				return pe
			}
			return &reader.ParseError{File: name, Line: n, Err: err}
		}
		es.Apply(op)
		return nil
	})
	return es, err
}

// WriteTo writes the entities as JSON Lines, by id, so that the same
// entities always give the same bytes (and the same edition hash).
func (es Entities) WriteTo(w io.Writer) (int64, error) {
	var n int64
	for _, id := range slices.Sorted(maps.Keys(es)) {
		for _, b := range [][]byte{es[id], {'\n'}} {
			k, err := w.Write(b)
			n += int64(k)
			if err != nil {
				return n, err
			}
		}
	}
	return n, nil
}
