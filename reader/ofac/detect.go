package ofac

import (
	"bytes"
	"encoding/csv"
)

// Detect reports whether head, the first bytes of a file, looks like an
// OFAC primary file (sdn.csv or cons_prim.csv): a first line of 12 CSV
// fields whose first is a number, in a file using OFAC's "-0-" empties.
func Detect(head []byte) bool {
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	line, _, _ := bytes.Cut(head, []byte("\n"))
	if !bytes.Contains(head, []byte("-0-")) {
		return false
	}
	cr := csv.NewReader(bytes.NewReader(line))
	rec, err := cr.Read()
	if err != nil || len(rec) != len(primaryCols) {
		return false
	}
	return isID(rec[0])
}
