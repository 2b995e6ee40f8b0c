// Package bench is Vigil's measurement harness, run by `vigil bench`: how
// long the lists take to load and index, how much memory they hold, batch
// screening throughput, single-subject API latency over loopback HTTP, and
// (RunRecorded) recorded screenings with alerts against a database. It
// drives the product through its service layer and HTTP API, as an
// operator would; nothing in the product imports it.
package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/httpapi"
	"github.com/vigil-screening/vigil/screen"
	"github.com/vigil-screening/vigil/service"
	"github.com/vigil-screening/vigil/snapshot"
	"github.com/vigil-screening/vigil/subject"
)

// Config says what to measure.
type Config struct {
	// Lists is the folder of list editions to load.
	Lists string
	// Eval is a subjects file (CSV or JSON Lines) for the batch and
	// latency runs; empty means the primary names of listed persons.
	Eval string
	// Runs is the number of batch runs (the median is reported), Requests
	// the number of API calls, Clients how many clients make them.
	Runs, Requests, Clients int
	// DSN is the database of RunRecorded: empty for a fresh SQLite
	// database in a temporary folder, or a scratch PostgreSQL database.
	DSN string
	// Linger is the store's group-commit linger (store.WithLinger);
	// negative means the store's default.
	Linger time.Duration
}

// Report holds the figures of one bench run.
type Report struct {
	Date      string `json:"date"`
	CPUs      int    `json:"cpus"`
	GoVersion string `json:"go_version"`
	// LoadAvg is /proc/loadavg's 1-minute figure at the end: other work
	// on the machine skews every figure.
	LoadAvg float64 `json:"load_average"`

	Lists        int     `json:"lists"`
	Records      int     `json:"records"`
	LoadSeconds  float64 `json:"load_seconds"`
	IndexSeconds float64 `json:"index_seconds"`
	RSSMB        float64 `json:"rss_mb"`
	PeakRSSMB    float64 `json:"peak_rss_mb"`

	Subjects      string    `json:"subjects"`
	SubjectCount  int       `json:"subject_count"`
	BatchRates    []float64 `json:"batch_rates"`
	BatchMedian   float64   `json:"batch_median_per_second"`
	SubjectsAlert int       `json:"subjects_with_hits"`

	Clients  int     `json:"clients"`
	Requests int     `json:"requests"`
	P50ms    float64 `json:"p50_ms"`
	P99ms    float64 `json:"p99_ms"`
	Maxms    float64 `json:"max_ms"`
	APIRate  float64 `json:"api_requests_per_second"`
	// HealthP50ms and HealthP99ms time GET /healthz under the same load:
	// what HTTP and the machine cost without any screening.
	HealthP50ms float64 `json:"healthz_p50_ms"`
	HealthP99ms float64 `json:"healthz_p99_ms"`
}

// Run loads the lists, measures memory, batch throughput and API latency,
// and returns the figures.
func Run(ctx context.Context, cfg Config, log *slog.Logger) (*Report, error) {
	rep := &Report{Date: time.Now().UTC().Format(time.RFC3339), CPUs: runtime.GOMAXPROCS(0), GoVersion: runtime.Version()}
	l, err := service.LoadFiles(ctx, cfg.Lists, log, screen.Config{})
	if err != nil {
		return nil, err
	}
	rep.Lists, rep.Records = len(l.Snapshots), l.Records
	rep.LoadSeconds, rep.IndexSeconds = l.LoadTime.Seconds(), l.IndexTime.Seconds()
	svc := service.New(service.Config{Logger: log})
	svc.SetLists(l.Lists())
	debug.FreeOSMemory() // as serve does once the lists are loaded
	rep.RSSMB, rep.PeakRSSMB, err = memory()
	if err != nil {
		log.Warn("memory figures unavailable", "err", err)
	}

	subjects, name, err := benchSubjects(cfg.Eval, l.Snapshots)
	if err != nil {
		return nil, err
	}
	rep.Subjects, rep.SubjectCount = name, len(subjects)
	for range max(cfg.Runs, 1) {
		rate, alerts, err := batchRate(ctx, svc, subjects)
		if err != nil {
			return nil, err
		}
		rep.BatchRates, rep.SubjectsAlert = append(rep.BatchRates, rate), alerts
	}
	rep.BatchMedian = median(rep.BatchRates)

	if err := rep.measureAPI(ctx, svc, subjects, cfg); err != nil {
		return nil, err
	}
	rep.LoadAvg = loadAverage()
	return rep, nil
}

