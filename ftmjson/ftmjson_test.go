package ftmjson_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/ftmjson"
	"github.com/vigil-screening/vigil/internal/strictjson"
	"github.com/vigil-screening/vigil/internal/testdata"
	"github.com/vigil-screening/vigil/reader/ftm"
	"github.com/vigil-screening/vigil/source"
)

// Every record of the real UN list, written as FtM and read back by
// Vigil's FtM reader (the one that reads OpenSanctions' exports), keeps
// its kind, names, birth dates, nationalities and documents.
func TestFromEntity_RoundTripUN(t *testing.T) {
	ents := loadUN(t)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	for _, e := range ents {
		if err := enc.Encode(ftmjson.FromEntity(e)); err != nil {
			t.Fatal(err)
		}
	}
	var back []*entity.Entity
	if _, err := ftm.ParseWith(context.Background(), &buf, "un.ftm.json", ftm.Options{List: "un_sc"}, func(e *entity.Entity) error {
		back = append(back, e)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(back) != len(ents) {
		t.Fatalf("read back %d of %d records", len(back), len(ents))
	}
	for i, e := range ents {
		b := back[i]
		if b.ID != "un_sc-"+e.ID {
			t.Fatalf("record %d: id %q, want un_sc-%s", i, b.ID, e.ID)
		}
		if want := e.Kind; want != entity.KindUnknown && b.Kind != want {
			t.Errorf("%s: kind %q, want %q", e.ID, b.Kind, want)
		}
		if got, want := fulls(b.Names), fulls(e.Names); !slices.Equal(got, want) {
			t.Errorf("%s: names %q, want %q", e.ID, got, want)
		}
		if e.Kind == entity.KindPerson && !slices.Equal(b.Nationalities, dedup(e.Nationalities)) {
			t.Errorf("%s: nationalities %v, want %v", e.ID, b.Nationalities, e.Nationalities)
		}
		if e.Kind == entity.KindPerson {
			for _, d := range e.BirthDates {
				plain := entity.Date{Year: d.Year, Month: d.Month, Day: d.Day}
				if !slices.Contains(b.BirthDates, plain) {
					t.Errorf("%s: birth date %v missing from %v", e.ID, plain, b.BirthDates)
				}
			}
		}
		for _, d := range e.Documents {
			if !slices.ContainsFunc(b.Documents, func(x entity.Document) bool { return x.Number == d.Number }) {
				t.Errorf("%s: document %q lost", e.ID, d.Number)
			}
		}
	}
}

func fulls(ns []entity.Name) []string {
	var out []string
	for _, n := range ns {
		out = append(out, n.Full)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func dedup(vs []string) []string {
	var out []string
	for _, v := range vs {
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

func loadUN(t *testing.T) []*entity.Entity {
	t.Helper()
	dir := testdata.Path(t, "lists", "current", "un-2026-02")
	snaps, err := source.LoadDir(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []*entity.Entity
	for _, s := range snaps {
		out = append(out, s.Entities()...)
	}
	if len(out) < 500 {
		t.Fatalf("only %d UN records", len(out))
	}
	return out
}

func TestCandidates(t *testing.T) {
	lists := []string{"un_sc", "my-list", "os_default"}
	got := ftmjson.Candidates("my-list-A-1", lists)
	want := [][2]string{{"my-list", "A-1"}, {"os_default", "my-list-A-1"}}
	if !slices.Equal(got, want) {
		t.Errorf("Candidates = %v, want %v", got, want)
	}
	if got := ftmjson.Candidates("NK-abc", []string{"un_sc"}); got != nil {
		t.Errorf("no os_ list: %v", got)
	}
	for _, c := range [][2]string{{"un_sc", "1"}, {"my-list", "x-y"}, {"os_default", "Q1"}} {
		fid := ftmjson.ID(c[0], c[1])
		if !slices.Contains(ftmjson.Candidates(fid, lists), c) {
			t.Errorf("ID(%v) = %q does not lead back", c, fid)
		}
	}
}

// Examples as yente documents them: properties as arrays or single
// strings, numbers read as text, unknown properties reported, names
// each screened.
func TestExample(t *testing.T) {
	var ex ftmjson.Example
	err := strictjson.Decode(strings.NewReader(`{"schema": "Person", "properties": {
		"name": ["Vladimir Putin", "Владимир Путин"], "alias": "V. V. Putin",
		"birthDate": ["1952-10-07T00:00:00"], "nationality": ["ru"], "gender": ["male"],
		"passportNumber": ["12345", 67890], "address": ["Moscow"], "notes": null}}`), &ex)
	if err != nil {
		t.Fatal(err)
	}
	subs, ignored, err := ex.Subjects("q")
	if err != nil {
		t.Fatal(err)
	}
	if len(subs) != 3 || subs[0].Name != "Vladimir Putin" || subs[2].Name != "V. V. Putin" {
		t.Fatalf("subjects %+v", subs)
	}
	s := subs[1]
	if s.ID != "q" || s.Kind != entity.KindPerson || s.DateOfBirth.String() != "1952-10-07" || s.Nationality != "RU" ||
		s.Gender != entity.GenderMale || len(s.Documents) != 2 || s.Documents[1].Number != "67890" {
		t.Errorf("subject %+v", s)
	}
	if !slices.Equal(ignored, []string{"address"}) {
		t.Errorf("ignored %v", ignored)
	}
	// Name parts alone.
	ex = ftmjson.Example{Schema: "Person", Properties: map[string]ftmjson.Values{"firstName": {"Ayman"}, "lastName": {"Zawahiri"}}}
	if subs, _, err := ex.Subjects("1"); err != nil || subs[0].FirstName != "Ayman" || subs[0].LastName != "Zawahiri" {
		t.Errorf("name parts: %+v %v", subs, err)
	}
	// Errors name the FtM property.
	for body, field := range map[string]string{
		`{"schema": "Person", "properties": {"name": "x", "nationality": ["x\u0001"]}}`: "properties.nationality",
		`{"schema": "Person", "properties": {"name": "x", "gender": "robot"}}`:          "properties.gender",
		`{"schema": "Company", "properties": {"name": "x", "incorporationDate": "xx"}}`: "properties.birthDate",
		`{"schema": "Person", "properties": {}}`:                                        "properties.name",
		`{"schema": "Person", "properties": {"name": {}}}`:                              "properties.name",
		`{"schema": "Sanction", "properties": {"name": "x"}}`:                           "schema",
	} {
		var ex ftmjson.Example
		err := strictjson.Decode(strings.NewReader(body), &ex)
		if err == nil {
			_, _, err = ex.Subjects("1")
		}
		var ae *apperr.Error
		if !errors.As(err, &ae) || ae.Code != apperr.Invalid || ae.Field != field {
			t.Errorf("%s: err %v, want an Invalid error on %s", body, err, field)
		}
	}
}

// The features are the terms of the explanation, by attribute, and add
// up to the score as the explanation does.
func TestFeatures(t *testing.T) {
	ex := vigil.Explanation{NameScore: 0.9,
		Adjustments: []vigil.Adjustment{{Reason: "initials only", Effect: -0.02}},
		Qualifiers: []vigil.Qualifier{{Attribute: "date_of_birth", Effect: 0.05}, {Attribute: "nationality", Effect: -0.1},
			{Attribute: "passport", Effect: 0.02}, {Attribute: "passport", Effect: 0.01}}}
	f := ftmjson.Features(ex)
	want := map[string]float64{"name_score": 0.9, "name_initials_only": -0.02, "date_of_birth": 0.05, "nationality": -0.1, "passport": 0.03}
	for k, v := range want {
		if d := f[k] - v; d > 1e-9 || d < -1e-9 {
			t.Errorf("features[%s] = %v, want %v (all: %v)", k, f[k], v, f)
		}
	}
	if len(f) != len(want) {
		t.Errorf("features %v, want %v", f, want)
	}
}

// Any bytes decode to an example or to an Invalid error, and an example
// gives subjects with a name or an Invalid error: never a panic, never an
// internal error.
func FuzzExample(f *testing.F) {
	for _, s := range []string{
		`{"schema": "Person", "properties": {"name": ["x y"], "birthDate": "1970"}}`,
		`{"schema": "Vessel", "properties": {"name": 5, "imoNumber": [1234567]}}`,
		`{"schema": "Person", "properties": {"firstName": ["a"], "lastName": null}}`,
		`{"schema": "Person", "properties": {"name": [[]]}}`,
		`{"id": 7, "schema": "Company", "properties": {"name": ["\u0000"]}}`,
		`{"schema": "Person", "properties": {"name": ["a"]}, "caption": {}}`,
		`[]`, `{`, `null`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var ex ftmjson.Example
		if err := strictjson.Decode(bytes.NewReader(b), &ex); err != nil {
			if apperr.CodeOf(err) != apperr.Invalid {
				t.Fatalf("decode %q: %v is not Invalid", b, err)
			}
			return
		}
		subs, _, err := ex.Subjects("1")
		if err != nil {
			if apperr.CodeOf(err) != apperr.Invalid {
				t.Fatalf("subjects %q: %v is not Invalid", b, err)
			}
			return
		}
		for _, s := range subs {
			if s.Name == "" && s.FirstName == "" && s.MiddleName == "" && s.LastName == "" {
				t.Fatalf("%q: subject without a name", b)
			}
		}
		if _, err := json.Marshal(ex); err != nil {
			t.Fatal(err)
		}
	})
}
