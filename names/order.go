package names

import "strings"

// NaturalOrder turns a person's name written "LAST, First" into "First
// LAST". A particle that trails the given names belongs to the family
// name: "ZAWAHIRI, Ayman al-" becomes "Ayman al- ZAWAHIRI". Names with no
// comma or more than one, and names whose part after the comma is only a
// legal form ("ACME, S.A.", "ACME, LTD."), are returned unchanged.
func NaturalOrder(s string) string {
	last, first, ok := strings.Cut(s, ",")
	if !ok || strings.Contains(first, ",") {
		return s
	}
	last, first = strings.TrimSpace(last), strings.TrimSpace(first)
	if last == "" || first == "" {
		return s
	}
	if isLegalTail(first) {
		return s
	}
	words := strings.Fields(first)
	if n := len(words); n > 1 && particles[Fold(words[n-1])] {
		return strings.Join(words[:n-1], " ") + " " + words[n-1] + " " + last
	}
	return first + " " + last
}

func isLegalTail(s string) bool {
	toks := Analyze(s, Organization)
	for _, t := range toks {
		if t.Class != Legal && t.Class != Stop {
			return false
		}
	}
	return len(toks) > 0
}
