package source

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/entity/packed"
	"github.com/vigil-screening/vigil/snapshot"
)

// snap returns a snapshot of source "test" with n records numbered 1..n,
// change applied to them before they are packed.
func snap(edition string, n int, change ...func([]*entity.Entity)) *snapshot.Snapshot {
	var ents []*entity.Entity
	for i := 1; i <= n; i++ {
		ents = append(ents, &entity.Entity{List: "test", ID: fmt.Sprint(i)})
	}
	for _, c := range change {
		c(ents)
	}
	return &snapshot.Snapshot{Source: "test", Edition: edition, Records: packed.Pack(ents)}
}

func TestAccept(t *testing.T) {
	prev := &Previous{Edition: "2024-05-01", Counts: Counts{Records: 1000}}
	dup := snap("2024-05-02", 1000, func(es []*entity.Entity) { es[999].ID = "7" })
	noID := snap("2024-05-02", 1000, func(es []*entity.Entity) { es[3].ID = "" })
	tests := []struct {
		name    string
		prev    *Previous
		next    *snapshot.Snapshot
		opts    Checks
		wantErr string // "" = accepted
	}{
		{"first edition", nil, snap("2024-05-02", 3), DefaultChecks(), ""},
		{"growth", prev, snap("2024-05-02", 1200), DefaultChecks(), ""},
		{"drop of exactly 10%", prev, snap("2024-05-02", 900), DefaultChecks(), ""},
		{"drop of 10.1%", prev, snap("2024-05-02", 899), DefaultChecks(), "record count fell from 1000 to 899 (10.1%, limit 10.0%)"},
		{"drop under a looser limit", prev, snap("2024-05-02", 600), Checks{MaxDrop: 0.5}, ""},
		{"drop forced", prev, snap("2024-05-02", 10), Checks{Force: true}, ""},
		{"zero limit refuses any drop", prev, snap("2024-05-02", 999), Checks{}, "fell from 1000 to 999"},
		{"empty", prev, snap("2024-05-02", 0), DefaultChecks(), "no records"},
		{"empty even when forced", nil, snap("2024-05-02", 0), Checks{Force: true}, "no records"},
		{"duplicate id", nil, dup, Checks{Force: true}, `identifier "7" is used by records 7 and 1000`},
		{"missing id", nil, noID, DefaultChecks(), "record 4 has no identifier"},
		{"older edition", prev, snap("2024-04-30", 1000), DefaultChecks(), "edition date 2024-04-30 is earlier than the edition in force (2024-05-01)"},
		{"older edition forced", prev, snap("2024-04-30", 1000), Checks{Force: true}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Accept(tt.prev, tt.next, tt.opts)
			checkErr(t, err, tt.wantErr)
			if err != nil && !errors.Is(err, ErrRejected) {
				t.Errorf("error %v does not wrap ErrRejected", err)
			}
		})
	}
}

// checkErr fails unless err is nil when want is "", or contains want.
func checkErr(t *testing.T, err error, want string) {
	t.Helper()
	switch {
	case want == "" && err != nil:
		t.Fatalf("unexpected error: %v", err)
	case want != "" && err == nil:
		t.Fatalf("no error, want one containing %q", want)
	case want != "" && !strings.Contains(err.Error(), want):
		t.Fatalf("error %q does not contain %q", err, want)
	}
}
