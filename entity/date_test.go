package entity

import "testing"

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want Date
		str  string
	}{
		{"1971-07-05", Date{Year: 1971, Month: 7, Day: 5}, "1971-07-05"},
		{"1971-07", Date{Year: 1971, Month: 7}, "1971-07"},
		{" 1971 ", Date{Year: 1971}, "1971"},
		{"~1965", Date{Year: 1965, Circa: true}, "~1965"},
		{"1960/1962", Date{Year: 1960, ToYear: 1962}, "1960/1962"},
		{"19710705", Date{Year: 1971, Month: 7, Day: 5}, "1971-07-05"},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in)
		if err != nil {
			t.Errorf("ParseDate(%q): %v", tt.in, err)
			continue
		}
		if got != tt.want {
			t.Errorf("ParseDate(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
		if got.String() != tt.str {
			t.Errorf("ParseDate(%q).String() = %q, want %q", tt.in, got.String(), tt.str)
		}
		if !got.Valid() {
			t.Errorf("ParseDate(%q) not Valid", tt.in)
		}
	}
}

func TestParseDate_Bad(t *testing.T) {
	for _, in := range []string{"", "71", "1971-13", "1971-00-05", "1971-07-32", "abcd", "1971-07-05-01", "0999", "1971/", "-1971"} {
		if d, err := ParseDate(in); err == nil {
			t.Errorf("ParseDate(%q) = %+v, want error", in, d)
		}
	}
}

func TestDate_Valid(t *testing.T) {
	if (Date{Year: 1962, ToYear: 1960}).Valid() {
		t.Error("range ending before it starts is valid")
	}
	if (Date{}).Valid() {
		t.Error("zero date is valid")
	}
	if !(Date{}).IsZero() || (Date{Year: 1}).IsZero() {
		t.Error("IsZero wrong")
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"1971-07-05", "~1965", "1960/1962", "19710705", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			return
		}
		// What parses must render and parse back to itself.
		back, err := ParseDate(d.String())
		if err != nil || back != d {
			t.Fatalf("round trip %q -> %q -> %+v, %v", s, d.String(), back, err)
		}
	})
}

func TestMakeDate(t *testing.T) {
	if d := MakeDate(1971, 7, 5); d != (Date{Year: 1971, Month: 7, Day: 5}) || !d.Valid() {
		t.Errorf("MakeDate(1971, 7, 5) = %+v", d)
	}
	for _, d := range []Date{MakeDate(1971, 7, 261), MakeDate(1971, 263, 5), MakeDate(67507, 1, 1), MakeDate(-1971, 0, 0)} {
		if d.Valid() {
			t.Errorf("%+v is valid: a part out of range wrapped", d)
		}
	}
}
