package xlsxrows

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
)

// tokens returns the tokens the scanner yields for doc, one per line:
// start tags with their attributes, end tags and text, adjacent text
// joined, text of white space only left out.
func tokens(doc string, bufSize int) (string, error) {
	sc := newScanner(strings.NewReader(doc), 1<<20)
	sc.buf = make([]byte, bufSize)
	var out []string
	var text strings.Builder
	flush := func() {
		if strings.TrimSpace(text.String()) != "" {
			out = append(out, "T"+text.String())
		}
		text.Reset()
	}
	for {
		tok, err := sc.next()
		if errors.Is(err, io.EOF) {
			flush()
			return strings.Join(out, "\n"), nil
		}
		if err != nil {
			return "", err
		}
		switch tok.kind {
		case tokText:
			text.Write(tok.text)
		case tokStart:
			flush()
			s := "S" + string(tok.local)
			for _, a := range tok.attrs {
				if bytes.HasPrefix(a.name, []byte("xmlns")) && (len(a.name) == 5 || a.name[5] == ':') {
					continue // namespace declarations: encoding/xml does not report them as attributes
				}
				v, err := sc.attrValue(tok, string(a.local))
				if err != nil {
					return "", err
				}
				s += fmt.Sprintf(" %s=%q", a.local, v)
			}
			out = append(out, s)
			if tok.empty {
				out = append(out, "E"+string(tok.local))
			}
		case tokEnd:
			flush()
			out = append(out, "E"+string(tok.local))
		}
	}
}

// reference tokenizes doc with encoding/xml in the same form.
func reference(doc string) (string, error) {
	d := xml.NewDecoder(strings.NewReader(doc))
	var out []string
	var text strings.Builder
	flush := func() {
		if strings.TrimSpace(text.String()) != "" {
			out = append(out, "T"+text.String())
		}
		text.Reset()
	}
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			flush()
			return strings.Join(out, "\n"), nil
		}
		if err != nil {
			return "", err
		}
		switch t := tok.(type) {
		case xml.CharData:
			text.Write(t)
		case xml.StartElement:
			flush()
			s := "S" + t.Name.Local
			for _, a := range t.Attr {
				if a.Name.Space == "xmlns" || a.Name.Local == "xmlns" && a.Name.Space == "" {
					continue
				}
				s += fmt.Sprintf(" %s=%q", a.Name.Local, a.Value)
			}
			out = append(out, s)
		case xml.EndElement:
			flush()
			out = append(out, "E"+t.Name.Local)
		}
	}
}

func TestScanner_AgreesWithEncodingXML(t *testing.T) {
	docs := []string{
		`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><a x="1" y='2'><b>t&amp;&lt;&#65;&#x42;</b><c/>tail</a>`,
		"\ufeff<a><![CDATA[<not a tag>]]>text\r\nnext\rline</a>",
		`<x:a xmlns:x="urn:x"><x:b x:attr="v">é — 山</x:b><!-- comment --><?pi data?></x:a>`,
		"<a>\n  <b\n   r=\"A1\"\n  >v</b\n  >\n</a>\n<!-- after -->\n",
	}
	for _, doc := range docs {
		for _, size := range []int{64 << 10, 7} { // a tiny buffer makes every token cross a refill
			got, err := tokens(doc, size)
			want, rerr := reference(strings.TrimPrefix(doc, "\ufeff"))
			if err != nil || rerr != nil || got != want {
				t.Errorf("%q (buffer %d):\n%s (%v)\nencoding/xml:\n%s (%v)", doc, size, got, err, want, rerr)
			}
		}
	}
}

// Whatever the scanner accepts, encoding/xml accepts too and reads the
// same way; the scanner refuses more (a DTD, several roots, text outside
// the root, deep nesting).
func FuzzScanner(f *testing.F) {
	f.Add(`<a x="1"><b>t&amp;</b></a>`)
	f.Add(`<?xml version="1.0"?><!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>`)
	f.Add("<a><![CDATA[x]]>\r\n<!--c--></a>")
	f.Add(`<sst><si><r><t>a</t></r><rPh><t>b</t></rPh></si></sst>`)
	f.Fuzz(func(t *testing.T, doc string) {
		for _, size := range []int{64 << 10, 5} {
			got, err := tokens(doc, size)
			if err != nil {
				var xe *xmlError
				var le *LimitError
				if !errors.As(err, &xe) && !errors.As(err, &le) {
					t.Fatalf("error %v (%T) is not an xmlError or LimitError", err, err)
				}
				continue
			}
			want, rerr := reference(strings.TrimPrefix(doc, "\ufeff"))
			if rerr != nil {
				t.Fatalf("scanner accepted %q, encoding/xml did not: %v", doc, rerr)
			}
			if got != want {
				t.Fatalf("%q:\n%s\nencoding/xml:\n%s", doc, got, want)
			}
		}
	})
}
