package audit

import (
	"strings"
	"testing"
)

func TestParseHead(t *testing.T) {
	hash := strings.Repeat("ab", 32)
	tests := []struct {
		in   string
		want Head
		err  string
	}{
		{"12:" + hash, Head{12, hash}, ""},
		{" 0:" + GenesisHash + "\n", Head{0, GenesisHash}, ""},
		{"12", Head{}, "want SEQ:HASH"},
		{"x:" + hash, Head{}, "whole number"},
		{"-1:" + hash, Head{}, "whole number"},
		{"12:" + strings.ToUpper(hash), Head{}, "hex"},
		{"12:" + hash[:63], Head{}, "hex"},
		{"12:" + hash + "00", Head{}, "hex"},
		{"", Head{}, "want SEQ:HASH"},
	}
	for _, tc := range tests {
		got, err := ParseHead(tc.in)
		if tc.err == "" {
			if err != nil || got != tc.want {
				t.Errorf("ParseHead(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
			}
			if got.String() != strings.TrimSpace(tc.in) {
				t.Errorf("String() = %q, want %q", got.String(), strings.TrimSpace(tc.in))
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tc.err) {
			t.Errorf("ParseHead(%q) error = %v, want one containing %q", tc.in, err, tc.err)
		}
	}
}

func TestCheckAnchor(t *testing.T) {
	hash := strings.Repeat("ab", 32)
	other := strings.Repeat("cd", 32)
	tests := []struct {
		name    string
		want    Head
		found   bool
		stored  string
		problem Problem
	}{
		{"same entry", Head{5, hash}, true, hash, ""},
		{"entry removed", Head{5, hash}, false, "", Missing},
		{"entry rewritten", Head{5, hash}, true, other, Altered},
		{"empty chain", Head{0, GenesisHash}, false, "", ""},
		{"bogus empty head", Head{0, hash}, false, "", Altered},
	}
	for _, tc := range tests {
		f := CheckAnchor(tc.want, tc.found, tc.stored)
		if (f == nil) != (tc.problem == "") || (f != nil && (f.Problem != tc.problem || f.Seq != tc.want.Seq)) {
			t.Errorf("%s: CheckAnchor = %v, want problem %q at %d", tc.name, f, tc.problem, tc.want.Seq)
		}
	}
}

// ParseHead never panics, and what it accepts prints back the same.
func FuzzParseHead(f *testing.F) {
	f.Add("12:" + strings.Repeat("ab", 32))
	f.Add("0:" + GenesisHash)
	f.Add("99999999999999999999:" + GenesisHash)
	f.Add("\xff:\x00")
	f.Add("")
	f.Fuzz(func(t *testing.T, s string) {
		h, err := ParseHead(s)
		if err != nil {
			if !strings.Contains(err.Error(), "head") {
				t.Fatalf("error %q does not say what it parsed", err)
			}
			return
		}
		again, err := ParseHead(h.String())
		if err != nil || again != h {
			t.Fatalf("%q → %v → %q → %v, %v", s, h, h.String(), again, err)
		}
	})
}
