package subject_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/apperr"
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
	var got []subject.Result
	err := subject.ScreenAll(context.Background(), sc, vigil.Options{}, 4, subject.SliceRows(rows), func(_ subject.Row, r subject.Result) error {
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
	var got []subject.Result
	err := subject.ScreenAll(context.Background(), sc, vigil.Options{}, 2, subject.SliceRows(rows), func(_ subject.Row, r subject.Result) error {
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
	err = subject.ScreenAll(context.Background(), fakeScreener{func(vigil.Subject) ([]vigil.Hit, error) { return nil, nil }},
		vigil.Options{}, 2, subject.SliceRows(rows[:1]), func(subject.Row, subject.Result) error { return stop })
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
	err = subject.ScreenAll(context.Background(), fakeScreener{func(vigil.Subject) ([]vigil.Hit, error) { return nil, nil }},
		vigil.Options{}, 2, next, func(subject.Row, subject.Result) error { n++; return nil })
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
	err := subject.ScreenAll(ctx, fakeScreener{func(vigil.Subject) ([]vigil.Hit, error) { return nil, nil }},
		vigil.Options{}, 2, next, func(subject.Row, subject.Result) error {
			if n++; n == 100 {
				cancel()
			}
			return nil
		})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

func TestResult_MarshalJSON(t *testing.T) {
	tests := []struct {
		r    subject.Result
		want string
	}{
		{subject.Result{ID: "1"}, `{"id":"1","hits":[]}`},
		{subject.Result{ID: "2", Error: "in.csv:2: bad"}, `{"id":"2","error":"in.csv:2: bad"}`},
		{subject.Result{ID: "3", Hits: []vigil.Hit{{Score: 0.5, List: "un_sc", SourceID: "7"}}},
			`{"id":"3","hits":[{"score":0.5,"list":"un_sc","source_id":"7","name":"","matched_name":"","explanation":{"name_score":0,"parts":null}}]}`},
	}
	for _, tt := range tests {
		b, err := json.Marshal(tt.r)
		if err != nil || string(b) != tt.want {
			t.Errorf("Marshal(%+v) = %s, %v; want %s", tt.r, b, err, tt.want)
		}
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
	err := subject.ScreenAll(context.Background(), sc, vigil.Options{}, 2, subject.SliceRows(rows), func(subject.Row, subject.Result) error { return nil })
	if err != nil {
		b.Fatal(err)
	}
}

func TestWarnings(t *testing.T) {
	if w := subject.Warnings(vigil.Subject{Name: "Ivan", Nationality: "Russian", Country: "Korea, North"}); len(w) != 0 {
		t.Errorf("known countries warned: %v", w)
	}
	w := subject.Warnings(vigil.Subject{Name: "Ivan", Nationality: "Narnia"})
	if len(w) != 1 || !strings.Contains(w[0], `nationality: "Narnia"`) {
		t.Errorf("Warnings = %v, want one naming nationality Narnia", w)
	}
	b, err := json.Marshal(subject.Result{ID: "7", Warnings: w})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"hits":[]`) || !strings.Contains(string(b), `"warnings":["nationality: \"Narnia\"`) {
		t.Errorf("result JSON = %s", b)
	}
}
