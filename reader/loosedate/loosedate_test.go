package loosedate

import (
	"strings"
	"testing"

	"github.com/vigil-screening/vigil/entity"
)

// The forms each list writes, as found in the real files (the list in
// brackets), and what they read as.
func TestParse_ListForms(t *testing.T) {
	tests := []struct{ in, want string }{
		// ISO
		{"1971", "1971"},                                // OFAC, CSL, Canada, DFAT, UN YEAR
		{"1964-03", "1964-03"},                          // Canada
		{"1933-02-02", "1933-02-02"},                    // Canada, CSL, UN DATE
		{"1974-01-01-05:00", "1974-01-01"},              // UN, with a time-zone offset
		{"2026-02-27T00:00:09.554Z", "2026-02-27"},      // UN dateGenerated
		{"2022-03-18T14:52:26.947+01:00", "2022-03-18"}, // EU generationDate
		// day first
		{"18/01/1970", "1970-01-18"}, // OFSI, DFAT, Canada
		{"00/00/1980", "1980"},       // OFSI: unknown day and month
		{"00/05/1980", "1980-05"},    // OFSI
		{"05/1980", "1980-05"},       // OFSI, DFAT
		{"18.01.1970", "1970-01-18"}, // DFAT
		{"23.3.2012", "2012-03-23"},  // EU remarks
		// month names
		{"05 Jul 1971", "1971-07-05"},     // OFAC, CSL
		{"Jul 1971", "1971-07"},           // OFAC, CSL
		{"24 Dec. 1965", "1965-12-24"},    // DFAT
		{"10 August 1972", "1972-08-10"},  // Canada
		{"August 10, 1972", "1972-08-10"}, // Canada
		{"March 16, 1972", "1972-03-16"},  // DFAT
		{"Nov. 1973", "1973-11"},          // UN notes
		{"August 1961", "1961-08"},        // UN notes
		{"Sept. 1970", "1970-09"},         // abbreviation of four letters
		{"(24 Dec. 1965)", "1965-12-24"},  // DFAT, in parentheses
		// ranges
		{"1960 to 1962", "1960/1962"},                           // OFAC
		{"01 Jan 1961 to 31 Dec 1962", "1961-01-01/1962-12-31"}, // OFAC
		{"between 1960 and 1962", "1960/1962"},                  // OFAC
		{"Between 1960 and 1962", "1960/1962"},                  // DFAT
		{"1955-1958", "1955/1958"},                              // DFAT
		{"1955 - 1958", "1955/1958"},                            // UN alias dates
		{"1955- 1958", "1955/1958"},                             // DFAT
		{"March 1968 to March 1969", "1968-03/1969-03"},         // DFAT
		{"Between Aug. and Sep. 1977", "1977-08/1977-09"},       // UN notes
		// approximate
		{"circa 1965", "~1965"},              // OFAC, CSL, Canada
		{"circa 05 Jul 1970", "~1970-07-05"}, // CSL
		{"circa 1979-1982", "~1979/1982"},    // OFAC
		{"Approximately 1963", "~1963"},      // DFAT
		{"approx. 1963", "~1963"},            // DFAT
		{"c. 1941", "~1941"},                 // DFAT
		{"ca. 1941", "~1941"},                // Canada
		{"about 1941", "~1941"},              // Canada
	}
	for _, tt := range tests {
		d, err := Parse(tt.in)
		if err != nil || d.String() != tt.want {
			t.Errorf("Parse(%q) = %q, %v; want %q", tt.in, d, err, tt.want)
		}
	}
}

func TestParse_NotDates(t *testing.T) {
	for _, in := range []string{"", "soon", "31/13/1980", "1962 to 1960", "24/06/1402 (Hijri Calendar)",
		"30-35 years old", "Approximately", "0000", "3000", "1970-13", "32 Jan 1970", "Jan", "45607",
		"1970 1971", "Foo 1970", "between 1960", strings.Repeat("1", 500),
		"~1965", "1960/1962", "1972-02-02/1973"} { // Vigil's own forms, which no list writes
		if d, err := Parse(in); err == nil {
			t.Errorf("Parse(%q) = %q, want an error", in, d)
		}
	}
}

