package country

import (
	"testing"
	"unicode/utf8"
)

func TestAppendASCIIKey(t *testing.T) {
	tests := []struct {
		in, want string
		ascii    bool
	}{
		{"Korea, North", "korea north", true},
		{"  Antigua & Barbuda ", "antigua and barbuda", true},
		{"A&B", "a and b", true},
		{"&&", "and and", true},
		{"U.S.S.R.", "u s s r", true},
		{"Côte d'Ivoire", "", false},
		{"", "", true},
	}
	for _, tt := range tests {
		got, ok := appendASCIIKey(nil, tt.in)
		if ok != tt.ascii || (ok && string(got) != tt.want) {
			t.Errorf("appendASCIIKey(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ascii)
		}
		if ok && string(got) != key(tt.in) {
			t.Errorf("appendASCIIKey(%q) = %q, but key gives %q", tt.in, got, key(tt.in))
		}
	}
}

// FuzzASCIIKey checks the fast path against key on any ASCII text.
func FuzzASCIIKey(f *testing.F) {
	for _, s := range []string{"Korea, North", "A & B&C", "Iran (Islamic Republic of)", "  ", "x\x00y"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := appendASCIIKey(nil, s)
		ascii := true
		for i := 0; i < len(s); i++ {
			ascii = ascii && s[i] < utf8.RuneSelf
		}
		if ok != ascii {
			t.Fatalf("appendASCIIKey(%q) ok = %v, want %v", s, ok, ascii)
		}
		if ok && string(got) != key(s) {
			t.Fatalf("appendASCIIKey(%q) = %q, key = %q", s, got, key(s))
		}
	})
}

// BenchmarkCode resolves country values as the lists write them.
func BenchmarkCode(b *testing.B) {
	values := []string{"Iran", "Russia", "Korea, North", "Syria", "United Arab Emirates", "Iraqi", "Libya (in custody)", "Burma / Birmanie", "Côte d'Ivoire", "RU"}
	b.ReportAllocs()
	for b.Loop() {
		for _, v := range values {
			Code(v)
		}
	}
}