// operator is who the harness acts as: the person at the machine.
var operator = auth.Operator("bench")

// measureAPI times single-subject screenings over loopback HTTP, and
// GET /healthz as the floor that HTTP and the machine alone impose.
func (r *Report) measureAPI(ctx context.Context, svc *service.Service, subjects []vigil.Subject, cfg Config) error {
	ctx, stop := context.WithCancel(ctx)
	defer stop()
	base, err := startAPI(ctx, svc)
	if err != nil {
		return err
	}
	bodies, err := subjectBodies(subjects, cfg.Requests)
	if err != nil {
		return err
	}
	lat, err := apiLatency(ctx, base+"/v1/screen", bodies, cfg.Clients, cfg.Requests)
	if err != nil {
		return err
	}
	r.Clients, r.Requests = cfg.Clients, len(lat.samples)
	r.P50ms, r.P99ms, r.Maxms = lat.quantile(0.50), lat.quantile(0.99), lat.quantile(1)
	r.APIRate = float64(len(lat.samples)) / lat.elapsed.Seconds()
	if lat, err = apiLatency(ctx, base+"/healthz", nil, cfg.Clients, cfg.Requests); err != nil {
		return err
	}
	r.HealthP50ms, r.HealthP99ms = lat.quantile(0.50), lat.quantile(0.99)
	return nil
}

// benchSubjects reads the subjects file, or takes the primary names of
// listed persons when there is none.
func benchSubjects(path string, snaps []*snapshot.Snapshot) ([]vigil.Subject, string, error) {
	if path == "" {
		var subs []vigil.Subject
		for _, s := range snaps {
			for _, ent := range s.All() {
				if ent.Kind == entity.KindPerson && ent.PrimaryName() != "" {
					subs = append(subs, vigil.Subject{ID: ent.Key(), Name: ent.PrimaryName(), Kind: entity.KindPerson})
				}
			}
		}
		if len(subs) == 0 {
			return nil, "", errors.New("bench: no listed persons to use as subjects; give --eval")
		}
		return subs, fmt.Sprintf("primary names of %d listed persons", len(subs)), nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, "", fmt.Errorf("bench subjects: %w", err)
	}
	defer f.Close()
	rd, err := subject.NewReader(f, path, subject.FormatAuto)
	if err != nil {
		return nil, "", err
	}
	var subs []vigil.Subject
	for {
		row, err := rd.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, "", err
		}
		if row.Err == nil {
			subs = append(subs, row.Subject)
		}
	}
	if len(subs) == 0 {
		return nil, "", fmt.Errorf("bench: no subjects in %s", path)
	}
	return subs, filepath.Base(path), nil
}

// batchRate screens all subjects on every core and returns subjects per
// second and how many had hits.
func batchRate(ctx context.Context, svc *service.Service, subjects []vigil.Subject) (float64, int, error) {
	rows := make([]subject.Row, len(subjects))
	for i, s := range subjects {
		rows[i] = subject.Row{Line: i + 1, Subject: s}
	}
	alerts := 0
	start := time.Now()
	err := svc.ScreenRows(ctx, operator, vigil.Options{}, service.SliceRows(rows), func(_ subject.Row, r vigil.Result) error {
		if len(r.Hits) > 0 {
			alerts++
		}
		return nil
	})
	if err != nil {
		return 0, 0, fmt.Errorf("bench batch: %w", err)
	}
	return float64(len(subjects)) / time.Since(start).Seconds(), alerts, nil
}

// latencies are the durations of API calls.
type latencies struct {
	samples []time.Duration // sorted
	elapsed time.Duration
}

// quantile returns the q-quantile in milliseconds (nearest rank).
func (l latencies) quantile(q float64) float64 {
	if len(l.samples) == 0 {
		return 0
	}
	i := min(int(q*float64(len(l.samples))+0.5), len(l.samples)) - 1
	return float64(l.samples[max(i, 0)].Microseconds()) / 1000
}

