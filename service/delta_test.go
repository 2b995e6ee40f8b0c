package service_test

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vigil-screening/vigil/internal/pgtest"
	"github.com/vigil-screening/vigil/internal/testdata"
	"github.com/vigil-screening/vigil/internal/testpub"
	"github.com/vigil-screening/vigil/service"
	"github.com/vigil-screening/vigil/snapshot"
	"github.com/vigil-screening/vigil/source"
	"github.com/vigil-screening/vigil/store"
)

// deltaPublisher serves OpenSanctions' real delta samples on 127.0.0.1:
// the full export of t1, and an index (written with local addresses)
// listing the versions given, each served from t2 unless replaced.
type deltaPublisher struct {
	t   *testing.T
	pub *testpub.Server
	srv *httptest.Server
}

func newDeltaPublisher(t *testing.T) *deltaPublisher {
	d := &deltaPublisher{t: t, pub: testpub.New()}
	d.srv = httptest.NewServer(d.pub)
	t.Cleanup(d.srv.Close)
	d.pub.Serve("/entities.ftm.json", testdata.Path(t, "opensanctions-delta", "t1", "entities.ftm.json"), time.Date(2024, 5, 27, 14, 0, 0, 0, time.UTC))
	return d
}

// index publishes an index of the versions, each served from file (a
// path under t2 when empty).
func (d *deltaPublisher) index(at time.Time, versions map[string]string) {
	d.t.Helper()
	idx := map[string]map[string]string{"versions": {}}
	for v, file := range versions {
		idx["versions"][v] = d.srv.URL + "/" + v + "/entities.delta.json"
		if file == "" {
			file = testdata.Path(d.t, "opensanctions-delta", "t2", v, "entities.delta.json")
		}
		d.pub.Serve("/"+v+"/entities.delta.json", file, at)
	}
	b, _ := json.Marshal(idx)
	path := filepath.Join(d.t.TempDir(), "delta.json")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		d.t.Fatal(err)
	}
	d.pub.Serve("/delta.json", path, at)
}

func (d *deltaPublisher) source() source.Source {
	return source.Source{Name: "os_sanctions", Delta: &source.Delta{Entities: d.srv.URL + "/entities.ftm.json", Index: d.srv.URL + "/delta.json"}}
}

// tiny are the import checks for these samples of a few entities, where
// one MOD removes a third of the names: the drop checks apply to delta
// editions as to any other (TestRefreshDelta_DropCheck).
var tiny = source.Checks{MaxDrop: 1}

var (
	ctx = context.Background()
	t2  = []string{"20240527134702-zbn", "20240527194702-wnk", "20240528014702-pfh", "20240528074703-npf", "20240528134729-3iv"}
)

func eachStore(t *testing.T, fn func(t *testing.T, db *store.DB)) {
	open := func(t *testing.T, dsn, dir string) *store.DB {
		db, err := store.Open(ctx, dsn, dir)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db
	}
	t.Run("sqlite", func(t *testing.T) { fn(t, open(t, "", t.TempDir())) })
	t.Run("postgres", func(t *testing.T) { fn(t, open(t, pgtest.DSN(t, "vigil_delta"), "")) })
}

// A deployment on OpenSanctions data loads the full export once, then
// follows the delta versions: each becomes an edition through the import
// policy (an empty one changes nothing; one that deletes what an earlier
// one added is in force too), and the version held is stored.
func TestRefreshDelta(t *testing.T) {
	eachStore(t, func(t *testing.T, db *store.DB) {
		pub := newDeltaPublisher(t)
		pub.index(time.Date(2024, 5, 27, 14, 47, 0, 0, time.UTC), map[string]string{t2[0]: testdata.Path(t, "opensanctions-delta", "t1", t2[0], "entities.delta.json")})
		svc := service.New(service.Config{Store: db, Refresh: service.Refresh{Dir: t.TempDir(), Sources: []source.Source{pub.source()}, Fetcher: source.NewFetcher(20 * time.Second), Checks: tiny}})

		a, err := svc.RefreshList(ctx, operator, "os_sanctions")
		if err != nil || a.Status != store.RefreshAccepted || a.Version != t2[0] {
			t.Fatalf("first refresh = %+v, %v; want the full export accepted, holding %s", a, err, t2[0])
		}
		first := inForce(t, db)
		if v, _ := db.SourceVersion(ctx, "os_sanctions"); v != t2[0] {
			t.Errorf("version held %q, want %s", v, t2[0])
		}
		if a, err := svc.RefreshList(ctx, operator, "os_sanctions"); err != nil || a.Status != store.RefreshNotModified {
			t.Errorf("refresh with nothing new = %+v, %v; want not_modified", a, err)
		}

		all := map[string]string{}
		for _, v := range t2 {
			all[v] = ""
		}
		pub.index(time.Date(2024, 5, 28, 14, 47, 0, 0, time.UTC), all)
		full := pub.pub.Requests("/entities.ftm.json")
		a, err = svc.RefreshList(ctx, operator, "os_sanctions")
		if err != nil || a.Status != store.RefreshAccepted || a.Version != t2[4] {
			t.Fatalf("refresh with four new versions = %+v, %v; want accepted, holding %s", a, err, t2[4])
		}
		if pub.pub.Requests("/entities.ftm.json") != full {
			t.Error("the full export was downloaded again")
		}
		eds, err := svc.Editions(ctx, operator)
		if err != nil {
			t.Fatal(err)
		}
		// The full export, then wnk, pfh, npf (back to wnk's entities, a
		// new edition all the same) and 3iv: five editions.
		if len(eds) != 5 {
			t.Errorf("%d editions stored, want 5: %+v", len(eds), eds)
		}
		last := inForce(t, db)
		if last.Records <= first.Records || last.Edition != "2024-05-28" {
			t.Errorf("edition in force %+v after the versions, first was %+v", last, first)
		}
		snap, err := db.InForceSnapshot(ctx, "os_sanctions")
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range snap.All() {
			if e.ID == "NK-500Poltergeist" {
				t.Error("an entity deleted by version npf is still in force")
			}
		}
	})
}

