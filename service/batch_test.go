package service_test

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/service"
	"github.com/vigil-screening/vigil/subject"
)

// fakeScreener scores a subject by its name with an arbitrary delay, so
// that workers finish out of order.
type fakeScreener struct {
	screen func(s vigil.Subject) ([]vigil.Hit, error)
}

func (f fakeScreener) Screen(ctx context.Context, s vigil.Subject, opts vigil.Options) ([]vigil.Hit, error) {
	return f.screen(s)
}

func TestScreenAll_Order(t *testing.T) {
	var rows []subject.Row
	for i := range 200 {
		rows = append(rows, subject.Row{Line: i + 2, Subject: vigil.Subject{ID: strconv.Itoa(i), Name: "n" + strconv.Itoa(i)}})
	}
	rows[7] = subject.Row{Line: 9, Subject: vigil.Subject{ID: "9"}, Err: errors.New("in.csv:9: bad")}
	sc := fakeScreener{func(s vigil.Subject) ([]vigil.Hit, error) {
		n, _ := strconv.Atoi(s.ID)
		time.Sleep(time.Duration((n*7919)%5) * 100 * time.Microsecond)
		if n%3 == 0 {
			return nil, nil
		}
		return []vigil.Hit{{Score: 0.9, SourceID: s.Name}}, nil
	}}
	var got []vigil.Result
	err := service.ScreenAll(context.Background(), sc, vigil.Options{}, 4, service.SliceRows(rows), func(_ subject.Row, r vigil.Result) error {
		got = append(got, r)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(rows) {
		t.Fatalf("got %d results, want %d", len(got), len(rows))
	}
	for i, r := range got {
		if r.ID != rows[i].Subject.ID {
			t.Fatalf("result %d has id %q, want %q (order lost)", i, r.ID, rows[i].Subject.ID)
		}
		switch {
		case i == 7:
			if r.Error != "in.csv:9: bad" {
				t.Errorf("malformed row result = %+v", r)
			}
		case i%3 == 0:
			if len(r.Hits) != 0 || r.Error != "" {
				t.Errorf("result %d = %+v, want no hits", i, r)
			}
		default:
			if len(r.Hits) != 1 || r.Hits[0].SourceID != "n"+strconv.Itoa(i) {
				t.Errorf("result %d = %+v, want its own hit", i, r)
			}
		}
	}
}

func TestScreenAll_Errors(t *testing.T) {
	rows := []subject.Row{
		{Line: 2, Subject: vigil.Subject{ID: "a", Name: "ok"}},
		{Line: 3, Subject: vigil.Subject{ID: "b", Name: "invalid"}},
		{Line: 4, Subject: vigil.Subject{ID: "c", Name: "boom"}},
		{Line: 5, Subject: vigil.Subject{ID: "d", Name: "ok"}},
	}
	boom := errors.New("index corrupted")
	sc := fakeScreener{func(s vigil.Subject) ([]vigil.Hit, error) {
		switch s.Name {
		case "invalid":
			return nil, apperr.Field("date_of_birth", "impossible")
		case "boom":
			return nil, boom
		}
		return nil, nil
	}}
	var got []vigil.Result
	err := service.ScreenAll(context.Background(), sc, vigil.Options{}, 2, service.SliceRows(rows), func(_ subject.Row, r vigil.Result) error {
		got = append(got, r)
		return nil
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want the engine's error", err)
	}
	if len(got) != 2 || got[1].Error != "date_of_birth: impossible" {
		t.Errorf("results before the failure = %+v", got)
	}

	stop := errors.New("disk full")
	err = service.ScreenAll(context.Background(), fakeScreener{func(vigil.Subject) ([]vigil.Hit, error) { return nil, nil }},
		vigil.Options{}, 2, service.SliceRows(rows[:1]), func(subject.Row, vigil.Result) error { return stop })
	if !errors.Is(err, stop) {
		t.Errorf("err = %v, want emit's error", err)
	}

	readErr := errors.New("read failed")
	calls := 0
	next := func() (subject.Row, error) {
		calls++
		if calls > 3 {
			return subject.Row{}, readErr
		}
		return subject.Row{Line: calls, Subject: vigil.Subject{ID: fmt.Sprint(calls), Name: "x"}}, nil
	}
	n := 0
	err = service.ScreenAll(context.Background(), fakeScreener{func(vigil.Subject) ([]vigil.Hit, error) { return nil, nil }},
		vigil.Options{}, 2, next, func(subject.Row, vigil.Result) error { n++; return nil })
	if !errors.Is(err, readErr) || n != 3 {
		t.Errorf("err = %v after %d results, want the read error after 3", err, n)
	}
}

func TestScreenAll_Cancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	next := func() (subject.Row, error) { // endless input
		return subject.Row{Line: 1, Subject: vigil.Subject{ID: "1", Name: "x"}}, nil
	}
	n := 0
	err := service.ScreenAll(ctx, fakeScreener{func(vigil.Subject) ([]vigil.Hit, error) { return nil, nil }},
		vigil.Options{}, 2, next, func(subject.Row, vigil.Result) error {
			if n++; n == 100 {
				cancel()
			}
			return nil
		})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

// BenchmarkScreenAll measures the pipeline's own cost per row, with a
// screener that does nothing.
func BenchmarkScreenAll(b *testing.B) {
	rows := make([]subject.Row, b.N)
	for i := range rows {
		rows[i] = subject.Row{Line: i + 1, Subject: vigil.Subject{ID: "x", Name: "x"}}
	}
	sc := fakeScreener{func(vigil.Subject) ([]vigil.Hit, error) { return nil, nil }}
	b.ResetTimer()
	err := service.ScreenAll(context.Background(), sc, vigil.Options{}, 2, service.SliceRows(rows), func(subject.Row, vigil.Result) error { return nil })
	if err != nil {
		b.Fatal(err)
	}
}
