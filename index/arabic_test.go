package index_test

import (
	"slices"
	"testing"

	"github.com/vigil-screening/vigil/index"
	"github.com/vigil-screening/vigil/names"
)

// A family network: many sons of Abdulaziz, the father written apart
// ("Abd al-Aziz"), joined ("Abdulaziz") and joined with a (a listed
// token "abdalaziz" of its own), and names that share only the given
// name or only "Saud".
var saudis = []string{
	"Muhammad bin Abdulaziz Al Saud",      // 0
	"Khalid bin Abd al-Aziz Al Saud",      // 1
	"Fahd bin Abd al-Aziz Al Saud",        // 2
	"Sultan bin Abd al-Aziz Al Saud",      // 3
	"Talal bin Abd al-Aziz Al Saud",       // 4
	"Turki bin Abdalaziz Al Saud",         // 5
	"Mohammed bin Fahd bin Abd al-Aziz",   // 6
	"Muhammad bin Nayef bin Abd al-Aziz",  // 7
	"Sa'ad Muhammad Awad",                 // 8
	"Muhammad Sa'id Abd al-Rahman",        // 9
	"Mohammed Abdul Sayed",                // 10
	"Abdullah bin Abd al-Aziz Al Saud",    // 11
	"Bandar bin Sultan bin Abd al-Aziz",   // 12
	"Mamdouh bin Abd al-Aziz Al Saud",     // 13
	"Nasser bin Abdulaziz Al Saud",        // 14
	"Salman bin Abd al-Aziz Al Saud",      // 15
	"Muhammad bin Salman bin Abd al-Aziz", // 16
}

// TestArabicJoinFindsJoinedFather: "عبد العزيز" written apart in the
// query is searched by the skeleton of its join even when the join's
// text is also a listed token ("abdalaziz"), so that a listed name
// writing it "Abdulaziz" is credited the father's weight.
func TestArabicJoinFindsJoinedFather(t *testing.T) {
	ix := build(t, saudis)
	s := ix.NewScratch()
	tests := []struct {
		query   string
		want    int32
		notWant int32 // a brother, who must not be a better candidate
	}{
		{"محمد بن عبد العزيز آل سعود", 0, 1},
		{"محمد بن عبدالعزيز آل سعود", 0, 1},
		{"ناصر بن عبد العزيز آل سعود", 14, 13},
		{"خالد بن عبد العزيز آل سعود", 1, 0},
	}
	for _, tt := range tests {
		owners := candidateOwners(ix, s, tt.query, 3)
		if !slices.Contains(owners, tt.want) {
			t.Errorf("%q: top 3 candidates %v lack %d (%s)", tt.query, owners, tt.want, saudis[tt.want])
		}
		if i, j := slices.Index(owners, tt.notWant), slices.Index(owners, tt.want); i >= 0 && i < j {
			t.Errorf("%q: %s before %s", tt.query, saudis[tt.notWant], saudis[tt.want])
		}
	}
}

// TestFrenchSpellingKey: a part read from Arabic script finds the Latin
// forms French romanisation gives Maghrebi names (ch for ش, c for س
// before ي), whose skeletons differ from its own.
func TestFrenchSpellingKey(t *testing.T) {
	listed := []string{"Djamel Lounici", "Khaled Chouman", "Jamal Nasser", "Jamal Mansour", "Jamal Hassan", "Jamal Ahmad",
		"Khaled Saleh", "Khaled Mahmoud", "Khaled Hamid", "Jamal Lounes", "Khaled Shamoun"}
	ix := build(t, listed)
	s := ix.NewScratch()
	for _, tt := range []struct {
		query string
		want  int32
	}{
		{"جمال لونيسي", 0},
		{"خالد شومان", 1},
	} {
		owners := candidateOwners(ix, s, tt.query, 2)
		if !slices.Contains(owners, tt.want) {
			t.Errorf("%q: top 2 candidates %v lack %s", tt.query, owners, listed[tt.want])
		}
	}
}

// candidateOwners returns the owners of the k best candidates of a
// person's name.
func candidateOwners(ix *index.Index, s *index.Scratch, query string, k int) []int32 {
	q := ix.Vocab().Prepare(query, names.Analyze(query, names.Person), false)
	var owners []int32
	for _, c := range ix.Candidates(&q, k, nil, s) {
		owners = append(owners, ix.Owner(c))
	}
	return owners
}
