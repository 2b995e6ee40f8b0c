package httpapi

import (
	"context"
	"net/http"
	"strings"

	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/auth"
)

// Authenticator resolves an API key to the principal it belongs to. It
// returns an *apperr.Error of code Unauthorized for an unknown or revoked
// key.
type Authenticator interface {
	Authenticate(ctx context.Context, apiKey string) (auth.Principal, error)
}

type principalKey struct{}

// PrincipalFrom returns the principal a request acts as. It reports false
// on public routes and when the server runs without authentication.
func PrincipalFrom(ctx context.Context) (auth.Principal, bool) {
	p, ok := ctx.Value(principalKey{}).(auth.Principal)
	return p, ok
}

// authorize checks the request's credentials against the route's
// permission and returns the request carrying the principal.
func (s *Server) authorize(r *http.Request, perm auth.Action) (*http.Request, error) {
	if perm == PermPublic || s.auth == nil {
		return r, nil
	}
	key := apiKey(r)
	if key == "" {
		return nil, apperr.New(apperr.Unauthorized, "missing API key: send \"Authorization: Bearer <key>\"")
	}
	p, err := s.auth.Authenticate(r.Context(), key)
	if err != nil {
		return nil, err
	}
	if !auth.Allowed(p, perm) {
		return nil, apperr.New(apperr.Forbidden, "your roles do not allow %q", perm)
	}
	return r.WithContext(context.WithValue(r.Context(), principalKey{}, p)), nil
}

// apiKey reads the key from "Authorization: Bearer <key>" or "X-API-Key".
func apiKey(r *http.Request) string {
	if h := r.Header.Get("Authorization"); h != "" {
		scheme, key, ok := strings.Cut(h, " ")
		if ok && strings.EqualFold(scheme, "Bearer") {
			return strings.TrimSpace(key)
		}
		return ""
	}
	return strings.TrimSpace(r.Header.Get("X-API-Key"))
}
