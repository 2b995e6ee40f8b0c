package httpapi_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/vigil-screening/vigil/httpapi"
	"github.com/vigil-screening/vigil/internal/cputime"
	"github.com/vigil-screening/vigil/internal/requestid"
	"github.com/vigil-screening/vigil/metrics"
	"github.com/vigil-screening/vigil/service"
	"github.com/vigil-screening/vigil/snapshot"
)

// BenchmarkObservability is the server-side cost of the monitoring of
// one request, without the network: ServeHTTP of GET /healthz and of
// POST /v1/screen (the fake engine: no screening cost), plain and with
// the metrics and a JSON access log written to io.Discard (the encoding
// is the cost; the write is the file system's).
//
//	go test -run '^$' -bench Observability -benchmem ./httpapi
func BenchmarkObservability(b *testing.B) {
	for _, observed := range []bool{false, true} {
		cfg := httpapi.Config{Logger: slog.New(slog.DiscardHandler)}
		name := "plain"
		if observed {
			name = "observed"
			reg := prometheus.NewRegistry()
			m := metrics.New(reg)
			cfg.Observer, cfg.AccessLog = m, true
			cfg.Logger = slog.New(requestid.NewHandler(slog.NewJSONHandler(io.Discard, nil)))
		}
		cfg.Service = service.New(service.Config{Logger: slog.New(slog.DiscardHandler)})
		cfg.Service.SetLists(&service.Lists{Engine: newFake(), Editions: []snapshot.Meta{{Source: "un_sc", Edition: "2026-02-27", Records: 1}}})
		srv := httpapi.New(cfg)
		for _, rt := range []struct{ method, path, body string }{
			{"GET", "/healthz", ""},
			{"POST", "/v1/screen", `{"name": "Ayman al-Zawahiri"}`},
		} {
			b.Run(name+rt.path, func(b *testing.B) {
				b.ReportAllocs()
				cpu0 := cputime.Process()
				for b.Loop() {
					req := httptest.NewRequest(rt.method, rt.path, strings.NewReader(rt.body))
					w := httptest.NewRecorder()
					srv.ServeHTTP(w, req)
					if w.Code != http.StatusOK {
						b.Fatalf("%s: %d %s", rt.path, w.Code, w.Body)
					}
				}
				b.ReportMetric(float64((cputime.Process()-cpu0).Nanoseconds())/float64(b.N), "cpu-ns/op")
			})
		}
	}
}
