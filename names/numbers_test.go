package names_test

import (
	"strings"
	"testing"

	"github.com/vigil-screening/vigil/names"
)

func TestNumbers(t *testing.T) {
	tests := []struct{ in, want, keys string }{
		{"2nd Economic Committee", "2 economic committee", "#2"},
		{"Second Economic Committee", "second economic committee", "#2"},
		{"Twenty-One Trading LLC", "twentyone trading llc", "#21"},
		{"21st Century Trading", "21 century trading", "#21"},
		{"Twenty First Century Trading", "twentyfirst century trading", "#21"},
		{"Ninety", "ninety", "#90"},
		// Must not: other words, the Dutch particle, digits in words.
		{"Jan ten Berge", "jan ten berge", ""},
		{"G4S Secure Solutions", "g4s secure solutions", ""},
		{"Oneida Stone", "oneida stone", ""},
		{"Seccond Economic Committee", "seccond economic committee", ""},
		{"Forthright Ltd", "forthright ltd", ""},
		{"4x4", "4x4", ""},
	}
	for _, tc := range tests {
		var got, keys []string
		for _, tok := range names.Analyze(tc.in, names.Organization) {
			got = append(got, tok.Text)
			for _, k := range names.VariantKeys(tok.Text, false) {
				if strings.HasPrefix(k, "#") {
					keys = append(keys, k)
				}
			}
		}
		if g := strings.Join(got, " "); g != tc.want {
			t.Errorf("Analyze(%q) = %q, want %q", tc.in, g, tc.want)
		}
		if k := strings.Join(keys, " "); k != tc.keys {
			t.Errorf("number keys of %q = %q, want %q", tc.in, k, tc.keys)
		}
	}
}
