// Package xmlnode reads record-oriented XML lists (the UN and Canadian
// sanctions lists) safely: one record element at a time as a small tree,
// with the limits of package reader enforced and every error a
// *reader.ParseError naming the file and line.
//
// It rejects a DOCTYPE (and so entity expansion and external entities,
// each named in the error: see Refused), text nodes larger than
// reader.MaxField, files larger than reader.MaxFile, nesting deeper than
// MaxDepth, invalid UTF-8, character sets other than UTF-8, and anything
// but whitespace or comments after the root element.
package xmlnode

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/vigil-screening/vigil/reader"
)

// MaxDepth is the deepest element nesting accepted; the lists nest four deep.
const MaxDepth = 32

// Node is an element with its attributes, text and child elements.
type Node struct {
	Name  string
	Line  int // line of the start tag
	Attrs []xml.Attr
	Data  string // the element's own text, untrimmed
	Kids  []*Node
}

// Attr returns the trimmed value of the attribute with the given local
// name, or "".
func (n *Node) Attr(local string) string {
	for _, a := range n.Attrs {
		if a.Name.Local == local {
			return strings.TrimSpace(a.Value)
		}
	}
	return ""
}

// Text returns the trimmed text of the first child named name, or "".
func (n *Node) Text(name string) string {
	if c := n.Child(name); c != nil {
		return strings.TrimSpace(c.Data)
	}
	return ""
}

// Child returns the first child named name, or nil.
func (n *Node) Child(name string) *Node {
	for _, k := range n.Kids {
		if k.Name == name {
			return k
		}
	}
	return nil
}

// All returns the children named name.
func (n *Node) All(name string) []*Node {
	var out []*Node
	for _, k := range n.Kids {
		if k.Name == name {
			out = append(out, k)
		}
	}
	return out
}

