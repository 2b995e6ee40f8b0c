package bench

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/httpapi"
	"github.com/vigil-screening/vigil/screen"
	"github.com/vigil-screening/vigil/service"
	"github.com/vigil-screening/vigil/store"
)

// RecordedReport holds the figures of "vigil bench --recorded".
type RecordedReport struct {
	Date      string  `json:"date"`
	CPUs      int     `json:"cpus"`
	LoadAvg   float64 `json:"load_average"`
	Database  string  `json:"database"`
	Records   int     `json:"records"`
	Clients   int     `json:"clients"`
	Requests  int     `json:"requests"`
	Alerts    int     `json:"alerts"`
	WithAlert int     `json:"screenings_with_alerts"`
	Rate      float64 `json:"screenings_per_second"`
	P50ms     float64 `json:"p50_ms"`
	P99ms     float64 `json:"p99_ms"`
	Target    float64 `json:"target_per_second"`
}

// RunRecorded measures recorded screenings over loopback HTTP: each
// request screens a new subject named like a listed person, so that it
// stores a subject, a screening, at least one alert and an audit entry.
// Without cfg.DSN it uses a fresh SQLite database in a temporary folder;
// with it, it writes into that database, which should be a scratch one.
func RunRecorded(ctx context.Context, cfg Config, log *slog.Logger) (*RecordedReport, error) {
	l, err := service.LoadFiles(ctx, cfg.Lists, log, screen.Config{})
	if err != nil {
		return nil, err
	}
	subjects, _, err := benchSubjects("", l.Snapshots)
	if err != nil {
		return nil, err
	}
	db, cleanup, err := benchStore(ctx, cfg.DSN)
	if err != nil {
		return nil, err
	}
	defer cleanup()
	key, run, err := benchUser(ctx, db)
	if err != nil {
		return nil, err
	}
	ctx, stop := context.WithCancel(ctx)
	defer stop()
	quiet := slog.New(slog.DiscardHandler)
	svc := service.New(service.Config{Store: db, Logger: quiet})
	svc.SetLists(l.Lists())
	srv := httpapi.New(httpapi.Config{Service: svc, Auth: svc, Logger: quiet})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("bench listen: %w", err)
	}
	go srv.Serve(ctx, ln) //nolint:errcheck // stops with ctx
	rep := &RecordedReport{Date: time.Now().UTC().Format(time.RFC3339), CPUs: runtime.GOMAXPROCS(0),
		Database: db.Dialect(), Records: l.Records, Clients: max(cfg.Clients, 1), Target: 300}
	if db.Dialect() == "postgres" {
		rep.Target = 1000
	}
	err = rep.measure(ctx, "http://"+ln.Addr().String(), key, run, subjects, cfg.Requests)
	rep.LoadAvg = loadAverage()
	return rep, err
}

// benchStore opens the --db database, or a fresh SQLite one in a
// temporary folder that cleanup removes.
func benchStore(ctx context.Context, dsn string, opts ...store.Option) (*store.DB, func(), error) {
	dir := ""
	if dsn == "" {
		var err error
		if dir, err = os.MkdirTemp("", "vigil-bench-"); err != nil {
			return nil, nil, fmt.Errorf("bench: %w", err)
		}
	}
	db, err := store.Open(ctx, dsn, dir, opts...)
	if err != nil {
		os.RemoveAll(dir)
		return nil, nil, fmt.Errorf("bench: %w", err)
	}
	return db, func() {
		db.Close()
		if dir != "" {
			os.RemoveAll(dir)
		}
	}, nil
}

// benchUser creates a screener with a key, named after a random run id
// that also prefixes the subject ids, so that runs never collide.
func benchUser(ctx context.Context, db *store.DB) (key, run string, err error) {
	b := make([]byte, 4)
	rand.Read(b)
	run = "bench-" + hex.EncodeToString(b)
	if _, err := db.CreateUser(ctx, store.System, run, []auth.Role{auth.RoleScreener}); err != nil {
		return "", "", fmt.Errorf("bench user: %w", err)
	}
	if _, key, err = db.CreateKey(ctx, store.System, run); err != nil {
		return "", "", fmt.Errorf("bench key: %w", err)
	}
	return key, run, nil
}

// measure sends requests recorded screenings from the report's clients
// and fills in the rate, latencies and alert counts.
func (r *RecordedReport) measure(ctx context.Context, base, key, run string, subjects []vigil.Subject, requests int) error {
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: r.Clients}}
	per := make([][]time.Duration, r.Clients)
	alerts := make([][2]int, r.Clients)
	errs := make([]error, r.Clients)
	var wg sync.WaitGroup
	start := time.Now()
	for c := range r.Clients {
		wg.Go(func() {
			for i := c; i < requests && errs[c] == nil; i += r.Clients {
				s := subjects[i%len(subjects)]
				url := fmt.Sprintf("%s/v1/subjects/%s-%d/screen", base, run, i)
				t0 := time.Now()
				n, err := recordOne(ctx, client, url, key, s)
				per[c] = append(per[c], time.Since(t0))
				errs[c] = err
				alerts[c][0] += n
				if n > 0 {
					alerts[c][1]++
				}
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("bench recorded: %w", err)
	}
	var lat latencies
	for c := range r.Clients {
		lat.samples = append(lat.samples, per[c]...)
		r.Alerts += alerts[c][0]
		r.WithAlert += alerts[c][1]
	}
	slices.Sort(lat.samples)
	r.Requests = len(lat.samples)
	r.Rate = float64(r.Requests) / elapsed.Seconds()
	r.P50ms, r.P99ms = lat.quantile(0.5), lat.quantile(0.99)
	return nil
}

// recordOne posts one recorded screening and returns the alerts it raised.
func recordOne(ctx context.Context, client *http.Client, url, key string, s vigil.Subject) (int, error) {
	body, err := json.Marshal(map[string]string{"name": s.Name, "type": string(s.Kind)})
	if err != nil {
		return 0, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Authorization", "Bearer "+key)
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, err
	}
	if resp.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("POST %s: status %d: %s", url, resp.StatusCode, raw)
	}
	var res struct {
		Alerts []int64 `json:"alerts"`
	}
	if err := json.Unmarshal(raw, &res); err != nil {
		return 0, fmt.Errorf("POST %s: %w", url, err)
	}
	return len(res.Alerts), nil
}

// Text renders the report for a terminal.
func (r *RecordedReport) Text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "machine:  %d cores, load average %.2f at the end\n", r.CPUs, r.LoadAvg)
	fmt.Fprintf(&b, "recorded: %s, %d records listed, %d clients over loopback HTTP\n", r.Database, r.Records, r.Clients)
	fmt.Fprintf(&b, "          %d recorded screenings (%d with alerts, %d alerts): %.0f/s, p50 %.2f ms, p99 %.2f ms\n",
		r.Requests, r.WithAlert, r.Alerts, r.Rate, r.P50ms, r.P99ms)
	fmt.Fprintf(&b, "target:   recorded screenings with alerts, %s  >= %.0f/s  %.0f/s  %s\n", r.Database, r.Target, r.Rate, metWord(r.Rate >= r.Target))
	return b.String()
}
