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
// ("subjects[2].name"). Malformed JSON is left to the decoder to report.
func checkDuplicates(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	type frame struct {
		object bool
		keys   map[string]bool
		path   string
		index  int
		key    bool // an object's next token is a key
	}
	var stack []*frame
	path := func() string {
		if len(stack) == 0 {
			return ""
		}
		return stack[len(stack)-1].path
	}
	// child is the path of the value about to be read in the top frame.
	var child string
	for {
		tok, err := dec.Token()
		if err != nil {
			return nil // EOF, or malformed: the decoder says which
		}
		var top *frame
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		if top != nil && top.object && top.key {
			if d, ok := tok.(json.Delim); ok && d == '}' {
				stack = stack[:len(stack)-1]
				continue
			}
			k, _ := tok.(string)
			if top.keys[k] {
				return apperr.Field(join(top.path, k), "given twice in one object")
			}
			top.keys[k] = true
			top.key = false
			child = join(top.path, k)
			continue
		}
		if top != nil && !top.object {
			if d, ok := tok.(json.Delim); ok && d == ']' {
				stack = stack[:len(stack)-1]
				continue
			}
			child = fmt.Sprintf("%s[%d]", top.path, top.index)
			top.index++
		} else if top == nil {
			child = path()
		}
		if top != nil && top.object {
			top.key = true // the value is read: a key comes next
		}
		if d, ok := tok.(json.Delim); ok {
			switch d {
			case '{':
				stack = append(stack, &frame{object: true, keys: map[string]bool{}, path: child, key: true})
			case '[':
				stack = append(stack, &frame{path: child})
			}
		}
	}
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}
