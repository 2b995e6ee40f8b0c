package ftm

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/internal/testdata"
)

// writeBig writes an FtM export of about size bytes: copies of the real
// sa_wiki_peps export (people, positions, occupancies, families,
// associates, addresses), each copy's ids suffixed so that every copy's
// links resolve within it. It returns the number of lines.
func writeBig(t testing.TB, path string, size int64) int {
	t.Helper()
	base := testdata.Path(t, "networks", "sa_wiki_peps.entities.ftm.json")
	raw, err := os.ReadFile(base)
	if err != nil {
		t.Fatal(err)
	}
	var lines []map[string]any
	ids := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(raw))
	sc.Buffer(nil, 16<<20)
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatal(err)
		}
		ids[m["id"].(string)] = true
		lines = append(lines, m)
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w := bufio.NewWriterSize(f, 1<<20)
	var written int64
	n := 0
	for k := 0; written < size; k++ {
		suffix := "-" + strconv.Itoa(k)
		for _, m := range lines {
			c := make(map[string]any, len(m))
			for key, v := range m {
				c[key] = v
			}
			c["id"] = m["id"].(string) + suffix
			props := map[string]any{}
			for p, v := range m["properties"].(map[string]any) {
				vs, ok := v.([]any)
				if !ok {
					props[p] = v
					continue
				}
				out := make([]any, len(vs))
				for i, x := range vs {
					if s, ok := x.(string); ok && ids[s] {
						x = s + suffix
					}
					out[i] = x
				}
				props[p] = out
			}
			c["properties"] = props
			b, err := json.Marshal(c)
			if err != nil {
				t.Fatal(err)
			}
			b = append(b, '\n')
			if _, err := w.Write(b); err != nil {
				t.Fatal(err)
			}
			written += int64(len(b))
			n++
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	return n
}

// peak samples the heap in use until stop is closed.
func peak(stop <-chan struct{}, out *atomic.Uint64) {
	var ms runtime.MemStats
	for {
		runtime.ReadMemStats(&ms)
		if ms.HeapInuse > out.Load() {
			out.Store(ms.HeapInuse)
		}
		select {
		case <-stop:
			return
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// TestBigExport reads a generated FtM export of VIGIL_FTM_BIG megabytes
// (e.g. 300) and reports the peak heap in use, with the entities
// retained (as an import keeps them) and discarded (the reader's own
// cost). It is a measurement, skipped unless VIGIL_FTM_BIG is set; see
// docs/ftm.md for the figures.
func TestBigExport(t *testing.T) {
	mb, _ := strconv.Atoi(os.Getenv("VIGIL_FTM_BIG"))
	if mb <= 0 {
		t.Skip("set VIGIL_FTM_BIG=<megabytes> to measure reading a large FtM export")
	}
	path := filepath.Join(t.TempDir(), "big.ftm.json")
	start := time.Now()
	lines := writeBig(t, path, int64(mb)<<20)
	st, _ := os.Stat(path)
	t.Logf("generated %d lines, %.0f MB in %s", lines, float64(st.Size())/(1<<20), time.Since(start).Round(time.Second))
	for _, keep := range []bool{false, true} {
		runtime.GC()
		debug.FreeOSMemory()
		var base runtime.MemStats
		runtime.ReadMemStats(&base)
		var hi atomic.Uint64
		stop := make(chan struct{})
		done := make(chan struct{})
		go func() { peak(stop, &hi); close(done) }()
		var kept []*entity.Entity
		count := 0
		start := time.Now()
		stats, err := ReadWith(context.Background(), path, Options{}, func(e *entity.Entity) error {
			count++
			if keep {
				kept = append(kept, e)
			}
			return nil
		})
		close(stop)
		<-done
		if err != nil {
			t.Fatal(err)
		}
		var after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&after)
		t.Logf("keep=%v: %d entities (%d relations) in %s; peak heap in use %.0f MB (baseline %.0f MB); retained after GC %.0f MB",
			keep, count, stats.Relations, time.Since(start).Round(time.Millisecond),
			float64(hi.Load())/(1<<20), float64(base.HeapInuse)/(1<<20), float64(after.HeapInuse)/(1<<20))
		runtime.KeepAlive(kept)
	}
}
