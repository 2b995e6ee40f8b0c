package audit

import (
	"bytes"
	"encoding/json"
	"slices"
	"unicode/utf8"
)

// canonicalFast is the canonical form of compact JSON (as json.Marshal
// writes it) without decoding it into Go values: object keys sorted (the
// last of duplicate keys kept), strings as json.Marshal writes them,
// numbers as written. Recording a screening writes details of a few
// kilobytes, and decoding them into maps was half the cost of its audit
// entry. It reports false for anything it does not handle (white space,
// a malformed value, more than one value), which CanonicalDetails then
// hands to the decoder.
func canonicalFast(raw []byte) ([]byte, bool) {
	c := canon{in: raw, out: make([]byte, 0, len(raw)), members: make([]member, 0, 16)}
	if !c.value() || c.pos != len(c.in) {
		return nil, false
	}
	return c.out, true
}

type canon struct {
	in    []byte
	pos   int
	out   []byte
	depth int
	// members is a stack of the members of the objects being read: each
	// object appends its own after its parents' and drops them at its
	// end, so that one slice serves every object of the value.
	members []member
}

// maxDepth bounds nesting, as the decoder does.
const maxDepth = 10000

func (c *canon) value() bool {
	if c.pos >= len(c.in) {
		return false
	}
	switch b := c.in[c.pos]; {
	case b == '{':
		return c.object()
	case b == '[':
		return c.array()
	case b == '"':
		s, ok := c.str()
		if ok {
			c.out = appendString(c.out, s)
		}
		return ok
	case b == 't':
		return c.literal("true")
	case b == 'f':
		return c.literal("false")
	case b == 'n':
		return c.literal("null")
	case b == '-' || b >= '0' && b <= '9':
		return c.number()
	}
	return false
}

func (c *canon) literal(word string) bool {
	if !bytes.HasPrefix(c.in[c.pos:], []byte(word)) {
		return false
	}
	c.out = append(c.out, word...)
	c.pos += len(word)
	return true
}

// number copies a number that follows JSON's grammar.
func (c *canon) number() bool {
	start := c.pos
	if c.in[c.pos] == '-' {
		c.pos++
	}
	if !c.digits() {
		return false
	}
	if c.in[start+boolInt(c.in[start] == '-')] == '0' && c.pos-start > 1+boolInt(c.in[start] == '-') {
		return false // a leading zero
	}
	if c.pos < len(c.in) && c.in[c.pos] == '.' {
		c.pos++
		if !c.digits() {
			return false
		}
	}
	if c.pos < len(c.in) && (c.in[c.pos] == 'e' || c.in[c.pos] == 'E') {
		c.pos++
		if c.pos < len(c.in) && (c.in[c.pos] == '+' || c.in[c.pos] == '-') {
			c.pos++
		}
		if !c.digits() {
			return false
		}
	}
	c.out = append(c.out, c.in[start:c.pos]...)
	return true
}

