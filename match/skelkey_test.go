package match

import (
	"context"
	"testing"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/internal/testdata"
	"github.com/vigil-screening/vigil/names"
	"github.com/vigil-screening/vigil/source"
)

// TestSkeletonKeysDistinct checks that the skeletons a vocabulary of
// the shared lists interns (of every token, and of joined neighbours as
// AddName joins them) have distinct keys: skeletons are interned by
// hash, and two that shared one would share an id.
func TestSkeletonKeysDistinct(t *testing.T) {
	if testing.Short() {
		t.Skip("reads every shared list edition")
	}
	seen := map[uint64]string{}
	check := func(sk string) {
		if other, ok := seen[skelKey(sk)]; ok && other != sk {
			t.Errorf("skeletons %q and %q have the same key", sk, other)
		}
		seen[skelKey(sk)] = sk
	}
	for _, dir := range []string{"current", "editions"} {
		snaps, err := source.LoadDir(context.Background(), testdata.Path(t, "lists", dir))
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range snaps {
			for _, e := range s.Entities {
				kind := names.Any
				switch e.Kind {
				case entity.KindPerson:
					kind = names.Person
				case entity.KindOrganization, entity.KindVessel, entity.KindAircraft:
					kind = names.Organization
				}
				for _, n := range e.Names {
					toks := withoutTitles(names.Analyze(n.Full, kind))
					for i, tk := range toks {
						check(names.Skeleton(tk.Text))
						if i+1 < len(toks) {
							check(names.Skeleton(tk.Text + toks[i+1].Text))
						}
						if i+2 < len(toks) {
							check(names.Skeleton(tk.Text + toks[i+1].Text + toks[i+2].Text))
						}
					}
				}
			}
		}
	}
	if len(seen) < 50_000 {
		t.Fatalf("only %d skeletons: the lists were not read", len(seen))
	}
	t.Logf("%d distinct skeletons, no two with one key", len(seen))
}
