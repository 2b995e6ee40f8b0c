package source

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vigil-screening/vigil/internal/testdata"
	"github.com/vigil-screening/vigil/snapshot"
)

func loadOneT(t *testing.T, path string) *snapshot.Snapshot {
	t.Helper()
	snaps, err := LoadDir(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if len(snaps) != 1 {
		t.Fatalf("%s: %d editions, want 1", path, len(snaps))
	}
	return snaps[0]
}

// undatedCopy copies the files of an edition folder to a temporary folder
// whose name holds no date, so the copy's edition date is today's (the
// time of the copy): an edition that looks newer than any in force.
func undatedCopy(t *testing.T, dir string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "undated")
	if err := os.CopyFS(dst, os.DirFS(dir)); err != nil {
		t.Fatal(err)
	}
	return dst
}

// A real older edition against a newer one: OFAC SDN of January 2019
// (7,379 records) after the csv-only edition of 2024-05-03 (14,965). Its
// folder dates it 2019-01, so it is refused as older. Copied to a folder
// without a date, it counts as today's, and is a fall of 7,586 records,
// 50.69%.
func TestAccept_RealOlderEdition(t *testing.T) {
	newer := loadOneT(t, testdata.Path(t, "lists", "editions", "ofac-sdn-csv-only", "sdn_2024-05-03.csv"))
	prev := PreviousOf(newer)
	dated := loadOneT(t, testdata.Path(t, "lists", "editions", "ofac-sdn-2019-01"))
	checkErr(t, Accept(prev, dated, DefaultChecks()), "edition date 2019-01 is earlier than the edition in force (2024-05-03)")
	older := loadOneT(t, undatedCopy(t, testdata.Path(t, "lists", "editions", "ofac-sdn-2019-01")))
	tests := []struct {
		name    string
		opts    Checks
		wantErr string
	}{
		{"default limit", DefaultChecks(), "record count fell from 14965 to 7379 (50.7%, limit 10.0%)"},
		{"limit 50%", Checks{MaxDrop: 0.50}, "fell from 14965 to 7379"},
		{"limit 51%", Checks{MaxDrop: 0.51}, ""},
		{"forced", Checks{Force: true}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkErr(t, Accept(prev, older, tt.opts), tt.wantErr)
		})
	}
	// The next day's edition lost 8 records of 14,973: well within 10%.
	before := loadOneT(t, testdata.Path(t, "lists", "editions", "ofac-sdn-csv-only", "sdn_2024-05-02.csv"))
	if err := Accept(PreviousOf(before), newer, DefaultChecks()); err != nil {
		t.Errorf("2024-05-02 -> 2024-05-03: %v", err)
	}
	// And the edition of 2024-05-02 is older than the one of 2024-05-03.
	checkErr(t, Accept(prev, before, DefaultChecks()), "edition date 2024-05-02 is earlier than the edition in force (2024-05-03)")
}

func TestImport_CurrentThenUnchanged(t *testing.T) {
	ctx := context.Background()
	st := &memStore{}
	dir := testdata.Path(t, "lists", "current")
	rep, err := Import(ctx, st, dir, DefaultChecks())
	if err != nil {
		t.Fatal(err)
	}
	if n := rep.Count(Accepted); n != len(currentEditions) || len(rep.Results) != n {
		t.Fatalf("results %+v, want %d accepted", rep.Results, len(currentEditions))
	}
	for _, r := range rep.Results {
		if want := currentEditions[r.Source].records; r.Records != want {
			t.Errorf("%s: %d records, want %d", r.Source, r.Records, want)
		}
	}
	rep, err = Import(ctx, st, dir, DefaultChecks())
	if err != nil {
		t.Fatal(err)
	}
	if n := rep.Count(Unchanged); n != len(currentEditions) {
		t.Errorf("second import: %+v, want all unchanged", rep.Results)
	}
	if len(st.saved) != len(currentEditions) {
		t.Errorf("store holds %d snapshots, want %d", len(st.saved), len(currentEditions))
	}
}

