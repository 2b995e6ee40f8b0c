package httpapi

import (
	"net/http"

	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/store"
)

type usersResponse struct {
	Users []*store.User `json:"users"`
}

func (s *Server) listUsers(w http.ResponseWriter, r *http.Request) error {
	db, _, err := s.actor(r)
	if err != nil {
		return err
	}
	users, err := db.ListUsers(r.Context())
	if err != nil {
		return err
	}
	if users == nil {
		users = []*store.User{}
	}
	writeJSON(w, s.log, http.StatusOK, usersResponse{Users: users})
	return nil
}

type userRequest struct {
	Username string      `json:"username"`
	Roles    []auth.Role `json:"roles"`
}

// createUser adds a user (audited by the store); a taken name is 409.
func (s *Server) createUser(w http.ResponseWriter, r *http.Request) error {
	db, p, err := s.actor(r)
	if err != nil {
		return err
	}
	var req userRequest
	if err := decodeBody(r, &req); err != nil {
		return err
	}
	u, err := db.CreateUser(r.Context(), p, req.Username, req.Roles)
	if err != nil {
		return err
	}
	writeJSON(w, s.log, http.StatusCreated, u)
	return nil
}

type keyRequest struct {
	Username string `json:"username"`
}

// keyResponse carries the new key's secret, shown this once only.
type keyResponse struct {
	*store.Key
	APIKey string `json:"api_key"`
}

func (s *Server) createKey(w http.ResponseWriter, r *http.Request) error {
	db, p, err := s.actor(r)
	if err != nil {
		return err
	}
	var req keyRequest
	if err := decodeBody(r, &req); err != nil {
		return err
	}
	k, secret, err := db.CreateKey(r.Context(), p, req.Username)
	if err != nil {
		return err
	}
	writeJSON(w, s.log, http.StatusCreated, keyResponse{Key: k, APIKey: secret})
	return nil
}
