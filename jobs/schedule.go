package jobs

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/riverqueue/river"

	"github.com/vigil-screening/vigil/service"
	"github.com/vigil-screening/vigil/store"
)

// Schedule says how often one source is refreshed.
type Schedule struct {
	Source string
	Every  time.Duration
}

// Default intervals: the lists that change often (and matter most for a
// designation reaching the screening) hourly, the others daily.
var (
	hourly = []string{"un_sc", "us_ofac_sdn", "us_ofac_cons", "gb_fcdo_sanctions", "gb_hmt_ofsi", "eu_fsf"}
	// DefaultEvery is the interval of a source not listed as hourly.
	DefaultEvery = 24 * time.Hour
)

// DefaultSchedules returns a schedule for each source: hourly for the
// UN, OFAC, UK and EU lists, daily for the others; every overrides the
// interval of the sources it names.
func DefaultSchedules(sources []string, every map[string]time.Duration) []Schedule {
	out := make([]Schedule, 0, len(sources))
	for _, name := range sources {
		d := DefaultEvery
		if slices.Contains(hourly, name) {
			d = time.Hour
		}
		if e, ok := every[name]; ok {
			d = e
		}
		out = append(out, Schedule{Source: name, Every: d})
	}
	return out
}

// periodicJobs turns the schedules into River periodic jobs, which only
// the elected leader among the serving processes enqueues. Each runs at
// start and then every interval plus up to a tenth of jitter, so that
// many deployments (or many sources) do not all ask at the same moment.
func periodicJobs(schedules []Schedule, svc *service.Service) ([]*river.PeriodicJob, error) {
	known := map[string]bool{}
	for _, s := range svc.RefreshSources() {
		known[s.Name] = true
	}
	var out []*river.PeriodicJob
	for _, s := range schedules {
		if !known[s.Source] {
			return nil, fmt.Errorf("refresh schedule: unknown source %q", s.Source)
		}
		if s.Every < time.Second {
			return nil, fmt.Errorf("refresh schedule of %s: interval %v is too short", s.Source, s.Every)
		}
		args := store.RefreshJob{Source: s.Source}
		opts, err := insertOpts(args.Kind())
		if err != nil {
			return nil, err
		}
		out = append(out, river.NewPeriodicJob(jittered{every: s.Every},
			func() (river.JobArgs, *river.InsertOpts) { return args, opts },
			&river.PeriodicJobOpts{ID: "refresh_" + s.Source, RunOnStart: true}))
	}
	// The end of monitoring by retention, daily (docs/monitoring.md).
	expire := store.MonitorExpireJob{}
	opts, err := insertOpts(expire.Kind())
	if err != nil {
		return nil, err
	}
	out = append(out, river.NewPeriodicJob(jittered{every: 24 * time.Hour},
		func() (river.JobArgs, *river.InsertOpts) { return expire, opts },
		&river.PeriodicJobOpts{ID: "monitor_expire", RunOnStart: true}))
	return out, nil
}

// jittered is a periodic schedule: every, plus up to a tenth of it.
type jittered struct{ every time.Duration }

func (j jittered) Next(t time.Time) time.Time {
	return t.Add(j.every + time.Duration(rand.Int64N(int64(j.every)/10+1)))
}
