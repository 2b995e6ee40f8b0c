package index_test

import (
	"slices"
	"testing"
)

// TestShortPartsJoinSearched: two short parts read from Arabic script
// (ولي داد, مير جان) are searched by the skeleton of their join, so a
// listed name that writes them as one word (Walidad, Mirjan) is a
// candidate among names that share neither part. (Whether it matches is
// the scorer's: match.TestShortUnvowelledJoin has the must-not cases.)
func TestShortPartsJoinSearched(t *testing.T) {
	listed := []string{
		"Walidad Hadi",  // 0
		"Mirjan Karimi", // 1
		"Wali Hadi",     // 2
		"Hadi Nouri",    // 3
		"Karimi Nouri",  // 4
	}
	ix := build(t, listed)
	s := ix.NewScratch()
	for _, tt := range []struct {
		query string
		want  int32
		found bool
	}{
		{"ولي داد", 0, true},
		{"مير جان", 1, true},
		{"مير جان", 0, false},
	} {
		owners := candidateOwners(ix, s, tt.query, 5)
		if slices.Contains(owners, tt.want) != tt.found {
			t.Errorf("%q: candidates %v, want %s found = %v", tt.query, owners, listed[tt.want], tt.found)
		}
	}
}
