package ratelog

import (
	"fmt"
	"testing"
	"time"
)

func TestLimiter(t *testing.T) {
	now := time.Unix(0, 0)
	l := New(time.Minute)
	l.now = func() time.Time { return now }
	if ok, _ := l.Allow("a"); !ok {
		t.Fatal("first line held back")
	}
	for i := 0; i < 5; i++ {
		if ok, _ := l.Allow("a"); ok {
			t.Fatal("a repeat within the interval was let through")
		}
	}
	if ok, _ := l.Allow("b"); !ok {
		t.Fatal("another key held back")
	}
	now = now.Add(time.Minute)
	if ok, held := l.Allow("a"); !ok || held != 5 {
		t.Fatalf("after the interval: %v, held %d, want true, 5", ok, held)
	}
	for i := 0; i < 3*maxKeys; i++ {
		l.Allow(fmt.Sprint(i))
	}
	if len(l.keys) > maxKeys {
		t.Fatalf("%d keys kept, want at most %d", len(l.keys), maxKeys)
	}
}
