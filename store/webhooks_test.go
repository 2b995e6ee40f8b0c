package store_test

import (
	"slices"
	"testing"

	"github.com/vigil-screening/vigil/audit"
	"github.com/vigil-screening/vigil/store"
)

// The trail binds webhooks: created, disabled and enabled through the
// store they verify; an address, a secret or a state rewritten in the
// database, or a webhook inserted there, is found.
func TestWebhooks_Bound(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		admin := mustUser(t, db, "adm", "admin")
		h, err := db.CreateWebhook(ctx, admin, "https://hooks.example/vigil", []store.EventType{store.EventAlertCreated}, "whsec_1")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.SetWebhookEnabled(ctx, admin, h.ID, false, "maintenance"); err != nil {
			t.Fatal(err)
		}
		if _, err := db.SetWebhookEnabled(ctx, admin, h.ID, true, ""); err != nil {
			t.Fatal(err)
		}
		if v := mustVerify(t, db); v.Finding != nil || len(v.State.Differences) != 0 {
			t.Fatalf("untouched: %v\n%s", v.Finding, diffs(v.State))
		}
		if _, err := db.CreateWebhook(ctx, admin, "https://x/", []store.EventType{"alert.deleted"}, "s"); err == nil {
			t.Error("a webhook for an unknown event was created")
		}
		exec(t, db, `UPDATE webhooks SET url = 'https://attacker.example/', secret = 'whsec_2', enabled = FALSE`,
			`INSERT INTO webhooks (url, events, secret, created_by, created_at, updated_at) VALUES ('https://b/', 'alert.created', 's', 'x', 'x', 'x')`)
		got := names(mustVerify(t, db).State)
		for _, w := range []string{
			want(audit.Changed, "webhooks", h.ID, "url"), want(audit.Changed, "webhooks", h.ID, "secret"),
			want(audit.Changed, "webhooks", h.ID, "enabled"), want(audit.Extra, "webhooks", h.ID+1, ""),
		} {
			if !slices.Contains(got, w) {
				t.Errorf("differences %v lack %q", got, w)
			}
		}
	})
}
