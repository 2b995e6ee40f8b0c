package index_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/vigil-screening/vigil/index"
	"github.com/vigil-screening/vigil/names"
)

var listed = []string{
	"AL ZAWAHIRI, Dr. Ayman", "AL-TIKRITI, Saddam Hussein", "Vladimir Vladimirovich PUTIN", "'ALI, Muhammad",
	"MUHAMMAD, 'Ali Hajj", "AL-MAJID, Ali Hassan", "ABDUL RAHMAN, Yasin", "KIM, Jong Un", "HTET, Hein",
}

func build(t testing.TB, ns []string) *index.Index {
	t.Helper()
	var es []index.Entry
	for i, n := range ns {
		es = append(es, index.Entry{Raw: n, Tokens: names.Analyze(n, names.Person), Owner: int32(i)})
	}
	return index.Build(es)
}

func TestCandidates(t *testing.T) {
	ix := build(t, listed)
	s := ix.NewScratch()
	tests := []struct {
		query string
		want  int32 // owner expected among the candidates
	}{
		{"Ayman al-Zawahiri", 0},
		{"ZAWAHRI Aymen", 0},      // typos, reordered
		{"Ayman Alzawahiri", 0},   // particle glued
		{"صدام حسين التكريتي", 1}, // Arabic script
		{"Saddam Husayn", 1},      // transliteration variant
		{"Владимир Путин", 2},     // Cyrillic
		{"Mohammed Ali", 3},       // variant spelling
		{"Yasin Abdulrahman", 6},  // joined parts
		{"김정은", 7},                // Hangul
		{"Hein HTT", 8},           // three-letter typo
	}
	for _, tt := range tests {
		owners := candidateOwners(ix, s, tt.query, 10)
		if !slices.Contains(owners, tt.want) {
			t.Errorf("%q: candidates %v lack %d (%s)", tt.query, owners, tt.want, listed[tt.want])
		}
	}
}

func TestCandidatesFilterAndLimit(t *testing.T) {
	ix := build(t, listed)
	s := ix.NewScratch()
	q := ix.Vocab().Prepare("", names.Analyze("Muhammad Ali Hassan", names.Person), false)
	if got := ix.Candidates(&q, 1, nil, s); len(got) != 1 {
		t.Errorf("k=1: got %d candidates", len(got))
	}
	if got := ix.Candidates(&q, 10, func(uint8) bool { return false }, s); len(got) != 0 {
		t.Errorf("filter rejecting all: got %v", got)
	}
	q = ix.Vocab().Prepare("", names.Analyze("Kathryn Barr", names.Person), false)
	if got := ix.Candidates(&q, 10, nil, s); len(got) != 0 {
		t.Errorf("unrelated name: got candidates %v", got)
	}
}

// syntheticNames makes n random person names from syllables.
func syntheticNames(n int) []string {
	r := rand.New(rand.NewPCG(1, 2))
	syl := []string{"ka", "lo", "mi", "ra", "de", "su", "an", "vo", "ti", "ne", "bar", "kov", "sha", "ul", "en", "dra", "mo", "zi", "hal", "pe"}
	word := func() string {
		w := ""
		for k := 2 + r.IntN(3); k > 0; k-- {
			w += syl[r.IntN(len(syl))]
		}
		return w
	}
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%s %s %s", word(), word(), word())
	}
	return out
}

// BenchmarkBuildSynthetic indexes synthetic names; run with
// -benchtime=1x and -bench=BuildSynthetic/1000000 for the 1M-record figure.
func BenchmarkBuildSynthetic(b *testing.B) {
	for _, n := range []int{100_000, 1_000_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			ns := syntheticNames(n)
			es := make([]index.Entry, n)
			for i, s := range ns {
				es[i] = index.Entry{Raw: s, Tokens: names.Analyze(s, names.Person), Owner: int32(i)}
			}
			b.ResetTimer()
			for b.Loop() {
				index.Build(es)
			}
		})
	}
}

func BenchmarkCandidates(b *testing.B) {
	ns := append(syntheticNames(200_000), listed...)
	ix := build(b, ns)
	s := ix.NewScratch()
	q := ix.Vocab().Prepare("", names.Analyze("Aymen al-Zawahri", names.Person), false)
	b.ReportAllocs()
	for b.Loop() {
		ix.Candidates(&q, 64, nil, s)
	}
}
