package httpapi

import (
	"context"
	"net/http"
	"strings"

	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/service"
)

// Authenticator resolves an API key to the principal it belongs to. It
// returns an *apperr.Error of code Unauthorized for an unknown or revoked
// key.
type Authenticator interface {
	Authenticate(ctx context.Context, apiKey string) (auth.Principal, error)
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
func (s *Server) authenticate(r *http.Request, perm auth.Action) (*http.Request, error) {
	if perm == PermPublic || s.auth == nil {
		return r, nil
	}
	key := apiKey(r)
	if key == "" {
		return r, apperr.New(apperr.Unauthorized, "missing API key: send \"Authorization: Bearer <key>\"")
	}
	p, err := s.auth.Authenticate(service.WithClient(r.Context(), r.RemoteAddr), key)
	if err != nil {
		return r, err
	}
	return r.WithContext(context.WithValue(r.Context(), principalKey{}, p)), nil
}

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
