package bench

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/vigil-screening/vigil/store"
)

// withAppName tags the bench's PostgreSQL connections with an
// application_name of their own, so that backendCPU finds their server
// processes.
func withAppName(dsn string) (string, string) {
	u, err := url.Parse(dsn)
	if err != nil {
		return dsn, ""
	}
	q := u.Query()
	if name := q.Get("application_name"); name != "" {
		return dsn, name
	}
	b := make([]byte, 4)
	rand.Read(b)
	name := "vigil-bench-" + hex.EncodeToString(b)
	q.Set("application_name", name)
	u.RawQuery = q.Encode()
	return u.String(), name
}

// backendCPU returns the CPU time each PostgreSQL server process serving
// a connection named app has used so far, by process id. It reads
// /proc/PID/schedstat (nanoseconds on the CPU), so it finds them only
// when the server runs on this machine, in the same process namespace;
// otherwise the map is empty.
func backendCPU(ctx context.Context, db *store.DB, app string) map[int]time.Duration {
	out := map[int]time.Duration{}
	if app == "" {
		return out
	}
	rows, err := db.SQL().QueryContext(ctx, `SELECT pid FROM pg_stat_activity WHERE application_name = $1`, app)
	if err != nil {
		return out
	}
	defer rows.Close()
	for rows.Next() {
		var pid int
		if rows.Scan(&pid) != nil {
			continue
		}
		raw, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/schedstat")
		if err != nil {
			continue
		}
		f := strings.Fields(string(raw))
		if len(f) == 0 {
			continue
		}
		if ns, err := strconv.ParseInt(f[0], 10, 64); err == nil {
			out[pid] = time.Duration(ns)
		}
	}
	return out
}

// backendDelta is the CPU the backends used between two backendCPU
// readings (a backend that ended between them is missed).
func backendDelta(before, after map[int]time.Duration) (time.Duration, bool) {
	var d time.Duration
	for pid, t := range after {
		d += t - before[pid]
	}
	return d, len(after) > 0
}
