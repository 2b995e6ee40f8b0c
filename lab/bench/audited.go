package bench

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"runtime"
	"runtime/pprof"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/vigil-screening/vigil/httpapi"
	"github.com/vigil-screening/vigil/internal/cputime"
	"github.com/vigil-screening/vigil/screen"
	"github.com/vigil-screening/vigil/service"
	"github.com/vigil-screening/vigil/store"
)

// AuditedReport holds the figures of "vigil bench --audited": ad hoc
// POST /v1/screen without a database and with the audit entry of every
// screening written, on SQLite and (with --db) PostgreSQL, in rounds that
// take turns so that each round of the three sees the same machine.
type AuditedReport struct {
	Date     string        `json:"date"`
	CPUs     int           `json:"cpus"`
	LoadAvg  []float64     `json:"load_average"` // at the end of each round
	Records  int           `json:"records"`
	Subjects string        `json:"subjects"`
	Clients  int           `json:"clients"`
	Requests int           `json:"requests"`
	Modes    []AuditedMode `json:"modes"`
}

// AuditedMode is one way of serving POST /v1/screen, measured in rounds.
type AuditedMode struct {
	Name   string         `json:"name"` // "unaudited", "sqlite", "postgres"
	Rounds []AuditedRound `json:"rounds"`
}

// AuditedRound is one burst of requests.
type AuditedRound struct {
	Rate float64 `json:"requests_per_second"`
	P50  float64 `json:"p50_ms"`
	P99  float64 `json:"p99_ms"`
	// CPUus is the process's CPU time (clients, server and, for SQLite,
	// the database: all in this process; not PostgreSQL's) per request, in
	// microseconds; Allocs the heap allocations per request.
	CPUus  float64 `json:"cpu_us_per_request"`
	Allocs float64 `json:"allocs_per_request"`
	// DBCPUus is the CPU time of the PostgreSQL server processes serving
	// the store's connections per request, in microseconds (0 when they
	// cannot be read: see backendCPU).
	DBCPUus float64 `json:"db_cpu_us_per_request,omitempty"`
	// KB is the heap allocated per request, in kilobytes.
	KB float64 `json:"kb_allocated_per_request"`
	// Entries is how many audit entries the round added (0 unaudited);
	// Group the mean number of screenings a transaction recorded.
	Entries int64   `json:"audit_entries"`
	Group   float64 `json:"mean_group"`
	// Keys is the number of API-key lookups that went to the database
	// per request (shared lookups make it less than 1).
	Keys float64 `json:"key_queries_per_request,omitempty"`
}

type auditedServer struct {
	name string
	base string
	key  string
	db   *store.DB
	app  string // PostgreSQL application_name of the store's connections
}

