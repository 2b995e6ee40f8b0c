package synth

import (
	"context"
	"errors"
	"math/rand/v2"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/internal/testdata"
)

// seedOnce loads the real current lists once for all tests: it takes
// several seconds.
var seedOnce = sync.OnceValues(func() ([]*entity.Entity, error) {
	return LoadSeed(context.Background(), realDir)
})

var realDir string

func realSeed(t testing.TB) []*entity.Entity {
	t.Helper()
	if realDir == "" {
		realDir = testdata.Path(t, "lists", "current")
	}
	seed, err := seedOnce()
	if err != nil {
		t.Fatalf("load seed: %v", err)
	}
	return seed
}

func newRand(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 7)) }

func mustGenerate(t *testing.T, seed []*entity.Entity, n int, rnd *rand.Rand) []*entity.Entity {
	t.Helper()
	recs, err := Generate(seed, n, rnd)
	if err != nil {
		t.Fatalf("Generate(%d): %v", n, err)
	}
	if len(recs) != n {
		t.Fatalf("Generate(%d) returned %d records", n, len(recs))
	}
	return recs
}

func TestGenerate_Deterministic(t *testing.T) {
	seed := realSeed(t)
	a := mustGenerate(t, seed, 3000, newRand(1))
	b := mustGenerate(t, seed, 3000, newRand(1))
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two runs with the same random seed differ")
	}
	c := mustGenerate(t, seed, 3000, newRand(2))
	if reflect.DeepEqual(a, c) {
		t.Fatal("runs with different random seeds are equal")
	}
}

func TestGenerate_IDsAndDistinctNames(t *testing.T) {
	recs := mustGenerate(t, realSeed(t), 20000, newRand(3))
	names := map[string]string{}
	for i, e := range recs {
		if want := "syn-" + leftPad(i+1); e.ID != want || e.List != List {
			t.Fatalf("record %d is %s, want %s/%s", i, e.Key(), List, want)
		}
		key := strings.ToLower(e.Names[0].Full)
		if prev, dup := names[key]; dup {
			t.Fatalf("%s and %s share the primary name %q", prev, e.ID, e.Names[0].Full)
		}
		names[key] = e.ID
	}
}

func leftPad(i int) string {
	s := strconv.Itoa(i)
	return strings.Repeat("0", max(7-len(s), 0)) + s
}

func TestGenerate_Shape(t *testing.T) {
	seed := realSeed(t)
	recs := mustGenerate(t, seed, 20000, newRand(4))
	kinds := map[entity.Kind]int{}
	for _, e := range recs {
		kinds[e.Kind]++
		checkRecord(t, e)
	}
	// The kinds follow the seed's proportions of persons, organisations
	// and vessels, counted here from the seed itself.
	seedKinds := map[entity.Kind]int{}
	for _, e := range seed {
		seedKinds[e.Kind]++
	}
	total := seedKinds[entity.KindPerson] + seedKinds[entity.KindOrganization] + seedKinds[entity.KindVessel]
	for _, k := range []entity.Kind{entity.KindPerson, entity.KindOrganization, entity.KindVessel} {
		want := float64(seedKinds[k]) / float64(total)
		got := float64(kinds[k]) / float64(len(recs))
		if got < want-0.02 || got > want+0.02 {
			t.Errorf("share of %s: %.3f, seed has %.3f", k, got, want)
		}
	}
}

// checkRecord checks what every synthetic record must satisfy.
func checkRecord(t *testing.T, e *entity.Entity) {
	t.Helper()
	if len(e.Names) == 0 || e.Names[0].Type != entity.NamePrimary {
		t.Fatalf("%s: no primary name first: %+v", e.ID, e.Names)
	}
	for _, n := range e.Names {
		if strings.TrimSpace(n.Full) == "" || !utf8.ValidString(n.Full) {
			t.Fatalf("%s: bad name %q", e.ID, n.Full)
		}
	}
	for _, d := range e.BirthDates {
		if !d.Valid() {
			t.Errorf("%s: invalid birth date %+v", e.ID, d)
		}
	}
	switch e.Kind {
	case entity.KindPerson:
		n := partsOf(e.Names[0])
		if n.given == "" || n.family == "" {
			t.Fatalf("%s: person without given and family name: %+v", e.ID, e.Names[0])
		}
		if !strings.Contains(strings.ToLower(e.Names[0].Full), strings.ToLower(n.family)) {
			t.Errorf("%s: %q does not contain its family name %q", e.ID, e.Names[0].Full, n.family)
		}
	case entity.KindVessel:
		if e.Vessel == nil || !validIMO(e.Vessel.IMO) {
			t.Errorf("%s: vessel without a valid IMO number: %+v", e.ID, e.Vessel)
		}
	case entity.KindOrganization:
	default:
		t.Errorf("%s: unexpected kind %q", e.ID, e.Kind)
	}
}

