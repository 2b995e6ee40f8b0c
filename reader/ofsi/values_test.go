package ofsi

import (
	"slices"
	"testing"

	"github.com/vigil-screening/vigil/reader/rowmap"
)

func TestSplitEnum(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"Afghan", []string{"Afghan"}},
		{"(1) Afghan (2) Pakistani", []string{"Afghan", "Pakistani"}},
		{"1) Saudi Arabia 2) Qatar", []string{"Saudi Arabia", "Qatar"}},
		{"(1) Germany. (2) Morocco", []string{"Germany", "Morocco"}},
		{"a) Syrian Arab Republic b) State of Palestine", []string{"Syrian Arab Republic", "State of Palestine"}},
		{"Korea (South)", []string{"Korea (South)"}},
	}
	for _, tt := range tests {
		if got := splitEnum(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("splitEnum(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"18/01/1970", "1970-01-18", true},
		{"00/00/1980", "1980", true},
		{"00/05/1980", "1980-05", true},
		{"05/1980", "1980-05", true},
		{"1980", "1980", true},
		{"45567", "2024-10-02", true},
		{"31/13/1980", "", false},
		{"soon", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		d, ok := parseDate(tt.in)
		if ok != tt.ok || (ok && d.String() != tt.want) {
			t.Errorf("parseDate(%q) = %v, %v; want %q, %v", tt.in, d, ok, tt.want, tt.ok)
		}
	}
}

// FuzzGroupAdd feeds arbitrary cell values to the row-to-record mapping
// used by both the CSV and the XLSX path.
func FuzzGroupAdd(f *testing.F) {
	f.Add("HAQ", "Mian", "Individual", "Primary name", "00/00/1980", "(1) Afghan (2) Pakistani", "(1) 1 (2) 2", "a) x", "(IMO number):1234567", "Хизри")
	f.Fuzz(func(t *testing.T, n6, n1, gt, at, dob, nat, pass, pos, info, nl string) {
		gs := newGroups()
		err := gs.add(row{"Group ID": "1", "Name 6": n6, "Name 1": n1, "Group Type": gt, "Alias Type": at,
			"DOB": dob, "Nationality": nat, "Passport Number": pass, "Passport Details": pass,
			"Position": pos, "Other Information": info, "Name Non-Latin Script": nl, "Listed On": dob})
		if err != nil {
			if rowmap.FieldOf(err) == "" {
				t.Fatalf("error without field: %v", err)
			}
			return
		}
		e := gs.Finish("1")
		addVessel(e)
		if e.ID != "1" || len(e.Names) == 0 {
			t.Fatalf("bad record %+v", e)
		}
		for _, d := range e.BirthDates {
			if !d.Valid() {
				t.Fatalf("invalid date %+v from %q", d, dob)
			}
		}
	})
}
