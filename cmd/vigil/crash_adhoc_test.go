package main

import (
	"database/sql"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/vigil-screening/vigil/internal/pgtest"
)

// SIGKILL while 8 clients send ad hoc screenings (POST /v1/screen, whose
// audit entries concurrent requests commit together): every screening
// acknowledged before the kill has its audit entry after a restart, and
// the audit chain verifies. On SQLite and on PostgreSQL.
func TestSystem_CrashAdHoc(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) {
		dataDir := t.TempDir()
		crashAdHoc(t, []string{"--data-dir", dataDir}, func() *sql.DB {
			db, err := sql.Open("sqlite", filepath.Join(dataDir, "vigil.db"))
			if err != nil {
				t.Fatal(err)
			}
			return db
		})
	})
	t.Run("postgres", func(t *testing.T) {
		dsn := pgtest.DSN(t, "vigil_crash")
		crashAdHoc(t, []string{"--db", dsn}, func() *sql.DB {
			db, err := sql.Open("pgx", dsn)
			if err != nil {
				t.Fatal(err)
			}
			return db
		})
	})
}

func crashAdHoc(t *testing.T, dbArgs []string, open func() *sql.DB) {
	names := crashBatch(t, 200)
	args := append(append([]string{}, dbArgs...), "serve", "--lists", unListsDir(t), "--addr", "127.0.0.1:0")
	p := startVigil(t, args...)
	sam := p.newUser(t, p.adminKey(), "sam", "screener")

	// Each request carries a unique subject id, which its audit entry
	// keeps; acked[i] is set only after a 200 answer.
	const total = 4000
	acked := make([]atomic.Bool, total)
	var next, done atomic.Int64
	var wg sync.WaitGroup
	killed := make(chan struct{})
	for range 8 {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= total {
					return
				}
				body := fmt.Sprintf(`{"id": "crash-%d", "name": %q, "type": "person"}`, i, names[i%len(names)])
				code, _, err := p.try(sam, "POST", "/v1/screen", body)
				if err != nil {
					return // the server is gone
				}
				if code == 200 {
					acked[i].Store(true)
					if done.Add(1) == 300 {
						p.cmd.Process.Kill() // SIGKILL, under load
						close(killed)
					}
				}
			}
		})
	}
	wg.Wait()
	select {
	case <-killed:
	case <-time.After(time.Second):
		t.Fatal("the server was never killed")
	}
	p.kill()

	db := open()
	defer db.Close()
	rows, err := db.Query(`SELECT details FROM audit_log WHERE action = 'screening.ad_hoc'`)
	if err != nil {
		t.Fatal(err)
	}
	logged := map[string]bool{}
	for rows.Next() {
		var d string
		if err := rows.Scan(&d); err != nil {
			t.Fatal(err)
		}
		if i := strings.Index(d, `"crash-`); i >= 0 {
			id, _, _ := strings.Cut(d[i+1:], `"`)
			logged[id] = true
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	rows.Close()
	nAcked := 0
	for i := range acked {
		if acked[i].Load() {
			nAcked++
			if !logged[fmt.Sprintf("crash-%d", i)] {
				t.Errorf("screening crash-%d was acknowledged but has no audit entry", i)
			}
		}
	}
	t.Logf("%d acknowledged before the kill, %d audit entries", nAcked, len(logged))
	if nAcked < 300 || len(logged) >= total {
		t.Fatalf("the kill did not land under load: %d acknowledged, %d logged", nAcked, len(logged))
	}
	out, err := exec.Command(binary(t), append(append([]string{}, dbArgs...), "audit", "verify")...).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "audit chain intact") {
		t.Errorf("audit verify after the crash: %v %s", err, out)
	}
}
