package snapshot_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/internal/testdata"
	"github.com/vigil-screening/vigil/reader"
	"github.com/vigil-screening/vigil/reader/ftm"
	"github.com/vigil-screening/vigil/reader/senzing"
	"github.com/vigil-screening/vigil/snapshot"
)

func TestDelta_WriteText(t *testing.T) {
	changed := person("100")
	changed.EnsureMore().Programs = []string{"SDGT", "IRGC"}
	changed.EnsureMore().Remarks = strings.Repeat("long remark ", 30)
	old := []*entity.Entity{person("100"), person("9"), person("12")}
	added := person("8")
	added.Names = []entity.Name{{Full: "NEW NAME", Type: entity.NamePrimary}}
	d := snapshot.Diff(old, []*entity.Entity{changed, person("12"), added})

	const head = "3 -> 3 records: 1 added, 1 removed, 1 changed, 1 unchanged\n" +
		"changed fields: programs 1, remarks 1\n" +
		"+ us_ofac_sdn/8 NEW NAME (person)\n" +
		"- us_ofac_sdn/9 ZAWAHIRI, Ayman al- (person)\n" +
		"~ us_ofac_sdn/100 ZAWAHIRI, Ayman al- (person): programs, remarks\n"
	tests := []struct {
		verbose bool
		want    string
	}{
		{false, head},
		{true, head +
			"    programs + IRGC\n" +
			"    remarks - Operational and Military Leader of JIHAD GROUP.\n" +
			"    remarks + " + strings.TrimSpace(strings.Repeat("long remark ", 17))[:200] + "...\n"},
	}
	for _, tt := range tests {
		var b strings.Builder
		if err := d.WriteText(&b, tt.verbose); err != nil {
			t.Fatal(err)
		}
		if b.String() != tt.want {
			t.Errorf("verbose=%v:\n%s\nwant:\n%s", tt.verbose, b.String(), tt.want)
		}
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestDelta_WriteTextError(t *testing.T) {
	d := snapshot.Diff(nil, []*entity.Entity{person("1")})
	if err := d.WriteText(failWriter{}, true); err == nil {
		t.Error("WriteText to a failing writer returned nil")
	}
}

// A real edition compared with itself, read twice, gives no difference;
// dropping and editing records of the second read gives exactly those.
func TestDiff_RealFiles(t *testing.T) {
	read := func(t *testing.T, read func(context.Context, string, reader.Emit) error, path string) []*entity.Entity {
		t.Helper()
		var out []*entity.Entity
		if err := read(context.Background(), path, func(e *entity.Entity) error { out = append(out, e); return nil }); err != nil {
			t.Fatal(err)
		}
		return out
	}
	files := []struct {
		name string
		read func(context.Context, string, reader.Emit) error
		path string
		n    int
	}{
		{"senzing", senzing.Read, testdata.Path(t, "lists", "current", "os-us-congress-2024-03", "us_congress.senzing.jsonl"), 1317},
		{"ftm", ftm.Read, testdata.Path(t, "networks", "sa_wiki_peps.entities.ftm.json"), 607},
	}
	for _, f := range files {
		t.Run(f.name, func(t *testing.T) {
			a, b := read(t, f.read, f.path), read(t, f.read, f.path)
			d := snapshot.Diff(a, b)
			if !d.Empty() || d.Summary().Unchanged != f.n {
				t.Fatalf("self diff: %+v", d.Summary())
			}
			removed := b[0].Key()
			b = b[1:]
			b[0].Names = append(b[0].Names, entity.Name{Full: "Test Alias", Type: entity.NameAlias})
			d = snapshot.Diff(a, b)
			s := d.Summary()
			if s.Removed != 1 || s.Changed != 1 || s.Added != 0 || s.Unchanged != f.n-2 || d.RemovedKeys()[0] != removed {
				t.Errorf("summary %+v, removed %v", s, d.RemovedKeys())
			}
		})
	}
}

func BenchmarkDiff_Congress(b *testing.B) {
	var old, new []*entity.Entity
	path := testdata.Path(b, "lists", "current", "os-us-congress-2024-03", "us_congress.senzing.jsonl")
	for _, dst := range []*[]*entity.Entity{&old, &new} {
		if err := senzing.Read(context.Background(), path, func(e *entity.Entity) error { *dst = append(*dst, e); return nil }); err != nil {
			b.Fatal(err)
		}
	}
	for _, e := range new[:100] {
		e.EnsureMore().Programs = append(e.Programs(), "changed")
	}
	for b.Loop() {
		if d := snapshot.Diff(old, new); len(d.Changed) != 100 {
			b.Fatalf("changed = %d", len(d.Changed))
		}
	}
}