// startAPI serves svc, without authentication, on a loopback port until
// ctx ends and returns its base URL.
func startAPI(ctx context.Context, svc *service.Service) (string, error) {
	srv := httpapi.New(httpapi.Config{Service: svc, Logger: slog.New(slog.DiscardHandler)})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", fmt.Errorf("bench listen: %w", err)
	}
	go srv.Serve(ctx, ln) //nolint:errcheck // stops with ctx
	return "http://" + ln.Addr().String(), nil
}

// apiLatency has clients concurrent clients send requests calls to url,
// timing each: POSTs of bodies in turn, or GETs when bodies is empty.
func apiLatency(ctx context.Context, url string, bodies [][]byte, clients, requests int) (latencies, error) {
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients}}
	clients = max(clients, 1)
	per := make([][]time.Duration, clients)
	errs := make([]error, clients)
	var wg sync.WaitGroup
	start := time.Now()
	for c := range clients {
		wg.Go(func() {
			for i := c; i < requests && errs[c] == nil; i += clients {
				var body []byte
				if len(bodies) > 0 {
					body = bodies[i%len(bodies)]
				}
				t0 := time.Now()
				errs[c] = call(ctx, client, url, body)
				per[c] = append(per[c], time.Since(t0))
			}
		})
	}
	wg.Wait()
	lat := latencies{elapsed: time.Since(start)}
	if err := errors.Join(errs...); err != nil {
		return lat, fmt.Errorf("bench API: %w", err)
	}
	for _, p := range per {
		lat.samples = append(lat.samples, p...)
	}
	slices.Sort(lat.samples)
	return lat, nil
}

// call sends one request and checks that it succeeded.
func call(ctx context.Context, client *http.Client, url string, body []byte) error {
	method := http.MethodGet
	if body != nil {
		method = http.MethodPost
	}
	req, err := http.NewRequestWithContext(ctx, method, url, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s %s: status %d", method, url, resp.StatusCode)
	}
	return nil
}

// subjectBodies returns up to n subjects as JSON request bodies.
func subjectBodies(subjects []vigil.Subject, n int) ([][]byte, error) {
	bodies := make([][]byte, min(len(subjects), n))
	for i := range bodies {
		var err error
		if bodies[i], err = json.Marshal(subjects[i]); err != nil {
			return nil, err
		}
	}
	return bodies, nil
}

// memory reads the resident set size and its peak, in MB, from
// /proc/self/status (Linux only).
func memory() (rss, peak float64, err error) {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, 0, fmt.Errorf("read memory status: %w", err)
	}
	for line := range strings.Lines(string(data)) {
		key, val, ok := strings.Cut(line, ":")
		if !ok || (key != "VmRSS" && key != "VmHWM") {
			continue
		}
		kb, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(val), " kB"), 64)
		if err != nil {
			return 0, 0, fmt.Errorf("parse %s: %w", key, err)
		}
		if key == "VmRSS" {
			rss = kb / 1024
		} else {
			peak = kb / 1024
		}
	}
	return rss, peak, nil
}

// loadAverage returns the 1-minute load average, or 0 when unknown.
func loadAverage() float64 {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return 0
	}
	f, _, _ := strings.Cut(string(data), " ")
	v, _ := strconv.ParseFloat(f, 64)
	return v
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// target is one performance goal and whether the run met it.
type target struct {
	what, goal, got string
	met             bool
}

func (r *Report) targets() []target {
	ready := r.LoadSeconds + r.IndexSeconds
	return []target{
		{"batch screening", ">= 10,000 subjects/s", fmt.Sprintf("%.0f/s", r.BatchMedian), r.BatchMedian >= 10000},
		{"API p99, " + strconv.Itoa(r.Clients) + " clients", "<= 10 ms", fmt.Sprintf("%.2f ms", r.P99ms), r.P99ms <= 10},
		{"lists loaded and indexed", "<= 3 s", fmt.Sprintf("%.2f s", ready), ready <= 3},
		{"resident memory", "<= 300 MB", fmt.Sprintf("%.0f MB", r.RSSMB), r.RSSMB > 0 && r.RSSMB <= 300},
	}
}

