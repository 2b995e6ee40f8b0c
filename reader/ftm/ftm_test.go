package ftm_test

import (
	"context"
	"maps"
	"slices"
	"testing"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/internal/testdata"
	"github.com/vigil-screening/vigil/reader/ftm"
	"github.com/vigil-screening/vigil/reader/internal/readertest"
)

func readFile(tb testing.TB, path string, opts ftm.Options) (map[string]*entity.Entity, []*entity.Entity, ftm.Stats) {
	tb.Helper()
	byID := make(map[string]*entity.Entity)
	var order []*entity.Entity
	st, err := ftm.ReadWith(context.Background(), path, opts, func(e *entity.Entity) error {
		byID[e.ID] = e
		order = append(order, e)
		return nil
	})
	if err != nil {
		tb.Fatalf("ReadWith: %v", err)
	}
	return byID, order, st
}

func networkPath(tb testing.TB, file string) string {
	tb.Helper()
	return testdata.Path(tb, "networks", file)
}

// Figures verified with python3 json over the raw file: 91 lines; schemata
// Sanction 41, Ownership 14, Company 11, Address 11, Person 6, Family 4,
// Directorship 3, Passport 1; all 2 x (14+3+4) link endpoints are things of
// the file (no dangling link); all 41 Sanction "entity" values are things
// of the file; 27 addressEntity references of which 16 name no Address in
// the file, and the Passport has no number (17 skipped values); first
// datasets: ext_ru_egrul 8, gb_coh_disqualified 5, mc_fund_freezes 4;
// 111 distinct topics + programId values + Sanction programmes.
func TestRead_Zala(t *testing.T) {
	byID, _, st := readFile(t, networkPath(t, "zala_cluster.entities.ftm.json"), ftm.Options{})
	wantSchemata := map[string]int{"Sanction": 41, "Ownership": 14, "Company": 11, "Address": 11, "Person": 6, "Family": 4, "Directorship": 3, "Passport": 1}
	if !maps.Equal(st.Schemata, wantSchemata) {
		t.Errorf("schemata = %v, want %v", st.Schemata, wantSchemata)
	}
	wantLinks := map[entity.RelationType]int{entity.RelOwnership: 14, entity.RelDirectorship: 3, entity.RelFamily: 4}
	if !maps.Equal(st.Links, wantLinks) {
		t.Errorf("links = %v, want %v", st.Links, wantLinks)
	}
	checkInts(t, []intCheck{
		{"entities", st.Entities, 17}, {"emitted", len(byID), 17}, {"relations", st.Relations, 42},
		{"dangling", st.Dangling, 0}, {"incomplete", st.Incomplete, 0}, {"skipped", st.Skipped, 17},
		{"programs", countAll(byID, func(e *entity.Entity) int { return len(e.Programs()) }), 111},
	})
	lists := make(map[string]int)
	for _, e := range byID {
		lists[e.List]++
	}
	wantLists := map[string]int{"os_ext_ru_egrul": 8, "os_gb_coh_disqualified": 5, "os_mc_fund_freezes": 4}
	if !maps.Equal(lists, wantLists) {
		t.Errorf("lists = %v, want %v", lists, wantLists)
	}
}

