package web_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/audit"
	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/internal/cputime"
	"github.com/vigil-screening/vigil/internal/pgtest"
	"github.com/vigil-screening/vigil/web"
)

// BenchmarkPages measures the server time of each page (the handler,
// from the session lookup to the last byte of HTML, without the network)
// over a database holding VIGIL_WEB_BENCH_SUBJECTS subjects (default
// 1,000,000) and VIGIL_WEB_BENCH_ALERTS alerts (default 100,000), on
// SQLite and, with $VIGIL_TEST_POSTGRES, PostgreSQL. The bulk rows are
// written by SQL (the real list, users and one real alert through the
// service; the rest copies of its hit and record with other subjects,
// lists, scores, states and ages), so that building the database takes
// minutes, not hours; the audit trail does not bind them.
//
//	go test -run '^$' -bench BenchmarkPages -benchtime 20x ./web/
func BenchmarkPages(b *testing.B) {
	nSubjects := envInt("VIGIL_WEB_BENCH_SUBJECTS", 1_000_000)
	nAlerts := envInt("VIGIL_WEB_BENCH_ALERTS", 100_000)
	for _, d := range []string{"sqlite", "postgres"} {
		b.Run(d, func(b *testing.B) {
			dsn := ""
			if d == "postgres" {
				dsn = pgtest.DSN(b, "webbench")
			}
			s := newSite(b, dsn)
			start := time.Now()
			fill(b, s, nSubjects, nAlerts)
			b.Logf("%s: %d subjects and %d alerts written in %s", d, nSubjects, nAlerts, time.Since(start).Round(time.Second))
			if os.Getenv("VIGIL_WEB_BENCH_EXPLAIN") != "" {
				explain(b, s)
			}
			pages, err := web.New(web.Config{Service: s.svc, Now: s.clock.Now})
			if err != nil {
				b.Fatal(err)
			}
			c := s.client()
			c.signIn("ann", password)
			cookie := &http.Cookie{Name: "vigil_session", Value: c.cookies["vigil_session"]}
			// A cursor deep in the queue: the page after 90% of the alerts.
			var deep int64
			if err := s.db.SQL().QueryRow(`SELECT id FROM alerts ORDER BY id LIMIT 1 OFFSET $1`, nAlerts*9/10).Scan(&deep); err != nil {
				b.Fatal(err)
			}
			var scoreCursor float64
			var scoreID int64
			if err := s.db.SQL().QueryRow(`SELECT score, id FROM alerts ORDER BY score DESC, id DESC LIMIT 1 OFFSET $1`, nAlerts/2).Scan(&scoreCursor, &scoreID); err != nil {
				b.Fatal(err)
			}
			mid := fmt.Sprintf("B-%07d", nSubjects/2)
			type page struct{ name, path string }
			all := []page{
				{"dashboard", "/"},
				{"queue", "/alerts"},
				{"queue_open_by_score", "/alerts?status=open&sort=score"},
				{"queue_deep_page", "/alerts?after=" + strconv.FormatInt(deep, 10)},
				{"queue_deep_by_score", "/alerts?sort=score&after=" + strconv.FormatFloat(scoreCursor, 'g', -1, 64) + "_" + strconv.FormatInt(scoreID, 10)},
				{"queue_list_score_age", "/alerts?list=us_ofac_sdn&min_score=0.9&age=7d"},
				{"queue_assignee", "/alerts?assignee=bob"},
				{"alert", "/alerts/1"},
				{"subjects_search", "/subjects?q=" + mid[:7]},
				{"subject", "/subjects/" + mid},
				{"screen_form", "/screen"},
				{"lists", "/lists"},
				// The relationship graph over every subject, built in
				// memory by the warm-up pass (docs/networks.md).
				{"network_subject", "/network?node=subject:" + mid + "&hops=3"},
				{"network_listed", "/network?node=un_sc%2F111923"},
				{"network_clusters", "/network/clusters"},
			}
			// A server that has run a while: every page once before any
			// is timed, so that the first timed page does not pay for
			// reading the tables into the caches.
			for _, pg := range all {
				req := httptest.NewRequest("GET", pg.path, nil)
				req.AddCookie(cookie)
				pages.ServeHTTP(httptest.NewRecorder(), req)
			}
			for _, pg := range all {
				b.Run(pg.name, func(b *testing.B) {
					defer cpuPerOp(b)()
					for b.Loop() {
						req := httptest.NewRequest("GET", pg.path, nil)
						req.AddCookie(cookie)
						w := httptest.NewRecorder()
						pages.ServeHTTP(w, req)
						if w.Code != 200 {
							b.Fatalf("%s: %d %.300s", pg.path, w.Code, w.Body.String())
						}
					}
				})
			}
			// The auditor's and the admin's pages.
			for _, who := range []struct{ user, name, path string }{
				{"carol", "audit", "/audit"},
				{"carol", "audit_by_object", "/audit?object=alert/1"},
				{"dave", "admin", "/admin"},
			} {
				c := s.client()
				c.signIn(who.user, password)
				ck := &http.Cookie{Name: "vigil_session", Value: c.cookies["vigil_session"]}
				b.Run(who.name, func(b *testing.B) {
					defer cpuPerOp(b)()
					for b.Loop() {
						req := httptest.NewRequest("GET", who.path, nil)
						req.AddCookie(ck)
						w := httptest.NewRecorder()
						pages.ServeHTTP(w, req)
						if w.Code != 200 {
							b.Fatalf("%s: %d", who.path, w.Code)
						}
					}
				})
			}
		})
	}
}

