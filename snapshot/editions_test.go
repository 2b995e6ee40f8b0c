package snapshot_test

import (
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/internal/testdata"
	"github.com/vigil-screening/vigil/reader"
	"github.com/vigil-screening/vigil/reader/ofac"
	"github.com/vigil-screening/vigil/reader/ofsi"
	"github.com/vigil-screening/vigil/reader/sema"
	"github.com/vigil-screening/vigil/reader/un"
	"github.com/vigil-screening/vigil/snapshot"
)

// This file runs snapshot.Diff along the real sequences of list editions
// under shared/data/lists and checks what it finds, step by step. The
// numbers are documented in docs/editions.md; how each was verified
// independently of Vigil is said there too.

// editions reads each real edition at most once per test run.
type editions struct {
	cache map[string][]*entity.Entity
}

// get returns the records of the named edition (see readEdition).
func (ed *editions) get(t *testing.T, name string) []*entity.Entity {
	t.Helper()
	if es, ok := ed.cache[name]; ok {
		return es
	}
	es, err := readEdition(t, name)
	if err != nil {
		t.Fatalf("edition %s: %v", name, err)
	}
	ed.cache[name] = es
	return es
}

// readEdition reads one edition. OFAC editions can be read in several ways
// so that each step compares like with like:
//
//   - "ofac-2021-07-set": sdn.csv, alt.csv and add.csv, without
//     sdn_comments.csv (the older sets have no comments file);
//   - "ofac-2021-07-full": the whole set, with sdn_comments.csv;
//   - "ofac-2021-07-sdn": sdn.csv alone, like the csv-only editions.
func readEdition(t *testing.T, name string) ([]*entity.Entity, error) {
	t.Helper()
	lists := testdata.Path(t, "lists")
	csvOnly := filepath.Join(lists, "editions", "ofac-sdn-csv-only")
	current21 := filepath.Join(lists, "current", "ofac-sdn-2021-07")
	if date, ok := strings.CutPrefix(name, "ofac-csv-"); ok {
		return readAll(ofac.Read, filepath.Join(csvOnly, "sdn_"+date+".csv"))
	}
	switch name {
	case "ofac-2019-01", "ofac-2021-04":
		return readAll(ofac.Read, filepath.Join(lists, "editions", "ofac-sdn-"+strings.TrimPrefix(name, "ofac-")))
	case "ofac-2021-07-set":
		return readSetWithoutComments(current21)
	case "ofac-2021-07-full":
		return readAll(ofac.Read, current21)
	case "ofac-2021-07-sdn":
		return readAll(ofac.Read, filepath.Join(current21, "sdn.csv"))
	case "un-2020-03", "un-2024-11":
		return readAll(un.Read, filepath.Join(lists, "editions", name, "consolidated.xml"))
	case "un-2026-02":
		return readAll(un.Read, filepath.Join(lists, "current", name, "consolidated.xml"))
	case "uk-2018-04":
		return readAll(ofsi.Read, filepath.Join(lists, "editions", "uk-ofsi-2018-04", "sanctionsconlist.csv"))
	case "uk-2023-06":
		return readAll(ofsi.Read, filepath.Join(lists, "editions", "uk-ofsi-2023-06", "ConList.xlsx"))
	case "uk-2025-04":
		return readAll(ofsi.Read, filepath.Join(lists, "current", "uk-ofsi-2025-04", "ConList.xlsx"))
	case "ca-2020-04":
		return readAll(sema.Read, filepath.Join(lists, "current", "ca-sema-2020-04", "sema-lmes.xml"))
	case "ca-2022-05":
		return readAll(sema.Read, filepath.Join(lists, "editions", "ca-sema-2022-05", "sema-lmes.xml"))
	}
	return nil, fmt.Errorf("unknown edition")
}

func readAll(read func(context.Context, string, reader.Emit) error, path string) ([]*entity.Entity, error) {
	var out []*entity.Entity
	err := read(context.Background(), path, func(e *entity.Entity) error {
		out = append(out, e)
		return nil
	})
	return out, err
}