// A version that is missing or damaged stops the refresh at the last
// good version, which stays held and in force; the next refresh goes on
// from there once the version is repaired.
func TestRefreshDelta_BadVersion(t *testing.T) {
	eachStore(t, func(t *testing.T, db *store.DB) {
		pub := newDeltaPublisher(t)
		damaged := filepath.Join(t.TempDir(), "entities.delta.json")
		b, err := os.ReadFile(testdata.Path(t, "opensanctions-delta", "t2", t2[2], "entities.delta.json"))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(damaged, b[:len(b)/2], 0o644)
		at := time.Date(2024, 5, 28, 14, 47, 0, 0, time.UTC)
		pub.index(at, map[string]string{t2[0]: "", t2[1]: ""})
		svc := service.New(service.Config{Store: db, Refresh: service.Refresh{Dir: t.TempDir(), Sources: []source.Source{pub.source()}, Fetcher: source.NewFetcher(20 * time.Second), Checks: tiny}})
		if a, err := svc.RefreshList(ctx, operator, "os_sanctions"); err != nil || a.Version != t2[1] {
			t.Fatalf("first refresh = %+v, %v", a, err)
		}
		before := inForce(t, db)

		pub.index(at.Add(time.Hour), map[string]string{t2[0]: "", t2[1]: "", t2[2]: damaged, t2[3]: ""})
		a, err := svc.RefreshList(ctx, operator, "os_sanctions")
		if err == nil || a.Status != store.RefreshRejected || a.Version != t2[1] ||
			!strings.Contains(a.Error, "stopped at version "+t2[2]+", holding version "+t2[1]) || !strings.Contains(a.Error, "entities.delta.json:1") {
			t.Fatalf("refresh with a damaged version = %+v, %v; want rejected, naming the version, the file and line", a, err)
		}
		if after := inForce(t, db); after.Hash != before.Hash {
			t.Errorf("edition in force changed to %+v after a damaged version", after)
		}
		if v, _ := db.SourceVersion(ctx, "os_sanctions"); v != t2[1] {
			t.Errorf("version held %q, want %s", v, t2[1])
		}

		pub.pub.Fail("/" + t2[2] + "/entities.delta.json")
		a, err = svc.RefreshList(ctx, operator, "os_sanctions")
		if err == nil || a.Status != store.RefreshFailed || a.HTTPStatus != 503 || a.Version != t2[1] {
			t.Fatalf("refresh with a missing version = %+v, %v; want failed with HTTP 503, holding %s", a, err, t2[1])
		}

		pub.index(at.Add(2*time.Hour), map[string]string{t2[0]: "", t2[1]: "", t2[2]: "", t2[3]: ""})
		if a, err := svc.RefreshList(ctx, operator, "os_sanctions"); err != nil || a.Version != t2[3] {
			t.Fatalf("refresh after the repair = %+v, %v; want holding %s", a, err, t2[3])
		}
	})
}

func inForce(t *testing.T, db *store.DB) snapshot.Meta {
	t.Helper()
	ms, err := db.InForce(ctx)
	if err != nil || len(ms) != 1 {
		t.Fatalf("in force: %+v, %v", ms, err)
	}
	return ms[0]
}

// The import's checks apply to delta versions too: with the default
// limit, the MOD of version pfh (a third of the names gone from these
// few entities) is rejected and the refresh holds the version before.
func TestRefreshDelta_DropCheck(t *testing.T) {
	eachStore(t, func(t *testing.T, db *store.DB) {
		pub := newDeltaPublisher(t)
		checks := source.Checks{MaxDrop: source.DefaultMaxDrop}
		svc := service.New(service.Config{Store: db, Refresh: service.Refresh{Dir: t.TempDir(), Sources: []source.Source{pub.source()}, Fetcher: source.NewFetcher(20 * time.Second), Checks: checks}})
		// The full export is taken to hold every version listed when it is
		// fetched: publish only the first, then the others.
		pub.index(time.Date(2024, 5, 27, 14, 47, 0, 0, time.UTC), map[string]string{t2[0]: ""})
		if _, err := svc.RefreshList(ctx, operator, "os_sanctions"); err != nil {
			t.Fatal(err)
		}
		pub.index(time.Date(2024, 5, 28, 14, 47, 0, 0, time.UTC), map[string]string{t2[0]: "", t2[1]: "", t2[2]: ""})
		a, err := svc.RefreshList(ctx, operator, "os_sanctions")
		if err == nil || a.Status != store.RefreshRejected || a.Version != t2[1] || !strings.Contains(a.Error, "name count") {
			t.Fatalf("refresh = %+v, %v; want pfh rejected by the name count, holding %s", a, err, t2[1])
		}
	})
}