// The six csv-only editions are imported oldest first, each checked
// against the one before: all pass (the counts only grow, but for the
// last day's 8 removals).
func TestImport_Sequence(t *testing.T) {
	st := &memStore{}
	rep, err := Import(context.Background(), st, testdata.Path(t, "lists", "editions", "ofac-sdn-csv-only"), DefaultChecks())
	if err != nil {
		t.Fatal(err)
	}
	if rep.Count(Accepted) != 6 || len(st.saved) != 6 {
		t.Fatalf("results %+v", rep.Results)
	}
	latest, _ := st.InForceSnapshot(context.Background(), "us_ofac_sdn")
	if latest.Edition != "2024-05-03" || latest.Len() != 14965 {
		t.Errorf("in force %s with %d records, want 2024-05-03 with 14965", latest.Edition, latest.Len())
	}
	// Accepted oldest first, so that the last accepted (in force) is the newest.
	for i := 1; i < len(st.saved); i++ {
		if st.saved[i].Edition <= st.saved[i-1].Edition {
			t.Errorf("edition %s accepted after %s", st.saved[i].Edition, st.saved[i-1].Edition)
		}
	}
	// Importing the folder again: the last is unchanged, the others known.
	rep, err = Import(context.Background(), st, testdata.Path(t, "lists", "editions", "ofac-sdn-csv-only"), DefaultChecks())
	if err != nil {
		t.Fatal(err)
	}
	if rep.Count(Known) != 5 || rep.Count(Unchanged) != 1 || len(st.saved) != 6 {
		t.Fatalf("second import: %+v", rep.Results)
	}
	// Importing the 2019 set now is refused: it is older (its folder
	// says 2019-01) and, copied without its date, lost half the records.
	for _, tt := range []struct{ dir, want string }{
		{testdata.Path(t, "lists", "editions", "ofac-sdn-2019-01"), "edition date 2019-01 is earlier than the edition in force (2024-05-03)"},
		{undatedCopy(t, testdata.Path(t, "lists", "editions", "ofac-sdn-2019-01")), "record count fell from 14965 to 7379"},
	} {
		rep, err = Import(context.Background(), st, tt.dir, DefaultChecks())
		if err != nil {
			t.Fatal(err)
		}
		if rep.Count(Rejected) != 1 || len(st.saved) != 6 {
			t.Fatalf("results %+v, want one rejection and nothing saved", rep.Results)
		}
		checkErr(t, errors.New(rep.Results[0].Reason), tt.want)
	}
}

// The truncated CSL file is rejected naming its line, and the edition in
// force stays.
func TestImport_TruncatedKeepsPrevious(t *testing.T) {
	ctx := context.Background()
	st := &memStore{}
	good := testdata.Path(t, "lists", "current", "us-csl-2023-11")
	if _, err := Import(ctx, st, good, DefaultChecks()); err != nil {
		t.Fatal(err)
	}
	rep, err := Import(ctx, st, testdata.Path(t, "bad", "us-csl-2023-11-truncated.csv"), DefaultChecks())
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Results) != 1 || rep.Results[0].Status != Rejected || rep.Results[0].Source != "us_csl" {
		t.Fatalf("results %+v, want one rejected us_csl edition", rep.Results)
	}
	checkErr(t, errors.New(rep.Results[0].Reason), "us-csl-2023-11-truncated.csv:4233")
	latest, _ := st.InForceSnapshot(ctx, "us_csl")
	if len(st.saved) != 1 || latest.Len() != 4225 {
		t.Errorf("store holds %d snapshots, latest with %d records; want the good one only", len(st.saved), latest.Len())
	}
}

func TestImport_StoreFailure(t *testing.T) {
	st := &memStore{failOn: "us_csl", saveErr: errors.New("disk full")}
	_, err := Import(context.Background(), st, testdata.Path(t, "lists", "current", "us-csl-2023-11"), DefaultChecks())
	checkErr(t, err, "import us_csl edition")
	if !errors.Is(err, st.saveErr) {
		t.Errorf("error %v does not wrap the store's error", err)
	}
}

// A store may return the latest snapshot without its records: the count
// then comes from its listing, and the drop check still works.
type metaOnlyStore struct{ memStore }

func (m *metaOnlyStore) InForceSnapshot(ctx context.Context, src string) (*snapshot.Snapshot, error) {
	s, err := m.memStore.InForceSnapshot(ctx, src)
	if s == nil || err != nil {
		return s, err
	}
	bare := *s
	bare.Records = nil
	return &bare, nil
}

func TestImport_LatestWithoutRecords(t *testing.T) {
	ctx := context.Background()
	st := &metaOnlyStore{}
	ed := testdata.Path(t, "lists", "editions")
	if _, err := Import(ctx, st, ed+"/ofac-sdn-csv-only/sdn_2024-05-03.csv", DefaultChecks()); err != nil {
		t.Fatal(err)
	}
	rep, err := Import(ctx, st, undatedCopy(t, ed+"/ofac-sdn-2019-01"), DefaultChecks())
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Results) != 1 || rep.Results[0].Status != Rejected {
		t.Fatalf("results %+v, want the 2019 set rejected", rep.Results)
	}
	checkErr(t, errors.New(rep.Results[0].Reason), "record count fell from 14965 to 7379")

	// With neither records nor a listing, importing fails loudly.
	st = &metaOnlyStore{memStore{saved: []*snapshot.Snapshot{{Source: "us_csl", Hash: "x"}}}}
	_, err = Import(ctx, st, testdata.Path(t, "lists", "current", "us-csl-2023-11"), DefaultChecks())
	checkErr(t, err, "knows no record count")
}

func TestImport_Unrecognised(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("hello\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	rep, err := Import(context.Background(), &memStore{}, dir, DefaultChecks())
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Results) != 0 || len(rep.Unrecognised) != 1 {
		t.Errorf("report %+v, want notes.txt unrecognised", rep)
	}
}