// readSetWithoutComments reads sdn.csv, alt.csv and add.csv of an OFAC set.
func readSetWithoutComments(dir string) ([]*entity.Entity, error) {
	var files [3]ofac.Input
	for i, name := range []string{"sdn.csv", "alt.csv", "add.csv"} {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			return nil, err
		}
		defer f.Close()
		files[i] = ofac.Input{Name: f.Name(), R: f}
	}
	var out []*entity.Entity
	err := ofac.ParseSet(context.Background(), ofac.ListSDN,
		ofac.Files{Primary: files[0], Aliases: files[1], Addresses: files[2]},
		func(e *entity.Entity) error { out = append(out, e); return nil })
	return out, err
}

// stepCounts are the record counts of one step.
type stepCounts struct{ old, new, added, removed, changed int }

// fieldCounts counts, for one field, the changed records that gained a
// value of it and those that lost one (a replaced value counts as both).
type fieldCounts struct{ gained, lost int }

// example is one concrete change a step must contain: the record, the
// field, and values that must be among those removed and added.
type example struct {
	key, field     string
	removed, added []string
}

// editionStep is one step of a sequence, from edition old to edition new.
type editionStep struct {
	old, new string
	want     stepCounts
	// fields is Summary().Fields: changed records per field.
	fields map[string]int
	// headline holds gained/lost counts for the fields people ask about.
	headline map[string]fieldCounts
	// wrapOnly counts changed records whose every field change vanishes
	// once runs of white space are collapsed (text re-wrapped, not edited).
	wrapOnly int
	examples []example
	// removed, when set, is the exact list of removed keys.
	removed []string
	// ignore names fields left out of the comparison (see comparable).
	ignore []string
}

// headlineFields are the fields whose gained/lost counts are checked.
var headlineFields = []string{"names", "birth_dates", "documents", "programs", "addresses"}

func TestEditions(t *testing.T) {
	ed := &editions{cache: map[string][]*entity.Entity{}}
	for _, seq := range editionSequences {
		t.Run(seq.name, func(t *testing.T) {
			for _, st := range seq.steps {
				name, label := st.old+"_to_"+st.new, st.old+" → "+st.new
				if len(st.ignore) > 0 {
					name, label = name+"_shared_fields", label+" (shared fields)"
				}
				t.Run(name, func(t *testing.T) {
					start := time.Now()
					old, new := ed.get(t, st.old), ed.get(t, st.new)
					d := snapshot.Diff(comparable(t, old, st.ignore), comparable(t, new, st.ignore))
					checkStep(t, st, d)
					t.Logf("| %s | %s | %v |", label, tableRow(d), time.Since(start).Round(time.Millisecond))
				})
			}
		})
	}
}

// checkStep compares a step's Delta with what it must be.
func checkStep(t *testing.T, st editionStep, d snapshot.Delta) {
	t.Helper()
	s := d.Summary()
	got := stepCounts{s.Old, s.New, s.Added, s.Removed, s.Changed}
	if got != st.want {
		t.Errorf("counts = %+v, want %+v", got, st.want)
	}
	if !maps.Equal(s.Fields, st.fields) {
		t.Errorf("fields = %#v\nwant %#v", s.Fields, st.fields)
	}
	if h := headlineCounts(d); !maps.Equal(h, st.headline) {
		t.Errorf("headline = %#v\nwant %#v", h, st.headline)
	}
	if n := countWrapOnly(d); n != st.wrapOnly {
		t.Errorf("whitespace-only changes = %d, want %d", n, st.wrapOnly)
	}
	if st.removed != nil && !slices.Equal(d.RemovedKeys(), st.removed) {
		t.Errorf("removed = %v, want %v", d.RemovedKeys(), st.removed)
	}
	for _, ex := range st.examples {
		if err := findExample(d, ex); err != nil {
			t.Errorf("example %s %s: %v", ex.key, ex.field, err)
		}
	}
}

// headlineCounts counts gained and lost values of the headline fields,
// and under "aliases" the records that gained or lost an alias.
func headlineCounts(d snapshot.Delta) map[string]fieldCounts {
	out := map[string]fieldCounts{}
	for _, c := range d.Changed {
		for _, name := range headlineFields {
			f, ok := c.Field(name)
			if !ok {
				continue
			}
			fc := out[name]
			if len(f.Added) > 0 {
				fc.gained++
			}
			if len(f.Removed) > 0 {
				fc.lost++
			}
			out[name] = fc
		}
		if gained, lost := aliasChange(c.Old, c.New); gained || lost {
			fc := out["aliases"]
			fc.gained += b2i(gained)
			fc.lost += b2i(lost)
			out["aliases"] = fc
		}
	}
	return out
}

