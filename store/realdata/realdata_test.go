package realdata_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/entity/packed"
	"github.com/vigil-screening/vigil/internal/pgtest"
	"github.com/vigil-screening/vigil/internal/testdata"
	"github.com/vigil-screening/vigil/reader/ofac"
	"github.com/vigil-screening/vigil/snapshot"
	"github.com/vigil-screening/vigil/store"
)

// sdnRecords is the number of records in sdn.csv of the July 2021 SDN
// edition, counted with Python's csv module (8,977 rows, the last being
// the file's 0x1A end-of-file byte).
const sdnRecords = 8976

func readSDN(tb testing.TB) *snapshot.Snapshot {
	tb.Helper()
	var es []*entity.Entity
	dir := testdata.Path(tb, "lists", "current", "ofac-sdn-2021-07")
	err := ofac.Read(context.Background(), dir, func(e *entity.Entity) error {
		es = append(es, e)
		return nil
	})
	if err != nil {
		tb.Fatalf("read %s: %v", dir, err)
	}
	return &snapshot.Snapshot{Source: "us_ofac_sdn", Format: "ofac_csv", Edition: "2021-07-01", Hash: "sdn-2021-07",
		LoadedAt: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Records: packed.Pack(es)}
}

func openDBs(tb testing.TB) map[string]*store.DB {
	tb.Helper()
	dbs := map[string]*store.DB{}
	open := func(name, dsn, dir string) {
		db, err := store.Open(context.Background(), dsn, dir)
		if err != nil {
			tb.Fatalf("open %s: %v", name, err)
		}
		tb.Cleanup(func() { db.Close() })
		dbs[name] = db
	}
	open("sqlite", "", tb.TempDir())
	if pgtest.Base() != "" {
		open("postgres", pgtest.DSN(tb, "vigil_realdata"), "")
	} else {
		tb.Log("postgres skipped: VIGIL_TEST_POSTGRES is not set")
	}
	return dbs
}

// TestSaveLoadSDN round-trips the real SDN edition through the store.
func TestSaveLoadSDN(t *testing.T) {
	s := readSDN(t)
	if s.Len() != sdnRecords {
		t.Fatalf("read %d records, want %d", s.Len(), sdnRecords)
	}
	for name, db := range openDBs(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			start := time.Now()
			if err := db.SaveSnapshot(ctx, store.System, s); err != nil {
				t.Fatal(err)
			}
			saved := time.Since(start)
			start = time.Now()
			got, err := db.InForceSnapshot(ctx, "us_ofac_sdn")
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%s: saved %d records in %v, loaded in %v", name, s.Len(), saved, time.Since(start))
			if !reflect.DeepEqual(got.Entities(), s.Entities()) {
				t.Fatal("loaded records differ from saved ones")
			}
		})
	}
}
