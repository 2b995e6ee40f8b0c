package httpapi

import (
	"net/http"
	"strings"
	"time"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/service"
	"github.com/vigil-screening/vigil/store"
	"github.com/vigil-screening/vigil/subject"
)

// Continuous vetting (docs/monitoring.md): bulk enrolment, a subject's
// monitoring, full re-screens and the re-vetting runs.

// enrollRequest is the body of POST /v1/subjects/batch.
type enrollRequest struct {
	Subjects []vigil.SubjectInput `json:"subjects"`
}

// enrollSubjects answers POST /v1/subjects/batch: records and screens up
// to the batch limit of subjects, idempotent on each subject's id (one
// recorded before with the same attributes is left as it is).
func (s *Server) enrollSubjects(w http.ResponseWriter, r *http.Request) error {
	var req enrollRequest
	if err := decodeBody(r, &req); err != nil {
		return err
	}
	if len(req.Subjects) == 0 {
		return apperr.Field("subjects", "give at least one subject")
	}
	if n := min(s.maxBatch, store.MaxBatch); len(req.Subjects) > n {
		return apperr.New(apperr.TooLarge, "at most %d subjects per request; send the rest in further requests", n)
	}
	rows := make([]subject.Row, len(req.Subjects))
	for i, in := range req.Subjects {
		sub, err := in.Subject("")
		rows[i] = subject.Row{Line: i + 1, Subject: sub, Err: err, NoID: strings.TrimSpace(string(in.ID)) == ""}
	}
	next := service.SliceRows(rows)
	sum, err := s.svc.EnrollSubjects(r.Context(), s.principal(r), next, nil)
	if err != nil {
		return err
	}
	writeJSON(w, s.log, http.StatusOK, sum)
	return nil
}

// getMonitoring answers GET /v1/subjects/{id}/monitoring.
func (s *Server) getMonitoring(w http.ResponseWriter, r *http.Request) error {
	m, err := s.svc.Monitoring(r.Context(), s.principal(r), r.PathValue("id"))
	if err != nil {
		return err
	}
	writeJSON(w, s.log, http.StatusOK, m)
	return nil
}

// monitorRequest is the body of POST /v1/subjects/{id}/monitoring and
// .../monitoring/end.
type monitorRequest struct {
	// Until is a date (2031-12-31) or "never".
	Until  string `json:"until,omitempty"`
	Reason string `json:"reason"`
}

// setMonitoring answers POST /v1/subjects/{id}/monitoring: when the
// subject's monitoring ends, overriding the retention (audited).
func (s *Server) setMonitoring(w http.ResponseWriter, r *http.Request) error {
	var req monitorRequest
	if err := decodeBody(r, &req); err != nil {
		return err
	}
	var until time.Time
	switch req.Until {
	case "":
		return apperr.Field("until", "give a date (2031-12-31) or \"never\"")
	case "never":
	default:
		t, err := time.Parse(time.DateOnly, req.Until)
		if err != nil {
			return apperr.Field("until", "%q is not a date like 2031-12-31, or \"never\"", truncate(req.Until, 40))
		}
		until = t
	}
	m, err := s.svc.SetMonitoring(r.Context(), s.principal(r), r.PathValue("id"), until, req.Reason)
	if err != nil {
		return err
	}
	writeJSON(w, s.log, http.StatusOK, m)
	return nil
}

// endMonitoring answers POST /v1/subjects/{id}/monitoring/end.
func (s *Server) endMonitoring(w http.ResponseWriter, r *http.Request) error {
	var req monitorRequest
	if err := decodeBody(r, &req); err != nil {
		return err
	}
	if req.Until != "" {
		return apperr.Field("until", "ending monitoring takes only a reason")
	}
	m, err := s.svc.EndMonitoring(r.Context(), s.principal(r), r.PathValue("id"), req.Reason)
	if err != nil {
		return err
	}
	writeJSON(w, s.log, http.StatusOK, m)
	return nil
}

// rescreen answers POST /v1/rescreen: a full re-screen is queued (202).
func (s *Server) rescreen(w http.ResponseWriter, r *http.Request) error {
	var req struct {
		Reason string `json:"reason"`
	}
	if err := decodeBody(r, &req); err != nil {
		return err
	}
	if strings.TrimSpace(req.Reason) == "" {
		return apperr.Field("reason", "say why the population is re-screened")
	}
	run, err := s.svc.Rescreen(r.Context(), s.principal(r), req.Reason)
	if err != nil {
		return err
	}
	writeJSON(w, s.log, http.StatusAccepted, run)
	return nil
}

// revetPage is the body of GET /v1/revets.
type revetPage struct {
	Runs []*service.Revet `json:"runs"`
}

// listRevets answers GET /v1/revets: the latest re-vetting runs with
// their progress.
func (s *Server) listRevets(w http.ResponseWriter, r *http.Request) error {
	if err := checkQuery(r, "limit"); err != nil {
		return err
	}
	limit, err := intParam(r.URL.Query(), "limit", 20, 1, 1000)
	if err != nil {
		return err
	}
	runs, err := s.svc.Revets(r.Context(), s.principal(r), limit)
	if err != nil {
		return err
	}
	if runs == nil {
		runs = []*service.Revet{}
	}
	writeJSON(w, s.log, http.StatusOK, revetPage{Runs: runs})
	return nil
}

// getRevet answers GET /v1/revets/{id}.
func (s *Server) getRevet(w http.ResponseWriter, r *http.Request) error {
	id, err := pathIDOf(r, "a re-vetting run")
	if err != nil {
		return err
	}
	run, err := s.svc.RevetRun(r.Context(), s.principal(r), id)
	if err != nil {
		return err
	}
	writeJSON(w, s.log, http.StatusOK, run)
	return nil
}
