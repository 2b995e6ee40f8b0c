package dfat

import (
	"strings"
	"testing"

	"github.com/vigil-screening/vigil/reader/rowmap"
)

func TestParseDates(t *testing.T) {
	tests := []struct {
		in, want, rest string
	}{
		{"29752", "1981-06-15", ""},
		{"1963", "1963", ""},
		{"Approximately 1963", "~1963", ""},
		{"a) Approximately 1955- 1958 b) Approximately 1945-1950", "~1955/1958 ~1945/1950", ""},
		{"a) 01/02/1970; b) 1971", "1970-02-01 1971", ""},
		{"24 Dec. 1965", "1965-12-24", ""},
		{"Between 1960 and 1962", "1960/1962", ""},
		{"March 1968 to March 1969", "1968-03/1969-03", ""},
		{"March 16, 1972", "1972-03-16", ""},
		{"c. 1941", "~1941", ""},
		{"00/00/1980", "1980", ""},
		{"12 Mar 1960 >> 14 Apr 1960", "1960-03-12 1960-04-14", ""},
		{"1950 or 1951", "1950 1951", ""},
		{"24/06/1402 (Hijri Calendar)", "", "24/06/1402 (Hijri Calendar)"},
		{"na", "", ""},
		{"31/13/1980", "", "31/13/1980"},
	}
	for _, tt := range tests {
		ds, rest := parseDates(tt.in)
		var got []string
		for _, d := range ds {
			got = append(got, d.String())
		}
		if strings.Join(got, " ") != tt.want || strings.Join(rest, "|") != tt.rest {
			t.Errorf("parseDates(%q) = %q, %q; want %q, %q", tt.in, got, rest, tt.want, tt.rest)
		}
	}
}

// FuzzGroupAdd feeds arbitrary cell values to the row-to-record mapping.
func FuzzGroupAdd(f *testing.F) {
	f.Add("123a", "Name", "Individual", "aka", "a) Approximately 1955- 1958 b) 29752", "a) Afghanistan b) Pakistan", "x; y", "41988")
	f.Fuzz(func(t *testing.T, ref, name, typ, nameType, dob, cit, addr, ctl string) {
		gs := newGroups()
		err := gs.add(row{"Reference": ref, "Name of Individual or Entity": name, "Type": typ,
			"Name Type": nameType, "Date of Birth": dob, "Citizenship": cit, "Address": addr, "Control Date": ctl})
		if err != nil {
			if rowmap.FieldOf(err) == "" {
				t.Fatalf("error without field: %v", err)
			}
			return
		}
		id := gs.IDs()[0]
		e := gs.Finish(id)
		if e.ID == "" || len(e.Names) != 1 || !strings.HasPrefix(ref, e.ID) {
			t.Fatalf("bad record %+v from reference %q", e, ref)
		}
		for _, d := range append(e.BirthDates, e.AmendedOn()...) {
			if !d.Valid() {
				t.Fatalf("invalid date %+v", d)
			}
		}
	})
}
