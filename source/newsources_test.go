package source

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vigil-screening/vigil/internal/testdata"
	"github.com/vigil-screening/vigil/snapshot"
)

// sample reads a test file written from a publisher's format description
// (the readers' testdata).
func sample(t *testing.T, pkg, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "reader", pkg, "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// The UK Sanctions List (CSV and XML) and the EU list are recognised by
// content under any name, and dated by what the files state.
func TestLoad_NewSources(t *testing.T) {
	dir := writeFiles(t, map[string][]byte{
		"fcdo-csv/list.csv":    sample(t, "fcdo", "UK-Sanctions-List-sample.csv"),
		"fcdo-xml/list.xml":    sample(t, "fcdo", "UK-Sanctions-List-sample.xml"),
		"eu/export.xml":        sample(t, "eu", "eu-fsf-sample.xml"),
		"eu/README.txt":        []byte("EU list downloaded by hand\n"),
		"fcdo-xml/notes.md":    []byte("# notes\n"),
		"fcdo-csv/.hidden.csv": []byte("x"),
	})
	l, err := Load(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Failed) != 0 || len(l.Editions) != 3 {
		t.Fatalf("failed %v, %d editions; want 3", l.Failed, len(l.Editions))
	}
	var got []string
	for _, ed := range l.Editions {
		s := ed.Snapshot
		got = append(got, s.Source+" "+s.Format+" "+s.Edition+" "+strings.Repeat("r", s.Len()))
	}
	want := "eu_fsf eu_xml 2026-02-20 rrr|gb_fcdo_sanctions fcdo 2025-04-14 rrr|gb_fcdo_sanctions fcdo 2025-04-14 rrr"
	if strings.Join(got, "|") != want {
		t.Errorf("editions %q, want %q", strings.Join(got, "|"), want)
	}
}

// The real EU file, cut short, is recognised as the EU list and refused
// as an edition, the error naming the file and line where it was cut.
func TestLoad_EUTruncated(t *testing.T) {
	path := testdata.Path(t, "bad", "eu-fsf-2022-03-18-truncated.xml")
	l, err := Load(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Editions) != 0 || len(l.Failed) != 1 || l.Failed[0].Source != "eu_fsf" {
		t.Fatalf("editions %d, failed %v; want one failed eu_fsf edition", len(l.Editions), l.Failed)
	}
	checkErr(t, l.Failed[0], "eu-fsf-2022-03-18-truncated.xml:28198: record 6974: unexpected EOF inside <birthdate>: the file is cut short")
}

// A new edition of the UK Sanctions List goes through the same checks
// and diff as any list: one designation of three removed is a drop of a
// third, refused unless forced; forced, the diff names it.
func TestImport_FCDOEditions(t *testing.T) {
	ctx := context.Background()
	st := &memStore{}
	csv := sample(t, "fcdo", "UK-Sanctions-List-sample.csv")
	first := writeFiles(t, map[string][]byte{"UK-Sanctions-List.csv": csv})
	if rep, err := Import(ctx, st, first, DefaultChecks()); err != nil || rep.Count(Accepted) != 1 {
		t.Fatalf("first import: %+v, %v", rep.Results, err)
	}
	var kept []string
	for _, line := range strings.SplitAfter(string(csv), "\n") {
		if !strings.Contains(line, "RUS9003") {
			kept = append(kept, line)
		}
	}
	next := strings.Replace(strings.Join(kept, ""), "Report Date: 14-Apr-2025", "Report Date: 15-Apr-2025", 1)
	second := writeFiles(t, map[string][]byte{"UK-Sanctions-List.csv": []byte(next)})
	rep, err := Import(ctx, st, second, DefaultChecks())
	if err != nil || rep.Count(Rejected) != 1 || !strings.Contains(rep.Results[0].Reason, "record count fell from 3 to 2") {
		t.Fatalf("second import: %+v, %v; want a rejection for the drop", rep.Results, err)
	}
	rep, err = Import(ctx, st, second, Checks{MaxDrop: DefaultMaxDrop, Force: true})
	if err != nil || rep.Count(Accepted) != 1 {
		t.Fatalf("forced: %+v, %v", rep.Results, err)
	}
	d := snapshot.Diff(st.saved[0].Entities(), st.saved[1].Entities())
	if s := d.Summary(); s.Removed != 1 || s.Added != 0 || s.Changed != 0 || d.RemovedKeys()[0] != "gb_fcdo_sanctions/RUS9003" {
		t.Errorf("diff %+v, removed %v; want RUS9003 removed", s, d.RemovedKeys())
	}
}

// OFSI's consolidated list is retired: it is listed as such, not fetched
// by default, and refused when asked for.
func TestSources_Retired(t *testing.T) {
	ofsi, ok := Lookup("gb_hmt_ofsi")
	if !ok || ofsi.Retired != "2026-01-28" || ofsi.ReplacedBy != "gb_fcdo_sanctions" {
		t.Fatalf("gb_hmt_ofsi = %+v", ofsi)
	}
	if _, ok := Lookup(ofsi.ReplacedBy); !ok {
		t.Errorf("the replacement %s is not registered", ofsi.ReplacedBy)
	}
	for _, s := range Current() {
		if s.Name == "gb_hmt_ofsi" {
			t.Error("Current() lists the retired source")
		}
	}
	_, err := newTestFetcher().Fetch(context.Background(), t.TempDir(), ofsi)
	checkErr(t, err, "retired on 2026-01-28 (replaced by gb_fcdo_sanctions)")
}
