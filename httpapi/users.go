package httpapi

import (
	"net/http"

	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/service"
)

type usersResponse struct {
	Users []*service.User `json:"users"`
}

func (s *Server) listUsers(w http.ResponseWriter, r *http.Request) error {
	users, err := s.svc.Users(r.Context(), s.principal(r))
	if err != nil {
		return err
	}
	if users == nil {
		users = []*service.User{}
	}
	writeJSON(w, s.log, http.StatusOK, usersResponse{Users: users})
	return nil
}

type userRequest struct {
	Username string      `json:"username"`
	Roles    []auth.Role `json:"roles"`
}

// createUser adds a user (audited); a taken name is 409.
func (s *Server) createUser(w http.ResponseWriter, r *http.Request) error {
	var req userRequest
	if err := decodeBody(r, &req); err != nil {
		return err
	}
	u, err := s.svc.CreateUser(r.Context(), s.principal(r), req.Username, req.Roles)
	if err != nil {
		return err
	}
	writeJSON(w, s.log, http.StatusCreated, u)
	return nil
}

// disabledUser is the answer to POST /v1/users/{name}/disable.
type disabledUser struct {
	Username string `json:"username"`
	Disabled bool   `json:"disabled"`
}

// disableUser disables a user: their keys stop working at once.
func (s *Server) disableUser(w http.ResponseWriter, r *http.Request) error {
	if err := decodeOptionalBody(r); err != nil {
		return err
	}
	name := r.PathValue("name")
	if err := s.svc.DisableUser(r.Context(), s.principal(r), name); err != nil {
		return err
	}
	writeJSON(w, s.log, http.StatusOK, disabledUser{Username: name, Disabled: true})
	return nil
}

type keysResponse struct {
	Keys []*service.Key `json:"keys"`
}

func (s *Server) listKeys(w http.ResponseWriter, r *http.Request) error {
	keys, err := s.svc.Keys(r.Context(), s.principal(r))
	if err != nil {
		return err
	}
	if keys == nil {
		keys = []*service.Key{}
	}
	writeJSON(w, s.log, http.StatusOK, keysResponse{Keys: keys})
	return nil
}

type keyRequest struct {
	Username string `json:"username"`
}

// keyResponse carries the new key's secret, shown this once only.
type keyResponse struct {
	*service.Key
	APIKey string `json:"api_key"`
}

func (s *Server) createKey(w http.ResponseWriter, r *http.Request) error {
	var req keyRequest
	if err := decodeBody(r, &req); err != nil {
		return err
	}
	k, secret, err := s.svc.CreateKey(r.Context(), s.principal(r), req.Username)
	if err != nil {
		return err
	}
	writeJSON(w, s.log, http.StatusCreated, keyResponse{Key: k, APIKey: secret})
	return nil
}

// revokedKey is the answer to DELETE /v1/keys/{id}.
type revokedKey struct {
	ID      string `json:"id"`
	Revoked bool   `json:"revoked"`
}

// revokeKey revokes an API key: it stops working at once.
func (s *Server) revokeKey(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	if err := s.svc.RevokeKey(r.Context(), s.principal(r), id); err != nil {
		return err
	}
	writeJSON(w, s.log, http.StatusOK, revokedKey{ID: id, Revoked: true})
	return nil
}

type activateRequest struct {
	Activation string `json:"activation"`
}

// activateKey answers POST /v1/keys/activate: a one-time activation (made
// by an admin for a user who reviews) is exchanged for that user's API
// key, shown this once. The route is public: the activation is the
// credential.
func (s *Server) activateKey(w http.ResponseWriter, r *http.Request) error {
	var req activateRequest
	if err := decodeBody(r, &req); err != nil {
		return err
	}
	if req.Activation == "" {
		return apperr.Field("activation", "the activation you were given (vga_...) is required")
	}
	k, key, err := s.svc.Activate(service.WithClient(r.Context(), r.RemoteAddr), req.Activation)
	if err != nil {
		return err
	}
	writeJSON(w, s.log, http.StatusCreated, keyResponse{Key: k, APIKey: key})
	return nil
}

// authFailures answers GET /v1/auth/failures: the failed authentications
// counted since the process started.
func (s *Server) authFailures(w http.ResponseWriter, r *http.Request) error {
	if err := checkQuery(r); err != nil {
		return err
	}
	f, err := s.svc.AuthFailureCounts(r.Context(), s.principal(r))
	if err != nil {
		return err
	}
	writeJSON(w, s.log, http.StatusOK, f)
	return nil
}