// Text renders the report for a terminal.
func (r *Report) Text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "machine:  %d cores, load average %.2f at the end\n", r.CPUs, r.LoadAvg)
	fmt.Fprintf(&b, "lists:    %d editions, %d records; load %.2f s, index %.2f s\n", r.Lists, r.Records, r.LoadSeconds, r.IndexSeconds)
	fmt.Fprintf(&b, "memory:   RSS %.0f MB after loading and a GC (peak %.0f MB)\n", r.RSSMB, r.PeakRSSMB)
	fmt.Fprintf(&b, "batch:    %d subjects (%s) on %d cores: %s/s, median %.0f/s; %d with hits\n",
		r.SubjectCount, r.Subjects, r.CPUs, joinRates(r.BatchRates), r.BatchMedian, r.SubjectsAlert)
	fmt.Fprintf(&b, "API:      %d requests, %d clients: p50 %.2f ms, p99 %.2f ms, max %.2f ms, %.0f requests/s\n",
		r.Requests, r.Clients, r.P50ms, r.P99ms, r.Maxms, r.APIRate)
	fmt.Fprintf(&b, "baseline: GET /healthz, same clients: p50 %.2f ms, p99 %.2f ms\n", r.HealthP50ms, r.HealthP99ms)
	for _, t := range r.targets() {
		fmt.Fprintf(&b, "target:   %-28s %-22s %-12s %s\n", t.what, t.goal, t.got, metWord(t.met))
	}
	return b.String()
}

// markdown renders the report as a Markdown table.
func (r *Report) markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Run %s, %s, %d cores, load average %.2f at the end.\n\n", r.Date, r.GoVersion, r.CPUs, r.LoadAvg)
	b.WriteString("| figure | value |\n|---|---|\n")
	fmt.Fprintf(&b, "| lists loaded | %d editions, %d records |\n", r.Lists, r.Records)
	fmt.Fprintf(&b, "| load (read and parse) | %.2f s |\n| index build | %.2f s |\n", r.LoadSeconds, r.IndexSeconds)
	fmt.Fprintf(&b, "| RSS after loading and a GC (peak while loading) | %.0f MB (%.0f MB) |\n", r.RSSMB, r.PeakRSSMB)
	fmt.Fprintf(&b, "| batch subjects | %d (%s) |\n", r.SubjectCount, r.Subjects)
	fmt.Fprintf(&b, "| batch throughput, runs | %s /s |\n| batch throughput, median | %.0f /s |\n", joinRates(r.BatchRates), r.BatchMedian)
	fmt.Fprintf(&b, "| subjects with hits | %d |\n", r.SubjectsAlert)
	fmt.Fprintf(&b, "| API latency, %d clients, %d requests | p50 %.2f ms, p99 %.2f ms, max %.2f ms |\n", r.Clients, r.Requests, r.P50ms, r.P99ms, r.Maxms)
	fmt.Fprintf(&b, "| API throughput | %.0f requests/s |\n", r.APIRate)
	fmt.Fprintf(&b, "| baseline GET /healthz, same clients | p50 %.2f ms, p99 %.2f ms |\n\n", r.HealthP50ms, r.HealthP99ms)
	b.WriteString("| target | goal | measured | met |\n|---|---|---|---|\n")
	for _, t := range r.targets() {
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", t.what, t.goal, t.got, metWord(t.met))
	}
	return b.String()
}

// Write saves the report as JSON or Markdown, by the file's extension.
func (r *Report) Write(path string) error {
	var data []byte
	switch strings.ToLower(filepath.Ext(path)) {
	case ".json":
		var err error
		if data, err = json.MarshalIndent(r, "", "  "); err != nil {
			return err
		}
		data = append(data, '\n')
	case ".md":
		data = []byte(r.markdown())
	default:
		return fmt.Errorf("--out %s: want a .json or .md file", path)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return fmt.Errorf("write bench report: %w", err)
	}
	return nil
}

func joinRates(rates []float64) string {
	s := make([]string, len(rates))
	for i, r := range rates {
		s[i] = strconv.FormatFloat(r, 'f', 0, 64)
	}
	return strings.Join(s, ", ")
}

func metWord(ok bool) string {
	if ok {
		return "yes"
	}
	return "NO"
}
