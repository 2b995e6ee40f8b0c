package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/audit"
	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/internal/pgtest"
	"github.com/vigil-screening/vigil/review"
)

// The tables a recorded screening writes, with their order.
var recordedTables = map[string]string{
	"subjects": "id", "subject_versions": "id", "screenings": "id", "alerts": "id",
	"alert_records": "alert_id, list, source_id", "fp_memory": "subject_id, list, source_id",
	"audit_log": "seq", "audit_head": "id", "idempotency": "actor, key",
}

// A batch recorded a table at a time (prewrite) writes byte for byte what
// recording its screenings one by one writes, audit entries (and so
// their hashes) included: for new subjects, subjects recorded before with
// the same or other attributes, an open alert the batch merges into, a
// false positive remembered, a subject twice in the batch, an idempotency
// key and an ad hoc screening. And what it wrote is bound by the trail:
// changed behind the store's back, Verify names it.
func TestRecordBatchAsRowByRow(t *testing.T) {
	run := func(t *testing.T, pg bool, dirs [2]string) {
		at := time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)
		var dbs [2]*DB
		for k := range dbs {
			d := ""
			if pg {
				d = pgtest.DSN(t, "vigil_bulk")
			}
			db, err := Open(context.Background(), d, dirs[k], WithClock(func() time.Time { return at }))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { db.Close() })
			dbs[k] = db
		}
		ctx := context.Background()
		sam := auth.Principal{Username: "sam", Roles: []auth.Role{auth.RoleScreener}}
		ana := auth.Principal{Username: "ana", Roles: []auth.Role{auth.RoleAnalyst}}
		zaw, dfat, low := testRecord("us_ofac_sdn", "6366", "AL-ZAWAHIRI, Ayman"), testRecord("au_dfat", "147", "AL-ZAWAHIRI, Ayman"),
			testRecord("un_sc", "QDi.1", "Someone Else")
		before := []Screening{
			testScreening("E-1", "Ayman al Zawahiri", testHit(zaw, 0.95)),
			testScreening("E-2", "Maria Lopez"),
			testScreening("E-3", "Ayman Zawahiri", testHit(dfat, 0.9)),
		}
		batch := []Screening{
			testScreening("N-5", "Ana Silva", testHit(low, 0.5)),
			testScreening("N-1", "Ayman al-Zawahiri", testHit(zaw, 0.92), testHit(low, 0.4)),
			testScreening("E-2", "Maria Lopez Garcia"),                    // attributes changed
			testScreening("E-1", "Ayman al Zawahiri", testHit(zaw, 0.96)), // merges into its open alert
			testScreening("E-3", "Ayman Zawahiri", testHit(dfat, 0.9)),    // remembered as a false positive
			testScreening("N-2", "Peter Meier"),
			testScreening("E-9", "Unchanged Later"),
		}
		for n := range 70 { // more than two SQLite chunks
			batch = append(batch, testScreening(fmt.Sprintf("M-%03d", n), fmt.Sprintf("Person Number %d", n)))
		}
		// Then a batch of screenings that prewrite leaves to recordOne
		// (ids are then assigned in another order) among others.
		keyed := testScreening("K-1", "Keyed Person", testHit(zaw, 0.9))
		keyed.IdempotencyKey = "req-1"
		mixed := []Screening{testScreening("D-1", "Twice Named"), testScreening("P-1", "Ayman Zawahiri", testHit(zaw, 0.9)),
			testScreening("D-1", "Twice Named Again", testHit(zaw, 0.85)), testScreening("", "Ad Hoc", testHit(zaw, 0.9)),
			keyed, testScreening("P-2", "Other Person"), testScreening("E-2", "Maria Lopez")}
		var results [2][]*ScreeningResult
		for k, db := range dbs {
			for _, s := range before {
				if _, err := db.RecordScreenings(ctx, sam, []Screening{s}); err != nil {
					t.Fatal(err)
				}
			}
			var e3 int64
			if err := db.sql.QueryRow(`SELECT a.id FROM alerts a JOIN subjects s ON s.id = a.subject_id WHERE s.external_id = 'E-3'`).Scan(&e3); err != nil {
				t.Fatal(err)
			}
			a, err := db.MoveAlert(ctx, ana, AlertChange{AlertID: e3, Version: 1}, review.StatusInReview)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := db.DecideAlert(ctx, ana, AlertChange{AlertID: e3, Version: a.Version, Reason: "another man"}, review.FalsePositive); err != nil {
				t.Fatal(err)
			}
			if _, err := db.RecordScreenings(ctx, sam, []Screening{testScreening("E-9", "Unchanged Later")}); err != nil {
				t.Fatal(err)
			}
			results[k] = record(t, db, k == 0, sam, batch)
		}
		for i := range batch {
			if fmt.Sprint(*results[0][i]) != fmt.Sprint(*results[1][i]) {
				t.Errorf("screening %d (%s): %+v in one batch, %+v row by row", i, batch[i].SubjectID, *results[0][i], *results[1][i])
			}
		}
		r := results[0]
		if len(r[1].Alerts) != 1 || len(r[3].Existing) != 1 || len(r[4].Suppressed) != 1 {
			t.Fatalf("new N-1, merged E-1, suppressed E-3: %+v, %+v, %+v", *r[1], *r[3], *r[4])
		}
		for table, order := range recordedTables {
			a, b := dump(t, dbs[0], table, order), dump(t, dbs[1], table, order)
			if !slices.Equal(a, b) {
				t.Errorf("%s differs:\none batch:\n%s\nrow by row:\n%s", table, strings.Join(a, "\n"), strings.Join(b, "\n"))
			}
		}
		var mixedResults [2][]*ScreeningResult
		for k, db := range dbs {
			mixedResults[k] = record(t, db, k == 0, sam, mixed)
		}
		for i := range mixed {
			a, b := mixedResults[0][i], mixedResults[1][i]
			if len(a.Alerts) != len(b.Alerts) || len(a.Existing) != len(b.Existing) || len(a.Suppressed) != len(b.Suppressed) || (a.ScreeningID == 0) != (b.ScreeningID == 0) {
				t.Errorf("mixed screening %d (%s): %+v in one batch, %+v row by row", i, mixed[i].SubjectID, *a, *b)
			}
		}
		for table, order := range recordedTables {
			if a, b := len(dump(t, dbs[0], table, order)), len(dump(t, dbs[1], table, order)); a != b {
				t.Errorf("%s: %d rows after the mixed batch, %d row by row", table, a, b)
			}
		}

		// The trail binds what the batch wrote.
		db := dbs[0]
		v, err := db.Verify(ctx, 100)
		if err != nil || v.Finding != nil || !v.State.Consistent {
			t.Fatalf("verify after the batch: %v, %+v, %+v", err, v.Finding, v.State)
		}
		var screening, version int64
		if err := db.sql.QueryRow(`SELECT MAX(s.id), MAX(v.id) FROM screenings s JOIN subject_versions v ON v.subject_id = s.subject_id
			JOIN subjects u ON u.id = s.subject_id WHERE u.external_id = 'M-042'`).Scan(&screening, &version); err != nil {
			t.Fatal(err)
		}
		for _, q := range []string{
			fmt.Sprintf(`UPDATE screenings SET hits = '[{"list":"un_sc"}]' WHERE id = %d`, screening),
			fmt.Sprintf(`UPDATE subject_versions SET attrs = '{"name":"Somebody Else"}' WHERE id = %d`, version),
			`UPDATE subjects SET fingerprint = 'x' WHERE external_id = 'N-2'`,
		} {
			if _, err := db.sql.Exec(q); err != nil {
				t.Fatal(err)
			}
		}
		v, err = db.Verify(ctx, 100)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, d := range v.State.Differences {
			got = append(got, fmt.Sprintf("%s %s/%s %s", d.Problem, d.Table, d.Row, d.Column))
		}
		slices.Sort(got)
		wantDiffs := []string{
			fmt.Sprintf("%s screenings/%d hits", audit.Changed, screening),
			fmt.Sprintf("%s subject_versions/%d attrs", audit.Changed, version),
			fmt.Sprintf("%s subjects/N-2 fingerprint", audit.Changed),
		}
		if !slices.Equal(got, wantDiffs) || v.Finding != nil {
			t.Fatalf("after tampering: %q, chain %+v; want %q and the chain intact", got, v.Finding, wantDiffs)
		}
	}
	t.Run("sqlite", func(t *testing.T) { run(t, false, [2]string{t.TempDir(), t.TempDir()}) })
	t.Run("postgres", func(t *testing.T) {
		run(t, true, [2]string{})
	})
}

