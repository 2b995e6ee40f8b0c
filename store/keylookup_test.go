package store_test

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/store"
)

// TestSharedKeyLookupsSeeRevocation hammers one API key from many
// goroutines (their lookups are shared) while the key is revoked: every
// Authenticate that starts after RevokeKey has returned must be refused,
// and every one before succeeds or is refused, never errs otherwise. A
// wrong secret for the same key id, in the same rounds, is always refused.
func TestSharedKeyLookupsSeeRevocation(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		mustUser(t, db, "kim", auth.RoleScreener)
		k, key, err := db.CreateKey(ctx, store.System, "kim")
		if err != nil {
			t.Fatal(err)
		}
		bad := key[:len(key)-1] + string("01"[(key[len(key)-1]-'0'+1)%2])
		if key[len(key)-1] != '0' && key[len(key)-1] != '1' {
			bad = key[:len(key)-1] + "0"
		}
		var revoked atomic.Bool
		var stop atomic.Bool
		var okBefore, wrongAfter, badAccepted atomic.Int64
		var wg sync.WaitGroup
		for g := range 16 {
			wg.Go(func() {
				for !stop.Load() {
					after := revoked.Load()
					secret := key
					if g == 0 {
						secret = bad
					}
					p, err := db.Authenticate(ctx, secret)
					switch {
					case err == nil && g == 0:
						badAccepted.Add(1)
					case err == nil && after:
						wrongAfter.Add(1)
					case err == nil:
						if p.Username != "kim" {
							t.Errorf("principal %+v", p)
						}
						okBefore.Add(1)
					case apperr.CodeOf(err) != apperr.Unauthorized:
						t.Errorf("authenticate: %v", err)
					}
				}
			})
		}
		time.Sleep(200 * time.Millisecond)
		if err := db.RevokeKey(ctx, store.System, k.ID); err != nil {
			t.Fatal(err)
		}
		revoked.Store(true)
		time.Sleep(200 * time.Millisecond)
		stop.Store(true)
		wg.Wait()
		if okBefore.Load() == 0 {
			t.Fatal("no lookup succeeded before the revocation")
		}
		if n := wrongAfter.Load(); n > 0 {
			t.Errorf("%d lookups started after the revocation accepted the key", n)
		}
		if n := badAccepted.Load(); n > 0 {
			t.Errorf("a wrong secret was accepted %d times", n)
		}
		t.Logf("%d accepted before the revocation", okBefore.Load())
	})
}
