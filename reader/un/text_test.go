package un_test

import (
	"strings"
	"testing"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/internal/testdata"
)

// The 2024-11 file wraps long values over lines; single-line values come
// out on one line, with single spaces. Python's ElementTree finds 158
// records with a line break or double space in some element other than
// COMMENTS1 in that file (the remarks keep theirs).
func TestRead_WrappedValuesOnOneLine(t *testing.T) {
	for _, dir := range []string{"un-2020-03", "un-2024-11"} {
		got, _ := readAll(t, testdata.Path(t, "lists", "editions", dir, "consolidated.xml"))
		for id, e := range got {
			for _, v := range singleLineValues(e) {
				if v != strings.Join(strings.Fields(v), " ") {
					t.Errorf("%s %s: value %q not on one line", dir, id, v)
				}
			}
		}
	}
	got, _ := readAll(t, testdata.Path(t, "lists", "editions", "un-2024-11", "consolidated.xml"))
	// In the file: "...GREAT LAKES BUSINESS" line break "COMPANY (GLBC)".
	const want = "COMPAGNIE AERIENNE DES GRANDS LACS (CAGL) ; GREAT LAKES BUSINESS COMPANY (GLBC)"
	if e := got["6908026"]; e == nil || e.PrimaryName() != want {
		t.Errorf("6908026: got %+v, want primary name %q", e, want)
	}
}

func singleLineValues(e *entity.Entity) []string {
	var vs []string
	for _, n := range e.Names {
		vs = append(vs, n.Full)
		for _, p := range n.Parts {
			vs = append(vs, p.Value)
		}
	}
	vs = append(vs, e.Titles()...)
	vs = append(vs, e.Positions()...)
	vs = append(vs, e.BirthPlaces()...)
	for _, a := range e.Addresses() {
		vs = append(vs, a.Full, a.Street, a.City, a.Region, a.PostalCode)
	}
	for _, d := range e.Documents {
		vs = append(vs, d.Number, d.Note)
	}
	return vs
}
