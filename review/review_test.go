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
			if err := CheckMove(from, to); (err == nil) != want || (err != nil && apperr.CodeOf(err) != apperr.Conflict) {
				t.Errorf("CheckMove(%s, %s) = %v", from, to, err)
			}
		}
	}
}

func TestNeedsFourEyes(t *testing.T) {
	p := DefaultPolicy()
	tests := []struct {
		lists []string
		d     Disposition
		want  bool
	}{
		{[]string{"us_ofac_sdn"}, TrueMatch, true},
		{[]string{"us_bis_dpl"}, TrueMatch, true},
		{[]string{"us_ofac_sdn"}, FalsePositive, true},
		{[]string{"un_sc"}, FalsePositive, true},
		{[]string{"us_bis_dpl"}, FalsePositive, false},
		{[]string{"un_sc"}, Inconclusive, true},
		{[]string{"us_bis_dpl"}, Inconclusive, false},
		// A merged identity is high impact if any of its records is.
		{[]string{"au_dfat", "un_sc", "us_ofac_sdn"}, FalsePositive, true},
		{[]string{"au_dfat", "us_ofac_sdn"}, Inconclusive, true},
		{[]string{"au_dfat", "ca_sema"}, FalsePositive, false},
		{nil, FalsePositive, false},
	}
	for _, tc := range tests {
		if got := p.NeedsFourEyes(tc.lists, tc.d); got != tc.want {
			t.Errorf("NeedsFourEyes(%v, %s) = %v, want %v", tc.lists, tc.d, got, tc.want)
		}
	}
	custom := Policy{HighImpactLists: []string{"my_list"}}
	if !custom.NeedsFourEyes([]string{"my_list"}, FalsePositive) || custom.NeedsFourEyes([]string{"un_sc"}, FalsePositive) {
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
	for _, r := range []string{"", " ", "\t\n ", "\u00a0\u2003"} {
		if err := CheckReason(r); apperr.CodeOf(err) != apperr.Invalid {
			t.Errorf("reason %q: %v", r, err)
		}
	}
	if err := CheckReason(string(make([]byte, 10001))); apperr.CodeOf(err) != apperr.Invalid {
		t.Errorf("huge reason: %v", err)
	}
	if err := CheckReason("born 1990"); err != nil {
		t.Errorf("reason: %v", err)
	}
}

func TestCheckDecider(t *testing.T) {
	ana := auth.Principal{UserID: 3, Username: "ana", Roles: []auth.Role{auth.RoleAnalyst}}
	sup := auth.Principal{UserID: 2, Username: "sue", Roles: []auth.Role{auth.RoleSupervisor}}
	tests := []struct {
		who      auth.Principal
		assignee string
		ok       bool
	}{
		{ana, "", true},
		{ana, "ana", true},
		{ana, "bob", false},
		{sup, "bob", true},
	}
	for _, tc := range tests {
		err := CheckDecider(tc.who, tc.assignee)
		if tc.ok != (err == nil) || (err != nil && apperr.CodeOf(err) != apperr.Forbidden) {
			t.Errorf("CheckDecider(%s, %q) = %v", tc.who.Username, tc.assignee, err)
		}
	}
}
