package screen_test

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/entity/packed"
	"github.com/vigil-screening/vigil/internal/testdata"
	"github.com/vigil-screening/vigil/lab/evalset"
	"github.com/vigil-screening/vigil/screen"
)

// TestPackedEngineSameAnswers checks that an engine over the shared
// lists packed (NewPacked) answers as one over the records themselves
// (New): the same hits and explanations, byte for byte as JSON, for the
// development set's subjects (at a low threshold, all lists and two
// lists), and the same record for every list/id.
func TestPackedEngineSameAnswers(t *testing.T) {
	if testing.Short() {
		t.Skip("indexes the shared lists twice")
	}
	ents := allLists(t)
	plain := realEngine(t)
	pk := screen.NewPacked(packed.Pack(ents), screen.Config{})
	ctx := context.Background()

	for _, e := range ents {
		a, _ := json.Marshal(plain.Entity(e.List, e.ID))
		b, _ := json.Marshal(pk.Entity(e.List, e.ID))
		if !bytes.Equal(a, b) {
			t.Fatalf("record %s differs:\n%s\n%s", e.Key(), a, b)
		}
	}
	if pk.Entity("un_sc", "no such id") != nil || pk.Entity("", "") != nil {
		t.Fatal("a record that is not listed was found")
	}

	hits := 0
	for _, file := range []string{"dev-positives-persons.csv", "dev-positives-orgs.csv", "dev-negatives.csv"} {
		cases, err := evalset.ReadFile(testdata.Path(t, "eval", file))
		if err != nil {
			t.Fatal(err)
		}
		if len(cases) > 1500 {
			cases = cases[:1500]
		}
		for _, c := range cases {
			for _, opts := range []vigil.Options{
				{Threshold: 0.6, Limit: 20},
				{Threshold: 0.6, Limit: 20, Lists: []string{"us_ofac_sdn", "gb_hmt_ofsi"}},
			} {
				a, err1 := plain.Screen(ctx, c.Subject, opts)
				b, err2 := pk.Screen(ctx, c.Subject, opts)
				if err1 != nil || err2 != nil {
					t.Fatalf("%s: %v, %v", c.Subject.ID, err1, err2)
				}
				ja, _ := json.Marshal(a)
				jb, _ := json.Marshal(b)
				if !bytes.Equal(ja, jb) {
					t.Fatalf("%s %v: answers differ:\n%s\n%s", c.Subject.ID, opts.Lists, ja, jb)
				}
				hits += len(a)
			}
		}
	}
	if hits < 1000 {
		t.Fatalf("only %d hits compared", hits)
	}
	t.Logf("%d records and %d hits the same", len(ents), hits)
}
