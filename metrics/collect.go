package metrics

import (
	"context"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/vigil-screening/vigil/store"
)

// scrapeTimeout bounds the database queries of one scrape.
const scrapeTimeout = 5 * time.Second

var (
	listsDesc = prometheus.NewDesc(Namespace+"_lists_in_force",
		"List editions in force (0 while the lists are loading).", nil, nil)
	editionDesc = prometheus.NewDesc(Namespace+"_list_edition_info",
		"The edition in force of each list (always 1; the edition and its content hash are labels).", []string{"source", "edition", "hash"}, nil)
	recordsDesc = prometheus.NewDesc(Namespace+"_list_records",
		"Records of the edition in force of each list.", []string{"source"}, nil)
	ageDesc = prometheus.NewDesc(Namespace+"_list_edition_age_seconds",
		"Age of the edition in force of each list: since its edition date, or since it was imported when it has no date.", []string{"source"}, nil)
	loadedDesc = prometheus.NewDesc(Namespace+"_list_edition_imported_timestamp_seconds",
		"When the edition in force of each list was imported (Unix time).", []string{"source"}, nil)

	alertsDesc = prometheus.NewDesc(Namespace+"_alerts",
		"Alerts by status, read from the database (at most once per --metrics-db-every).", []string{"status"}, nil)
	jobsDesc = prometheus.NewDesc(Namespace+"_jobs",
		"Background jobs by state (available, scheduled, running, retryable, completed, discarded, cancelled): the job queue's depth.", []string{"state"}, nil)
	netVetsDesc = prometheus.NewDesc(Namespace+"_network_vets",
		"Network vets (the network alerts changes owe) by state: pending, done, failed (every attempt of its job failed; its alerts wait for an operator to retry it).", []string{"status"}, nil)
	storeUpDesc = prometheus.NewDesc(Namespace+"_store_up",
		"1 when the last read of the figures of the query (alerts, jobs, network_vets) from the database succeeded, 0 when it failed (the database is down or slow).", []string{"query"}, nil)
	storeAgeDesc = prometheus.NewDesc(Namespace+"_store_figures_age_seconds",
		"How long ago the figures read from the database (vigil_alerts, vigil_jobs, vigil_network_vets, vigil_store_up) were read: they are read at most once per --metrics-db-every.", nil, nil)
)

type listsCollector struct {
	lists ListsInForce
	now   func() time.Time
}

func (c *listsCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- listsDesc
	ch <- editionDesc
	ch <- recordsDesc
	ch <- ageDesc
	ch <- loadedDesc
}

func (c *listsCollector) Collect(ch chan<- prometheus.Metric) {
	metas, err := c.lists(context.Background())
	if err != nil {
		metas = nil // still loading
	}
	ch <- prometheus.MustNewConstMetric(listsDesc, prometheus.GaugeValue, float64(len(metas)))
	now := c.now()
	for _, m := range metas {
		ch <- prometheus.MustNewConstMetric(editionDesc, prometheus.GaugeValue, 1, m.Source, m.Edition, short(m.Hash))
		ch <- prometheus.MustNewConstMetric(recordsDesc, prometheus.GaugeValue, float64(m.Records), m.Source)
		since := editionDate(m.Edition, m.LoadedAt)
		if !since.IsZero() {
			ch <- prometheus.MustNewConstMetric(ageDesc, prometheus.GaugeValue, now.Sub(since).Seconds(), m.Source)
		}
		if !m.LoadedAt.IsZero() {
			ch <- prometheus.MustNewConstMetric(loadedDesc, prometheus.GaugeValue, float64(m.LoadedAt.UnixNano())/1e9, m.Source)
		}
	}
}

// editionDate returns the date an edition names ("2026-02-27", or
// "2023-11" for a monthly one: its first day), or otherwise loaded.
func editionDate(edition string, loaded time.Time) time.Time {
	for _, layout := range []string{"2006-01-02", "2006-01"} {
		if len(edition) >= len(layout) {
			if d, err := time.Parse(layout, edition[:len(layout)]); err == nil {
				return d
			}
		}
	}
	return loaded
}

func short(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	return h
}

// storeCollector serves the figures read from the database (alerts by
// status, jobs by state, network vets by state) from a snapshot read at
// most once every `every`: a scrape within that time of the last read
// answers the same figures without a query, and scrapes at once wait for
// one read. Whether each query succeeded is part of the snapshot.
type storeCollector struct {
	db    *store.DB
	every time.Duration
	now   func() time.Time

	mu   sync.Mutex
	at   time.Time // when the snapshot was read; zero before the first
	snap []storeRead
}

// storeRead is one query's figures in a snapshot.
type storeRead struct {
	query  string
	desc   *prometheus.Desc
	counts map[string]int64
	err    error
}

func (c *storeCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- alertsDesc
	ch <- jobsDesc
	ch <- netVetsDesc
	ch <- storeUpDesc
	ch <- storeAgeDesc
}

func (c *storeCollector) Collect(ch chan<- prometheus.Metric) {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.now()
	if c.at.IsZero() || now.Sub(c.at) >= c.every || now.Before(c.at) {
		c.snap, c.at = c.read(), now
	}
	for _, r := range c.snap {
		up := 1.0
		if r.err != nil {
			up = 0
		}
		ch <- prometheus.MustNewConstMetric(storeUpDesc, prometheus.GaugeValue, up, r.query)
		for k, n := range r.counts {
			ch <- prometheus.MustNewConstMetric(r.desc, prometheus.GaugeValue, float64(n), k)
		}
	}
	ch <- prometheus.MustNewConstMetric(storeAgeDesc, prometheus.GaugeValue, now.Sub(c.at).Seconds())
}

// read runs the queries of one snapshot, within scrapeTimeout.
func (c *storeCollector) read() []storeRead {
	ctx, cancel := context.WithTimeout(context.Background(), scrapeTimeout)
	defer cancel()
	out := make([]storeRead, 0, 3)
	add := func(query string, d *prometheus.Desc, read func() (map[string]int64, error)) {
		counts, err := read()
		out = append(out, storeRead{query: query, desc: d, counts: counts, err: err})
	}
	add("alerts", alertsDesc, func() (map[string]int64, error) { return c.db.AlertCounts(ctx) })
	add("jobs", jobsDesc, func() (map[string]int64, error) { return c.db.JobCounts(ctx) })
	add("network_vets", netVetsDesc, func() (map[string]int64, error) {
		n, err := c.db.NetworkVetCounts(ctx)
		if err == nil {
			for _, s := range []string{store.NetVetPending, store.NetVetDone, store.NetVetFailed} {
				n[s] += 0 // every state, at 0 when none is in it: an alert on failed > 0 has a series to watch
			}
		}
		return n, err
	})
	return out
}
