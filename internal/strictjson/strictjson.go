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
	"reflect"
	"strings"
	"unicode"
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
	return DecodeBytes(data, v)
}

// DecodeBytes is Decode of data already read.
func DecodeBytes(data []byte, v any) error {
	if !utf8.Valid(data) {
		return apperr.New(apperr.Invalid, "not valid UTF-8")
	}
	if err := checkDuplicates(data); err != nil {
		return err
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
		want := jsonType(typeErr.Type.Kind().String())
		if typeErr.Type.Kind() == reflect.Pointer {
			want = jsonType(typeErr.Type.Elem().Kind().String())
		}
		return apperr.Field(field, "wrong type: got %s, want %s", typeErr.Value, want)
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
	case "int", "int8", "int16", "int32", "int64":
		return "integer"
	case "uint", "uint8", "uint16", "uint32", "uint64":
		return "non-negative integer"
	case "slice", "array":
		return "array"
	case "struct", "map":
		return "object"
	case "bool":
		return "boolean"
	}
	return "number"
}

// checkDuplicates refuses an object that names a key twice (encoding/json
// would keep the last value silently), naming the key by its path
// ("subjects[2].name"). Keys are compared decoded and without regard to
// case, as encoding/json matches them to fields ("name" and "Name" fill
// the same field). It scans the bytes once without decoding values;
// malformed JSON is left to the decoder to report.
func checkDuplicates(data []byte) error {
	var stack []dupFrame
	for i := 0; i < len(data); i++ {
		switch data[i] {
		case '"':
			j, esc := i+1, false
			for j < len(data) && data[j] != '"' {
				if data[j] == '\\' {
					esc = true
					j++
				}
				j++
			}
			if j >= len(data) {
				return nil
			}
			if n := len(stack); n > 0 && stack[n-1].object && stack[n-1].wantKey {
				top := &stack[n-1]
				top.wantKey = false
				key := data[i+1 : j]
				if esc {
					var k string
					if json.Unmarshal(data[i:j+1], &k) != nil {
						return nil
					}
					key = []byte(k)
				}
				if dup(top.keys, top.set, key) {
					return apperr.Field(dupPath(stack, key), "given twice in one object")
				}
				top.keys = append(top.keys, key)
				if len(top.keys) > 16 {
					if top.set == nil {
						top.set = make(map[string]bool, 2*len(top.keys))
						for _, k := range top.keys[:len(top.keys)-1] {
							top.set[foldKey(k)] = true
						}
					}
					top.set[foldKey(key)] = true
				}
			}
			i = j
		case '{', '[':
			n := len(stack)
			if n < cap(stack) {
				stack = stack[:n+1]
				keys := stack[n].keys[:0]
				stack[n] = dupFrame{keys: keys}
			} else {
				stack = append(stack, dupFrame{})
			}
			stack[n].object = data[i] == '{'
			stack[n].wantKey = stack[n].object
		case '}', ']':
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case ',':
			if n := len(stack); n > 0 {
				if stack[n-1].object {
					stack[n-1].wantKey = true
				} else {
					stack[n-1].index++
				}
			}
		}
	}
	return nil
}

// dupFrame is an object or array being scanned: its keys so far, or its
// current index.
type dupFrame struct {
	object  bool
	wantKey bool
	index   int
	keys    [][]byte
	set     map[string]bool // when keys grow long
}

func dup(keys [][]byte, set map[string]bool, key []byte) bool {
	if set != nil {
		return set[foldKey(key)]
	}
	for _, k := range keys {
		if bytes.EqualFold(k, key) {
			return true
		}
	}
	return false
}

// foldKey is the form of a key under simple case folding: each rune
// replaced by the smallest of its fold orbit, so that two keys have the
// same foldKey exactly when bytes.EqualFold says they are equal.
func foldKey(k []byte) string {
	var b strings.Builder
	for _, r := range string(k) {
		m := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			m = min(m, f)
		}
		b.WriteRune(m)
	}
	return b.String()
}

// dupPath names the key given twice in the innermost object of stack.
func dupPath(stack []dupFrame, key []byte) string {
	var b strings.Builder
	for _, f := range stack[:len(stack)-1] {
		if f.object {
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.Write(f.keys[len(f.keys)-1])
		} else {
			fmt.Fprintf(&b, "[%d]", f.index)
		}
	}
	if b.Len() > 0 {
		b.WriteByte('.')
	}
	b.Write(key)
	return b.String()
}
