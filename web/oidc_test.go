package web_test

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	jose "github.com/go-jose/go-jose/v4"

	"github.com/vigil-screening/vigil/audit"
	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/service"
	"github.com/vigil-screening/vigil/web"
)

// mockIdP is a small OpenID Connect provider on 127.0.0.1: discovery,
// keys, an authorization endpoint that signs in whoever the test says
// (at once, no page), and a token endpoint that checks the client's
// secret and the PKCE verifier and returns an RS256-signed ID token.
// Its faults are the attacks the sign-in must refuse.
type mockIdP struct {
	t      *testing.T
	srv    *httptest.Server
	key    *rsa.PrivateKey
	other  *rsa.PrivateKey // a key the provider does not publish
	secret string

	mu    sync.Mutex
	user  string
	codes map[string]grant
	// faults
	wrongNonce, wrongAudience, foreignKey, expired bool
}

type grant struct{ user, nonce, challenge, redirect string }

func newMockIdP(t *testing.T) *mockIdP {
	m := &mockIdP{t: t, secret: "idp-client-secret", codes: map[string]grant{}}
	var err error
	if m.key, err = rsa.GenerateKey(rand.Reader, 2048); err != nil {
		t.Fatal(err)
	}
	if m.other, err = rsa.GenerateKey(rand.Reader, 2048); err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /.well-known/openid-configuration", func(w http.ResponseWriter, r *http.Request) {
		u := m.srv.URL
		json.NewEncoder(w).Encode(map[string]any{"issuer": u, "authorization_endpoint": u + "/authorize", "token_endpoint": u + "/token",
			"jwks_uri": u + "/jwks", "response_types_supported": []string{"code"}, "subject_types_supported": []string{"public"},
			"id_token_signing_alg_values_supported": []string{"RS256"}})
	})
	mux.HandleFunc("GET /jwks", func(w http.ResponseWriter, r *http.Request) {
		json.NewEncoder(w).Encode(jose.JSONWebKeySet{Keys: []jose.JSONWebKey{{Key: &m.key.PublicKey, KeyID: "k1", Algorithm: "RS256", Use: "sig"}}})
	})
	mux.HandleFunc("GET /authorize", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		if q.Get("client_id") != "vigil" || q.Get("response_type") != "code" || q.Get("code_challenge_method") != "S256" || q.Get("nonce") == "" {
			http.Error(w, "bad authorization request", 400)
			return
		}
		m.mu.Lock()
		code := rand.Text()
		m.codes[code] = grant{user: m.user, nonce: q.Get("nonce"), challenge: q.Get("code_challenge"), redirect: q.Get("redirect_uri")}
		m.mu.Unlock()
		http.Redirect(w, r, q.Get("redirect_uri")+"?code="+code+"&state="+url.QueryEscape(q.Get("state")), http.StatusFound)
	})
	mux.HandleFunc("POST /token", func(w http.ResponseWriter, r *http.Request) {
		id, secret, ok := r.BasicAuth()
		if !ok {
			id, secret = r.FormValue("client_id"), r.FormValue("client_secret")
		}
		m.mu.Lock()
		g, found := m.codes[r.FormValue("code")]
		delete(m.codes, r.FormValue("code"))
		m.mu.Unlock()
		sum := sha256.Sum256([]byte(r.FormValue("code_verifier")))
		switch {
		case id != "vigil" || secret != m.secret:
			http.Error(w, `{"error":"invalid_client"}`, 401)
			return
		case !found || g.redirect != r.FormValue("redirect_uri") || base64.RawURLEncoding.EncodeToString(sum[:]) != g.challenge:
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(400)
			w.Write([]byte(`{"error":"invalid_grant"}`))
			return
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"access_token": "at", "token_type": "Bearer", "expires_in": 3600, "id_token": m.idToken(g)})
	})
	m.srv = httptest.NewServer(mux)
	t.Cleanup(m.srv.Close)
	return m
}

func (m *mockIdP) idToken(g grant) string {
	m.mu.Lock()
	defer m.mu.Unlock()
	key, aud, nonce, exp := m.key, "vigil", g.nonce, time.Now().Add(5*time.Minute)
	if m.foreignKey {
		key = m.other
	}
	if m.wrongAudience {
		aud = "someone-else"
	}
	if m.wrongNonce {
		nonce = "replayed"
	}
	if m.expired {
		exp = time.Now().Add(-time.Hour)
	}
	signer, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.RS256, Key: key}, (&jose.SignerOptions{}).WithType("JWT").WithHeader("kid", "k1"))
	if err != nil {
		m.t.Fatal(err)
	}
	payload, _ := json.Marshal(map[string]any{"iss": m.srv.URL, "sub": "idp-" + g.user, "aud": aud, "nonce": nonce,
		"iat": time.Now().Unix(), "exp": exp.Unix(), "preferred_username": g.user})
	jws, err := signer.Sign(payload)
	if err != nil {
		m.t.Fatal(err)
	}
	s, err := jws.CompactSerialize()
	if err != nil {
		m.t.Fatal(err)
	}
	return s
}