func TestParseCell(t *testing.T) {
	tests := []struct{ in, want string }{
		{"29752", "1981-06-15"}, // DFAT
		{"45567", "2024-10-02"}, // OFSI
		{"45607.5", "2024-11-11"},
		{"1980", "1980"}, // a year, not a serial
		{"18/01/1970", "1970-01-18"},
	}
	for _, tt := range tests {
		d, err := ParseCell(tt.in)
		if err != nil || d.String() != tt.want {
			t.Errorf("ParseCell(%q) = %q, %v; want %q", tt.in, d, err, tt.want)
		}
	}
	for _, in := range []string{"0", "-5", "99999999", "1e4", "12.x"} {
		if d, err := ParseCell(in); err == nil {
			t.Errorf("ParseCell(%q) = %q, want an error", in, d)
		}
	}
}

func TestParseList(t *testing.T) {
	tests := []struct{ in, want, rest string }{
		{"1972-08-10 or 1972-08-11", "1972-08-10 1972-08-11", ""}, // Canada
		{"1950; 1951", "1950 1951", ""},                           // Canada
		{"1950, or 1951", "1950 1951", ""},
		{"12 Mar 1960 >> 14 Apr 1960", "1960-03-12 1960-04-14", ""}, // DFAT
		{"1961 alt DOB: 1962", "1961 1962", ""},                     // DFAT
		{"August 10, 1972", "1972-08-10", ""},                       // the comma is the date's own
		{"August 10, 1972 or March 2, 1971", "1972-08-10 1971-03-02", ""},
		{"1950 or unknown", "1950", "unknown"},
		{"1965, 29 March ", "1965-03-29", ""},                                                        // DFAT: the comma is the date's own
		{"27/05/1979 (this aka only, alt DOB 1973)", "", "27/05/1979 (this aka only, alt DOB 1973)"}, // DFAT: parentheses are not split
		{"8 Aug. 1980, (appears in false Indonesian passport)", "", "8 Aug. 1980, (appears in false Indonesian passport)"},
		{"(a; b", "", "(a|b"},
		{"August, 1961", "1961-08", ""},                                               // DFAT
		{"01/10/1983,15/10/1983, 01/01/1980", "1983-10-01 1983-10-15 1980-01-01", ""}, // DFAT
		{"5 Feb. 1970 (this aka only, alt born 5 Feb. 1969", "", "5 Feb. 1970 (this aka only, alt born 5 Feb. 1969"},
		{"", "", ""},
	}
	for _, tt := range tests {
		ds, rest := ParseList(tt.in)
		var got []string
		for _, d := range ds {
			got = append(got, d.String())
		}
		if strings.Join(got, " ") != tt.want || strings.Join(rest, "|") != tt.rest {
			t.Errorf("ParseList(%q) = %q, %q; want %q, %q", tt.in, got, rest, tt.want, tt.rest)
		}
	}
}

// FuzzParse: any input gives a valid date or an error, never a panic;
// the date written in Vigil's form reads back as the same date.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"circa 05 Jul 1970", "Between Aug. and Sep. 1977", "00/00/1980", "29752",
		"1974-01-01-05:00", "August 10, 1972 or 1973", "1960 to 1962"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, parse := range []func(string) (entityDate, error){wrap(Parse), wrap(ParseCell)} {
			d, err := parse(s)
			if err != nil {
				continue
			}
			if !d.Valid() {
				t.Fatalf("%q: invalid date %+v", s, d)
			}
			again, err := entity.ParseDate(d.String())
			if err != nil || again != d {
				t.Fatalf("%q reads as %q, which reads as %+v, %v", s, d, again, err)
			}
		}
		ds, _ := ParseList(s)
		for _, d := range ds {
			if !d.Valid() {
				t.Fatalf("%q: invalid date %+v in a list", s, d)
			}
		}
	})
}

// FuzzNumeric: the fast path for numeric dates reads as the regular
// expressions do.
func FuzzNumeric(f *testing.F) {
	for _, s := range []string{"18/01/1970", "00/00/1980", "1970-01-18", "1970", "01/1970", "1955-1958", "1970-1", "1.2.1970", "18/01-1970"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, ok, done := numeric(s)
		if !done {
			return
		}
		want, wantOK := dateOrRange(s)
		if ok != wantOK || ok && d != want {
			t.Fatalf("%q: fast %+v %v, regular expressions %+v %v", s, d, ok, want, wantOK)
		}
	})
}
