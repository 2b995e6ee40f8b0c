package xlsxrows

// Characters, references and names: what the scanner checks and decodes
// in the text and tags of a workbook part.

import (
	"bytes"
	"encoding/xml"
	"unicode/utf8"
)

// decode checks the characters of raw text and replaces entity and
// character references and line ends. The result is raw itself when
// nothing needs replacing, else the scanner's scratch buffer.
func (s *scanner) decode(raw []byte) ([]byte, error) {
	i := 0
fast:
	for i < len(raw) {
		c := raw[i]
		switch {
		case c >= 0x20 && c < 0x80 && c != '&', c == '\t', c == '\n':
			i++
		case c >= 0x80:
			r, size := utf8.DecodeRune(raw[i:])
			if r == utf8.RuneError && size <= 1 {
				return nil, s.errorf("invalid UTF-8")
			}
			if r == 0xFFFE || r == 0xFFFF {
				return nil, s.errorf("character U+%04X is not allowed in XML", r)
			}
			i += size
		default:
			break fast
		}
	}
	if i == len(raw) {
		return raw, nil
	}
	return s.decodeSlow(raw, i)
}

// decodeSlow continues decode from raw[i], which needs a replacement.
func (s *scanner) decodeSlow(raw []byte, i int) ([]byte, error) {
	out := append(s.scratch[:0], raw[:i]...)
	for i < len(raw) {
		c := raw[i]
		switch {
		case c == '&':
			end := bytes.IndexByte(raw[i:], ';')
			if end < 0 {
				return nil, s.errorf("'&' without ';'")
			}
			r, err := s.reference(raw[i+1 : i+end])
			if err != nil {
				return nil, err
			}
			out = utf8.AppendRune(out, r)
			i += end + 1
		case c == '\r':
			out = append(out, '\n')
			i++
			if i < len(raw) && raw[i] == '\n' {
				i++
			}
		case c < 0x20 && c != '\t' && c != '\n':
			return nil, s.errorf("character U+%04X is not allowed in XML", c)
		case c >= 0x80:
			r, size := utf8.DecodeRune(raw[i:])
			if r == utf8.RuneError && size <= 1 {
				return nil, s.errorf("invalid UTF-8")
			}
			if r == 0xFFFE || r == 0xFFFF {
				return nil, s.errorf("character U+%04X is not allowed in XML", r)
			}
			out = append(out, raw[i:i+size]...)
			i += size
		default:
			out = append(out, c)
			i++
		}
	}
	s.scratch = out
	return out, nil
}

// reference resolves the name of an entity or character reference
// (between & and ;). Only the five predefined entities exist here: a
// workbook part has no DTD to declare others.
func (s *scanner) reference(name []byte) (rune, error) {
	switch string(name) {
	case "lt":
		return '<', nil
	case "gt":
		return '>', nil
	case "amp":
		return '&', nil
	case "apos":
		return '\'', nil
	case "quot":
		return '"', nil
	}
	if len(name) < 2 || name[0] != '#' || len(name) > 10 {
		return 0, s.errorf("undefined entity &%s; (only the five predefined entities are read; no entity is expanded)", clip(name, 20))
	}
	base, digits := 10, name[1:]
	if digits[0] == 'x' {
		base, digits = 16, digits[1:]
	}
	var r rune
	for _, d := range digits {
		v := hexVal(d)
		if v < 0 || v >= base {
			return 0, s.errorf("bad character reference &%s;", clip(name, 20))
		}
		r = r*rune(base) + rune(v)
	}
	if len(digits) == 0 || !xmlChar(r) {
		return 0, s.errorf("character reference &%s; is not an XML character", clip(name, 20))
	}
	return r, nil
}

// checkChars checks CDATA content: valid UTF-8 of XML characters.
func (s *scanner) checkChars(b []byte) error {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return s.errorf("invalid UTF-8")
		}
		if !xmlChar(r) && r != '\r' {
			return s.errorf("character U+%04X is not allowed in XML", r)
		}
		i += size
	}
	return nil
}

// normaliseCR makes "\r\n" and a lone "\r" a "\n".
func normaliseCR(b []byte, scratch *[]byte) []byte {
	if bytes.IndexByte(b, '\r') < 0 {
		return b
	}
	out := (*scratch)[:0]
	for i := 0; i < len(b); i++ {
		if b[i] == '\r' {
			out = append(out, '\n')
			if i+1 < len(b) && b[i+1] == '\n' {
				i++
			}
			continue
		}
		out = append(out, b[i])
	}
	*scratch = out
	return out
}

func xmlChar(r rune) bool {
	return r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

func hexVal(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func trimSpaceLeft(b []byte) []byte {
	for len(b) > 0 && isSpace(b[0]) {
		b = b[1:]
	}
	return b
}

func trimSpaceRight(b []byte) []byte {
	for len(b) > 0 && isSpace(b[len(b)-1]) {
		b = b[:len(b)-1]
	}
	return b
}

// nameByte marks the ASCII bytes allowed in an XML name: nameStart for
// the first byte, nameRest for the others.
var nameStart, nameRest = func() (first, rest [128]bool) {
	for c := 0; c < 128; c++ {
		letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == ':'
		first[c] = letter
		rest[c] = letter || c >= '0' && c <= '9' || c == '.' || c == '-'
	}
	return first, rest
}()

// validName reports whether b is an XML name. ASCII names are checked
// here; a name with other characters (none in a workbook) is left to
// encoding/xml, so that the two never disagree.
func validName(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	for i, c := range b {
		switch {
		case c >= 0x80:
			return validNameSlow(b)
		case i == 0 && !nameStart[c], i > 0 && !nameRest[c]:
			return false
		}
	}
	return true
}

func validNameSlow(b []byte) bool {
	if !utf8.Valid(b) {
		return false
	}
	d := xml.NewDecoder(bytes.NewReader(append(append([]byte("<"), b...), "/>"...)))
	tok, err := d.RawToken()
	if err != nil {
		return false
	}
	se, ok := tok.(xml.StartElement)
	return ok && len(se.Attr) == 0
}

// localName drops a namespace prefix: "x:row" is "row".
func localName(b []byte) []byte {
	if i := bytes.LastIndexByte(b, ':'); i >= 0 {
		return b[i+1:]
	}
	return b
}

// clip shortens b for an error message.
func clip(b []byte, n int) string {
	if len(b) > n {
		return string(b[:n]) + "..."
	}
	return string(b)
}
