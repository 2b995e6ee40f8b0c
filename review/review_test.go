package review

import (
	"testing"

	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/auth"
)

func TestCanMove(t *testing.T) {
	all := []Status{StatusOpen, StatusInReview, StatusEscalated, StatusClosed}
	allowed := map[[2]Status]bool{
		{StatusOpen, StatusInReview}:      true,
		{StatusInReview, StatusOpen}:      true,
		{StatusInReview, StatusEscalated}: true,
		{StatusInReview, StatusClosed}:    true,
		{StatusEscalated, StatusInReview}: true,
		{StatusEscalated, StatusClosed}:   true,
		{StatusClosed, StatusInReview}:    true,
	}
	for _, from := range all {
		for _, to := range append(all, "bogus") {
			want := allowed[[2]Status{from, to}]
			if got := CanMove(from, to); got != want {
				t.Errorf("CanMove(%s, %s) = %v, want %v", from, to, got, want)
			}
			if err := CheckMove(from, to); (err == nil) != want || (err != nil && apperr.CodeOf(err) != apperr.Invalid) {
				t.Errorf("CheckMove(%s, %s) = %v", from, to, err)
			}
		}
	}
}

func TestNeedsFourEyes(t *testing.T) {
	p := DefaultPolicy()
	tests := []struct {
		list string
		d    Disposition
		want bool
	}{
		{"us_ofac_sdn", TrueMatch, true},
		{"us_bis_dpl", TrueMatch, true},
		{"us_ofac_sdn", FalsePositive, true},
		{"un_sc", FalsePositive, true},
		{"us_bis_dpl", FalsePositive, false},
		{"un_sc", Inconclusive, false},
	}
	for _, tc := range tests {
		if got := p.NeedsFourEyes(tc.list, tc.d); got != tc.want {
			t.Errorf("NeedsFourEyes(%s, %s) = %v, want %v", tc.list, tc.d, got, tc.want)
		}
	}
	custom := Policy{HighImpactLists: []string{"my_list"}}
	if !custom.NeedsFourEyes("my_list", FalsePositive) || custom.NeedsFourEyes("un_sc", FalsePositive) {
		t.Error("custom policy not applied")
	}
}

func TestCheckApprover(t *testing.T) {
	sup := auth.Principal{UserID: 2, Username: "sue", Roles: []auth.Role{auth.RoleSupervisor}}
	ana := auth.Principal{UserID: 3, Username: "ana", Roles: []auth.Role{auth.RoleAnalyst}}
	if err := CheckApprover(1, sup); err != nil {
		t.Errorf("other supervisor: %v", err)
	}
	if err := CheckApprover(2, sup); apperr.CodeOf(err) != apperr.Forbidden {
		t.Errorf("self-approval: %v", err)
	}
	if err := CheckApprover(1, ana); apperr.CodeOf(err) != apperr.Forbidden {
		t.Errorf("analyst approval: %v", err)
	}
}

func TestCheckReason(t *testing.T) {
	if err := CheckReason(""); apperr.CodeOf(err) != apperr.Invalid {
		t.Errorf("empty reason: %v", err)
	}
	if err := CheckReason(string(make([]byte, 10001))); apperr.CodeOf(err) != apperr.Invalid {
		t.Errorf("huge reason: %v", err)
	}
	if err := CheckReason("born 1990"); err != nil {
		t.Errorf("reason: %v", err)
	}
}
