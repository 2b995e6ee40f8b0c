package httpapi

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/vigil-screening/vigil/internal/requestid"
)

// RequestObserver is told of every request, for metrics (package
// metrics is one): RequestStarted when it comes in, RequestDone with
// the route pattern (never the raw path: the number of series stays
// bounded), the status and the time taken.
type RequestObserver interface {
	RequestStarted()
	RequestDone(method, route string, code int, took time.Duration)
}

// unmatchedRoute is the route of requests that match no route.
const unmatchedRoute = "unmatched"

// pagesRoute is the route of every request the web application serves.
const pagesRoute = "web"

// quietRoutes are logged at debug level: probes and scrapes come every
// few seconds and say nothing about use.
var quietRoutes = map[string]bool{"/healthz": true, "/readyz": true, "/metrics": true}

// requestInfo is what the layers of one request learn for its access log
// line: the authenticated user.
type requestInfo struct{ user string }

type infoKey struct{}

// noteUser records the user of the request for its access log line.
func noteUser(ctx context.Context, name string) {
	if info, ok := ctx.Value(infoKey{}).(*requestInfo); ok {
		info.user = name
	}
}

// begin gives the request its id (the client's X-Request-Id when sane,
// otherwise a new one), echoes it in the response and puts it in the
// request's context, where the logger (requestid.Handler) and the audit
// trail find it.
func begin(w http.ResponseWriter, r *http.Request) (*http.Request, *requestInfo) {
	id := r.Header.Get(requestid.Header)
	if !requestid.Valid(id) {
		id = requestid.New()
	}
	w.Header().Set(requestid.Header, id)
	info := &requestInfo{}
	ctx := context.WithValue(requestid.With(r.Context(), id), infoKey{}, info)
	return r.WithContext(ctx), info
}

// finish observes the request and writes its access log line.
func (s *Server) finish(r *http.Request, rec *recorder, info *requestInfo, route string, start time.Time) {
	took := time.Since(start)
	method := r.Method
	switch method {
	case http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete, http.MethodHead, http.MethodOptions:
	default:
		method = "OTHER"
	}
	if s.observe != nil {
		s.observe.RequestDone(method, route, rec.status(), took)
	}
	if !s.accessLog {
		return
	}
	level := slog.LevelInfo
	if quietRoutes[route] {
		level = slog.LevelDebug
	}
	if !s.log.Enabled(r.Context(), level) {
		return
	}
	s.log.LogAttrs(r.Context(), level, "request",
		slog.String("method", method),
		slog.String("route", route),
		slog.String("path", truncate(r.URL.Path, 200)),
		slog.Int("status", rec.status()),
		slog.Int64("bytes", rec.bytes),
		slog.Float64("ms", float64(took.Microseconds())/1000),
		slog.String("user", info.user),
		slog.String("remote", r.RemoteAddr),
	)
}

// routeOf returns the route label of a ServeMux pattern "METHOD /path".
func routeOf(pattern string) string {
	if _, path, ok := strings.Cut(pattern, " "); ok {
		return path
	}
	return pattern
}

// recorder notes the status and size of a response. It passes Flush on
// (streamed exports) and unwraps for http.ResponseController.
type recorder struct {
	http.ResponseWriter
	code  int
	bytes int64
}

func (rec *recorder) WriteHeader(code int) {
	if rec.code == 0 {
		rec.code = code
	}
	rec.ResponseWriter.WriteHeader(code)
}

func (rec *recorder) Write(b []byte) (int, error) {
	if rec.code == 0 {
		rec.code = http.StatusOK
	}
	n, err := rec.ResponseWriter.Write(b)
	rec.bytes += int64(n)
	return n, err
}

// Flush sends buffered data to the client.
func (rec *recorder) Flush() {
	if rec.code == 0 {
		rec.code = http.StatusOK
	}
	if f, ok := rec.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Unwrap returns the underlying writer, for http.ResponseController.
func (rec *recorder) Unwrap() http.ResponseWriter { return rec.ResponseWriter }

func (rec *recorder) status() int {
	if rec.code == 0 {
		return http.StatusOK
	}
	return rec.code
}
