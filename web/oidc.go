package web

import (
	"context"
	"crypto/subtle"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"github.com/vigil-screening/vigil/apperr"
)

// OIDC configures sign-in with an OpenID Connect identity provider (the
// authorization code flow with PKCE, a nonce and a state). The provider
// says who the user is; Vigil says what they may do: the user name it
// gives (UsernameClaim) must be an enabled Vigil user, whose roles apply.
type OIDC struct {
	// Name is shown on the sign-in button ("Sign in with Name").
	Name string
	// Issuer is the provider's issuer URL (its discovery document is at
	// Issuer/.well-known/openid-configuration).
	Issuer       string
	ClientID     string
	ClientSecret string
	// RedirectURL is this server's /signin/oidc/callback as the browser
	// reaches it, registered with the provider.
	RedirectURL string
	// UsernameClaim is the ID token's claim holding the Vigil user name;
	// "" means "preferred_username".
	UsernameClaim string
	// Client is the HTTP client that talks to the provider; nil means one
	// with a 10-second limit.
	Client *http.Client
}

const oidcCookie = "vigil_oidc" // state, nonce and PKCE verifier of a sign-in under way

// oidcClient discovers the provider on first use (so that a provider
// down at start does not stop the server) and keeps it.
type oidcClient struct {
	cfg OIDC

	mu       sync.Mutex
	provider *oidc.Provider
}

func (o *oidcClient) httpContext(ctx context.Context) context.Context {
	c := o.cfg.Client
	if c == nil {
		c = &http.Client{Timeout: 10 * time.Second}
	}
	return oidc.ClientContext(ctx, c)
}

func (o *oidcClient) get(ctx context.Context) (*oidc.Provider, *oauth2.Config, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.provider == nil {
		p, err := oidc.NewProvider(o.httpContext(ctx), o.cfg.Issuer)
		if err != nil {
			return nil, nil, apperr.New(apperr.Unavailable, "the identity provider %s cannot be reached: %v", o.cfg.Name, err)
		}
		o.provider = p
	}
	oc := &oauth2.Config{ClientID: o.cfg.ClientID, ClientSecret: o.cfg.ClientSecret, RedirectURL: o.cfg.RedirectURL,
		Endpoint: o.provider.Endpoint(), Scopes: []string{oidc.ScopeOpenID, "profile", "email"}}
	return o.provider, oc, nil
}

// oidcStart sends the browser to the provider, keeping the state, the
// nonce and the PKCE verifier in a short-lived cookie.
func (h *Handler) oidcStart(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	_, oc, err := h.oidc.get(r.Context())
	if err != nil {
		h.showSignin(w, r, statusOf(err), apperr.MessageOf(err))
		return
	}
	state, nonce, verifier := randomString(), randomString(), oauth2.GenerateVerifier()
	http.SetCookie(w, &http.Cookie{Name: oidcCookie, Value: state + "." + nonce + "." + verifier + "." + safeNextToken(r.URL.Query().Get("next")),
		Path: "/signin/oidc", MaxAge: 600, Secure: true, HttpOnly: true, SameSite: http.SameSiteLaxMode})
	http.Redirect(w, r, oc.AuthCodeURL(state, oidc.Nonce(nonce), oauth2.S256ChallengeOption(verifier)), http.StatusSeeOther)
}

// safeNextToken carries the page to return to in the cookie, which
// splits on dots: the path is kept only when it has none.
func safeNextToken(next string) string {
	next = safeNext(next)
	if strings.Contains(next, ".") {
		return "/"
	}
	return next
}

// oidcCallback checks the state, exchanges the code (with the PKCE
// verifier), verifies the ID token's signature, issuer, audience, expiry
// and nonce, and signs in the Vigil user it names.
func (h *Handler) oidcCallback(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	next, err := h.oidcVerify(r)
	http.SetCookie(w, &http.Cookie{Name: oidcCookie, Value: "", Path: "/signin/oidc", MaxAge: -1, Secure: true, HttpOnly: true, SameSite: http.SameSiteLaxMode})
	if err != nil {
		status, msg := statusOf(err), apperr.MessageOf(err)
		if status == http.StatusInternalServerError {
			h.log.Error("OpenID Connect sign-in failed", "err", err)
			msg = "Signing in is not possible right now; please try again later."
		}
		h.showSignin(w, r, status, msg)
		return
	}
	token, sess, err := h.svc.SignInVerified(r.Context(), h.pol, next.username, "oidc:"+h.oidc.cfg.Issuer)
	if err != nil {
		h.showSignin(w, r, statusOf(err), apperr.MessageOf(err))
		return
	}
	setCookie(w, sessionCookie, token, int(time.Until(sess.ExpiresAt).Seconds()))
	http.Redirect(w, r, next.path, http.StatusSeeOther)
}

type oidcResult struct{ username, path string }

func (h *Handler) oidcVerify(r *http.Request) (oidcResult, error) {
	refused := func(why string, args ...any) error {
		return apperr.New(apperr.Unauthorized, "sign-in with %s refused: "+why, append([]any{h.oidc.cfg.Name}, args...)...)
	}
	q := r.URL.Query()
	if e := q.Get("error"); e != "" {
		return oidcResult{}, refused("the provider answered %q", truncate(e+" "+q.Get("error_description"), 200))
	}
	c, err := r.Cookie(oidcCookie)
	if err != nil {
		return oidcResult{}, refused("no sign-in is under way in this browser (or it took over 10 minutes)")
	}
	parts := strings.SplitN(c.Value, ".", 4)
	if len(parts) != 4 || subtle.ConstantTimeCompare([]byte(parts[0]), []byte(q.Get("state"))) != 1 {
		return oidcResult{}, refused("the answer does not belong to the sign-in this browser started")
	}
	nonce, verifier, next := parts[1], parts[2], safeNext(parts[3])
	provider, oc, err := h.oidc.get(r.Context())
	if err != nil {
		return oidcResult{}, err
	}
	ctx := h.oidc.httpContext(r.Context())
	tok, err := oc.Exchange(ctx, q.Get("code"), oauth2.VerifierOption(verifier))
	if err != nil {
		return oidcResult{}, refused("the provider did not accept the code: %v", err)
	}
	raw, ok := tok.Extra("id_token").(string)
	if !ok {
		return oidcResult{}, refused("the provider sent no ID token")
	}
	idt, err := provider.Verifier(&oidc.Config{ClientID: h.oidc.cfg.ClientID}).Verify(ctx, raw)
	if err != nil {
		return oidcResult{}, refused("the ID token does not verify: %v", err)
	}
	if subtle.ConstantTimeCompare([]byte(idt.Nonce), []byte(nonce)) != 1 {
		return oidcResult{}, refused("the ID token was not issued for this sign-in (nonce)")
	}
	var claims map[string]any
	if err := idt.Claims(&claims); err != nil {
		return oidcResult{}, fmt.Errorf("read ID token claims: %w", err)
	}
	claim := h.oidc.cfg.UsernameClaim
	if claim == "" {
		claim = "preferred_username"
	}
	name, _ := claims[claim].(string)
	if name == "" {
		return oidcResult{}, refused("the ID token has no %q claim", claim)
	}
	return oidcResult{username: name, path: next}, nil
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}
