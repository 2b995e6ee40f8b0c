// Package un reads the UN Security Council consolidated list (XML:
// CONSOLIDATED_LIST with INDIVIDUALS/INDIVIDUAL and ENTITIES/ENTITY) into
// entities of list "un_sc".
//
// Each record's ID is its DATAID; its REFERENCE_NUMBER ("QDi.006") is kept
// under scheme "un_reference". The file is read as a stream, one record at
// a time; see package xmlnode for the limits applied to hostile input.
package un

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"os"

	"github.com/vigil-screening/vigil/reader"
	"github.com/vigil-screening/vigil/reader/readfile"
	"github.com/vigil-screening/vigil/reader/xmlnode"
)

// List is the list name of the records this package reads.
const List = "un_sc"

const rootName = "CONSOLIDATED_LIST"

// Read parses the UN consolidated XML file at path.
func Read(ctx context.Context, path string, emit reader.Emit) error {
	return readfile.Read(ctx, "un", path, Parse, emit)
}

// Parse reads a UN consolidated XML list from r, naming it name in errors,
// and emits one entity per INDIVIDUAL and ENTITY.
func Parse(ctx context.Context, r io.Reader, name string, emit reader.Emit) error {
	d := xmlnode.NewDecoder(r, name)
	if _, err := d.RootNamed(rootName); err != nil {
		return err
	}
	p := &parser{d: d, file: name, emit: emit, seen: map[string]bool{}}
	if err := p.sections(ctx); err != nil {
		return err
	}
	return d.End()
}

type parser struct {
	d    *xmlnode.Decoder
	file string
	emit reader.Emit
	seen map[string]bool // DATAIDs already read
}

// sections reads the children of the root: INDIVIDUALS and ENTITIES.
func (p *parser) sections(ctx context.Context) error {
	for {
		start, line, ok, err := p.d.Next()
		if err != nil || !ok {
			return err
		}
		switch start.Name.Local {
		case "INDIVIDUALS", "ENTITIES":
			if err := p.records(ctx, start.Name.Local); err != nil {
				return err
			}
		default:
			if _, err := p.d.Element(start, line); err != nil {
				return err
			}
		}
	}
}

// records reads the INDIVIDUAL or ENTITY elements of one section.
func (p *parser) records(ctx context.Context, section string) error {
	want := map[string]string{"INDIVIDUALS": "INDIVIDUAL", "ENTITIES": "ENTITY"}[section]
	for {
		start, line, ok, err := p.d.Next()
		if err != nil || !ok {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		n, err := p.d.Element(start, line)
		if err != nil {
			return err
		}
		if n.Name != want {
			return reader.Errorf(p.file, line, "unexpected <%s> in <%s>", n.Name, section)
		}
		e, err := p.record(n)
		if err != nil {
			return err
		}
		if err := p.emit(e); err != nil {
			return err
		}
	}
}

// Detect reports whether head, the first bytes of a file, is a UN
// consolidated list: its root element is CONSOLIDATED_LIST.
func Detect(head []byte) bool {
	return rootIs(head, rootName)
}

func rootIs(head []byte, name string) bool {
	dec := xml.NewDecoder(bytes.NewReader(xmlnode.TrimBOM(head)))
	for {
		tok, err := dec.Token()
		if err != nil {
			return false
		}
		switch t := tok.(type) {
		case xml.StartElement:
			return t.Name.Local == name
		case xml.Directive:
			return false
		case xml.CharData:
			if len(bytes.TrimSpace(t)) > 0 {
				return false
			}
		}
	}
}

// Edition returns the date the list at path was generated (the root's
// dateGenerated attribute), as YYYY-MM-DD.
func Edition(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("un edition: %w", err)
	}
	defer f.Close()
	d := xmlnode.NewDecoder(f, path)
	root, err := d.RootNamed(rootName)
	if err != nil {
		return "", err
	}
	for _, a := range root.Attr {
		if a.Name.Local == "dateGenerated" {
			dt, err := parseDay(a.Value)
			if err != nil {
				return "", d.Errorf("dateGenerated %q: %w", a.Value, err)
			}
			return dt.String(), nil
		}
	}
	return "", d.Errorf("root element has no dateGenerated attribute")
}
