package auth

import (
	"strings"
	"testing"

	"github.com/vigil-screening/vigil/apperr"
)

func TestAllowed(t *testing.T) {
	p := func(roles ...Role) Principal { return Principal{Username: "x", Roles: roles} }
	tests := []struct {
		p    Principal
		a    Action
		want bool
	}{
		{p(RoleScreener), ActionScreen, true},
		{p(RoleScreener), ActionReview, false},
		{p(RoleAnalyst), ActionReview, true},
		{p(RoleAnalyst), ActionApprove, false},
		{p(RoleSupervisor), ActionApprove, true},
		{p(RoleSupervisor), ActionReassign, true},
		{p(RoleAuditor), ActionReadAudit, true},
		{p(RoleAuditor), ActionReview, false},
		{p(RoleAdmin), ActionManageUsers, true},
		{p(RoleAdmin), ActionScreen, false},
		{p(RoleAdmin), ActionViewLists, true},
		{p(RoleAdmin), ActionViewEntity, false},
		{p(RoleAnalyst, RoleAuditor), ActionReadAudit, true},
		{p(), ActionScreen, false},
		{p(RoleAdmin), "unknown", false},
		{Operator("ann@host"), ActionManageUsers, true},
		{Operator("ann@host"), ActionScreen, true},
		{Operator("ann@host"), ActionReview, false},
		{Operator("ann@host"), ActionApprove, false},
		{Operator("ann@host"), ActionViewSubject, false},
		{System(), ActionRefreshLists, true},
		{System(), ActionDeliverHooks, true},
		{System(), ActionImportLists, true},
		{System(), ActionScreen, false},
		{System(), ActionManageUsers, false},
		{p(RoleAdmin), ActionDeliverHooks, false},
		{System(), ActionRevet, true},
		{p(RoleAdmin), ActionRevet, false},
		{p(RoleSupervisor), ActionRescreen, true},
		{p(RoleAnalyst), ActionRescreen, false},
		{p(RoleScreener), ActionMonitor, false},
		{p(RoleSupervisor), ActionViewJobs, true},
		{p(RoleAnalyst), ActionViewJobs, false},
		{p(RoleAdmin), ActionManageHooks, true},
		{p(RoleSupervisor), ActionManageHooks, false},
		{p(RoleAnalyst), ActionAssertEdges, true},
		{p(RoleScreener), ActionAssertEdges, false},
		{p(RoleAuditor), ActionViewNetwork, true},
		{p(RoleAuditor), ActionAssertEdges, false},
		{p(RoleScreener), ActionViewNetwork, false},
		{p(RoleAuditor), ActionExport, true},
		{p(RoleAnalyst), ActionExport, false},
		{Operator("ann@host"), ActionExport, true},
		{p(RoleSupervisor), ActionReport, true},
		{p(RoleAuditor), ActionReport, true},
		{p(RoleAnalyst), ActionReport, false},
		{p(RoleScreener), ActionReport, false},
	}
	for _, tc := range tests {
		if got := Allowed(tc.p, tc.a); got != tc.want {
			t.Errorf("Allowed(%v, %s) = %v, want %v", tc.p.Roles, tc.a, got, tc.want)
		}
	}
	for _, a := range Actions() {
		if len(RolesFor(a)) == 0 {
			t.Errorf("action %s has no roles", a)
		}
	}
	if ValidRole(RoleOperator) || ValidRole(RoleSystem) || Operator("x").Username != "cli:x" {
		t.Error("the operator role can be given to users, or the operator is misnamed")
	}
	if len(Actions()) != 25 {
		t.Errorf("%d actions, want 25", len(Actions()))
	}
}

func TestKeys(t *testing.T) {
	id, key, hash, err := NewKey()
	if err != nil {
		t.Fatal(err)
	}
	gotID, secret, err := ParseKey(key)
	if err != nil || gotID != id || !SecretMatches(secret, hash) || strings.Contains(hash, secret) {
		t.Fatalf("ParseKey(%q) = %q, %q, %v", key, gotID, secret, err)
	}
	if SecretMatches(strings.Repeat("0", 64), hash) {
		t.Fatal("wrong secret matched")
	}
	for _, bad := range []string{"", "vgl_", "vgl__", key + "0", key[1:], strings.Replace(key, "vgl_", "vgk_", 1),
		"vgl_" + id + "-" + secret, "vgl_" + strings.ToUpper(id) + "x_" + secret, "vgl_" + id + "_" + strings.Repeat("g", 64), "\xff"} {
		if _, _, err := ParseKey(bad); apperr.CodeOf(err) != apperr.Unauthorized {
			t.Errorf("ParseKey(%q) = %v", bad, err)
		}
	}
}

func TestPassword(t *testing.T) {
	if _, err := HashPassword("short"); err == nil {
		t.Error("short password hashed")
	}
	h, err := HashPassword("correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	h2, _ := HashPassword("correct horse battery")
	if h == h2 {
		t.Error("no salt")
	}
	if !CheckPassword("correct horse battery", h) || CheckPassword("correct horse batter", h) {
		t.Error("CheckPassword wrong")
	}
	for _, bad := range []string{"", "$argon2id$", strings.Replace(h, "m=65536", "m=99999999", 1), "$bcrypt$v=19$m=1,t=1,p=1$AA$AA", h[:len(h)-4]} {
		if CheckPassword("correct horse battery", bad) {
			t.Errorf("matched malformed hash %q", bad)
		}
	}
}

func FuzzParseKey(f *testing.F) {
	_, key, _, _ := NewKey()
	for _, s := range []string{key, "", "vgl_", "vgl_0_0", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		id, secret, err := ParseKey(s)
		if err != nil {
			return
		}
		if "vgl_"+id+"_"+secret != s {
			t.Fatalf("ParseKey(%q) = %q, %q", s, id, secret)
		}
	})
}
