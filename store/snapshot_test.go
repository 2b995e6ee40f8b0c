package store_test

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/entity/packed"
	"github.com/vigil-screening/vigil/internal/pgtest"
	"github.com/vigil-screening/vigil/snapshot"
	"github.com/vigil-screening/vigil/store"
)

// synthetic returns n varied records of list.
func synthetic(list string, n int) []*entity.Entity {
	out := make([]*entity.Entity, n)
	for i := range out {
		out[i] = &entity.Entity{
			List: list, ID: fmt.Sprint(10000 + i), Kind: entity.KindPerson,
			Names: []entity.Name{{Full: fmt.Sprintf("PERSON %d, Some", i), Type: entity.NamePrimary},
				{Full: fmt.Sprintf("Alias %d", i), Type: entity.NameAlias}},
			BirthDates:    []entity.Date{entity.MakeDate(1950+i%50, 1+i%12, 1+i%28)},
			Nationalities: []string{"IR", "SY"}[i%2 : i%2+1],
			Documents:     []entity.Document{{Type: entity.DocPassport, Number: fmt.Sprintf("P%07d", i), Country: "IR"}},

			More: &entity.More{Programs: []string{"SDGT"}, Remarks: "DOB 1961; POB Giza, Egypt; nationality Egypt; Passport 1084010 (Egypt)."},
		}
	}
	return out
}

func snap(source, hash string, loaded time.Time, n int) *snapshot.Snapshot {
	return &snapshot.Snapshot{Source: source, Format: "test", Edition: loaded.Format("2006-01-02"), Hash: hash,
		Files: []snapshot.File{{Name: "list.csv", SHA256: hash, Size: 123}}, LoadedAt: loaded, Records: packed.Pack(synthetic(source, n))}
}

func TestSnapshots(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		if s, err := db.InForceSnapshot(ctx, "us_ofac_sdn"); s != nil || err != nil {
			t.Fatalf("empty store: %v, %v; want nil, nil", s, err)
		}
		t1 := time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
		old := snap("us_ofac_sdn", "h1", t1, 3)
		cur := snap("us_ofac_sdn", "h2", t1.Add(24*time.Hour), 5)
		un := snap("un_sc", "h3", t1, 2)
		for _, s := range []*snapshot.Snapshot{old, cur, un, cur} { // cur twice: a no-op
			if err := db.SaveSnapshot(ctx, store.System, s); err != nil {
				t.Fatal(err)
			}
		}
		if old.ID == 0 || cur.ID <= old.ID || un.ID <= cur.ID || !cur.LoadedAt.After(old.LoadedAt) {
			t.Fatalf("saved ids %d %d %d, accepted at %v %v: want growing ids stamped by the store", old.ID, cur.ID, un.ID, old.LoadedAt, cur.LoadedAt)
		}
		got, err := db.InForceSnapshot(ctx, "us_ofac_sdn")
		if err != nil {
			t.Fatal(err)
		}
		if got.Hash != "h2" || got.ID != cur.ID || !got.LoadedAt.Equal(cur.LoadedAt) || !reflect.DeepEqual(got.Entities(), cur.Entities()) || !reflect.DeepEqual(got.Files, cur.Files) {
			t.Fatalf("in force = %+v", got.Meta())
		}
		metas, err := db.ListSnapshots(ctx)
		if err != nil {
			t.Fatal(err)
		}
		want := []snapshot.Meta{un.Meta(), cur.Meta(), old.Meta()}
		if !reflect.DeepEqual(metas, want) {
			t.Fatalf("ListSnapshots = %+v\nwant %+v", metas, want)
		}
		all, err := db.InForceSnapshots(ctx)
		if err != nil || len(all) != 2 || all[0].Source != "un_sc" || all[1].Hash != "h2" {
			t.Fatalf("InForceSnapshots = %v, %v", all, err)
		}
		prev, err := db.PreviousEdition(ctx, cur.ID)
		if err != nil || prev == nil || prev.Hash != "h1" {
			t.Fatalf("PreviousEdition(cur) = %+v, %v; want h1", prev, err)
		}
		if prev, err := db.PreviousEdition(ctx, old.ID); prev != nil || err != nil {
			t.Fatalf("PreviousEdition(first) = %+v, %v; want nil", prev, err)
		}
		// What was in force between the two SDN editions: the old one, and no UN list yet.
		then, err := db.InForceAt(ctx, old.LoadedAt)
		if err != nil || len(then) != 1 || then[0].Hash != "h1" {
			t.Fatalf("InForceAt(old) = %+v, %v; want h1 alone", then, err)
		}
		if n := count(t, db, `SELECT COUNT(*) FROM audit_log WHERE action = 'list.import' AND actor = 'system'`); n != 3 {
			t.Fatalf("%d import audit entries by system, want 3", n)
		}
		if err := db.SaveSnapshot(ctx, store.System, &snapshot.Snapshot{Source: "x"}); err == nil {
			t.Fatal("snapshot without hash accepted")
		}
		// A corrupted blob is an error naming the snapshot, not a panic.
		if _, err := db.SQL().Exec(`UPDATE snapshots SET entities = $1 WHERE hash = 'h3'`, []byte("not gzip")); err != nil {
			t.Fatal(err)
		}
		if _, err := db.InForceSnapshot(ctx, "un_sc"); err == nil {
			t.Fatal("corrupt snapshot loaded")
		}
	})
}

