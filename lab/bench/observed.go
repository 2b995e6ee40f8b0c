package bench

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/vigil-screening/vigil/httpapi"
	"github.com/vigil-screening/vigil/internal/cputime"
	"github.com/vigil-screening/vigil/internal/requestid"
	"github.com/vigil-screening/vigil/metrics"
	"github.com/vigil-screening/vigil/screen"
	"github.com/vigil-screening/vigil/service"
	"github.com/vigil-screening/vigil/snapshot"
)

// ObservedReport compares the API's throughput without and with its
// monitoring: the Prometheus metrics of every request and screening, and
// one JSON access log line per request (with its request id) written to
// a file. Both servers run in this process on the same lists and are
// measured in alternating rounds (plain first in odd rounds, observed
// first in even ones), so that the machine's drift falls on both.
type ObservedReport struct {
	Date       string  `json:"date"`
	LoadBefore float64 `json:"load_average_before"`
	LoadAfter  float64 `json:"load_average_after"`
	Clients    int     `json:"clients"`
	Requests   int     `json:"requests_per_round"`
	// Screen and Health are the rounds of POST /v1/screen (one subject)
	// and GET /healthz (HTTP alone: where the monitoring weighs most).
	Screen ObservedRoute `json:"screen"`
	Health ObservedRoute `json:"healthz"`
	// LogBytes is the access log written by the observed server.
	LogBytes int64 `json:"access_log_bytes"`
}

// ObservedRoute is the requests a second of each round, and the ratio
// observed/plain of each round.
//
// CPU is the process's CPU time per request (µs: the server's and the
// loopback clients' together, the steadier figure on a shared machine),
// and CPURatio observed/plain.
type ObservedRoute struct {
	Plain, Observed, Ratio                   []float64
	PlainMedian, ObservedMedian, RatioMedian float64
	PlainCPU, ObservedCPU, CPURatio          []float64
	CPURatioMedian                           float64
}

