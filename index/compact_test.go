package index_test

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/index"
	"github.com/vigil-screening/vigil/internal/testdata"
	"github.com/vigil-screening/vigil/match"
	"github.com/vigil-screening/vigil/names"
	"github.com/vigil-screening/vigil/source"
)

// TestCompactNamesAreLossless indexes every name of every shared list in
// force and checks that the compact form the index keeps rebuilds, name
// by name, exactly the match.Name that preparing the same tokens with
// the same vocabulary gives: the compact storage changes memory, never
// what is compared, so hits and scores cannot change through it.
func TestCompactNamesAreLossless(t *testing.T) {
	if testing.Short() {
		t.Skip("loads every shared list")
	}
	snaps, err := source.LoadDir(context.Background(), testdata.Path(t, "lists", "current"))
	if err != nil {
		t.Fatal(err)
	}
	type listed struct {
		raw   string
		toks  []names.Token
		roles match.Roles
	}
	var all []listed
	b := index.NewBuilder()
	for _, s := range snaps {
		for _, e := range s.All() {
			kind := names.Person
			if e.Kind != entity.KindPerson {
				kind = names.Organization
			}
			for _, n := range e.Names {
				toks := names.Analyze(n.Full, kind)
				roles := match.Roles{Org: kind == names.Organization}
				all = append(all, listed{raw: n.Full, toks: toks, roles: roles})
				b.Add(index.Entry{Raw: n.Full, Tokens: toks, Owner: int32(len(all) - 1), Roles: roles})
			}
		}
	}
	ix := b.Build()
	if ix.Len() != len(all) {
		t.Fatalf("%d names indexed, %d added", ix.Len(), len(all))
	}
	var got match.Name
	bad := 0
	for i, l := range all {
		want := ix.Vocab().Prepare(l.raw, l.toks, false)
		ix.Vocab().Mark(&want, l.roles)
		ix.Name(int32(i), &got)
		if !sameName(&got, &want) {
			if bad++; bad <= 5 {
				t.Errorf("name %d %q: compact form rebuilds\n%s\nwant\n%s", i, l.raw, dump(&got), dump(&want))
			}
		}
		if ix.Total(int32(i)) != want.Total {
			t.Errorf("name %d %q: total %v, want %v", i, l.raw, ix.Total(int32(i)), want.Total)
		}
	}
	if bad > 0 {
		t.Fatalf("%d of %d names differ", bad, len(all))
	}
	t.Logf("%d names from %d editions rebuilt exactly", len(all), len(snaps))
}

// sameName compares two names field by field, treating nil and empty
// slices alike (the compact store reuses the caller's slices).
func sameName(a, b *match.Name) bool {
	x, y := *a, *b
	for _, n := range []*match.Name{&x, &y} {
		if len(n.Parts) == 0 {
			n.Parts = nil
		}
		if len(n.Joins) == 0 {
			n.Joins = nil
		}
		if len(n.Titles) == 0 {
			n.Titles = nil
		}
	}
	return reflect.DeepEqual(x, y)
}

func dump(n *match.Name) string { return fmt.Sprintf("%+v", *n) }