// Values returns the non-empty trimmed texts of the VALUE children of every
// child named name: <TITLE><VALUE>Dr.</VALUE></TITLE>.
func (n *Node) Values(name string) []string {
	var out []string
	for _, c := range n.All(name) {
		for _, v := range c.All("VALUE") {
			if s := strings.TrimSpace(v.Data); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

// Decoder reads an XML list file record by record.
type Decoder struct {
	file string
	dec  *xml.Decoder
}

// NewDecoder reads r, naming file in its errors. A UTF-8 byte order mark
// at the start is skipped. A declaration of XML 1.1 is read as 1.0 (the
// EU's list declares 1.1 in some editions; what 1.1 adds, such as more
// name characters and control characters as references, the lists do
// not use, and encoding/xml reads only 1.0).
func NewDecoder(r io.Reader, file string) *Decoder {
	br := bufio.NewReader(&limitReader{r: r})
	if head, err := br.Peek(len(bom)); err == nil && bytes.Equal(head, bom) {
		br.Discard(len(bom))
	}
	var in io.Reader = br
	for _, decl := range []string{`<?xml version="1.1"`, `<?xml version='1.1'`} {
		if head, err := br.Peek(len(decl)); err == nil && string(head) == decl {
			br.Discard(len(decl))
			in = io.MultiReader(strings.NewReader(strings.Replace(decl, "1.1", "1.0", 1)), br)
			break
		}
	}
	return &Decoder{file: file, dec: xml.NewDecoder(in)}
}

var bom = []byte("\ufeff")

// TrimBOM returns head without a leading UTF-8 byte order mark.
func TrimBOM(head []byte) []byte { return bytes.TrimPrefix(head, bom) }

// DetectHead returns the first bytes of a file as a Decoder reads them,
// for detection with encoding/xml: without a byte order mark, and with
// an XML 1.1 declaration read as 1.0.
func DetectHead(head []byte) []byte {
	head = TrimBOM(head)
	for _, decl := range []string{`<?xml version="1.1"`, `<?xml version='1.1'`} {
		if bytes.HasPrefix(head, []byte(decl)) {
			return append([]byte(strings.Replace(decl, "1.1", "1.0", 1)), head[len(decl):]...)
		}
	}
	return head
}

func (d *Decoder) line() int {
	line, _ := d.dec.InputPos()
	return line
}

// Line returns the line the decoder has read up to.
func (d *Decoder) Line() int { return d.line() }

// Errorf returns a *reader.ParseError at the decoder's current line.
func (d *Decoder) Errorf(format string, args ...any) error {
	line, _ := d.dec.InputPos()
	return reader.Errorf(d.file, line, format, args...)
}

// Next returns the next child element's start tag at the current level and
// its line, or ok false when the enclosing element ends. Text between
// elements is ignored.
func (d *Decoder) Next() (start xml.StartElement, line int, ok bool, err error) {
	for {
		line, _ = d.dec.InputPos()
		tok, err := d.token()
		if errors.Is(err, io.EOF) {
			return start, line, false, d.Errorf("unexpected end of file")
		}
		if err != nil {
			return start, line, false, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			return t, line, true, nil
		case xml.EndElement:
			return start, line, false, nil
		case xml.CharData:
			if err := d.checkText("", t); err != nil {
				return start, line, false, err
			}
		}
	}
}

// Root reads up to the root element and returns its start tag. An empty
// file or one without a root element is an error.
func (d *Decoder) Root() (xml.StartElement, error) {
	start, _, ok, err := d.Next()
	if err != nil {
		if line, _ := d.dec.InputPos(); line <= 1 && d.dec.InputOffset() == 0 {
			return start, d.Errorf("empty file")
		}
		return start, err
	}
	if !ok {
		return start, d.Errorf("no root element")
	}
	return start, nil
}

// RootNamed reads up to the root element like Root and checks that its
// local name is local.
func (d *Decoder) RootNamed(local string) (xml.StartElement, error) {
	root, err := d.Root()
	if err != nil {
		return root, err
	}
	if root.Name.Local != local {
		return root, d.Errorf("root element <%s>, want <%s>", root.Name.Local, local)
	}
	return root, nil
}

// Element reads the rest of the element that start opened, as a tree.
func (d *Decoder) Element(start xml.StartElement, line int) (*Node, error) {
	return d.element(start, line, 1)
}

func (d *Decoder) element(start xml.StartElement, line, depth int) (*Node, error) {
	if depth > MaxDepth {
		return nil, d.Errorf("elements nested deeper than %d", MaxDepth)
	}
	n := &Node{Name: start.Name.Local, Line: line, Attrs: start.Attr}
	var text []byte
	for {
		l, _ := d.dec.InputPos()
		tok, err := d.token()
		if errors.Is(err, io.EOF) || errors.Is(err, errCut) {
			return nil, d.Errorf("unexpected EOF inside <%s>: the file is cut short", n.Name)
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			kid, err := d.element(t, l, depth+1)
			if err != nil {
				return nil, err
			}
			n.Kids = append(n.Kids, kid)
		case xml.EndElement:
			n.Data = string(text)
			return n, nil
		case xml.CharData:
			if len(text)+len(t) > reader.MaxField {
				return nil, &reader.ParseError{File: d.file, Line: l, Field: n.Name,
					Err: fmt.Errorf("text longer than %d bytes", reader.MaxField)}
			}
			if err := d.checkText(n.Name, t); err != nil {
				return nil, err
			}
			text = append(text, t...)
		}
	}
}

// End checks that nothing but whitespace and comments follows the root.
func (d *Decoder) End() error {
	for {
		tok, err := d.token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement, xml.EndElement:
			return d.Errorf("content after the root element")
		case xml.CharData:
			if len(bytes.TrimSpace(t)) > 0 {
				return d.Errorf("text after the root element")
			}
		}
	}
}

// token returns the next token, rejecting directives and turning every
// error but a clean end of file into a *reader.ParseError.
func (d *Decoder) token() (xml.Token, error) {
	tok, err := d.dec.Token()
	if errors.Is(err, io.EOF) {
		return nil, io.EOF
	}
	if err != nil {
		return nil, d.wrap(err)
	}
	switch t := tok.(type) {
	case xml.Directive:
		return nil, &reader.ParseError{File: d.file, Line: d.line(), Err: refuseDirective(t)}
	case xml.StartElement:
		for _, a := range t.Attr {
			if !utf8.ValidString(a.Value) || len(a.Value) > reader.MaxField {
				return nil, d.Errorf("attribute %s of <%s>: invalid or oversized value", a.Name.Local, t.Name.Local)
			}
		}
	}
	return tok, nil
}

func (d *Decoder) checkText(field string, t xml.CharData) error {
	if !utf8.Valid(t) {
		line, _ := d.dec.InputPos()
		return &reader.ParseError{File: d.file, Line: line, Field: field, Err: errors.New("invalid UTF-8")}
	}
	if len(t) > reader.MaxField {
		line, _ := d.dec.InputPos()
		return &reader.ParseError{File: d.file, Line: line, Field: field,
			Err: fmt.Errorf("text longer than %d bytes", reader.MaxField)}
	}
	return nil
}

func (d *Decoder) wrap(err error) error {
	var pe *reader.ParseError
	if errors.As(err, &pe) {
		return err
	}
	var se *xml.SyntaxError
	if errors.As(err, &se) && se.Msg == "unexpected EOF" {
		return &reader.ParseError{File: d.file, Line: se.Line, Err: errCut}
	}
	if errors.As(err, &se) {
		return reader.Errorf(d.file, se.Line, "malformed XML: %s", se.Msg)
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return d.Errorf("truncated XML: %w", err)
	}
	return d.Errorf("reading XML: %w", err)
}

// errCut is an XML file that ends inside a tag.
var errCut = errors.New("malformed XML: unexpected EOF inside a tag: the file is cut short")

// limitReader fails once more than reader.MaxFile bytes have been read.
type limitReader struct {
	r io.Reader
	n int64
}

func (l *limitReader) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	l.n += int64(n)
	if l.n > reader.MaxFile {
		return n, fmt.Errorf("file larger than %d bytes", int64(reader.MaxFile))
	}
	return n, err
}
