// Package metrics exposes Vigil's monitoring figures in the Prometheus
// format: HTTP requests by route and status with their latency, the
// screenings and alerts the service performed, the list editions in
// force and their age, the job queue's depth by state, the alerts by
// status and the database connection pool.
//
// Nothing here is global: the wiring (cmd/vigil) builds a registry,
// hands it to New, gives the Metrics to the service (as its Observer)
// and to the HTTP adapter (as its RequestObserver), and serves Handler
// at /metrics. The figures are documented in docs/operations.md.
package metrics

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/vigil-screening/vigil/snapshot"
	"github.com/vigil-screening/vigil/store"
)

// Namespace prefixes every Vigil metric.
const Namespace = "vigil"

// LatencyBuckets are the upper bounds, in seconds, of the request
// latency histogram: from a millisecond (a screening of one subject) to
// half a minute (a large batch or export).
var LatencyBuckets = []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30}

// Metrics holds the figures the program updates as it works. It is safe
// for concurrent use.
type Metrics struct {
	reg      prometheus.Registerer
	requests *prometheus.HistogramVec
	inflight prometheus.Gauge
	screened *prometheus.CounterVec
	withHits *prometheus.CounterVec
	calls    *prometheus.CounterVec
	alerts   prometheus.Counter
	authFail *prometheus.CounterVec
	codes    [600]string // status code -> label, without a conversion per request
}

// New registers Vigil's metrics, and the Go runtime's and the process's,
// with reg.
func New(reg prometheus.Registerer) *Metrics {
	m := &Metrics{
		reg: reg,
		requests: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Namespace: Namespace, Subsystem: "http", Name: "request_duration_seconds",
			Help:    "Time to answer an HTTP request, by method, route pattern and status code (its _count is the number of requests).",
			Buckets: LatencyBuckets,
		}, []string{"method", "route", "code"}),
		inflight: prometheus.NewGauge(prometheus.GaugeOpts{
			Namespace: Namespace, Subsystem: "http", Name: "requests_in_flight",
			Help: "HTTP requests being answered.",
		}),
		calls: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: Namespace, Name: "screenings_total",
			Help: "Screening calls completed, by kind (ad_hoc, batch, recorded).",
		}, []string{"kind"}),
		screened: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: Namespace, Name: "screened_subjects_total",
			Help: "Subjects screened, by kind of screening.",
		}, []string{"kind"}),
		withHits: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: Namespace, Name: "screened_subjects_with_hits_total",
			Help: "Subjects screened that had at least one hit, by kind of screening.",
		}, []string{"kind"}),
		alerts: prometheus.NewCounter(prometheus.CounterOpts{
			Namespace: Namespace, Name: "alerts_raised_total",
			Help: "New alerts raised by recorded screenings.",
		}),
		authFail: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: Namespace, Name: "auth_failures_total",
			Help: "Failed authentications, by credential presented (api_key, activation, password).",
		}, []string{"credential"}),
	}
	for i := range m.codes {
		m.codes[i] = strconv.Itoa(i)
	}
	reg.MustRegister(m.requests, m.inflight, m.calls, m.screened, m.withHits, m.alerts, m.authFail,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	for _, kind := range []string{"ad_hoc", "batch", "recorded"} {
		m.calls.WithLabelValues(kind)
		m.screened.WithLabelValues(kind)
		m.withHits.WithLabelValues(kind)
	}
	return m
}

// Handler serves the figures of g in the Prometheus text format (or
// OpenMetrics when the scraper asks for it).
func Handler(g prometheus.Gatherer) http.Handler {
	return promhttp.HandlerFor(g, promhttp.HandlerOpts{EnableOpenMetrics: true})
}

// RequestStarted and RequestDone count a request in flight and observe
// its status and latency; route is the route pattern ("/v1/alerts/{id}"),
// never the path, so that the number of series stays bounded.
func (m *Metrics) RequestStarted() { m.inflight.Inc() }

// RequestDone observes a finished request.
func (m *Metrics) RequestDone(method, route string, code int, took time.Duration) {
	m.inflight.Dec()
	label := "other"
	if code >= 0 && code < len(m.codes) {
		label = m.codes[code]
	}
	m.requests.WithLabelValues(method, route, label).Observe(took.Seconds())
}

// Screened counts a screening call (service.Observer).
func (m *Metrics) Screened(kind string, subjects, withHits int) {
	m.calls.WithLabelValues(kind).Inc()
	m.screened.WithLabelValues(kind).Add(float64(subjects))
	m.withHits.WithLabelValues(kind).Add(float64(withHits))
}

// AuthFailed counts a failed authentication (service.AuthObserver).
func (m *Metrics) AuthFailed(credential string) { m.authFail.WithLabelValues(credential).Inc() }

// AlertsRaised counts new alerts (service.Observer).
func (m *Metrics) AlertsRaised(n int) { m.alerts.Add(float64(n)) }

// ListsInForce returns the editions in force (nil while none are).
type ListsInForce func(ctx context.Context) ([]snapshot.Meta, error)

// WatchLists registers the figures of the list editions in force, read
// at each scrape.
func (m *Metrics) WatchLists(lists ListsInForce, now func() time.Time) {
	if now == nil {
		now = time.Now
	}
	m.reg.MustRegister(&listsCollector{lists: lists, now: now})
}

// DefaultStoreEvery is how often, at most, the figures of the database
// are read for /metrics (StoreOptions.Every).
const DefaultStoreEvery = 15 * time.Second

// StoreOptions say how the figures of the database are read.
type StoreOptions struct {
	// Every is the longest a snapshot of the figures is served before it
	// is read again: scrapes within it run no query. 0 means
	// DefaultStoreEvery; a negative value reads at every scrape.
	Every time.Duration
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// WatchStore registers the figures read from the database (alerts by
// status, jobs by state, network vets by state), read at most once per
// opts.Every, and its connection pool's.
func (m *Metrics) WatchStore(db *store.DB, opts StoreOptions) {
	if opts.Every == 0 {
		opts.Every = DefaultStoreEvery
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	m.reg.MustRegister(&storeCollector{db: db, every: opts.Every, now: opts.Now}, collectors.NewDBStatsCollector(db.SQL(), db.Dialect()))
}