// Spot checks: names, alias counts, birth dates, relation counts (in and
// out) and sanction data, each counted with python3 on the raw file.
func TestRead_ZalaSpotChecks(t *testing.T) {
	byID, _, _ := readFile(t, networkPath(t, "zala_cluster.entities.ftm.json"), ftm.Options{})
	tests := []spotCheck{
		{id: "NK-2Tbri3s6GgNtAwsSXh4qpL", kind: entity.KindPerson, primary: "OSETROVA, Maria Aleksandrovna", names: 12, aliases: 2, birth: "1988-01-07", gender: entity.GenderFemale, nationality: "RU", rels: 1, out: 1},
		{id: "NK-56Edov9bas9puzaChH5pBy", kind: entity.KindOrganization, primary: `ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ "ИЖТЕЛЕКОМ"`, names: 1, rels: 1, out: 0},
		{id: "NK-DQ98GPMgdVH8DSZd8g9Xtc", kind: entity.KindPerson, primary: "Svetlana Nikolaevna ZAKHAROVA", names: 6, aliases: 2, birth: "1964-03-18", gender: entity.GenderFemale, nationality: "RU", rels: 2, out: 2},
		{id: "NK-JseaPJctnK9o8wrmz8xmoT", kind: entity.KindPerson, primary: "Zakharov Nikita", names: 9, aliases: 3, birth: "1986-10-27", gender: entity.GenderMale, nationality: "RU", rels: 1, out: 1, positions: 2},
		{id: "NK-aU5ybkbRFJucf8YMwsJvDw", kind: entity.KindPerson, primary: "Aleksandr Vyacheslavovich Zakharov", names: 11, aliases: 7, birth: "1965-09-21", gender: entity.GenderMale, nationality: "RU", rels: 16, out: 12, positions: 2, program: "NZ-RSA2022"},
		{id: "NK-abdzbEBkqyT29GyREbiURZ", kind: entity.KindOrganization, primary: `Товариство з обмеженою відповідальністю "ЦСТ"`, names: 24, aliases: 35, rels: 9, out: 0, program: "AU-RUSSIA"},
		{id: "NK-cPks3aTbes8k4aCerfBAzN", kind: entity.KindOrganization, primary: "ZALA AERO JSC", names: 5, aliases: 1, rels: 1, program: "UA-WS-UAVS"},
		{id: "NK-hUAjuiA3vTKXF6v2X6MYnS", kind: entity.KindPerson, primary: "ZAKHAROV, Lavrentii Aleksandrovich", names: 6, aliases: 1, birth: "1999-02-26", gender: entity.GenderMale, nationality: "RU", rels: 1, out: 1},
		{id: "NK-iE6m5ryPeTAMZozfECVSL7", kind: entity.KindOrganization, primary: "AEROSCAN", names: 23, aliases: 16, rels: 1, program: "US-BIS-EL"},
		{id: "NK-mCEmxFfuhfdjpC8gsxH74o", kind: entity.KindPerson, primary: "Abashkin Konstantin", names: 4, aliases: 1, birth: "1986-06-24", rels: 1, out: 1},
		{id: "NK-nR5AXM9AVPq4pQaSPSaVam", kind: entity.KindOrganization, primary: "JSC NPO IZHMASH", names: 30, aliases: 33, rels: 2, out: 2},
		{id: "ru-inn-5920040846", kind: entity.KindOrganization, primary: `ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ "ЦСТ"`, names: 1, rels: 1},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) { tt.check(t, byID[tt.id]) })
	}
}

// Figures verified with python3 json over the raw file: 1,565 lines,
// Person 607, Family 756, Occupancy 102, Position 100; every Family has one
// person and one relative, all in the file; no Occupancy has a "post"
// (they only list holders), so none gives a relation; 22 non-blank birth or
// death dates are not dates ("Unknown", "20th century", "September 23") and
// 5 nationality/country values are not codes ("Ottoman Empire",
// "Worldwide").
func TestRead_SaWikiPeps(t *testing.T) {
	byID, _, st := readFile(t, networkPath(t, "sa_wiki_peps.entities.ftm.json"), ftm.Options{List: "sa_peps"})
	wantSchemata := map[string]int{"Person": 607, "Family": 756, "Occupancy": 102, "Position": 100}
	if !maps.Equal(st.Schemata, wantSchemata) {
		t.Errorf("schemata = %v, want %v", st.Schemata, wantSchemata)
	}
	if want := map[entity.RelationType]int{entity.RelFamily: 756}; !maps.Equal(st.Links, want) {
		t.Errorf("links = %v, want %v", st.Links, want)
	}
	var out, in int
	for _, e := range byID {
		if e.List != "sa_peps" {
			t.Fatalf("%s: list %q, want the Options.List", e.ID, e.List)
		}
		for _, r := range e.Relations() {
			if r.Outgoing {
				out++
			} else {
				in++
			}
		}
	}
	checkInts(t, []intCheck{
		{"entities", len(byID), 607}, {"relations", st.Relations, 1512}, {"outgoing", out, 756}, {"incoming", in, 756},
		{"dangling", st.Dangling, 0}, {"incomplete", st.Incomplete, 102}, {"skipped", st.Skipped, 27},
	})
}

