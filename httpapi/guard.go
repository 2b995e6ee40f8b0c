package httpapi

import (
	"fmt"
	"math"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// RateLimit is the per-key limit of requests: a token bucket of Burst
// requests refilled at PerSecond. A request over it is answered 429 with
// Retry-After. Requests are counted per API key (by the key's public
// id), or per client address on a server without authentication; the
// public routes (health, readiness, metrics, the OpenAPI document) are
// not limited.
type RateLimit struct {
	PerSecond float64
	Burst     int
}

// limiters holds one token bucket per key. Buckets left idle long enough
// to be full again are dropped when the table grows, so its size stays
// bounded by the keys active in the last few seconds.
type limiters struct {
	limit rate.Limit
	burst int
	mu    sync.Mutex
	keys  map[string]*bucket
	max   int
}

type bucket struct {
	lim  *rate.Limiter
	seen time.Time
}

func newLimiters(rl RateLimit) *limiters {
	if rl.PerSecond <= 0 {
		return nil
	}
	burst := rl.Burst
	if burst <= 0 {
		burst = max(1, int(math.Ceil(rl.PerSecond)))
	}
	return &limiters{limit: rate.Limit(rl.PerSecond), burst: burst, keys: map[string]*bucket{}, max: 10000}
}

// allow takes a token for key; when there is none it returns how long
// until there is.
func (l *limiters) allow(key string, now time.Time) (bool, time.Duration) {
	l.mu.Lock()
	b := l.keys[key]
	if b == nil {
		if len(l.keys) >= l.max {
			l.sweep(now)
		}
		b = &bucket{lim: rate.NewLimiter(l.limit, l.burst)}
		l.keys[key] = b
	}
	b.seen = now
	l.mu.Unlock()
	r := b.lim.ReserveN(now, 1)
	if !r.OK() {
		return false, time.Second
	}
	if d := r.DelayFrom(now); d > 0 {
		r.CancelAt(now)
		return false, d
	}
	return true, 0
}

// sweep drops the buckets idle long enough to have refilled.
func (l *limiters) sweep(now time.Time) {
	full := time.Duration(float64(l.burst)/float64(l.limit)*float64(time.Second)) + time.Second
	for k, b := range l.keys {
		if now.Sub(b.seen) > full {
			delete(l.keys, k)
		}
	}
}

// rateKey is what a request is counted against: the public id of the
// API key it authenticated with (vgl_<id>_<secret>), or else the
// client's address.
func rateKey(r *http.Request, authenticated bool) string {
	if k := apiKey(r); authenticated && k != "" {
		if parts := strings.SplitN(k, "_", 3); len(parts) == 3 {
			return "key:" + parts[1]
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	return "ip:" + host
}

// tooManyRequests answers 429 with Retry-After in whole seconds.
func tooManyRequests(w http.ResponseWriter, s *Server, wait time.Duration) {
	secs := max(1, int(math.Ceil(wait.Seconds())))
	w.Header().Set("Retry-After", strconv.Itoa(secs))
	writeJSON(w, s.log, http.StatusTooManyRequests, errorBody{Error: errorDetail{
		Code:    "rate_limited",
		Message: fmt.Sprintf("too many requests for this API key: at most %g a second (bursts of %d); retry after %d s", float64(s.limits.limit), s.limits.burst, secs),
	}})
}

// CORS lets browser clients of the listed origins call the API. Origins
// are matched exactly ("https://screening.example.org"); "*" allows any.
// API keys travel in headers, never cookies: credentials are not allowed.
type CORS struct {
	Origins []string
	// MaxAge is how long a browser may cache a preflight answer; 0 means
	// 10 minutes.
	MaxAge time.Duration
}

var (
	corsHeaders = strings.Join([]string{"Authorization", "Content-Type", "Idempotency-Key", "X-API-Key", "X-Request-Id"}, ", ")
	corsExposed = strings.Join([]string{"X-Request-Id", "Retry-After", "Location"}, ", ")
)

// cors adds the CORS headers of an allowed origin, and answers preflight
// requests. It reports whether the request was answered.
func (s *Server) cors(w http.ResponseWriter, r *http.Request) bool {
	origin := r.Header.Get("Origin")
	if len(s.corsCfg.Origins) == 0 || origin == "" {
		return false
	}
	h := w.Header()
	h.Add("Vary", "Origin")
	allowed := slices.Contains(s.corsCfg.Origins, "*") || slices.Contains(s.corsCfg.Origins, origin)
	preflight := r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != ""
	if allowed {
		h.Set("Access-Control-Allow-Origin", origin)
		h.Set("Access-Control-Expose-Headers", corsExposed)
	}
	if !preflight {
		return false
	}
	if allowed {
		methods := "GET, POST, DELETE"
		if _, path := s.paths.Handler(r); path != "" {
			methods = strings.Join(s.allow[path], ", ")
		}
		maxAge := s.corsCfg.MaxAge
		if maxAge <= 0 {
			maxAge = 10 * time.Minute
		}
		h.Set("Access-Control-Allow-Methods", methods)
		h.Set("Access-Control-Allow-Headers", corsHeaders)
		h.Set("Access-Control-Max-Age", strconv.Itoa(int(maxAge.Seconds())))
	}
	w.WriteHeader(http.StatusNoContent)
	return true
}
