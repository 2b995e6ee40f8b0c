// Package ratelog keeps a log line that repeats (a failed sign-in, the
// database being unreachable) to one per key and interval, counting the
// lines it held back, so that a flood of bad requests cannot flood the
// log.
package ratelog

import (
	"sync"
	"time"
)

// Limiter lets one line per key through per interval.
type Limiter struct {
	every time.Duration
	now   func() time.Time

	mu   sync.Mutex
	keys map[string]*slot
}

type slot struct {
	last time.Time
	held int
}

// New returns a limiter letting one line per key through every interval.
func New(every time.Duration) *Limiter {
	return &Limiter{every: every, now: time.Now, keys: map[string]*slot{}}
}

// maxKeys bounds the memory the limiter keeps: beyond it, slots older
// than the interval are dropped, and if none is, all are.
const maxKeys = 4096

// Allow reports whether a line for key may be logged now, and how many
// were held back since the last one that was.
func (l *Limiter) Allow(key string) (ok bool, held int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	s := l.keys[key]
	if s == nil {
		if len(l.keys) >= maxKeys {
			l.sweep(now)
		}
		s = &slot{}
		l.keys[key] = s
	} else if now.Sub(s.last) < l.every {
		s.held++
		return false, 0
	}
	held, s.held, s.last = s.held, 0, now
	return true, held
}

func (l *Limiter) sweep(now time.Time) {
	for k, s := range l.keys {
		if now.Sub(s.last) >= l.every {
			delete(l.keys, k)
		}
	}
	if len(l.keys) >= maxKeys {
		l.keys = map[string]*slot{}
	}
}
