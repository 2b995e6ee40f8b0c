package sema

import (
	"bytes"
	"encoding/xml"

	"github.com/vigil-screening/vigil/reader/xmlnode"
)

// detect reads the first two start elements of head: <data-set><record>.
// A head cut before the first record is accepted on the root alone.
func detect(head []byte) bool {
	dec := xml.NewDecoder(bytes.NewReader(xmlnode.TrimBOM(head)))
	var names []string
	for len(names) < 2 {
		tok, err := dec.Token()
		if err != nil {
			return len(names) == 1 && names[0] == rootName
		}
		switch t := tok.(type) {
		case xml.StartElement:
			names = append(names, t.Name.Local)
		case xml.Directive:
			return false
		case xml.CharData:
			if len(bytes.TrimSpace(t)) > 0 {
				return false
			}
		}
	}
	return names[0] == rootName && names[1] == "record"
}
