package store

import (
	"context"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/vigil-screening/vigil/export"
)

// countingWriter counts the bytes written.
type countingWriter struct{ n int64 }

func (c *countingWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

// TestExportMillion fills the audit table of a fresh SQLite database with
// VIGIL_EXPORT_BIG rows (e.g. 1000000) and exports it in each format,
// reporting the peak heap in use: a measurement for docs/exports.md,
// skipped unless the variable is set.
func TestExportMillion(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("VIGIL_EXPORT_BIG"))
	if n <= 0 {
		t.Skip("set VIGIL_EXPORT_BIG=<rows> to measure exporting a large table")
	}
	ctx := context.Background()
	db, err := Open(ctx, "", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	start := time.Now()
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO audit_log (seq, at, actor, action, object, details, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`)
	if err != nil {
		t.Fatal(err)
	}
	at := fmtTime(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	for i := 1; i <= n; i++ {
		if _, err := stmt.ExecContext(ctx, i, at, "api:ann", "screening.ad_hoc", fmt.Sprintf("subject/%d", i),
			`{"subject":{"id":"`+strconv.Itoa(i)+`","name":"Ayman al-Zawahiri"},"hits":[{"list":"un_sc","source_id":"111923","score":0.97}]}`,
			fmt.Sprintf("%064x", i-1), fmt.Sprintf("%064x", i)); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	t.Logf("inserted %d audit rows in %s", n, time.Since(start).Round(time.Second))
	cols, _ := ExportColumns("audit")
	for _, f := range []export.Format{export.CSV, export.JSONL, export.XLSX} {
		runtime.GC()
		debug.FreeOSMemory()
		var hi atomic.Uint64
		stop, done := make(chan struct{}), make(chan struct{})
		go func() {
			var ms runtime.MemStats
			for {
				runtime.ReadMemStats(&ms)
				if ms.HeapInuse > hi.Load() {
					hi.Store(ms.HeapInuse)
				}
				select {
				case <-stop:
					close(done)
					return
				case <-time.After(20 * time.Millisecond):
				}
			}
		}()
		var out countingWriter
		start := time.Now()
		w, err := export.New(io.Writer(&out), f, cols, "audit")
		if err != nil {
			t.Fatal(err)
		}
		rows := 0
		err = db.ExportRows(ctx, "audit", func(row []any) error { rows++; return w.Row(row) })
		if cerr := w.Close(); err == nil {
			err = cerr
		}
		close(stop)
		<-done
		if err != nil {
			t.Fatal(err)
		}
		if rows != n {
			t.Fatalf("%s: %d rows exported of %d", f, rows, n)
		}
		t.Logf("%s: %d rows, %.0f MB written in %s; peak heap in use %.0f MB",
			f, rows, float64(out.n)/(1<<20), time.Since(start).Round(time.Millisecond), float64(hi.Load())/(1<<20))
	}
}
