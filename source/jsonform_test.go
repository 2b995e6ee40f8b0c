package source

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/internal/testdata"
)

// recordsJSONGolden holds, per shared list edition, the SHA-256 of the
// JSON of its records (one json.Marshal per record, in order, each
// followed by a newline), as computed before entity.Entity was made
// compact (commit 3595e66). Rewrite it with VIGIL_UPDATE_GOLDEN=1 only
// when the JSON form of records is meant to change: snapshots and the
// audit trail store records in this form.
const recordsJSONGolden = "testdata/records_json.sha256"

// TestRecordsJSONUnchanged marshals every record of every shared list
// edition (lists/current and lists/editions) and checks the bytes
// against the golden hashes, and that unmarshalling them and
// marshalling again gives the same bytes.
func TestRecordsJSONUnchanged(t *testing.T) {
	if testing.Short() {
		t.Skip("reads every shared list edition")
	}
	ctx := context.Background()
	var lines []string
	records := 0
	for _, dir := range []string{"current", "editions"} {
		snaps, err := LoadDir(ctx, testdata.Path(t, "lists", dir))
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range snaps {
			h := sha256.New()
			for _, e := range s.All() {
				b, err := json.Marshal(e)
				if err != nil {
					t.Fatalf("%s %s: marshal %s: %v", dir, s.Source, e.Key(), err)
				}
				var back entity.Entity
				if err := json.Unmarshal(b, &back); err != nil {
					t.Fatalf("%s %s: unmarshal %s: %v", dir, s.Source, e.Key(), err)
				}
				if again, _ := json.Marshal(&back); !bytes.Equal(again, b) {
					t.Fatalf("%s %s: record %s does not survive a JSON round trip:\n%s\n%s", dir, s.Source, e.Key(), b, again)
				}
				h.Write(b)
				h.Write([]byte{'\n'})
			}
			records += s.Len()
			lines = append(lines, fmt.Sprintf("%s %s/%s %s %d", hex.EncodeToString(h.Sum(nil)), dir, s.Source, s.Edition, s.Len()))
		}
	}
	slices.Sort(lines)
	got := strings.Join(lines, "\n") + "\n"
	if os.Getenv("VIGIL_UPDATE_GOLDEN") != "" {
		if err := os.WriteFile(recordsJSONGolden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s: %d editions, %d records", recordsJSONGolden, len(lines), records)
		return
	}
	want, err := os.ReadFile(filepath.FromSlash(recordsJSONGolden))
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("the JSON of the records changed (%d records):\ngot\n%swant\n%s", records, got, want)
	}
	t.Logf("%d editions, %d records: JSON unchanged", len(lines), records)
}
