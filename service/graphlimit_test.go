package service

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/network"
)

// TestGraphQueriesBounded: with every slot taken, each graph use case is
// refused as unavailable with a clear message instead of piling up; once
// a slot is given back a query gets it.
func TestGraphQueriesBounded(t *testing.T) {
	s := New(Config{GraphQueries: 2, GraphWait: 20 * time.Millisecond})
	ctx := context.Background()
	p := auth.Principal{UserID: 1, Username: "ann", Roles: []auth.Role{auth.RoleAnalyst}}
	var held []func()
	for range 2 {
		r, err := s.graphSlot(ctx)
		if err != nil {
			t.Fatalf("slot %d: %v", len(held)+1, err)
		}
		held = append(held, r)
	}
	q := network.Query{From: "subject:X-1", Hops: 4}
	calls := map[string]func() error{
		"exposure":      func() error { _, err := s.Exposure(ctx, p, q); return err },
		"neighbourhood": func() error { _, err := s.Neighbourhood(ctx, p, q); return err },
		"ownership":     func() error { _, err := s.Ownership(ctx, p, "subject:X-1", ""); return err },
		"fifty":         func() error { _, err := s.FiftyPercent(ctx, p, ""); return err },
		"clusters":      func() error { _, err := s.Clusters(ctx, p, network.ClusterQuery{}); return err },
		"export":        func() error { _, err := s.NetworkExport(ctx, p, q); return err },
	}
	for name, call := range calls {
		err := call()
		if apperr.CodeOf(err) != apperr.Unavailable || !strings.Contains(apperr.MessageOf(err), "too many network queries") {
			t.Errorf("%s with every slot taken = %v, want unavailable: too many network queries", name, err)
		}
	}
	held[0]()
	r, err := s.graphSlot(ctx)
	if err != nil {
		t.Fatalf("slot after one was given back: %v", err)
	}
	r()
	held[1]()
	if n := len(s.graphSlots); n != 0 {
		t.Errorf("%d slots still taken after every release", n)
	}
}