// RunAudited measures ad hoc screening over loopback HTTP with and
// without the audit trail. cfg.DSN, when set, adds PostgreSQL (a scratch
// database: the bench writes its user, key and audit entries there).
func RunAudited(ctx context.Context, cfg Config, log *slog.Logger) (*AuditedReport, error) {
	l, err := service.LoadFiles(ctx, cfg.Lists, log, screen.Config{})
	if err != nil {
		return nil, err
	}
	subjects, name, err := benchSubjects(cfg.Eval, l.Snapshots)
	if err != nil {
		return nil, err
	}
	bodies, err := subjectBodies(subjects, max(cfg.Requests, 1))
	if err != nil {
		return nil, err
	}
	ctx, stop := context.WithCancel(ctx)
	defer stop()
	quiet := slog.New(slog.DiscardHandler)
	lists := l.Lists()

	serve := func(name string, db *store.DB) (auditedServer, error) {
		scfg := service.Config{Logger: quiet}
		if db != nil {
			scfg.Store = db
		}
		svc := service.New(scfg)
		svc.SetLists(lists)
		hcfg := httpapi.Config{Service: svc, Logger: quiet}
		s := auditedServer{name: name, db: db}
		if db != nil {
			hcfg.Auth = svc
			var err error
			if s.key, _, err = benchUser(ctx, db); err != nil {
				return s, err
			}
		}
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return s, fmt.Errorf("bench listen: %w", err)
		}
		go httpapi.New(hcfg).Serve(ctx, ln) //nolint:errcheck // stops with ctx
		s.base = "http://" + ln.Addr().String()
		return s, nil
	}
	servers := []auditedServer{}
	// Each server's goroutines (its store's writers, its HTTP handlers)
	// carry a profiler label "mode", so that a CPU profile of the bench
	// separates the modes (go tool pprof -tagfocus mode=sqlite).
	labelled := func(name string, f func(context.Context)) {
		pprof.Do(ctx, pprof.Labels("mode", name), f)
	}
	var s auditedServer
	labelled("unaudited", func(context.Context) { s, err = serve("unaudited", nil) })
	if err != nil {
		return nil, err
	}
	servers = append(servers, s)
	var opts []store.Option
	if cfg.Linger >= 0 {
		opts = append(opts, store.WithLinger(cfg.Linger))
	}
	var sqlite *store.DB
	var cleanup func()
	labelled("sqlite", func(context.Context) {
		if sqlite, cleanup, err = benchStore(ctx, "", opts...); err == nil {
			s, err = serve("sqlite", sqlite)
		}
	})
	if cleanup != nil {
		defer cleanup()
	}
	if err != nil {
		return nil, err
	}
	servers = append(servers, s)
	if cfg.DSN != "" {
		var pg *store.DB
		var cleanupPG func()
		dsn, app := withAppName(cfg.DSN)
		labelled("postgres", func(context.Context) {
			if pg, cleanupPG, err = benchStore(ctx, dsn, opts...); err == nil {
				s, err = serve(pg.Dialect(), pg)
				s.app = app
			}
		})
		if cleanupPG != nil {
			defer cleanupPG()
		}
		if err != nil {
			return nil, err
		}
		servers = append(servers, s)
	}

	rep := &AuditedReport{Date: time.Now().UTC().Format(time.RFC3339), CPUs: runtime.GOMAXPROCS(0),
		Records: l.Records, Subjects: name, Clients: max(cfg.Clients, 1), Requests: max(cfg.Requests, 1)}
	rep.Modes = make([]AuditedMode, len(servers))
	for i, s := range servers {
		rep.Modes[i].Name = s.name
	}
	// A warm-up burst per server (connections, statements, caches).
	for _, s := range servers {
		if _, err := auditedRound(ctx, s, bodies, rep.Clients, min(rep.Requests, 500)); err != nil {
			return nil, err
		}
	}
	for range max(cfg.Runs, 1) {
		for i, s := range servers {
			r, err := auditedRound(ctx, s, bodies, rep.Clients, rep.Requests)
			if err != nil {
				return nil, err
			}
			rep.Modes[i].Rounds = append(rep.Modes[i].Rounds, r)
		}
		rep.LoadAvg = append(rep.LoadAvg, loadAverage())
	}
	return rep, nil
}

// auditedRound sends requests screenings to s from clients clients.
func auditedRound(ctx context.Context, s auditedServer, bodies [][]byte, clients, requests int) (AuditedRound, error) {
	var before, tx0, n0, k0 int64
	if s.db != nil {
		var err error
		if before, err = auditCount(ctx, s.db); err != nil {
			return AuditedRound{}, err
		}
		tx0, n0 = s.db.GroupStats()
		k0 = s.db.KeyQueries()
	}
	runtime.GC()
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	var db0 map[int]time.Duration
	if s.app != "" {
		db0 = backendCPU(ctx, s.db, s.app)
	}
	cpu0 := cputime.Process()
	lat, err := keyedLatency(ctx, s.base+"/v1/screen", s.key, bodies, clients, requests)
	cpu := cputime.Process() - cpu0
	runtime.ReadMemStats(&m1)
	if err != nil {
		return AuditedRound{}, fmt.Errorf("%s: %w", s.name, err)
	}
	n := float64(len(lat.samples))
	r := AuditedRound{Rate: n / lat.elapsed.Seconds(), P50: lat.quantile(0.5), P99: lat.quantile(0.99),
		CPUus: float64(cpu.Microseconds()) / n, Allocs: float64(m1.Mallocs-m0.Mallocs) / n,
		KB: float64(m1.TotalAlloc-m0.TotalAlloc) / 1024 / n}
	if s.app != "" {
		if d, ok := backendDelta(db0, backendCPU(ctx, s.db, s.app)); ok {
			r.DBCPUus = float64(d.Microseconds()) / n
		}
	}
	if s.db != nil {
		after, err := auditCount(ctx, s.db)
		if err != nil {
			return r, err
		}
		r.Entries = after - before
		r.Keys = float64(s.db.KeyQueries()-k0) / n
		if tx1, n1 := s.db.GroupStats(); tx1 > tx0 {
			r.Group = float64(n1-n0) / float64(tx1-tx0)
		}
		if r.Entries != int64(len(lat.samples)) {
			return r, fmt.Errorf("%s: %d screenings acknowledged but %d audit entries written", s.name, len(lat.samples), r.Entries)
		}
	}
	return r, nil
}

