package service_test

import (
	"encoding/json"
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/audit"
	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/internal/pgtest"
	"github.com/vigil-screening/vigil/internal/testdata"
	"github.com/vigil-screening/vigil/service"
	"github.com/vigil-screening/vigil/source"
	"github.com/vigil-screening/vigil/store"
)

// eachClockedStore runs fn on SQLite and PostgreSQL stores whose clock is
// *now, so that editions are accepted on the dates they were published.
func eachClockedStore(t *testing.T, fn func(t *testing.T, db *store.DB, now *atomic.Pointer[time.Time])) {
	run := func(t *testing.T, dsn, dir string) {
		var now atomic.Pointer[time.Time]
		start := time.Date(2024, 11, 30, 12, 0, 0, 0, time.UTC)
		now.Store(&start)
		db, err := store.Open(ctx, dsn, dir, store.WithClock(func() time.Time { return *now.Load() }))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		fn(t, db, &now)
	}
	t.Run("sqlite", func(t *testing.T) { run(t, "", t.TempDir()) })
	t.Run("postgres", func(t *testing.T) { run(t, pgtest.DSN(t, "vigil_asof"), "") })
}

var supervisor = auth.Principal{UserID: 7, Username: "sue", Roles: []auth.Role{auth.RoleSupervisor}}