func (m *mockIdP) set(f func(m *mockIdP)) {
	m.mu.Lock()
	f(m)
	m.mu.Unlock()
}

// oidcSignIn follows the redirects of a sign-in as a browser would and
// returns the callback's answer.
func oidcSignIn(t *testing.T, c *client, tamper func(callback *url.URL)) *response {
	t.Helper()
	start := c.get("/signin/oidc?next=/alerts")
	if start.StatusCode != http.StatusSeeOther {
		t.Fatalf("start: %d %s", start.StatusCode, start.body)
	}
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := noFollow.Get(start.Header.Get("Location"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusFound {
		t.Fatalf("provider: %d", resp.StatusCode)
	}
	cb, err := url.Parse(resp.Header.Get("Location"))
	if err != nil {
		t.Fatal(err)
	}
	if tamper != nil {
		tamper(cb)
	}
	return c.get(cb.RequestURI())
}

func TestOIDCSignIn(t *testing.T) {
	idp := newMockIdP(t)
	s := newSite(t, "")
	s.url = serveWith(t, s.svc, s.clock, func(base string, cfg *web.Config) {
		cfg.OIDC = &web.OIDC{Name: "Mock IdP", Issuer: idp.srv.URL, ClientID: "vigil", ClientSecret: idp.secret,
			RedirectURL: base + "/signin/oidc/callback"}
	})
	c := s.client()
	if form := c.get("/signin"); !strings.Contains(form.body, "Sign in with Mock IdP") {
		t.Fatal("the sign-in page offers no provider")
	}
	idp.set(func(m *mockIdP) { m.user = "bob" })
	r := oidcSignIn(t, c, nil)
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/alerts" {
		t.Fatalf("callback: %d %q %s", r.StatusCode, r.Header.Get("Location"), r.body)
	}
	home := c.get("/")
	if home.StatusCode != 200 || !strings.Contains(home.body, "bob <span") {
		t.Fatalf("signed in as bob: %d", home.StatusCode)
	}
	es, err := s.svc.AuditEntries(t.Context(), principal(t, s, "carol"), svcAuditQuery("web.sign_in", "user/bob"))
	if err != nil || len(es) != 1 || !strings.Contains(string(es[0].Details), "oidc:") {
		t.Errorf("OIDC sign-in audit: %v %v", es, err)
	}

	refuse := func(name string, setup func(m *mockIdP), tamper func(*url.URL), want string) {
		t.Helper()
		idp.set(func(m *mockIdP) {
			m.user, m.wrongNonce, m.wrongAudience, m.foreignKey, m.expired = "bob", false, false, false, false
			setup(m)
		})
		c := s.client()
		r := oidcSignIn(t, c, tamper)
		if r.StatusCode != http.StatusUnauthorized || !strings.Contains(r.body, want) {
			t.Errorf("%s: %d, want 401 saying %q; body: %.300s", name, r.StatusCode, want, r.body)
		}
		if _, ok := c.cookies["vigil_session"]; ok {
			t.Errorf("%s: a session was set", name)
		}
	}
	refuse("unknown user", func(m *mockIdP) { m.user = "zed" }, nil, "no enabled user")
	refuse("not a user name", func(m *mockIdP) { m.user = "Zed Smith" }, nil, "not one Vigil users can have")
	refuse("state from elsewhere", func(*mockIdP) {}, func(u *url.URL) {
		q := u.Query()
		q.Set("state", "forged")
		u.RawQuery = q.Encode()
	}, "does not belong")
	refuse("code replayed or forged", func(*mockIdP) {}, func(u *url.URL) {
		q := u.Query()
		q.Set("code", "forged")
		u.RawQuery = q.Encode()
	}, "did not accept the code")
	refuse("nonce", func(m *mockIdP) { m.wrongNonce = true }, nil, "nonce")
	refuse("audience", func(m *mockIdP) { m.wrongAudience = true }, nil, "does not verify")
	refuse("unpublished key", func(m *mockIdP) { m.foreignKey = true }, nil, "does not verify")
	refuse("expired", func(m *mockIdP) { m.expired = true }, nil, "does not verify")
	if err := s.svc.DisableUser(t.Context(), auth.Operator("test"), "bob"); err != nil {
		t.Fatal(err)
	}
	refuse("disabled user", func(*mockIdP) {}, nil, "no enabled user")
	// A callback without a sign-in under way in this browser.
	if r := s.client().get("/signin/oidc/callback?code=x&state=y"); r.StatusCode != http.StatusUnauthorized {
		t.Errorf("callback without cookie: %d", r.StatusCode)
	}
}

func svcAuditQuery(action, object string) service.AuditQuery {
	return service.AuditQuery{Action: audit.Action(action), Object: object}
}