func auditCount(ctx context.Context, db *store.DB) (int64, error) {
	var n int64
	if err := db.SQL().QueryRowContext(ctx, `SELECT count(*) FROM audit_log`).Scan(&n); err != nil {
		return 0, fmt.Errorf("count audit entries: %w", err)
	}
	return n, nil
}

// keyedLatency is apiLatency with an API key (when key is not empty).
func keyedLatency(ctx context.Context, url, key string, bodies [][]byte, clients, requests int) (latencies, error) {
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients}}
	per := make([][]time.Duration, clients)
	errs := make([]error, clients)
	var wg sync.WaitGroup
	start := time.Now()
	for c := range clients {
		wg.Go(func() {
			for i := c; i < requests && errs[c] == nil; i += clients {
				t0 := time.Now()
				errs[c] = callKeyed(ctx, client, url, key, bodies[i%len(bodies)])
				per[c] = append(per[c], time.Since(t0))
			}
		})
	}
	wg.Wait()
	lat := latencies{elapsed: time.Since(start)}
	for _, err := range errs {
		if err != nil {
			return lat, fmt.Errorf("bench API: %w", err)
		}
	}
	for _, p := range per {
		lat.samples = append(lat.samples, p...)
	}
	slices.Sort(lat.samples)
	return lat, nil
}

// Text renders the report: each mode's rounds, medians, and the ratio of
// each audited mode to the unaudited one, round by round.
func (r *AuditedReport) Text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "machine:  %d cores, load average at the end of each round %v\n", r.CPUs, r.LoadAvg)
	fmt.Fprintf(&b, "lists:    %d records; subjects %s; %d clients, %d requests a round, POST /v1/screen\n", r.Records, r.Subjects, r.Clients, r.Requests)
	for _, m := range r.Modes {
		var rates, p99, cpu, dbcpu, allocs, kb, group, keys []float64
		for _, x := range m.Rounds {
			rates, p99, cpu, allocs = append(rates, x.Rate), append(p99, x.P99), append(cpu, x.CPUus), append(allocs, x.Allocs)
			group, dbcpu, kb, keys = append(group, x.Group), append(dbcpu, x.DBCPUus), append(kb, x.KB), append(keys, x.Keys)
		}
		db := ""
		if d := median(dbcpu); d > 0 {
			db = fmt.Sprintf(" + %.0f µs in PostgreSQL's backends", d)
		}
		fmt.Fprintf(&b, "%-10s rounds %s/s; median %.0f/s, p99 %.2f ms, %.0f µs CPU%s, %.0f allocs (%.1f KB) a request, %.1f screenings a transaction, %.2f key lookups a request\n",
			m.Name+":", joinRates(rates), median(rates), median(p99), median(cpu), db, median(allocs), median(kb), median(group), median(keys))
	}
	if len(r.Modes) > 1 {
		base := r.Modes[0]
		for _, m := range r.Modes[1:] {
			var ratios []float64
			for i, x := range m.Rounds {
				ratios = append(ratios, x.Rate/base.Rounds[i].Rate)
			}
			s := make([]string, len(ratios))
			for i, x := range ratios {
				s[i] = fmt.Sprintf("%.2f", x)
			}
			fmt.Fprintf(&b, "ratio:    %s / unaudited, round by round %s; median %.2f\n", m.Name, strings.Join(s, ", "), median(ratios))
		}
	}
	return b.String()
}

// callKeyed is call with an API key, when key is not empty.
func callKeyed(ctx context.Context, client *http.Client, url, key string, body []byte) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("POST %s: status %d: %.200s", url, resp.StatusCode, raw)
	}
	return nil
}