// The edition in force is the one accepted last (the highest id), not
// the one with the latest time: times come from the clocks of the
// processes that imported, and two editions can share one. Earlier
// versions ordered by time, so a process with a slow clock importing a
// new edition left the old one in force.
func TestInForce_OrderOfAcceptance(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		t1 := time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
		first, second := snap("un_sc", "h1", t1, 2), snap("un_sc", "h2", t1, 3)
		for _, s := range []*snapshot.Snapshot{first, second} {
			if err := db.SaveSnapshot(ctx, store.System, s); err != nil {
				t.Fatal(err)
			}
		}
		// The second was accepted by a process whose clock is a day slow.
		if _, err := db.SQL().Exec(`UPDATE snapshots SET loaded_at = '2026-01-01T00:00:00.000000Z' WHERE hash = 'h2'`); err != nil {
			t.Fatal(err)
		}
		got, err := db.InForceSnapshot(ctx, "un_sc")
		if err != nil || got.Hash != "h2" {
			t.Fatalf("in force %v, %v; want h2, accepted last", got.Meta(), err)
		}
		metas, err := db.InForce(ctx)
		if err != nil || len(metas) != 1 || metas[0].Hash != "h2" || metas[0].ID != second.ID {
			t.Fatalf("InForce = %+v, %v; want h2", metas, err)
		}
		// Both at the same time: still the one accepted last.
		if _, err := db.SQL().Exec(`UPDATE snapshots SET loaded_at = '2026-01-01T00:00:00.000000Z'`); err != nil {
			t.Fatal(err)
		}
		if metas, err := db.InForce(ctx); err != nil || len(metas) != 1 || metas[0].Hash != "h2" {
			t.Fatalf("InForce with equal times = %+v, %v; want h2", metas, err)
		}
	})
}

// BenchmarkSnapshot saves and loads a 9,000-record edition.
func BenchmarkSnapshot(b *testing.B) {
	for _, name := range []string{"sqlite", "postgres"} {
		b.Run(name, func(b *testing.B) {
			db := benchDB(b, name)
			s := snap("us_ofac_sdn", "h", time.Now(), 9000)
			b.Run("save", func(b *testing.B) {
				for i := range b.N {
					s.Hash = fmt.Sprint("h", i)
					if err := db.SaveSnapshot(ctx, store.System, s); err != nil {
						b.Fatal(err)
					}
				}
			})
			b.Run("load", func(b *testing.B) {
				for range b.N {
					if _, err := db.InForceSnapshot(ctx, "us_ofac_sdn"); err != nil {
						b.Fatal(err)
					}
				}
			})
		})
	}
}

func benchDB(b *testing.B, dialect string) *store.DB {
	b.Helper()
	if dialect == "sqlite" {
		db, err := store.Open(ctx, "", b.TempDir())
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { db.Close() })
		return db
	}
	db, err := store.Open(ctx, pgtest.DSN(b, "vigil_test"), "")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db
}
