package packed_test

import (
	"context"
	"testing"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/entity/packed"
	"github.com/vigil-screening/vigil/internal/testdata"
	"github.com/vigil-screening/vigil/source"
)

// TestRoundTripSharedLists packs every record of every shared edition
// again. The editions come packed from source (snapshots hold their
// records packed): that reading, packing and decoding gives the readers'
// records byte for byte is source's TestRecordsJSONUnchanged, against
// golden hashes of their JSON written before records were packed.
func TestRoundTripSharedLists(t *testing.T) {
	if testing.Short() {
		t.Skip("reads every shared list edition")
	}
	for _, dir := range []string{"current", "editions"} {
		snaps, err := source.LoadDir(context.Background(), testdata.Path(t, "lists", dir))
		if err != nil {
			t.Fatal(err)
		}
		var all []*entity.Entity
		for _, s := range snaps {
			all = append(all, s.Entities()...)
		}
		if len(all) == 0 {
			t.Fatalf("no records in lists/%s", dir)
		}
		packed.CheckRoundTrip(t, all)
		s := packed.Pack(all)
		t.Logf("lists/%s: %d records in %d bytes (%d a record)", dir, len(all), s.Size(), s.Size()/len(all))
	}
}
