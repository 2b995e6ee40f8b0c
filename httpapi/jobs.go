package httpapi

import (
	"net/http"

	"github.com/vigil-screening/vigil/service"
)

// getJobs answers GET /v1/jobs: the background jobs by kind and state,
// and the latest failures.
func (s *Server) getJobs(w http.ResponseWriter, r *http.Request) error {
	if err := checkQuery(r, "limit"); err != nil {
		return err
	}
	limit, err := intParam(r.URL.Query(), "limit", 20, 1, 1000)
	if err != nil {
		return err
	}
	st, err := s.svc.Jobs(r.Context(), s.principal(r), limit)
	if err != nil {
		return err
	}
	writeJSON(w, s.log, http.StatusOK, st)
	return nil
}

// refreshPage is the body of GET /v1/lists/refreshes.
type refreshPage struct {
	Attempts []service.RefreshAttempt `json:"attempts"`
}

// listRefreshes answers GET /v1/lists/refreshes: the latest attempts to
// refresh the lists from their publishers.
func (s *Server) listRefreshes(w http.ResponseWriter, r *http.Request) error {
	if err := checkQuery(r, "source", "limit"); err != nil {
		return err
	}
	limit, err := intParam(r.URL.Query(), "limit", 100, 1, 1000)
	if err != nil {
		return err
	}
	a, err := s.svc.RefreshAttempts(r.Context(), s.principal(r), r.URL.Query().Get("source"), limit)
	if err != nil {
		return err
	}
	writeJSON(w, s.log, http.StatusOK, refreshPage{Attempts: a})
	return nil
}

// refreshList answers POST /v1/lists/{source}/refresh: a refresh of the
// source is queued (202); one of the serving processes runs it.
func (s *Server) refreshList(w http.ResponseWriter, r *http.Request) error {
	name := r.PathValue("source")
	if err := s.svc.RequestRefresh(r.Context(), s.principal(r), name); err != nil {
		return err
	}
	writeJSON(w, s.log, http.StatusAccepted, map[string]string{"source": name, "status": "queued"})
	return nil
}
