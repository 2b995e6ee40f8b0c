package source

import (
	"fmt"
	"net/http"
	"os"
	"regexp"
)

// Auth is how a source's downloads authenticate: the token is read from
// an environment variable when a fetch starts (so that it is in no file
// Vigil reads or writes, and is never logged), and sent as
// "Authorization: <scheme> <token>". Go's HTTP client drops the header
// on a redirect to another host.
type Auth struct {
	// TokenEnv names the environment variable holding the token, e.g.
	// "VIGIL_OPENSANCTIONS_TOKEN".
	TokenEnv string `json:"token_env"`
	// Scheme is "Bearer" (the default), "ApiKey" or "Token".
	Scheme string `json:"scheme,omitempty"`
}

var envName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]{0,99}$`)

func (a *Auth) check() error {
	if !envName.MatchString(a.TokenEnv) {
		return fmt.Errorf("auth.token_env %q: want the name of an environment variable", a.TokenEnv)
	}
	switch a.Scheme {
	case "", "Bearer", "ApiKey", "Token":
		return nil
	}
	return fmt.Errorf("auth.scheme %q: want Bearer, ApiKey or Token", a.Scheme)
}

// header returns the Authorization header value, or an error naming the
// variable when it is not set.
func (a *Auth) header() (string, error) {
	tok := os.Getenv(a.TokenEnv)
	if tok == "" {
		return "", fmt.Errorf("the source's downloads need a token in $%s, which is not set", a.TokenEnv)
	}
	scheme := a.Scheme
	if scheme == "" {
		scheme = "Bearer"
	}
	return scheme + " " + tok, nil
}

// authorize sets the Authorization header of req when a is set.
func (a *Auth) authorize(req *http.Request) error {
	if a == nil {
		return nil
	}
	h, err := a.header()
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", h)
	return nil
}