// validIMO checks an IMO number's check digit independently of the generator.
func validIMO(s string) bool {
	if len(s) != 7 {
		return false
	}
	sum := 0
	for i := 0; i < 6; i++ {
		sum += int(s[i]-'0') * (7 - i)
	}
	return int(s[6]-'0') == sum%10
}

func TestGenerate_PartsComeFromSeed(t *testing.T) {
	seed := realSeed(t)
	// Every word of the seed's person names, folded to lower case.
	words := map[string]bool{}
	for _, e := range seed {
		if e.Kind != entity.KindPerson {
			continue
		}
		for _, n := range e.Names {
			for _, w := range strings.FieldsFunc(strings.ToLower(n.Full), func(r rune) bool { return r == ' ' || r == ',' || r == '-' }) {
				words[w] = true
			}
		}
	}
	recs := mustGenerate(t, seed, 5000, newRand(5))
	for _, e := range recs {
		if e.Kind != entity.KindPerson {
			continue
		}
		n := partsOf(e.Names[0])
		for _, w := range strings.FieldsFunc(strings.ToLower(n.given+" "+n.family), func(r rune) bool { return r == ' ' || r == '-' }) {
			if !words[w] {
				t.Errorf("%s: %q is in no seed person's name", e.ID, w)
			}
		}
		if _, rest := splitParticle(n.family); heldOut(rest) {
			t.Errorf("%s: held-out family name %q used", e.ID, n.family)
		}
	}
}

func TestNewGenerator_NoUsableNames(t *testing.T) {
	person := func(full string) *entity.Entity {
		return &entity.Entity{Kind: entity.KindPerson, Names: []entity.Name{{Full: full, Type: entity.NamePrimary}}}
	}
	tests := []struct {
		name string
		seed []*entity.Entity
	}{
		{"nil", nil},
		{"nil records", []*entity.Entity{nil, nil}},
		{"aircraft only", []*entity.Entity{{Kind: entity.KindAircraft, Names: []entity.Name{{Full: "EP-ABC"}}}}},
		{"single words", []*entity.Entity{person("Madonna"), person("Prince")}},
		{"digits", []*entity.Entity{person("Agent 007"), person("R2 D2")}},
		{"invalid UTF-8", []*entity.Entity{person("\xff\xfe \xc3\x28")}},
		{"other script only", []*entity.Entity{person("Владимир Путин")}},
		{"empty names", []*entity.Entity{person(""), person("   ")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := NewGenerator(tt.seed); !errors.Is(err, ErrEmptySeed) {
				t.Fatalf("NewGenerator: %v, want ErrEmptySeed", err)
			}
			if _, err := Generate(tt.seed, 10, newRand(1)); !errors.Is(err, ErrEmptySeed) {
				t.Fatalf("Generate: %v, want ErrEmptySeed", err)
			}
		})
	}
}

func TestGenerate_Counts(t *testing.T) {
	seed := realSeed(t)
	if recs, err := Generate(seed, 0, newRand(1)); err != nil || len(recs) != 0 {
		t.Errorf("Generate(0) = %d records, %v; want none", len(recs), err)
	}
	if _, err := Generate(seed, -1, newRand(1)); err == nil {
		t.Error("Generate(-1): no error")
	}
	if qs := Noisy(nil, 10, newRand(1)); len(qs) != 0 {
		t.Errorf("Noisy of no records gave %d queries", len(qs))
	}
	if _, err := Run(context.Background(), seed, 0, 10); err == nil {
		t.Error("Run with 0 records: no error")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Run(ctx, seed, 100, 10); !errors.Is(err, context.Canceled) {
		t.Errorf("Run with a cancelled context: %v, want context.Canceled", err)
	}
}

func TestGenerate_SeedTooSmall(t *testing.T) {
	// One given and one family name give exactly one distinct name.
	given, family := notHeld(t, "Ayman"), notHeld(t, "Zawahiri", "Laden", "Petrov", "Smith")
	seed := []*entity.Entity{{Kind: entity.KindPerson, Names: []entity.Name{{Full: given + " " + family, Type: entity.NamePrimary}}}}
	recs := mustGenerate(t, seed, 1, newRand(1))
	if got := recs[0].Names[0].Full; !strings.Contains(got, given) || !strings.Contains(strings.ToLower(got), strings.ToLower(family)) {
		t.Errorf("record name %q, want %s and %s", got, given, family)
	}
	_, err := Generate(seed, 5, newRand(1))
	if err == nil || !strings.Contains(err.Error(), "seed too small") {
		t.Fatalf("Generate(5) from one name: %v, want a seed too small error", err)
	}
}

// notHeld returns the first of words that is not held out.
func notHeld(t *testing.T, words ...string) string {
	t.Helper()
	for _, w := range words {
		if !heldOut(w) {
			return w
		}
	}
	t.Fatalf("all of %v are held out", words)
	return ""
}