func TestRead_SaWikiPepsSpotChecks(t *testing.T) {
	byID, _, _ := readFile(t, networkPath(t, "sa_wiki_peps.entities.ftm.json"), ftm.Options{})
	tests := []spotCheck{
		{id: "Q1951898", kind: entity.KindPerson, primary: "Mohammed", names: 3, aliases: 4, birth: "1908-01-01", gender: entity.GenderMale, nationality: "SA", rels: 1, deaths: 1},
		{id: "Q367825", kind: entity.KindPerson, primary: "سلمان بن عبد العزيز آل سعود", names: 3, aliases: 37, birth: "1935-12-31", gender: entity.GenderMale, nationality: "SA", rels: 76, out: 61, positions: 7},
		{id: "Q96101379", kind: entity.KindPerson, primary: "Houssem Eddine Bedoui", names: 1},
		{id: "Q120986297", kind: entity.KindPerson, primary: "Muhammad Ali", names: 4, birth: "1928-06-13", gender: entity.GenderMale, nationality: "SY", deaths: 1},
		{id: "Q4854440", kind: entity.KindPerson, primary: "Bandar", names: 3, aliases: 6, birth: "1923", gender: entity.GenderMale, nationality: "SA", rels: 12, positions: 1, deaths: 1},
		{id: "Q6982977", kind: entity.KindPerson, primary: "Nawwaf bin Abdulaziz Al Saud", names: 2, aliases: 5, birth: "1932-08-16", gender: entity.GenderMale, nationality: "SA", rels: 56, out: 46, positions: 3, deaths: 1},
		{id: "Q64681609", kind: entity.KindPerson, primary: "عبد الله الشباط", names: 4, aliases: 1, birth: "1933-01-01", gender: entity.GenderMale, nationality: "SA", positions: 6, deaths: 1},
		{id: "Q115275729", kind: entity.KindPerson, primary: "David Kultgen", names: 3},
		{id: "Q104133840", kind: entity.KindPerson, primary: "Ahmed Alhowimel", names: 1},
		{id: "Q100258287", kind: entity.KindPerson, primary: "صفوان السويكت", names: 3, aliases: 3, gender: entity.GenderMale, nationality: "SA", positions: 1},
		{id: "Q106829332", kind: entity.KindPerson, primary: "Nouf bint Abdulaziz Al Saud", names: 1, aliases: 1, gender: entity.GenderFemale, nationality: "SA", rels: 2, deaths: 1},
		{id: "Q42332440", kind: entity.KindPerson, primary: "وائل الدحدوح", names: 5, aliases: 8, birth: "1970-04-30", gender: entity.GenderMale, nationality: "PS", rels: 1, out: 1, positions: 2},
		{id: "Q6932834", kind: entity.KindPerson, primary: "Mohammed", names: 3, aliases: 7, birth: "1882-01-01", gender: entity.GenderMale, nationality: "SA", rels: 3, positions: 2, deaths: 1},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) { tt.check(t, byID[tt.id]) })
	}
}

type spotCheck struct {
	id, primary                  string
	kind                         entity.Kind
	names, aliases               int
	birth                        string
	gender                       entity.Gender
	nationality                  string
	rels, out, positions, deaths int
	program                      string
}

func (s spotCheck) check(t *testing.T, e *entity.Entity) {
	t.Helper()
	if e == nil {
		t.Fatal("missing")
	}
	if e.Kind != s.kind || e.PrimaryName() != s.primary {
		t.Errorf("kind %q name %q, want %q %q", e.Kind, e.PrimaryName(), s.kind, s.primary)
	}
	primaries, aliases := 0, 0
	for _, n := range e.Names {
		switch n.Type {
		case entity.NamePrimary:
			primaries++
		case entity.NameAlias:
			aliases++
		}
	}
	out := 0
	for _, r := range e.Relations() {
		if r.Outgoing {
			out++
		}
	}
	checkInts(t, []intCheck{{"primary names", primaries, s.names}, {"aliases", aliases, s.aliases},
		{"relations", len(e.Relations()), s.rels}, {"outgoing", out, s.out}, {"positions", len(e.Positions()), s.positions},
		{"death dates", len(e.DeathDates()), s.deaths}})
	if got := firstDate(e.BirthDates); got != s.birth {
		t.Errorf("birth = %q, want %q", got, s.birth)
	}
	if s.gender != "" && !slices.Equal(e.Genders, []entity.Gender{s.gender}) {
		t.Errorf("genders = %v, want %v", e.Genders, s.gender)
	}
	if s.nationality != "" && !slices.Equal(e.Nationalities, []string{s.nationality}) {
		t.Errorf("nationalities = %v, want %v", e.Nationalities, s.nationality)
	}
	if s.program != "" && !slices.Contains(e.Programs(), s.program) {
		t.Errorf("programs = %v, want %s among them", e.Programs(), s.program)
	}
}

func firstDate(ds []entity.Date) string {
	if len(ds) == 0 {
		return ""
	}
	return ds[0].String()
}

type intCheck struct {
	what      string
	got, want int
}

func checkInts(t *testing.T, checks []intCheck) {
	t.Helper()
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %d, want %d", c.what, c.got, c.want)
		}
	}
}

func countAll(m map[string]*entity.Entity, f func(*entity.Entity) int) int {
	n := 0
	for _, e := range m {
		n += f(e)
	}
	return n
}

func BenchmarkRead_SaWikiPeps(b *testing.B) {
	path := networkPath(b, "sa_wiki_peps.entities.ftm.json")
	readertest.BenchRead(b, ftm.Read, path)
}