func TestImport_MissingDir(t *testing.T) {
	_, err := Import(context.Background(), &memStore{}, filepath.Join(t.TempDir(), "nope"), DefaultChecks())
	checkErr(t, err, "no such file or directory")
}

// copyEdition copies the named files of a real edition folder into a
// fresh folder without a date in its name (so it counts as today's).
func copyEdition(t *testing.T, src string, names ...string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "copy")
	if err := os.MkdirAll(dst, 0o750); err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		b, err := os.ReadFile(filepath.Join(src, n))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dst, n), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

// An OFAC set that lost a companion file keeps its record count but loses
// names or addresses. The full set of 2021-07 has 11,910 alt.csv rows
// (23,327 - 11,417 names) and 11,440 add.csv rows with an address (13,837
// rows, 2,397 of them all "-0-"), counted with Python's csv module. against the full set of 2021-07 in force, a copy
// without alt.csv and the sdn.csv-only edition of 2021-08-18 are both
// refused, naming what dropped, unless forced.
func TestImport_CompanionFilesDropped(t *testing.T) {
	ctx := context.Background()
	full := testdata.Path(t, "lists", "current", "ofac-sdn-2021-07")
	tests := []struct {
		name  string
		dir   string
		wants []string
	}{
		{"without alt.csv", copyEdition(t, full, "sdn.csv", "add.csv", "sdn_comments.csv"), []string{
			"files alt.csv of the edition in force are missing",
			"name count (aliases included) fell from 23327 to 11417 (51.1%, limit 10.0%)"}},
		{"sdn.csv only", testdata.Path(t, "lists", "editions", "ofac-sdn-csv-only", "sdn_2021-08-18.csv"), []string{
			"files add.csv, alt.csv, sdn_comments.csv of the edition in force are missing",
			"name count (aliases included) fell from 23327 to 11561 (50.4%, limit 10.0%)",
			"address count fell from 11440 to 0 (100.0%, limit 10.0%)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := &memStore{}
			if _, err := Import(ctx, st, full, DefaultChecks()); err != nil || len(st.saved) != 1 {
				t.Fatalf("full set: %v, %d saved", err, len(st.saved))
			}
			rep, err := Import(ctx, st, tt.dir, DefaultChecks())
			if err != nil {
				t.Fatal(err)
			}
			if len(rep.Results) != 1 || rep.Results[0].Status != Rejected || len(st.saved) != 1 {
				t.Fatalf("results %+v, want one rejection and nothing saved", rep.Results)
			}
			for _, w := range tt.wants {
				checkErr(t, errors.New(rep.Results[0].Reason), w)
			}
			rep, err = Import(ctx, st, tt.dir, Checks{MaxDrop: DefaultMaxDrop, Force: true})
			if err != nil || rep.Count(Accepted) != 1 || len(st.saved) != 2 {
				t.Fatalf("forced: %v, results %+v; want it accepted", err, rep.Results)
			}
		})
	}
}

// Canada's list of May 2022 is imported over April 2020: its two records
// without an item number are read under a fallback identity, and the
// import report carries a warning for each, naming the file, line and
// record.
func TestImport_CanadaUnnumbered(t *testing.T) {
	ctx := context.Background()
	st := &memStore{}
	for _, dir := range []string{"ca-sema-2020-04", "ca-sema-2022-05"} {
		base := "editions"
		if dir == "ca-sema-2020-04" {
			base = "current"
		}
		rep, err := Import(ctx, st, testdata.Path(t, "lists", base, dir), DefaultChecks())
		if err != nil {
			t.Fatal(err)
		}
		if len(rep.Results) != 1 || rep.Results[0].Status != Accepted {
			t.Fatalf("%s: %+v", dir, rep.Results)
		}
		res := rep.Results[0]
		if dir == "ca-sema-2020-04" {
			if len(res.Warnings) != 0 {
				t.Errorf("2020-04: warnings %q", res.Warnings)
			}
			continue
		}
		if res.Records != 2606 || res.Edition != "2022-05" || len(res.Warnings) != 2 {
			t.Fatalf("2022-05: %d records, edition %s, warnings %q; want 2606, 2022-05, 2 warnings", res.Records, res.Edition, res.Warnings)
		}
		for i, w := range res.Warnings {
			want := []string{"sema-lmes.xml:1394: record BY.unnumbered.belarusbank: field Item: missing",
				"sema-lmes.xml:1398: record BY.unnumbered.belagroprombank: field Item: missing"}[i]
			if !strings.Contains(w, want) {
				t.Errorf("warning %q, want it to contain %q", w, want)
			}
		}
	}
	if latest, _ := st.InForceSnapshot(ctx, "ca_sema"); latest == nil || latest.Len() != 2606 {
		t.Errorf("the 2022 edition is not in force")
	}
}
