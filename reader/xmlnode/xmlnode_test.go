package xmlnode_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/vigil-screening/vigil/reader"
	"github.com/vigil-screening/vigil/reader/xmlnode"
)

func TestDecoder(t *testing.T) {
	doc := "<?xml version=\"1.0\"?>\n<!-- list -->\n<ROOT a=\"1\">\n <REC><ID>7</ID><TITLE><VALUE> Dr. </VALUE><VALUE/><VALUE>Prof.</VALUE></TITLE>" +
		"<N>a<![CDATA[<b>]]>c</N></REC>\n</ROOT>\n<!-- end -->\n"
	d := xmlnode.NewDecoder(strings.NewReader(doc), "f.xml")
	root, err := d.Root()
	if err != nil || root.Name.Local != "ROOT" {
		t.Fatalf("Root = %v, %v", root.Name.Local, err)
	}
	start, line, ok, err := d.Next()
	if err != nil || !ok || start.Name.Local != "REC" || line != 4 {
		t.Fatalf("Next = %v line %d %v %v", start.Name.Local, line, ok, err)
	}
	n, err := d.Element(start, line)
	if err != nil {
		t.Fatal(err)
	}
	if n.Text("ID") != "7" || n.Text("MISSING") != "" || n.Child("N").Data != "a<b>c" {
		t.Errorf("node %+v", n)
	}
	if got := n.Values("TITLE"); !reflect.DeepEqual(got, []string{"Dr.", "Prof."}) {
		t.Errorf("Values = %q", got)
	}
	if _, _, ok, err := d.Next(); ok || err != nil {
		t.Fatalf("Next at end of root = %v, %v", ok, err)
	}
	if err := d.End(); err != nil {
		t.Fatalf("End: %v", err)
	}
}

func TestDecoder_Errors(t *testing.T) {
	for name, doc := range map[string]string{
		"empty":          "",
		"no root":        "<!-- only a comment -->",
		"text after":     "<R/>trailing",
		"second root":    "<R/><R/>",
		"bad attribute":  "<R a=\"\xff\"/>",
		"deep":           strings.Repeat("<a>", xmlnode.MaxDepth+2),
		"huge text":      "<R><X>" + strings.Repeat("x", reader.MaxField+1) + "</X></R>",
		"unclosed":       "<R><X>",
		"mismatched end": "<R><X></Y></R>",
	} {
		t.Run(name, func(t *testing.T) {
			d := xmlnode.NewDecoder(strings.NewReader(doc), "f.xml")
			err := readAll(d)
			var pe *reader.ParseError
			if !errors.As(err, &pe) || pe.File != "f.xml" || pe.Line == 0 {
				t.Errorf("error %v, want a ParseError with file and line", err)
			}
		})
	}
}

func readAll(d *xmlnode.Decoder) error {
	if _, err := d.Root(); err != nil {
		return err
	}
	for {
		start, line, ok, err := d.Next()
		if err != nil {
			return err
		}
		if !ok {
			return d.End()
		}
		if _, err := d.Element(start, line); err != nil {
			return err
		}
	}
}

// A DTD is refused, naming what it declares: an external entity (XXE),
// entities that expand (billion laughs), or a bare DOCTYPE.
func TestRefused(t *testing.T) {
	tests := []struct{ doc, want string }{
		{`<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><foo>&xxe;</foo>`, `external entity "xxe" (XXE)`},
		{`<!DOCTYPE foo [<!ENTITY % p PUBLIC "-//x" "http://evil/x.dtd"> %p;]><foo/>`, `external entity "p" (XXE)`},
		{`<?xml version="1.0"?>` + "\n" + `<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><lolz>&lol2;</lolz>`, `entity "lol"; entity expansion is refused (billion laughs)`},
		{`<!DOCTYPE data-set SYSTEM "sema.dtd"><data-set/>`, "the lists have no DTD"},
		{`<!DOCTYPE data-set><data-set/>`, "the lists have no DTD"},
	}
	for _, tt := range tests {
		err := xmlnode.Refused([]byte(tt.doc))
		if !errors.Is(err, xmlnode.ErrDTD) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Refused(%.40q) = %v, want ErrDTD mentioning %q", tt.doc, err, tt.want)
		}
		d := xmlnode.NewDecoder(strings.NewReader(tt.doc), "f.xml")
		_, err = d.Root()
		var pe *reader.ParseError
		if !errors.As(err, &pe) || pe.File != "f.xml" || !errors.Is(err, xmlnode.ErrDTD) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Decoder on %.40q: %v, want a ParseError with ErrDTD mentioning %q", tt.doc, err, tt.want)
		}
	}
	for _, ok := range []string{`<?xml version="1.0"?><data-set><record/></data-set>`, "", "\x00garbage", `<a><!DOCTYPE x></a>`} {
		if err := xmlnode.Refused([]byte(ok)); err != nil {
			t.Errorf("Refused(%q) = %v, want nil", ok, err)
		}
	}
}

// Attributes are kept on the node; an XML 1.1 declaration is read.
func TestDecoder_AttrsAndXML11(t *testing.T) {
	doc := "<?xml version=\"1.1\" encoding=\"UTF-8\"?>\n<export generationDate=\"2022-03-18\"><e a=\" x \" b=\"&amp;\"/></export>"
	d := xmlnode.NewDecoder(strings.NewReader(doc), "f.xml")
	root, err := d.Root()
	if err != nil || root.Name.Local != "export" {
		t.Fatalf("Root = %v, %v", root.Name.Local, err)
	}
	start, line, ok, err := d.Next()
	if err != nil || !ok {
		t.Fatal(err)
	}
	n, err := d.Element(start, line)
	if err != nil || n.Attr("a") != "x" || n.Attr("b") != "&" || n.Attr("c") != "" || line != 2 {
		t.Errorf("node %+v at line %d, %v", n, line, err)
	}
}