// record records a copy of batch in one transaction, with recordJobs
// (bulk) or row by row.
func record(t *testing.T, db *DB, bulk bool, actor auth.Principal, batch []Screening) []*ScreeningResult {
	t.Helper()
	jobs := make([]job, len(batch))
	for i := range batch {
		s := batch[i]
		jobs[i] = job{actor: actor, s: &s}
	}
	record := db.rowByRow
	if bulk {
		record = db.recordJobs
	}
	out, err := record(context.Background(), jobs)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// rowByRow is recordJobs without prewrite: every screening written by
// recordOne alone, as before batches were written a table at a time.
func (db *DB) rowByRow(ctx context.Context, jobs []job) ([]*ScreeningResult, error) {
	order := recordOrder(jobs)
	out := make([]*ScreeningResult, len(jobs))
	err := db.inTx(ctx, func(tx *tx) error {
		for _, i := range order {
			r, err := db.recordOne(ctx, tx, jobs[i].actor, jobs[i].s, nil, nil)
			if err != nil {
				return err
			}
			out[i] = r
		}
		return nil
	})
	return out, err
}

// dump reads every row of a table as text, in order.
func dump(t *testing.T, db *DB, table, order string) []string {
	t.Helper()
	rows, err := db.sql.Query(`SELECT * FROM ` + table + ` ORDER BY ` + order)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for rows.Next() {
		vals := make([]sql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprint(vals))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func testRecord(list, id, name string) *entity.Entity {
	return &entity.Entity{List: list, ID: id, Kind: entity.KindPerson,
		Names: []entity.Name{{Full: name, Type: entity.NamePrimary}}, BirthDates: []entity.Date{{Year: 1961}}}
}

func testHit(e *entity.Entity, score float64) Hit {
	return Hit{Hit: vigil.Hit{Score: score, List: e.List, SourceID: e.ID, Name: e.PrimaryName(), MatchedName: e.PrimaryName()}, Record: e}
}

func testScreening(subjectID, name string, hits ...Hit) Screening {
	return Screening{SubjectID: subjectID, Subject: vigil.Subject{Name: name, DateOfBirth: entity.Date{Year: 1961}},
		Editions: []string{"aaa111", "bbb222"}, Threshold: 0.8, Engine: "test-1", Hits: hits}
}

// TestRecordBatchHostileText: subject ids and names that mean something
// to SQL or to PostgreSQL's array literals (NULL, quotes, braces, commas,
// backslashes) are written as they are by a batch, on both databases.
func TestRecordBatchHostileText(t *testing.T) {
	hostile := []string{`NULL`, `null`, `'); DROP TABLE subjects; --`, `{a,"b"}`, `a,b`, `"`, `\`, `\\N`, ` `, `é\u2028<x>`, `$1`, `?`}
	run := func(t *testing.T, dsn, dir string) {
		ctx := context.Background()
		db, err := Open(ctx, dsn, dir)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		sam := auth.Principal{Username: "sam", Roles: []auth.Role{auth.RoleScreener}}
		batch := make([]Screening, len(hostile))
		for i, h := range hostile {
			batch[i] = testScreening(h, h+" Zawahiri", testHit(testRecord("us_ofac_sdn", h, h), 0.95))
		}
		if _, err := db.RecordScreenings(ctx, sam, batch); err != nil {
			t.Fatal(err)
		}
		for _, h := range hostile {
			var n int
			if err := db.sql.QueryRow(`SELECT COUNT(*) FROM subjects s JOIN screenings c ON c.subject_id = s.id
				JOIN alerts a ON a.subject_id = s.id WHERE s.external_id = $1 AND a.source_id = $1`, h).Scan(&n); err != nil {
				t.Fatal(err)
			}
			if n != 1 {
				t.Errorf("subject %q: %d screenings with its alert, want 1", h, n)
			}
		}
		if v, err := db.Verify(ctx, 10); err != nil || v.Finding != nil || len(v.State.Differences) > 0 {
			t.Fatalf("verify: %v %+v", err, v)
		}
	}
	t.Run("sqlite", func(t *testing.T) { run(t, "", t.TempDir()) })
	t.Run("postgres", func(t *testing.T) { run(t, pgtest.DSN(t, "vigil_bulk"), "") })
}