// The UN list of 2024-11-30, then that of 2026-02-27: Dimitri Herard and
// Kempes Sanon (DATAIDs 6909474, 6909475) were listed on 2025-10-17, in
// between. Screened as of 2024-12 they are clean; today they are hits;
// the report lists them as screened clean under the old edition.
func TestAsOf_RealUNEditions(t *testing.T) {
	eachClockedStore(t, func(t *testing.T, db *store.DB, now *atomic.Pointer[time.Time]) {
		svc := service.New(service.Config{Store: db})
		if _, err := svc.ImportLists(ctx, operator, testdata.Path(t, "lists", "editions", "un-2024-11"), source.Checks{}); err != nil {
			t.Fatal(err)
		}
		if err := svc.LoadStored(ctx); err != nil {
			t.Fatal(err)
		}
		old := inForce(t, db)
		herard := vigil.Subject{Name: "Dimitri Herard", Kind: "person"}
		sanon := vigil.Subject{Name: "Kempes Sanon", Kind: "person"}
		nobody := vigil.Subject{Name: "Marguerite Oyelaran-Fitzwilliam", Kind: "person"}
		recorded := map[string]int64{}
		for id, sub := range map[string]vigil.Subject{"c-herard": herard, "c-sanon": sanon, "c-nobody": nobody} {
			r, err := svc.RecordScreening(ctx, supervisor, id, sub, "")
			if err != nil {
				t.Fatal(err)
			}
			if len(r.Hits) != 0 {
				t.Fatalf("%s screened under the 2024-11 edition: hits %+v, want none", id, r.Hits)
			}
			recorded[id] = r.ScreeningID
		}

		later := time.Date(2026, 2, 27, 12, 0, 0, 0, time.UTC)
		now.Store(&later)
		if _, err := svc.ImportLists(ctx, operator, testdata.Path(t, "lists", "current", "un-2026-02"), source.Checks{}); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Reload(ctx); err != nil {
			t.Fatal(err)
		}
		current := inForce(t, db)
		if old.ID == current.ID {
			t.Fatal("the 2026 edition was not accepted")
		}

		// As of 2024-12-01: the old edition, clean.
		res, err := svc.ScreenAsOf(ctx, supervisor, herard, vigil.Options{}, "2024-12-01", "")
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) != 0 || len(res.Editions) != 1 || res.Editions[0].ID != old.ID || res.AsOf != "2024-12-01" {
			t.Errorf("as of 2024-12-01: %d hits, editions %+v; want none, against the 2024-11 edition %d", len(res.Hits), res.Editions, old.ID)
		}
		// As of the day of the new edition, and now: a hit on 6909474.
		for _, date := range []string{"2026-02-27", time.Now().UTC().Format(time.DateOnly)} {
			res, err = svc.ScreenAsOf(ctx, supervisor, herard, vigil.Options{}, date, "")
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Hits) == 0 || res.Hits[0].SourceID != "6909474" || res.Editions[0].ID != current.ID {
				t.Errorf("as of %s: hits %+v, editions %+v; want 6909474 against edition %d", date, res.Hits, res.Editions, current.ID)
			}
		}
		// The day before the first edition names the earliest date.
		_, err = svc.ScreenAsOf(ctx, supervisor, herard, vigil.Options{}, "2024-11-29", "")
		if e := (*apperr.Error)(nil); !errors.As(err, &e) || e.Code != apperr.Invalid || e.Field != "as_of" || !strings.Contains(e.Message, "2024-11-30") {
			t.Errorf("as of 2024-11-29: %v; want an invalid as_of naming 2024-11-30", err)
		}
		for _, bad := range []string{"2024-13-01", "yesterday", "", "2024-12-01T00:00:00Z", "9999-01-01"} {
			if _, err := svc.ScreenAsOf(ctx, supervisor, herard, vigil.Options{}, bad, ""); apperr.CodeOf(err) != apperr.Invalid {
				t.Errorf("as of %q: %v; want invalid", bad, err)
			}
		}
		if _, err := svc.ScreenAsOf(ctx, auth.Principal{Username: "aud", Roles: []auth.Role{auth.RoleAuditor}}, herard, vigil.Options{}, "2024-12-01", ""); apperr.CodeOf(err) != apperr.Forbidden {
			t.Errorf("auditor screening as of: %v; want forbidden", err)
		}
		// Audited like an ad hoc screening, naming the date.
		entries, err := db.AuditEntries(ctx, store.AuditQuery{Action: audit.ActionScreenAdHoc, Limit: 500})
		if err != nil {
			t.Fatal(err)
		}
		dates := map[string]bool{}
		for _, e := range entries {
			var d struct {
				AsOf string `json:"as_of"`
			}
			_ = json.Unmarshal(e.Details, &d)
			dates[d.AsOf] = true
		}
		if !dates["2024-12-01"] || !dates["2026-02-27"] {
			t.Errorf("ad hoc audit entries name the dates %v; want 2024-12-01 and 2026-02-27", dates)
		}

		// The report: the two listed in between, with both dates, the
		// screening and the edition that first lists them.
		page, err := svc.LateMatches(ctx, supervisor, service.LateMatchQuery{})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]service.LateMatch{}
		for _, m := range page.Matches {
			got[m.SubjectID] = m
		}
		if len(got) != 2 || page.Next != 0 {
			t.Fatalf("late matches %+v, next %d; want c-herard and c-sanon on one page", page.Matches, page.Next)
		}
		for id, want := range map[string]string{"c-herard": "6909474", "c-sanon": "6909475"} {
			m := got[id]
			if m.ScreeningID != recorded[id] || !m.ScreenedAt.Equal(time.Date(2024, 11, 30, 12, 0, 0, 0, time.UTC)) ||
				len(m.ScreenedEditions) != 1 || m.ScreenedEditions[0].ID != old.ID || m.MatchedAsOf != time.Now().UTC().Format(time.DateOnly) {
				t.Errorf("%s: %+v; want screening %d on 2024-11-30 against edition %d", id, m, recorded[id], old.ID)
			}
			if len(m.Hits) == 0 || m.Hits[0].SourceID != want || m.Hits[0].FirstListedIn == nil || m.Hits[0].FirstListedIn.ID != current.ID {
				t.Errorf("%s: hits %+v; want %s first listed in edition %d", id, m.Hits, want, current.ID)
			}
		}
		// Paged one at a time: the same two, then the end.
		p1, err := svc.LateMatches(ctx, supervisor, service.LateMatchQuery{Limit: 1})
		if err != nil || len(p1.Matches) != 1 || p1.Next == 0 {
			t.Fatalf("page 1 = %+v, %v; want one match and a cursor", p1, err)
		}
		p2, err := svc.LateMatches(ctx, supervisor, service.LateMatchQuery{Limit: 1, After: p1.Next})
		if err != nil || len(p2.Matches) != 1 || p2.Matches[0].SubjectID == p1.Matches[0].SubjectID {
			t.Fatalf("page 2 = %+v, %v; want the other match", p2, err)
		}
		if p3, err := svc.LateMatches(ctx, supervisor, service.LateMatchQuery{Limit: 1, After: p2.Next}); p2.Next != 0 && (err != nil || len(p3.Matches) != 0) {
			t.Errorf("page 3 = %+v, %v; want nothing more", p3, err)
		}
		// As of 2024-12-01 nothing matches yet; screenings since 2025 there are none.
		for _, q := range []service.LateMatchQuery{{AsOf: "2024-12-01"}, {Since: "2025-01-01"}} {
			if p, err := svc.LateMatches(ctx, supervisor, q); err != nil || len(p.Matches) != 0 {
				t.Errorf("late matches %+v = %+v, %v; want none", q, p, err)
			}
		}
		if _, err := svc.LateMatches(ctx, auth.Principal{Username: "ann", Roles: []auth.Role{auth.RoleAnalyst}}, service.LateMatchQuery{}); apperr.CodeOf(err) != apperr.Forbidden {
			t.Errorf("analyst running the report: %v; want forbidden", err)
		}
		if _, err := svc.LateMatches(ctx, supervisor, service.LateMatchQuery{Since: "last week"}); apperr.CodeOf(err) != apperr.Invalid {
			t.Errorf("since \"last week\": %v; want invalid", err)
		}
	})
}
