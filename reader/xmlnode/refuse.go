package xmlnode

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"regexp"
)

// The lists never declare a DTD, and a DTD is how an XML file declares
// entities: internal ones that expand to others (a few hundred bytes
// that expand to gigabytes, "billion laughs") and external ones that
// point at other files or addresses (XXE). Vigil refuses every DTD, and
// says which of these it found, so that an operator can tell an attack
// or a broken export from a download cut short.

// ErrDTD is the error of a file refused for its DTD; errors.Is finds it
// in the errors of Refused and of a Decoder.
var ErrDTD = errors.New("DOCTYPE refused")

var (
	externalEntity = regexp.MustCompile(`<!ENTITY\s+(?:%\s+)?([^\s>]+)\s+(?:SYSTEM|PUBLIC)\b`)
	entityDecl     = regexp.MustCompile(`<!ENTITY\s+(?:%\s+)?([^\s>]+)`)
)

// refuseDirective returns the error for a directive (<!DOCTYPE ...> or
// another <!...>) in an XML list.
func refuseDirective(d xml.Directive) error {
	if !bytes.HasPrefix(d, []byte("DOCTYPE")) {
		return fmt.Errorf("directive <!%s> refused: the lists have none", clip(d))
	}
	if m := externalEntity.FindSubmatch(d); m != nil {
		return fmt.Errorf("%w: the file declares the external entity %q (XXE); Vigil reads nothing from outside a list file", ErrDTD, clip(m[1]))
	}
	if m := entityDecl.FindSubmatch(d); m != nil {
		return fmt.Errorf("%w: the file declares the entity %q; entity expansion is refused (billion laughs)", ErrDTD, clip(m[1]))
	}
	return fmt.Errorf("%w: the lists have no DTD", ErrDTD)
}

// Refused reports why an XML file whose first bytes are head would be
// refused before its root element, for a DTD (see ErrDTD), or returns
// nil. It tells a hostile file from a damaged one where no reader
// recognises the file.
func Refused(head []byte) error {
	d := xml.NewDecoder(bytes.NewReader(TrimBOM(head)))
	d.Strict = false
	for {
		tok, err := d.RawToken()
		if err != nil {
			return nil
		}
		switch t := tok.(type) {
		case xml.StartElement:
			return nil
		case xml.Directive:
			return refuseDirective(t)
		}
	}
}

func clip(b []byte) string {
	if len(b) > 40 {
		return string(b[:40]) + "..."
	}
	return string(b)
}
