package crosscheck_test

import (
	"context"
	"path/filepath"
	"sync"
	"testing"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/internal/testdata"
	"github.com/vigil-screening/vigil/reader/ftm"
	"github.com/vigil-screening/vigil/source"
)

var (
	loadOnce sync.Once
	loaded   []*entity.Entity
	network  []*entity.Entity
	loadErr  error
)

// realData loads every list in shared/data/lists/current and the
// OpenSanctions network files once per test run.
func realData(tb testing.TB) (lists, networks []*entity.Entity) {
	tb.Helper()
	dir := testdata.Dir(tb)
	loadOnce.Do(func() {
		ctx := context.Background()
		snaps, err := source.LoadDir(ctx, filepath.Join(dir, "lists", "current"))
		if err != nil {
			loadErr = err
			return
		}
		for _, s := range snaps {
			loaded = append(loaded, s.Entities()...)
		}
		for _, f := range []string{"zala_cluster.entities.ftm.json", "sa_wiki_peps.entities.ftm.json"} {
			err := ftm.Read(ctx, filepath.Join(dir, "networks", f), func(e *entity.Entity) error {
				network = append(network, e)
				return nil
			})
			if err != nil {
				loadErr = err
				return
			}
		}
	})
	if loadErr != nil {
		tb.Fatalf("load: %v", loadErr)
	}
	return loaded, network
}
