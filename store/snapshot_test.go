package store_test

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/vigil-screening/vigil/entity"
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
			BirthDates:    []entity.Date{{Year: 1950 + i%50, Month: 1 + i%12, Day: 1 + i%28}},
			Nationalities: []string{"IR", "SY"}[i%2 : i%2+1],
			Documents:     []entity.Document{{Type: entity.DocPassport, Number: fmt.Sprintf("P%07d", i), Country: "IR"}},
			Programs:      []string{"SDGT"},
			Remarks:       "DOB 1961; POB Giza, Egypt; nationality Egypt; Passport 1084010 (Egypt).",
		}
	}
	return out
}

func snap(source, hash string, loaded time.Time, n int) *snapshot.Snapshot {
	return &snapshot.Snapshot{Source: source, Format: "test", Edition: loaded.Format("2006-01-02"), Hash: hash,
		Files: []snapshot.File{{Name: "list.csv", SHA256: hash, Size: 123}}, LoadedAt: loaded, Entities: synthetic(source, n)}
}

func TestSnapshots(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		if s, err := db.LatestSnapshot(ctx, "us_ofac_sdn"); s != nil || err != nil {
			t.Fatalf("empty store: %v, %v; want nil, nil", s, err)
		}
		t1 := time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
		old := snap("us_ofac_sdn", "h1", t1, 3)
		cur := snap("us_ofac_sdn", "h2", t1.Add(24*time.Hour), 5)
		un := snap("un_sc", "h3", t1, 2)
		for _, s := range []*snapshot.Snapshot{old, cur, un, cur} { // cur twice: a no-op
			if err := db.SaveSnapshot(ctx, s); err != nil {
				t.Fatal(err)
			}
		}
		got, err := db.LatestSnapshot(ctx, "us_ofac_sdn")
		if err != nil {
			t.Fatal(err)
		}
		if got.Hash != "h2" || !got.LoadedAt.Equal(cur.LoadedAt) || !reflect.DeepEqual(got.Entities, cur.Entities) || !reflect.DeepEqual(got.Files, cur.Files) {
			t.Fatalf("latest = %+v", got.Meta())
		}
		metas, err := db.ListSnapshots(ctx)
		if err != nil {
			t.Fatal(err)
		}
		want := []snapshot.Meta{un.Meta(), cur.Meta(), old.Meta()}
		if !reflect.DeepEqual(metas, want) {
			t.Fatalf("ListSnapshots = %+v\nwant %+v", metas, want)
		}
		all, err := db.LatestSnapshots(ctx)
		if err != nil || len(all) != 2 || all[0].Source != "un_sc" || all[1].Hash != "h2" {
			t.Fatalf("LatestSnapshots = %v, %v", all, err)
		}
		if n := count(t, db, `SELECT COUNT(*) FROM audit_log WHERE action = 'list.import'`); n != 3 {
			t.Fatalf("%d import audit entries, want 3", n)
		}
		if err := db.SaveSnapshot(ctx, &snapshot.Snapshot{Source: "x"}); err == nil {
			t.Fatal("snapshot without hash accepted")
		}
		// A corrupted blob is an error naming the snapshot, not a panic.
		if _, err := db.SQL().Exec(`UPDATE snapshots SET entities = $1 WHERE hash = 'h3'`, []byte("not gzip")); err != nil {
			t.Fatal(err)
		}
		if _, err := db.LatestSnapshot(ctx, "un_sc"); err == nil {
			t.Fatal("corrupt snapshot loaded")
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
					if err := db.SaveSnapshot(ctx, s); err != nil {
						b.Fatal(err)
					}
				}
			})
			b.Run("load", func(b *testing.B) {
				for range b.N {
					if _, err := db.LatestSnapshot(ctx, "us_ofac_sdn"); err != nil {
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