// cpuPerOp reports the CPU time this process spent per page (on SQLite
// that is all the work; on PostgreSQL the server's share is not in it),
// a steadier figure than wall time on a shared machine.
func cpuPerOp(b *testing.B) func() {
	start := cputime.Process()
	return func() {
		b.ReportMetric(float64(cputime.Process()-start)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
	}
}

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}

// fill writes the bulk rows: subjects B-0000000..., one real alert
// through the service, and copies of it.
func fill(b *testing.B, s *site, nSubjects, nAlerts int) {
	b.Helper()
	ctx := context.Background()
	ann := principal(b, s, "ann")
	sub, err := vigil.SubjectInput{Name: zawahiri}.Subject("A-1")
	if err != nil {
		b.Fatal(err)
	}
	if _, err := s.svc.RecordScreening(ctx, ann, "A-1", sub, ""); err != nil {
		b.Fatal(err)
	}
	var hit, record, attrs, records string
	var screeningID int64
	if err := s.db.SQL().QueryRow(`SELECT hit, record, subject_attrs, records, screening_id FROM alerts WHERE id = 1`).
		Scan(&hit, &record, &attrs, &records, &screeningID); err != nil {
		b.Fatal(err)
	}
	db := s.db.SQL()
	now := time.Now().UTC()
	rng := rand.New(rand.NewPCG(1, 2))
	names := []string{"Maria", "John", "Ahmed", "Li", "Olga", "Pierre", "Fatima", "Kenji", "Ana", "Ivan"}
	bulk(b, db, s.dsn == "", "subjects", []string{"external_id", "attrs", "fingerprint", "created_at", "updated_at"}, nSubjects, func(i int) []any {
		id := fmt.Sprintf("B-%07d", i)
		sub := vigil.Subject{ID: id, Name: names[i%10] + " Person " + strconv.Itoa(i)}
		a, _ := json.Marshal(sub)
		at := now.Add(-time.Duration(rng.IntN(365*24)) * time.Hour).Format(audit.TimeFormat)
		return []any{id, string(a), fmt.Sprintf("%064x", i), at, at}
	})
	var first int64
	if err := db.QueryRow(`SELECT id FROM subjects WHERE external_id = 'B-0000000'`).Scan(&first); err != nil {
		b.Fatal(err)
	}
	lists := []string{"un_sc", "us_ofac_sdn", "gb_hmt_sanctions", "eu_fsf", "ca_sema"}
	states := []string{"closed", "closed", "closed", "closed", "closed", "closed", "closed", "open", "open", "in_review"}
	assignees := []string{"", "ann", "bob"}
	step := max(nSubjects/nAlerts, 1)
	type row struct {
		subject int64
		list    string
	}
	made := make([]row, 0, nAlerts)
	bulk(b, db, s.dsn == "", "alerts", []string{"subject_id", "list", "source_id", "status", "score", "assignee", "hit", "record", "subject_attrs",
		"screening_id", "created_at", "updated_at", "records"}, nAlerts, func(i int) []any {
		subject := first + int64(i*step%nSubjects)
		list := lists[i%len(lists)]
		made = append(made, row{subject, list})
		st := states[rng.IntN(len(states))]
		if i%50 == 0 {
			st = "escalated"
		}
		as := ""
		if st != "open" {
			as = assignees[1+rng.IntN(2)]
		}
		created := now.Add(-time.Duration(rng.IntN(90*24*60)) * time.Minute)
		return []any{subject, list, strconv.Itoa(100000 + i), st, 0.7 + 0.3*rng.Float64(), as, hit, record, attrs, screeningID,
			created.Format(audit.TimeFormat), created.Add(time.Hour).Format(audit.TimeFormat), ""}
	})
	// Every alert's record, as alert_records holds it (the list filter).
	var firstAlert int64
	if err := db.QueryRow(`SELECT MIN(id) FROM alerts WHERE id > 1`).Scan(&firstAlert); err != nil {
		b.Fatal(err)
	}
	bulk(b, db, s.dsn == "", "alert_records", []string{"alert_id", "subject_id", "list", "source_id", "record"}, nAlerts, func(i int) []any {
		return []any{firstAlert + int64(i), made[i].subject, made[i].list, strconv.Itoa(100000 + i), ""}
	})
	// What autovacuum does after so many inserts on PostgreSQL (statistics
	// and the visibility map that index-only counts need); statistics on
	// SQLite.
	vacuum := "ANALYZE"
	if s.dsn != "" {
		vacuum = "VACUUM ANALYZE alerts, alert_records, subjects, audit_log"
	}
	if _, err := db.Exec(vacuum); err != nil {
		b.Fatal(err)
	}
	_ = auth.RoleAdmin
}

