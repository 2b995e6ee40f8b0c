package httpapi

import (
	_ "embed"
	"net/http"

	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/snapshot"
)

//go:embed openapi.json
var openAPIDoc []byte

// healthz reports that the process is alive.
func (s *Server) healthz(w http.ResponseWriter, r *http.Request) error {
	writeJSON(w, s.log, http.StatusOK, map[string]string{"status": "ok"})
	return nil
}

// readyz reports whether lists are loaded and screening can be served.
func (s *Server) readyz(w http.ResponseWriter, r *http.Request) error {
	l, err := s.ready()
	if err != nil {
		return err
	}
	writeJSON(w, s.log, http.StatusOK, map[string]any{"status": "ready", "lists": len(l.Snapshots)})
	return nil
}

// ready returns the loaded lists, or an Unavailable error before they are.
func (s *Server) ready() (*Lists, error) {
	l := s.lists.Load()
	if l == nil {
		return nil, apperr.New(apperr.Unavailable, "lists are still loading; try again shortly")
	}
	return l, nil
}

func (s *Server) openAPI(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", "application/json")
	_, err := w.Write(openAPIDoc)
	return err
}

// listsResponse is the body of GET /v1/lists.
type listsResponse struct {
	Lists []snapshot.Meta `json:"lists"`
}

func (s *Server) listLists(w http.ResponseWriter, r *http.Request) error {
	l, err := s.ready()
	if err != nil {
		return err
	}
	metas := l.Snapshots
	if metas == nil {
		metas = []snapshot.Meta{}
	}
	writeJSON(w, s.log, http.StatusOK, listsResponse{Lists: metas})
	return nil
}

func (s *Server) getEntity(w http.ResponseWriter, r *http.Request) error {
	l, err := s.ready()
	if err != nil {
		return err
	}
	list, id := r.PathValue("list"), r.PathValue("id")
	e := l.Engine.Entity(list, id)
	if e == nil {
		return apperr.New(apperr.NotFound, "no record %q on list %q", id, list)
	}
	writeJSON(w, s.log, http.StatusOK, e)
	return nil
}
