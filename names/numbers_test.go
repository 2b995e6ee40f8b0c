package names_test

import (
	"strings"
	"testing"

	"github.com/vigil-screening/vigil/names"
)

func TestNumbers(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2nd Economic Committee", "2 economic committee"},
		{"Second Economic Committee", "2 economic committee"},
		{"Twenty-One Trading LLC", "21 trading llc"},
		{"21st Century Trading", "21 century trading"},
		{"Twenty First Century Trading", "21 century trading"},
		{"One Hundred Percent Co", "100 percent co"},
		{"Ninety-Nine", "99"},
		{"Five Thousand Stars", "5000 stars"},
		// Must not: other words, the Dutch particle, digits in words.
		{"Jan ten Berge", "jan ten berge"},
		{"Tenth Street", "10 street"},
		{"G4S Secure Solutions", "g4s secure solutions"},
		{"Oneida Stone", "oneida stone"},
		{"Forthright Ltd", "forthright ltd"},
		{"1st", "1"},
		{"st", "st"},
		{"4x4", "4x4"},
	}
	for _, tc := range tests {
		var got []string
		for _, tok := range names.Analyze(tc.in, names.Organization) {
			got = append(got, tok.Text)
		}
		if g := strings.Join(got, " "); g != tc.want {
			t.Errorf("Analyze(%q) = %q, want %q", tc.in, g, tc.want)
		}
	}
}
