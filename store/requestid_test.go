package store_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/internal/requestid"
	"github.com/vigil-screening/vigil/store"
)

// The request id a context carries goes into the details of the audit
// entries written for it — each screening of a group commit its own —
// under the hash: the trail still verifies and replays, and rewriting a
// recorded id breaks the chain.
func TestAuditRequestID(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		if _, err := db.CreateUser(requestid.With(ctx, "req-user"), store.System, "sam", []auth.Role{auth.RoleScreener}); err != nil {
			t.Fatal(err)
		}
		p := auth.Principal{Username: "sam", Roles: []auth.Role{auth.RoleScreener}}
		rec := record("us_ofac_sdn", "6366", "AL-ZAWAHIRI, Ayman")
		const n = 24 // concurrent: the group commit shares transactions
		var wg sync.WaitGroup
		errs := make([]error, n)
		for i := range n {
			wg.Go(func() {
				rctx := requestid.With(ctx, fmt.Sprintf("req-%d", i))
				if i == 0 {
					rctx = ctx // no id: no request_id
				}
				_, errs[i] = db.RecordScreening(rctx, p, screening(fmt.Sprint("R-", i), "Ayman al Zawahiri", hit(rec, 0.9)))
			})
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Fatalf("screening %d: %v", i, err)
			}
		}
		batch := []store.Screening{screening("B-1", "x"), screening("B-2", "y")}
		if _, err := db.RecordScreenings(requestid.With(ctx, "req-batch"), p, batch); err != nil {
			t.Fatal(err)
		}

		var buf bytes.Buffer
		if _, err := db.ExportAudit(ctx, &buf, time.Time{}, time.Time{}); err != nil {
			t.Fatal(err)
		}
		got := map[string]string{} // object -> request id
		for line := range bytes.Lines(buf.Bytes()) {
			var e struct {
				Action  string         `json:"action"`
				Object  string         `json:"object"`
				Details map[string]any `json:"details"`
			}
			if err := json.Unmarshal(line, &e); err != nil {
				t.Fatal(err)
			}
			id, _ := e.Details["request_id"].(string)
			got[e.Object] = id
		}
		if got["user/sam"] != "req-user" {
			t.Errorf("user/sam: request id %q", got["user/sam"])
		}
		if got["subject/R-0"] != "" {
			t.Errorf("a screening without a request id got %q", got["subject/R-0"])
		}
		for i := 1; i < n; i++ {
			if want := fmt.Sprintf("req-%d", i); got[fmt.Sprint("subject/R-", i)] != want {
				t.Errorf("subject/R-%d: request id %q, want %q", i, got[fmt.Sprint("subject/R-", i)], want)
			}
		}
		if got["subject/B-1"] != "req-batch" || got["subject/B-2"] != "req-batch" {
			t.Errorf("batch: %q %q", got["subject/B-1"], got["subject/B-2"])
		}
		if f := verify(t, db); f != nil {
			t.Fatalf("chain: %v", f)
		}
		if v := mustVerify(t, db); v.Finding != nil || !v.State.Consistent {
			t.Fatalf("replay: %+v", v)
		}

		// Rewriting the id of one entry is found.
		if _, err := db.SQL().Exec(`UPDATE audit_log SET details = REPLACE(details, '"req-3"', '"req-forged"') WHERE object = 'subject/R-3'`); err != nil {
			t.Fatal(err)
		}
		if f := verify(t, db); f == nil {
			t.Fatal("a rewritten request id was not found")
		}
	})
}