// bulk inserts n rows of cols into table, 500 to a statement, in one
// transaction.
func bulk(b *testing.B, db *sql.DB, sqlite bool, table string, cols []string, n int, row func(i int) []any) {
	b.Helper()
	tx, err := db.Begin()
	if err != nil {
		b.Fatal(err)
	}
	defer tx.Rollback()
	const per = 500
	for start := 0; start < n; start += per {
		k := min(per, n-start)
		var q strings.Builder
		q.WriteString("INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES ")
		args := make([]any, 0, k*len(cols))
		for i := range k {
			if i > 0 {
				q.WriteString(", ")
			}
			q.WriteString("(")
			for j := range cols {
				if j > 0 {
					q.WriteString(", ")
				}
				if sqlite {
					q.WriteString("?") // numbered parameters cost SQLite a lookup each
				} else {
					q.WriteString("$" + strconv.Itoa(len(args)+j+1))
				}
			}
			q.WriteString(")")
			args = append(args, row(start+i)...)
		}
		if _, err := tx.Exec(q.String(), args...); err != nil {
			b.Fatalf("%s: %v", table, err)
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
}

// explain logs the plans of the pages' heaviest queries.
func explain(b *testing.B, s *site) {
	pre := "EXPLAIN ANALYZE "
	if s.dsn == "" {
		pre = "EXPLAIN QUERY PLAN "
	}
	old := time.Now().Add(-7 * 24 * time.Hour).UTC().Format(audit.TimeFormat)
	for _, q := range []string{
		`SELECT status, COUNT(*) FROM alerts GROUP BY status`,
		`SELECT COUNT(*) FROM alerts WHERE status IN ('open', 'in_review', 'escalated') AND created_at < '` + old + `'`,
		`SELECT a.id FROM alerts a JOIN subjects s ON s.id = a.subject_id ORDER BY a.id LIMIT 51`,
		`SELECT a.id FROM alerts a JOIN subjects s ON s.id = a.subject_id WHERE a.status = 'open' ORDER BY a.score DESC, a.id DESC LIMIT 51`,
		`SELECT a.id FROM alerts a JOIN subjects s ON s.id = a.subject_id WHERE (a.score, a.id) < (0.85, 50000) ORDER BY a.score DESC, a.id DESC LIMIT 51`,
	} {
		rows, err := s.db.SQL().Query(pre + q)
		if err != nil {
			b.Fatal(err)
		}
		var plan []string
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			rows.Scan(ptrs...)
			plan = append(plan, fmt.Sprint(vals...))
		}
		rows.Close()
		b.Logf("%s\n  %s", q, strings.Join(plan, "\n  "))
	}
}