// aliasChange reports whether n has an alias (any name but the primary
// one) that o lacks, and the reverse; names are compared by text and type.
func aliasChange(o, n *entity.Entity) (gained, lost bool) {
	aliases := func(e *entity.Entity) []string {
		var out []string
		for _, nm := range e.Names {
			if nm.Type != entity.NamePrimary {
				out = append(out, string(nm.Type)+" "+nm.Full)
			}
		}
		return out
	}
	oa, na := aliases(o), aliases(n)
	for _, a := range na {
		gained = gained || !slices.Contains(oa, a)
	}
	for _, a := range oa {
		lost = lost || !slices.Contains(na, a)
	}
	return gained, lost
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// countWrapOnly counts changes that are only white space: each changed
// field has the same values once runs of white space are collapsed.
func countWrapOnly(d snapshot.Delta) int {
	n := 0
	for _, c := range d.Changed {
		if slices.IndexFunc(c.Fields, func(f snapshot.FieldChange) bool {
			return !slices.Equal(collapsed(f.Added), collapsed(f.Removed))
		}) < 0 {
			n++
		}
	}
	return n
}

func collapsed(vs []string) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = strings.Join(strings.Fields(v), " ")
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// findExample reports whether d holds the change ex describes.
func findExample(d snapshot.Delta, ex example) error {
	for _, c := range d.Changed {
		if c.New.Key() != ex.key {
			continue
		}
		f, ok := c.Field(ex.field)
		if !ok {
			return fmt.Errorf("record changed, but not this field: %v", c.Fields)
		}
		for _, v := range ex.removed {
			if !slices.Contains(f.Removed, v) {
				return fmt.Errorf("%q not removed; removed %q", v, f.Removed)
			}
		}
		for _, v := range ex.added {
			if !slices.Contains(f.Added, v) {
				return fmt.Errorf("%q not added; added %q", v, f.Added)
			}
		}
		return nil
	}
	return fmt.Errorf("record not among the changed")
}

// tableRow writes a step as cells of the docs/editions.md table.
func tableRow(d snapshot.Delta) string {
	s := d.Summary()
	return fmt.Sprintf("%d | %d | %d | %d | %d | %s", s.Old, s.New, s.Added, s.Removed, s.Changed, topFields(s.Fields, 4))
}

// topFields names the n fields changed on most records, most first.
func topFields(fields map[string]int, n int) string {
	names := slices.Collect(maps.Keys(fields))
	slices.SortFunc(names, func(a, b string) int {
		if fields[a] != fields[b] {
			return fields[b] - fields[a]
		}
		return strings.Compare(a, b)
	})
	var parts []string
	for _, name := range names[:min(n, len(names))] {
		parts = append(parts, fmt.Sprintf("%s %d", name, fields[name]))
	}
	return strings.Join(parts, ", ")
}

// comparable returns copies of es without the fields one form of a list
// lacks, so two forms can be compared on what both carry. It understands
// "other_ids", "genders", "remarks", "listed_on", "amended_on" and
// "original_script" (names in their own script).
func comparable(t *testing.T, es []*entity.Entity, ignore []string) []*entity.Entity {
	t.Helper()
	if len(ignore) == 0 {
		return es
	}
	out := make([]*entity.Entity, len(es))
	for i, e := range es {
		c := e.Copy()
		for _, f := range ignore {
			switch f {
			case "other_ids":
				c.EnsureMore().OtherIDs = nil
			case "genders":
				c.Genders = nil
			case "remarks":
				c.EnsureMore().Remarks = ""
			case "listed_on":
				c.EnsureMore().ListedOn = nil
			case "amended_on":
				c.EnsureMore().AmendedOn = nil
			case "original_script":
				c.Names = slices.DeleteFunc(slices.Clone(c.Names), func(n entity.Name) bool {
					return n.Type == entity.NameOriginalScript
				})
			default:
				t.Fatalf("comparable: unknown field %q", f)
			}
		}
		out[i] = c
	}
	return out
}

// sequence is one list's editions in order, as steps.
type sequence struct {
	name  string
	steps []editionStep
}

// fc is short for fieldCounts in the table below.
func fc(gained, lost int) fieldCounts { return fieldCounts{gained, lost} }

// editionSequences are the real sequences of editions. Added and removed
// counts were checked against sets of ent_num / DATAID / Group ID read by
// a separate Python script; changed counts against records whose raw rows
// differ (see docs/editions.md, "How the numbers were checked").
var editionSequences = []sequence{
	{"ofac", []editionStep{
		{old: "ofac-2019-01", new: "ofac-2021-04",
			want: stepCounts{7379, 8890, 1712, 201, 839},
			fields: map[string]int{"addresses": 58, "aircraft": 1, "birth_dates": 12, "birth_places": 11, "countries": 25,
				"documents": 33, "genders": 14, "names": 81, "nationalities": 9, "programs": 310, "relations": 44,
				"remarks": 630, "titles": 2, "vessel": 6, "websites": 25},
			headline: map[string]fieldCounts{"aliases": fc(75, 17), "addresses": fc(56, 9), "birth_dates": fc(10, 6), "documents": fc(32, 6),
				"names": fc(80, 36), "programs": fc(291, 33)},
			examples: []example{
				{key: "us_ofac_sdn/2674", field: "programs", removed: []string{"SDT"}, added: []string{"SDGT"}},
				{key: "us_ofac_sdn/906", field: "names", removed: []string{"HAVANA INTERNATIONAL BANK, LTD. [primary]"},
					added: []string{"HAVIN BANK LIMITED [primary]"}},
			}},
		// 2021-07 without sdn_comments.csv: 2021-04 has no comments file.
		{old: "ofac-2021-04", new: "ofac-2021-07-set",
			want: stepCounts{8890, 8976, 150, 64, 11},
			fields: map[string]int{"addresses": 5, "birth_dates": 2, "birth_places": 1, "citizenships": 1, "countries": 3,
				"documents": 3, "genders": 1, "names": 5, "programs": 7, "relations": 2, "remarks": 5, "titles": 1},
			headline: map[string]fieldCounts{"aliases": fc(5, 0), "addresses": fc(5, 2), "birth_dates": fc(2, 0), "documents": fc(3, 0),
				"names": fc(5, 0), "programs": fc(7, 6)},
			examples: []example{
				{key: "us_ofac_sdn/23581", field: "birth_dates", added: []string{"1962-04-14"}},
			}},
		// 2021-07 read as sdn.csv alone, like the csv-only editions.
		{old: "ofac-2021-07-sdn", new: "ofac-csv-2021-08-18",
			want:     stepCounts{8976, 9083, 110, 3, 4},
			fields:   map[string]int{"names": 1, "programs": 1, "relations": 3, "remarks": 4},
			headline: map[string]fieldCounts{"names": fc(1, 1), "programs": fc(1, 0)},
			removed:  []string{"us_ofac_sdn/29892", "us_ofac_sdn/29893", "us_ofac_sdn/29894"},
			examples: []example{
				{key: "us_ofac_sdn/30743", field: "programs", added: []string{"SYRIA"}},
			}},
		{old: "ofac-csv-2021-08-18", new: "ofac-csv-2022-03-31",
			want: stepCounts{9083, 9847, 1153, 389, 138},
			fields: map[string]int{"birth_dates": 23, "birth_places": 26, "citizenships": 3, "crypto": 2, "documents": 22,
				"emails": 2, "genders": 45, "names": 41, "nationalities": 37, "other_ids": 1, "programs": 93,
				"relations": 20, "remarks": 91, "titles": 17, "vessel": 2, "websites": 2},
			headline: map[string]fieldCounts{"aliases": fc(24, 8), "birth_dates": fc(22, 7), "documents": fc(18, 5), "names": fc(41, 29),
				"programs": fc(92, 43)},
			examples: []example{
				{key: "us_ofac_sdn/2677", field: "names",
					removed: []string{"AL-ZUMAR, Abbud [primary, family=AL-ZUMAR given=Abbud]"},
					added:   []string{"AL-ZOMOR, Abboud Abdul Latif Hassan [primary, family=AL-ZOMOR given=Abboud Abdul Latif Hassan]"}},
				{key: "us_ofac_sdn/2677", field: "birth_dates", added: []string{"1947-04-19"}},
			}},
		{old: "ofac-csv-2022-03-31", new: "ofac-csv-2022-12-28",
			want: stepCounts{9847, 11430, 1709, 126, 682},
			fields: map[string]int{"birth_dates": 4, "birth_places": 18, "citizenships": 1, "crypto": 2, "documents": 17,
				"emails": 4, "genders": 19, "names": 22, "nationalities": 27, "programs": 89, "relations": 9,
				"remarks": 638, "titles": 22, "vessel": 1, "websites": 5},
			headline: map[string]fieldCounts{"aliases": fc(4, 2), "birth_dates": fc(3, 4), "documents": fc(17, 6), "names": fc(22, 20),
				"programs": fc(84, 44)},
			examples: []example{
				{key: "us_ofac_sdn/7226", field: "programs", removed: []string{"ILLICIT-DRUGS-EO"}, added: []string{"ILLICIT-DRUGS-EO14059"}},
			}},
		{old: "ofac-csv-2022-12-28", new: "ofac-csv-2023-06-29",
			want: stepCounts{11430, 12631, 1281, 80, 65},
			fields: map[string]int{"birth_dates": 1, "birth_places": 1, "citizenships": 1, "crypto": 1, "documents": 6,
				"emails": 2, "genders": 1, "names": 21, "nationalities": 4, "programs": 14, "relations": 6,
				"remarks": 31, "vessel": 45, "websites": 3},
			headline: map[string]fieldCounts{"aliases": fc(20, 0), "birth_dates": fc(1, 0), "documents": fc(6, 0), "names": fc(21, 10),
				"programs": fc(13, 1)},
			examples: []example{
				{key: "us_ofac_sdn/15038", field: "vessel",
					removed: []string{"IMO 9187667, MMSI 256843000, call sign T2EM4, flag PA, type Crude/Oil Products Tanker, tonnage 99,094, owner "},
					added:   []string{"IMO 9187667, MMSI 256843000, call sign T2EM4, flag IR, type Crude/Oil Products Tanker, tonnage 99,094, owner "}},
			}},
		{old: "ofac-csv-2023-06-29", new: "ofac-csv-2024-05-02",
			want: stepCounts{12631, 14973, 2653, 311, 83},
			fields: map[string]int{"birth_dates": 8, "birth_places": 10, "citizenships": 3, "documents": 30, "emails": 2,
				"genders": 10, "names": 22, "nationalities": 9, "programs": 48, "relations": 29, "remarks": 72,
				"titles": 7, "vessel": 1, "websites": 8},
			headline: map[string]fieldCounts{"aliases": fc(13, 1), "birth_dates": fc(8, 1), "documents": fc(29, 7), "names": fc(22, 13),
				"programs": fc(48, 14)},
			examples: []example{
				{key: "us_ofac_sdn/7489", field: "names",
					removed: []string{"CHIWENGA, Constantine Gureya [primary, family=CHIWENGA given=Constantine Gureya]"},
					added:   []string{"CHIWENGA, Constantino Guveya [primary, family=CHIWENGA given=Constantino Guveya]"}},
			}},
		// Consecutive days: the README's 8 removals, nothing else.
		{old: "ofac-csv-2024-05-02", new: "ofac-csv-2024-05-03",
			want:     stepCounts{14973, 14965, 0, 8, 0},
			headline: map[string]fieldCounts{},
			removed: []string{"us_ofac_sdn/38556", "us_ofac_sdn/38557", "us_ofac_sdn/38558", "us_ofac_sdn/38559",
				"us_ofac_sdn/38560", "us_ofac_sdn/38563", "us_ofac_sdn/38565", "us_ofac_sdn/38566"}},
	}},
	// What a careless comparison of mismatched file sets reports; kept to
	// show why the steps above read the 2021-07 set in two other ways.
	{"ofac-mismatched", []editionStep{
		// sdn_comments.csv completes the remarks of 5 records in 2021-07
		// only: 5 "changes" that are no change of the list.
		{old: "ofac-2021-04", new: "ofac-2021-07-full",
			want: stepCounts{8890, 8976, 150, 64, 16},
			fields: map[string]int{"addresses": 5, "birth_dates": 2, "birth_places": 1, "citizenships": 1, "countries": 3,
				"crypto": 2, "documents": 5, "genders": 1, "names": 7, "phones": 2, "programs": 7, "relations": 6,
				"remarks": 10, "titles": 1},
			headline: map[string]fieldCounts{"aliases": fc(7, 1), "addresses": fc(5, 2), "birth_dates": fc(2, 0), "documents": fc(5, 0),
				"names": fc(7, 1), "programs": fc(7, 6)},
			examples: []example{
				{key: "us_ofac_sdn/28263", field: "remarks"},
			}},
		// A full set against sdn.csv alone: every alias and address "removed".
		{old: "ofac-2021-07-full", new: "ofac-csv-2021-08-18",
			want: stepCounts{8976, 9083, 110, 3, 7523},
			fields: map[string]int{"addresses": 6576, "countries": 6564, "crypto": 2, "documents": 2, "names": 4141,
				"phones": 2, "programs": 1, "relations": 7, "remarks": 9},
			headline: map[string]fieldCounts{"aliases": fc(1, 4140), "addresses": fc(0, 6576), "documents": fc(0, 2), "names": fc(2, 4141),
				"programs": fc(1, 0)},
			examples: []example{
				{key: "us_ofac_sdn/306", field: "names", removed: []string{"NATIONAL BANK OF CUBA [alias]"}},
			}},
	}},
	{"un", []editionStep{
		{old: "un-2020-03", new: "un-2024-11",
			want: stepCounts{1014, 879, 51, 186, 673},
			fields: map[string]int{"addresses": 74, "amended_on": 399, "birth_dates": 107, "birth_places": 90, "countries": 36,
				"documents": 32, "genders": 5, "names": 51, "nationalities": 1, "positions": 18, "remarks": 613, "titles": 2},
			headline: map[string]fieldCounts{"aliases": fc(40, 15), "addresses": fc(67, 43), "birth_dates": fc(15, 102), "documents": fc(29, 11),
				"names": fc(42, 21)},
			// The reader collapses white space in names, places and
			// documents, so re-wrapped values are no change; remarks keep
			// their lines (4 records' remarks differ only in white space,
			// each also with other changes).
			wrapOnly: 0,
			examples: []example{
				// The 2024-11 file gives fewer dates and places of birth for
				// many Taliban (TAi) records; 2026-02 gives them again.
				{key: "un_sc/110579", field: "birth_dates", removed: []string{"1953", "1960"}},
			}},
		{old: "un-2024-11", new: "un-2026-02",
			want: stepCounts{879, 1003, 136, 12, 166},
			fields: map[string]int{"addresses": 3, "amended_on": 23, "birth_dates": 100, "birth_places": 74, "countries": 3,
				"documents": 1, "genders": 1, "names": 6, "remarks": 20},
			headline: map[string]fieldCounts{"aliases": fc(6, 4), "addresses": fc(3, 3), "birth_dates": fc(100, 1), "documents": fc(1, 1),
				"names": fc(6, 4)},
			// The 2024-11 file wraps long names over two lines; the reader
			// collapses the line breaks, so the 23 records that differed
			// only there are no longer changed.
			wrapOnly: 0,
			removed: []string{"un_sc/112038", "un_sc/690781", "un_sc/3020633", "un_sc/6908121", "un_sc/6908396",
				"un_sc/6908416", "un_sc/6909003", "un_sc/6909004", "un_sc/6909005", "un_sc/6909006",
				"un_sc/6909274", "un_sc/6909275"},
			examples: []example{
				{key: "un_sc/110579", field: "birth_dates", added: []string{"1953", "1960"}},
			}},
	}},
	// Canada, April 2020 to May 2022: the lists on Belarus, Nicaragua,
	// China and South Sudan appear, Russia's schedules 2 and 3 are
	// renumbered. Two records of 2022 have no Schedule and Item and are
	// identified by country and name (BY.unnumbered.belarusbank,
	// BY.unnumbered.belagroprombank): they count among the added.
	{"ca", []editionStep{
		{old: "ca-2020-04", new: "ca-2022-05",
			want:   stepCounts{1369, 2606, 1247, 10, 18},
			fields: map[string]int{"birth_dates": 4, "names": 15},
			// Checked with Python on the raw files: 14 records gained
			// Aliases, 2 changed GivenName, 4 gained DateOfBirth.
			headline: map[string]fieldCounts{"aliases": fc(14, 0), "birth_dates": fc(4, 0), "names": fc(15, 2)},
			removed: []string{"ca_sema/RU.1.50", "ca_sema/RU.2.1", "ca_sema/RU.2.2", "ca_sema/RU.2.3", "ca_sema/RU.2.5",
				"ca_sema/RU.2.6", "ca_sema/RU.2.7", "ca_sema/RU.3.3", "ca_sema/RU.3.4", "ca_sema/RU.3.6"},
			examples: []example{
				{key: "ca_sema/MM.1.25", field: "names", added: []string{"Myanmar Imperial Jade Co. Ltd. [alias]"}},
				{key: "ca_sema/RU.1.41", field: "birth_dates", added: []string{"1957-01-03"}},
			}},
	}},
	{"uk", []editionStep{
		// CSV to XLSX, and the move from EU to UK regimes in 2020-2021:
		// every record in both editions differs.
		{old: "uk-2018-04", new: "uk-2023-06",
			want: stepCounts{2106, 3993, 2270, 383, 1723},
			fields: map[string]int{"addresses": 657, "amended_on": 1723, "birth_dates": 117, "birth_places": 451,
				"countries": 412, "documents": 298, "genders": 653, "kind": 15, "listed_on": 1647, "names": 1313,
				"nationalities": 409, "other_ids": 1723, "positions": 627, "programs": 1056, "remarks": 1723,
				"titles": 251, "vessel": 15},
			headline: map[string]fieldCounts{"aliases": fc(1112, 415), "addresses": fc(647, 377), "birth_dates": fc(107, 43), "documents": fc(295, 268),
				"names": fc(1293, 914), "programs": fc(1055, 1055)},
			examples: []example{
				{key: "gb_hmt_ofsi/6894", field: "programs",
					removed: []string{"The ISIL (Da'esh) and Al-Qaida organisations"}, added: []string{"ISIL (Da'esh) and Al-Qaida"}},
			}},
		// The same step on the fields the 2018 CSV also has, and without
		// the amendment date that every record in both editions got anew.
		{old: "uk-2018-04", new: "uk-2023-06",
			ignore: []string{"other_ids", "genders", "remarks", "listed_on", "original_script", "amended_on"},
			want:   stepCounts{2106, 3993, 2270, 383, 1673},
			fields: map[string]int{"addresses": 657, "birth_dates": 117, "birth_places": 451, "countries": 412,
				"documents": 298, "kind": 15, "names": 1188, "nationalities": 409, "positions": 627, "programs": 1056,
				"titles": 251, "vessel": 15},
			headline: map[string]fieldCounts{"aliases": fc(821, 415), "addresses": fc(647, 377), "birth_dates": fc(107, 43), "documents": fc(295, 268),
				"names": fc(1162, 914), "programs": fc(1055, 1055)},
			wrapOnly: 1,
			examples: []example{
				{key: "gb_hmt_ofsi/6894", field: "programs",
					removed: []string{"The ISIL (Da'esh) and Al-Qaida organisations"}, added: []string{"ISIL (Da'esh) and Al-Qaida"}},
			}},
		{old: "uk-2023-06", new: "uk-2025-04",
			want: stepCounts{3993, 4688, 826, 131, 303},
			fields: map[string]int{"addresses": 27, "amended_on": 303, "birth_dates": 17, "birth_places": 11, "countries": 16,
				"documents": 18, "genders": 4, "names": 50, "nationalities": 9, "other_ids": 150, "positions": 66,
				"programs": 150, "remarks": 253, "titles": 5},
			headline: map[string]fieldCounts{"aliases": fc(41, 22), "addresses": fc(27, 14), "birth_dates": fc(16, 10), "documents": fc(17, 10),
				"names": fc(49, 31), "programs": fc(150, 150)},
			examples: []example{
				{key: "gb_hmt_ofsi/11583", field: "programs", removed: []string{"Iran (Human Rights)"}, added: []string{"Iran"}},
				{key: "gb_hmt_ofsi/11583", field: "other_ids",
					removed: []string{"uk_sanctions_list_ref: IHR0027"}, added: []string{"uk_sanctions_list_ref: IRN0026"}},
			}},
	}},
}