func (c *canon) digits() bool {
	start := c.pos
	for c.pos < len(c.in) && c.in[c.pos] >= '0' && c.in[c.pos] <= '9' {
		c.pos++
	}
	return c.pos > start
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// str reads a string token and returns its value. A string without
// escapes is returned without copying.
func (c *canon) str() ([]byte, bool) {
	start := c.pos
	c.pos++
	for c.pos < len(c.in) {
		switch b := c.in[c.pos]; {
		case b == '"':
			c.pos++
			if !utf8.Valid(c.in[start+1 : c.pos-1]) {
				return c.decodeStr(start) // the decoder makes invalid bytes U+FFFD
			}
			return c.in[start+1 : c.pos-1], true
		case b == '\\':
			return c.escapedStr(start)
		case b < 0x20:
			return nil, false
		default:
			c.pos++
		}
	}
	return nil, false
}

// escapedStr lets the decoder read a string with escapes.
func (c *canon) escapedStr(start int) ([]byte, bool) {
	for c.pos < len(c.in) {
		switch c.in[c.pos] {
		case '\\':
			c.pos += 2
			continue
		case '"':
			c.pos++
			return c.decodeStr(start)
		}
		c.pos++
	}
	return nil, false
}

// decodeStr decodes the string token from start to c.pos.
func (c *canon) decodeStr(start int) ([]byte, bool) {
	var s string
	if err := json.Unmarshal(c.in[start:c.pos], &s); err != nil {
		return nil, false
	}
	return []byte(s), true
}

// appendString writes s as json.Marshal does: invalid UTF-8 becomes
// U+FFFD, and <, >, &, U+2028, U+2029 and control characters are escaped.
func appendString(out []byte, s []byte) []byte {
	plain := true
	for i := 0; i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf {
			if b < 0x20 || b == '"' || b == '\\' || b == '<' || b == '>' || b == '&' {
				plain = false
				break
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(s[i:])
		if r == utf8.RuneError && size == 1 || r == '\u2028' || r == '\u2029' {
			plain = false
			break
		}
		i += size
	}
	if plain {
		out = append(out, '"')
		out = append(out, s...)
		return append(out, '"')
	}
	b, _ := json.Marshal(string(s)) // never fails for a string
	return append(out, b...)
}

func (c *canon) array() bool {
	if c.depth++; c.depth > maxDepth {
		return false
	}
	c.pos++
	c.out = append(c.out, '[')
	if !c.list(']', c.value) {
		return false
	}
	c.out = append(c.out, ']')
	c.depth--
	return true
}

// list reads the elements of an array or the members of an object up to
// and including the closing byte end, calling each for every one and
// writing the commas between them.
func (c *canon) list(end byte, each func() bool) bool {
	for first := true; ; first = false {
		if c.pos >= len(c.in) {
			return false
		}
		if c.in[c.pos] == end {
			c.pos++
			return true
		}
		if !first {
			if c.in[c.pos] != ',' {
				return false
			}
			c.pos++
			c.out = append(c.out, ',')
		}
		if !each() {
			return false
		}
	}
}

// member is one member of an object as written to c.out: its key and
// where the member ("key":value) starts and ends.
type member struct {
	key        []byte
	start, end int
}

func (c *canon) object() bool {
	if c.depth++; c.depth > maxDepth {
		return false
	}
	c.pos++
	base := len(c.out)
	c.out = append(c.out, '{')
	first := len(c.members)
	defer func() { c.members = c.members[:first] }()
	ok := c.list('}', func() bool {
		if c.pos >= len(c.in) || c.in[c.pos] != '"' {
			return false
		}
		start := len(c.out)
		key, ok := c.str()
		if !ok || c.pos >= len(c.in) || c.in[c.pos] != ':' {
			return false
		}
		c.out = appendString(c.out, key)
		c.out = append(c.out, ':')
		c.pos++
		if !c.value() {
			return false
		}
		c.members = append(c.members, member{key, start, len(c.out)})
		return true
	})
	if !ok {
		return false
	}
	members := c.members[first:]
	c.depth--
	c.out = append(c.out, '}')
	if slices.IsSortedFunc(members, func(a, b member) int { return bytes.Compare(a.key, b.key) }) && !duplicates(members) {
		return true // as json.Marshal writes a map: already canonical
	}
	// Write the members again in key order, the last of equal keys
	// winning.
	slices.SortStableFunc(members, func(a, b member) int { return bytes.Compare(a.key, b.key) })
	written := slices.Clone(c.out[base:])
	c.out = append(c.out[:base], '{')
	for i, m := range members {
		if i+1 < len(members) && bytes.Equal(members[i+1].key, m.key) {
			continue
		}
		if c.out[len(c.out)-1] != '{' {
			c.out = append(c.out, ',')
		}
		c.out = append(c.out, written[m.start-base:m.end-base]...)
	}
	c.out = append(c.out, '}')
	return true
}

// duplicates reports whether sorted members repeat a key.
func duplicates(members []member) bool {
	for i := 1; i < len(members); i++ {
		if bytes.Equal(members[i-1].key, members[i].key) {
			return true
		}
	}
	return false
}
