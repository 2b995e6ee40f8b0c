package main

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/vigil-screening/vigil/internal/testdata"
)

// For the crash test: a subject a line, from the UN list's names.
func crashBatch(t *testing.T, n int) []string {
	t.Helper()
	data, err := os.ReadFile(testdata.Path(t, "lists", "current", "un-2026-02", "consolidated.xml"))
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`<FIRST_NAME>([^<]+)</FIRST_NAME>\s*<SECOND_NAME>([^<]+)</SECOND_NAME>`)
	var names []string
	for _, m := range re.FindAllSubmatch(data, -1) {
		names = append(names, string(m[1])+" "+string(m[2]))
		if len(names) == n {
			return names
		}
	}
	t.Fatalf("only %d names in the UN list", len(names))
	return nil
}

// SIGKILL in the middle of a recorded batch leaves no half-written
// subject, screening or alert; the audit chain verifies after restart;
// and re-sending the batch with the same idempotency keys writes each
// screening once.
func TestSystem_Crash(t *testing.T) {
	dataDir := t.TempDir()
	names := crashBatch(t, 400)
	p := startVigil(t, "--data-dir", dataDir, "serve", "--lists", unListsDir(t), "--addr", "127.0.0.1:0")
	adminKey := p.adminKey()
	sam := p.newUser(t, adminKey, "sam", "screener")

	send := func(p *proc, i int) (screened, error) {
		var s screened
		code, raw, err := p.try(sam, "POST", fmt.Sprintf("/v1/subjects/K-%d/screen", i), fmt.Sprintf(`{"name": %q}`, names[i]),
			"Idempotency-Key", fmt.Sprintf("batch-%d", i))
		if err == nil && code != 200 {
			err = fmt.Errorf("status %d: %s", code, raw)
		}
		if err == nil {
			err = json.Unmarshal(raw, &s)
		}
		return s, err
	}
	acked := make([]bool, len(names))
	var mu sync.Mutex
	done := 0
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for i := range jobs {
				if _, err := send(p, i); err == nil {
					mu.Lock()
					acked[i], done = true, done+1
					if done == 60 {
						p.cmd.Process.Kill() // SIGKILL, mid-batch
					}
					mu.Unlock()
				}
			}
		})
	}
	for i := range names {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	p.kill()

	p = startVigil(t, "--data-dir", dataDir, "serve", "--addr", "127.0.0.1:0")
	db, err := sql.Open("sqlite", filepath.Join(dataDir, "vigil.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	committed := checkConsistent(t, db)
	nAcked := 0
	for i, ok := range acked {
		if ok {
			nAcked++
			if n := queryInt(t, db, `SELECT COUNT(*) FROM screenings s JOIN subjects j ON j.id = s.subject_id WHERE j.external_id = $1`, fmt.Sprintf("K-%d", i)); n != 1 {
				t.Errorf("acknowledged screening of K-%d: %d stored, want 1", i, n)
			}
		}
	}
	t.Logf("%d of %d acknowledged before the kill, %d committed", nAcked, len(names), committed)
	if committed >= len(names) || committed < nAcked {
		t.Fatalf("%d screenings committed of %d sent, %d acknowledged: the kill did not land mid-batch", committed, len(names), nAcked)
	}
	out, err := exec.Command(binary(t), "--data-dir", dataDir, "audit", "verify").CombinedOutput()
	if err != nil || !strings.Contains(string(out), "audit chain intact") {
		t.Errorf("audit verify after the crash: %v %s", err, out)
	}

	// Re-send the whole batch, twice: each screening is written once.
	for round := range 2 {
		replayed := 0
		for i := range names {
			s, err := send(p, i)
			if err != nil {
				t.Fatalf("re-send %d: %v", i, err)
			}
			if s.Replayed {
				replayed++
			}
		}
		want := committed
		if round == 1 {
			want = len(names)
		}
		if replayed != want {
			t.Errorf("round %d: %d replayed, want %d", round, replayed, want)
		}
		if n := checkConsistent(t, db); n != len(names) {
			t.Errorf("round %d: %d screenings stored, want %d", round, n, len(names))
		}
	}
	if n := queryInt(t, db, `SELECT COUNT(*) FROM subjects`); n != len(names) {
		t.Errorf("%d subjects, want %d", n, len(names))
	}
	if out, err := exec.Command(binary(t), "--data-dir", dataDir, "audit", "verify").CombinedOutput(); err != nil {
		t.Errorf("audit verify at the end: %v %s", err, out)
	}
}

// checkConsistent checks that every stored subject has a screening, that
// each screening has exactly the alerts its audit entry lists, one audit
// entry and one idempotency record, and returns the number of screenings.
func checkConsistent(t *testing.T, db *sql.DB) int {
	t.Helper()
	if n := queryInt(t, db, `SELECT COUNT(*) FROM subjects s WHERE NOT EXISTS (SELECT 1 FROM screenings c WHERE c.subject_id = s.id)`); n != 0 {
		t.Errorf("%d subjects without a screening", n)
	}
	if n := queryInt(t, db, `SELECT COUNT(*) FROM alerts a WHERE NOT EXISTS (SELECT 1 FROM screenings c WHERE c.id = a.screening_id)`); n != 0 {
		t.Errorf("%d alerts without their screening", n)
	}
	screenings := queryInt(t, db, `SELECT COUNT(*) FROM screenings`)
	rows, err := db.Query(`SELECT details FROM audit_log WHERE action = 'screening.recorded'`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	audited, alerts := 0, 0
	for rows.Next() {
		var raw string
		var d struct {
			ScreeningID int64   `json:"screening_id"`
			Alerts      []int64 `json:"alerts"`
		}
		if err := rows.Scan(&raw); err != nil || json.Unmarshal([]byte(raw), &d) != nil {
			t.Fatalf("audit details %q: %v", raw, err)
		}
		audited++
		alerts += len(d.Alerts)
		stored := queryIDs(t, db, `SELECT id FROM alerts WHERE screening_id = $1 ORDER BY id`, d.ScreeningID)
		if fmt.Sprint(stored) != fmt.Sprint(nonNil(d.Alerts)) {
			t.Errorf("screening %d: alerts %v stored, %v audited", d.ScreeningID, stored, d.Alerts)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if audited != screenings {
		t.Errorf("%d screenings, %d audited", screenings, audited)
	}
	if n := queryInt(t, db, `SELECT COUNT(*) FROM alerts`); n != alerts {
		t.Errorf("%d alerts stored, %d in the audit trail", n, alerts)
	}
	if n := queryInt(t, db, `SELECT COUNT(*) FROM idempotency WHERE response <> ''`); n != screenings {
		t.Errorf("%d idempotency records with a response, %d screenings", n, screenings)
	}
	return screenings
}

func nonNil(ids []int64) []int64 {
	if ids == nil {
		return []int64{}
	}
	return ids
}

func queryInt(t *testing.T, db *sql.DB, q string, args ...any) int {
	t.Helper()
	var n int
	if err := db.QueryRow(q, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

func queryIDs(t *testing.T, db *sql.DB, q string, args ...any) []int64 {
	t.Helper()
	rows, err := db.Query(q, args...)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	ids := []int64{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	return ids
}