// RunObserved measures the cost of /metrics and the access log.
func RunObserved(ctx context.Context, cfg Config, log *slog.Logger) (*ObservedReport, error) {
	rep := &ObservedReport{Date: time.Now().UTC().Format(time.RFC3339), Clients: max(cfg.Clients, 1), Requests: cfg.Requests}
	l, err := service.LoadFiles(ctx, cfg.Lists, log, screen.Config{})
	if err != nil {
		return nil, err
	}
	subjects, _, err := benchSubjects(cfg.Eval, l.Snapshots)
	if err != nil {
		return nil, err
	}
	bodies, err := subjectBodies(subjects, cfg.Requests)
	if err != nil {
		return nil, err
	}
	ctx, stop := context.WithCancel(ctx)
	defer stop()

	plainSvc := service.New(service.Config{Logger: log})
	plainSvc.SetLists(l.Lists())
	plain, err := serveOn(ctx, httpapi.Config{Service: plainSvc, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		return nil, err
	}

	dir, err := os.MkdirTemp("", "vigil-bench-observed-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	logFile, err := os.Create(filepath.Join(dir, "access.log"))
	if err != nil {
		return nil, err
	}
	defer logFile.Close()
	reg := prometheus.NewRegistry()
	m := metrics.New(reg)
	obsSvc := service.New(service.Config{Logger: log, Observer: m})
	obsSvc.SetLists(l.Lists())
	m.WatchLists(func(ctx context.Context) ([]snapshot.Meta, error) { return obsSvc.InForce(ctx, service.System) }, nil)
	mh := metrics.Handler(reg)
	accessLog := slog.New(requestid.NewHandler(slog.NewJSONHandler(logFile, nil)))
	observed, err := serveOn(ctx, httpapi.Config{Service: obsSvc, Logger: accessLog, AccessLog: true, Observer: m,
		Routes: []httpapi.Route{{Method: "GET", Path: "/metrics", Permission: httpapi.PermPublic, Handler: func(w http.ResponseWriter, r *http.Request) error {
			mh.ServeHTTP(w, r)
			return nil
		}}}})
	if err != nil {
		return nil, err
	}
	debug.FreeOSMemory()

	rep.LoadBefore = loadAverage()
	// A warm-up round each, not counted.
	for _, base := range []string{plain, observed} {
		if _, err := apiLatency(ctx, base+"/v1/screen", bodies, rep.Clients, min(cfg.Requests, 500)); err != nil {
			return nil, err
		}
	}
	rounds := max(cfg.Runs, 2)
	for i := range rounds {
		order := []string{plain, observed}
		if i%2 == 1 {
			order = []string{observed, plain}
		}
		for _, route := range []struct {
			path   string
			bodies [][]byte
			into   *ObservedRoute
		}{{"/v1/screen", bodies, &rep.Screen}, {"/healthz", nil, &rep.Health}} {
			rates, cpus := map[string]float64{}, map[string]float64{}
			for _, base := range order {
				cpu0 := cputime.Process()
				lat, err := apiLatency(ctx, base+route.path, route.bodies, rep.Clients, cfg.Requests)
				if err != nil {
					return nil, err
				}
				cpus[base] = float64((cputime.Process() - cpu0).Microseconds()) / float64(len(lat.samples))
				rates[base] = float64(len(lat.samples)) / lat.elapsed.Seconds()
			}
			route.into.Plain = append(route.into.Plain, rates[plain])
			route.into.Observed = append(route.into.Observed, rates[observed])
			route.into.Ratio = append(route.into.Ratio, rates[observed]/rates[plain])
			route.into.PlainCPU = append(route.into.PlainCPU, cpus[plain])
			route.into.ObservedCPU = append(route.into.ObservedCPU, cpus[observed])
			route.into.CPURatio = append(route.into.CPURatio, cpus[observed]/cpus[plain])
		}
	}
	rep.LoadAfter = loadAverage()
	for _, r := range []*ObservedRoute{&rep.Screen, &rep.Health} {
		r.PlainMedian, r.ObservedMedian, r.RatioMedian = median(r.Plain), median(r.Observed), median(r.Ratio)
		r.CPURatioMedian = median(r.CPURatio)
	}
	if st, err := logFile.Stat(); err == nil {
		rep.LogBytes = st.Size()
	}
	// The scrape works on the server measured.
	if err := call(ctx, http.DefaultClient, observed+"/metrics", nil); err != nil {
		return nil, fmt.Errorf("scrape: %w", err)
	}
	return rep, nil
}

// serveOn serves cfg on a loopback port until ctx ends and returns its
// base URL.
func serveOn(ctx context.Context, cfg httpapi.Config) (string, error) {
	srv := httpapi.New(cfg)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", fmt.Errorf("bench listen: %w", err)
	}
	go srv.Serve(ctx, ln) //nolint:errcheck // stops with ctx
	return "http://" + ln.Addr().String(), nil
}

// Text is the report for a terminal.
func (r *ObservedReport) Text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "API throughput without and with /metrics and the access log (%s)\n", r.Date)
	fmt.Fprintf(&b, "%d clients, %d requests a round, %d rounds alternating; load average %.1f before, %.1f after\n",
		r.Clients, r.Requests, len(r.Screen.Ratio), r.LoadBefore, r.LoadAfter)
	for _, x := range []struct {
		name string
		r    ObservedRoute
	}{{"POST /v1/screen", r.Screen}, {"GET /healthz", r.Health}} {
		fmt.Fprintf(&b, "%-16s plain %s req/s (median %.0f); observed %s req/s (median %.0f); ratio observed/plain %s, median %.3f (cost %.1f%%)\n",
			x.name, joinRates(x.r.Plain), x.r.PlainMedian, joinRates(x.r.Observed), x.r.ObservedMedian,
			joinRatios(x.r.Ratio), x.r.RatioMedian, 100*(1-x.r.RatioMedian))
		fmt.Fprintf(&b, "%-16s CPU per request (server and clients): plain %.0f µs, observed %.0f µs (medians); ratio observed/plain %s, median %.3f\n",
			"", median(x.r.PlainCPU), median(x.r.ObservedCPU), joinRatios(x.r.CPURatio), x.r.CPURatioMedian)
	}
	fmt.Fprintf(&b, "access log written: %d bytes\n", r.LogBytes)
	return b.String()
}

func joinRatios(xs []float64) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = fmt.Sprintf("%.3f", x)
	}
	return strings.Join(s, " ")
}
