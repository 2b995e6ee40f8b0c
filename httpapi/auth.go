package httpapi

import (
	"context"
	"net/http"
	"strings"

	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/service"
	"github.com/vigil-screening/vigil/store"
)

// Authenticator resolves an API key to the principal it belongs to. It
// returns an *apperr.Error of code Unauthorized for an unknown or revoked
// key.
type Authenticator interface {
	Authenticate(ctx context.Context, apiKey string) (auth.Principal, error)
}

// laterAuthenticator is an Authenticator that can authenticate a request
// from the key's last lookup and confirm it later (see store.KeyCheck):
// POST /v1/screen, whose audited screening's commit confirms it, uses it.
type laterAuthenticator interface {
	AuthenticateLater(ctx context.Context, apiKey string) (auth.Principal, *store.KeyCheck, error)
	// ConfirmKey confirms the check, counting a refusal as a failed
	// authentication.
	ConfirmKey(ctx context.Context, check *store.KeyCheck) error
}

type principalKey struct{}

// PrincipalFrom returns the principal a request's API key authenticated.
// It reports false on public routes and when the server runs without
// authentication.
func PrincipalFrom(ctx context.Context) (auth.Principal, bool) {
	p, ok := ctx.Value(principalKey{}).(auth.Principal)
	return p, ok
}

// principal returns the principal a request acts as: the one its API key
// authenticated, or, on a server without authentication, the open
// principal.
func (s *Server) principal(r *http.Request) auth.Principal {
	if p, ok := PrincipalFrom(r.Context()); ok {
		return p
	}
	return s.open
}

// authenticate checks the request's API key, unless the route is public
// or the server runs without authentication, and returns the request
// carrying the principal.
//
// When later is set and the authenticator can, the principal may come
// from the key's last lookup: the request then carries a store.KeyCheck
// (store.WithKeyCheck), and check is that check, which must be confirmed
// before the request is answered (confirmingWriter).
func (s *Server) authenticate(r *http.Request, perm auth.Action, later bool) (_ *http.Request, check *store.KeyCheck, _ error) {
	if perm == PermPublic || s.auth == nil {
		return r, nil, nil
	}
	key := apiKey(r)
	if key == "" {
		return r, nil, apperr.New(apperr.Unauthorized, "missing API key: send \"Authorization: Bearer <key>\"")
	}
	ctx := service.WithClient(r.Context(), r.RemoteAddr)
	var p auth.Principal
	var err error
	if la, ok := s.auth.(laterAuthenticator); ok && later {
		p, check, err = la.AuthenticateLater(ctx, key)
	} else {
		p, err = s.auth.Authenticate(ctx, key)
	}
	if err != nil {
		return r, nil, err
	}
	ctx = context.WithValue(r.Context(), principalKey{}, p)
	return r.WithContext(store.WithKeyCheck(ctx, check)), check, nil
}

// confirmingWriter answers a request authenticated from the key's last
// lookup only once its store.KeyCheck is confirmed: before the first
// byte of the answer (its status), whatever wrote it. When the key no
// longer holds, the answer is that error instead.
type confirmingWriter struct {
	http.ResponseWriter
	r       *http.Request
	s       *Server
	auth    laterAuthenticator
	check   *store.KeyCheck
	decided bool
	refused bool
}

func (c *confirmingWriter) decide() {
	if c.decided {
		return
	}
	c.decided = true
	if err := c.auth.ConfirmKey(service.WithClient(c.r.Context(), c.r.RemoteAddr), c.check); err != nil {
		c.refused = true
		writeError(c.ResponseWriter, c.r, c.s.log, c.s.outage(c.r, err))
	}
}

func (c *confirmingWriter) WriteHeader(code int) {
	c.decide()
	if !c.refused {
		c.ResponseWriter.WriteHeader(code)
	}
}

func (c *confirmingWriter) Write(b []byte) (int, error) {
	c.decide()
	if c.refused {
		return len(b), nil // the refusal was written instead
	}
	return c.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection.
func (c *confirmingWriter) Unwrap() http.ResponseWriter { return c.ResponseWriter }

// apiKey reads the key from "Authorization: Bearer <key>", yente's
// "Authorization: ApiKey <key>", or "X-API-Key".
func apiKey(r *http.Request) string {
	if h := r.Header.Get("Authorization"); h != "" {
		scheme, key, ok := strings.Cut(h, " ")
		if ok && (strings.EqualFold(scheme, "Bearer") || strings.EqualFold(scheme, "ApiKey")) {
			return strings.TrimSpace(key)
		}
		return ""
	}
	return strings.TrimSpace(r.Header.Get("X-API-Key"))
}
