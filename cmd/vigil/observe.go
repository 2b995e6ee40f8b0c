package main

import (
	"context"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/urfave/cli/v3"

	"github.com/vigil-screening/vigil/httpapi"
	"github.com/vigil-screening/vigil/metrics"
	"github.com/vigil-screening/vigil/service"
	"github.com/vigil-screening/vigil/snapshot"
	"github.com/vigil-screening/vigil/store"
)

// observeFlags turn the server's metrics and access log on or off.
func observeFlags() []cli.Flag {
	return []cli.Flag{
		&cli.BoolFlag{Name: "metrics", Value: true, Sources: cli.EnvVars("VIGIL_METRICS"),
			Usage: "serve Prometheus metrics at /metrics (no API key needed: restrict it at the network)"},
		&cli.BoolFlag{Name: "access-log", Value: true, Sources: cli.EnvVars("VIGIL_ACCESS_LOG"),
			Usage: "log one line per request, with its request id (probes and /metrics at debug level)"},
		&cli.DurationFlag{Name: "metrics-db-every", Value: metrics.DefaultStoreEvery, Sources: cli.EnvVars("VIGIL_METRICS_DB_EVERY"),
			Usage: "longest time /metrics serves the figures it reads from the database (alerts, jobs, network vets) before reading them again; scrapes in between run no query (0: read at every scrape)"},
	}
}

// observability is the monitoring of one server: its own registry (no
// global one), handed to the service and the HTTP adapter.
type observability struct {
	metrics *metrics.Metrics // nil without --metrics
	reg     *prometheus.Registry
	dbEvery time.Duration // --metrics-db-every
}

func newObservability(cmd *cli.Command) *observability {
	o := &observability{dbEvery: cmd.Duration("metrics-db-every")}
	if o.dbEvery <= 0 {
		o.dbEvery = -1 // at every scrape
	}
	if cmd.Bool("metrics") {
		o.reg = prometheus.NewRegistry()
		o.metrics = metrics.New(o.reg)
	}
	return o
}

// observer is the service's observer, or nil.
func (o *observability) observer() service.Observer {
	if o.metrics == nil {
		return nil
	}
	return o.metrics
}

// watch registers the figures read at each scrape: the lists in force of
// svc and, when there is one, the database.
func (o *observability) watch(svc *service.Service, db *store.DB) {
	if o.metrics == nil {
		return
	}
	o.metrics.WatchLists(func(ctx context.Context) ([]snapshot.Meta, error) {
		return svc.InForce(ctx, service.System)
	}, nil)
	if db != nil {
		o.metrics.WatchStore(db, metrics.StoreOptions{Every: o.dbEvery})
	}
}

// http adds the request observer, the access log and the /metrics route
// to the HTTP configuration.
func (o *observability) http(cmd *cli.Command, cfg httpapi.Config) httpapi.Config {
	cfg.AccessLog = cmd.Bool("access-log")
	if o.metrics == nil {
		return cfg
	}
	cfg.Observer = o.metrics
	h := metrics.Handler(o.reg)
	cfg.Routes = append(cfg.Routes, httpapi.Route{Method: "GET", Path: "/metrics", Permission: httpapi.PermPublic,
		Handler: func(w http.ResponseWriter, r *http.Request) error {
			h.ServeHTTP(w, r)
			return nil
		}})
	return cfg
}
