package httpapi

import (
	_ "embed"
	"net/http"

	"github.com/vigil-screening/vigil/service"
	"github.com/vigil-screening/vigil/snapshot"
)

//go:embed openapi.json
var openAPIDoc []byte

// healthz reports that the process is alive.
func (s *Server) healthz(w http.ResponseWriter, r *http.Request) error {
	writeJSON(w, s.log, http.StatusOK, map[string]string{"status": "ok"})
	return nil
}

// readyz reports whether lists are in force and screening can be served.
func (s *Server) readyz(w http.ResponseWriter, r *http.Request) error {
	n, err := s.svc.Ready(r.Context())
	if err != nil {
		return err
	}
	body := map[string]any{"status": "ready", "lists": n}
	if d := s.svc.Degraded(); len(d) > 0 {
		body["status"], body["degraded"] = "degraded", d
	}
	writeJSON(w, s.log, http.StatusOK, body)
	return nil
}

func (s *Server) openAPI(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", "application/json")
	_, err := w.Write(openAPIDoc)
	return err
}

// listsResponse is the body of GET /v1/lists.
type listsResponse struct {
	Lists []snapshot.Meta `json:"lists"`
	// Degraded names the sources whose newer file was rejected at start:
	// they screen against the earlier edition in Lists.
	Degraded []service.Degraded `json:"degraded,omitempty"`
}

func (s *Server) listLists(w http.ResponseWriter, r *http.Request) error {
	metas, err := s.svc.InForce(r.Context(), s.principal(r))
	if err != nil {
		return err
	}
	if metas == nil {
		metas = []snapshot.Meta{}
	}
	writeJSON(w, s.log, http.StatusOK, listsResponse{Lists: metas, Degraded: s.svc.Degraded()})
	return nil
}

func (s *Server) getEntity(w http.ResponseWriter, r *http.Request) error {
	e, err := s.svc.Entity(r.Context(), s.principal(r), r.PathValue("list"), r.PathValue("id"))
	if err != nil {
		return err
	}
	writeJSON(w, s.log, http.StatusOK, e)
	return nil
}
