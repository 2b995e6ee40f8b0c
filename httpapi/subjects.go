package httpapi

import (
	"net/http"

	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/network"
	"github.com/vigil-screening/vigil/service"
)

// screenSubject screens one recorded subject and records the screening,
// its alerts and the audit entry in one transaction.
func (s *Server) screenSubject(w http.ResponseWriter, r *http.Request) error {
	var req screenRequest
	if err := decodeBody(r, &req); err != nil {
		return err
	}
	id := r.PathValue("id")
	if err := recordedRequest(id, req); err != nil {
		return err
	}
	sub, err := req.SubjectInput.Subject(id)
	if err != nil {
		return err
	}
	hops, err := exposureParam(r)
	if err != nil {
		return err
	}
	res, err := s.svc.RecordScreening(r.Context(), s.principal(r), id, sub, r.Header.Get(IdempotencyHeader))
	if err != nil {
		return err
	}
	if hops > 0 { // ?exposure=K: the subject's paths to listed records too
		x, err := s.svc.Exposure(r.Context(), s.principal(r), network.Query{From: service.SubjectNode(id), Hops: hops})
		if err != nil {
			return err
		}
		writeJSON(w, s.log, http.StatusOK, screenedWithExposure{Recorded: res, Exposure: x})
		return nil
	}
	writeJSON(w, s.log, http.StatusOK, res)
	return nil
}

// recordedRequest checks the body of a recorded screening against the
// subject id of its path. What alerts is the server's policy, not the
// caller's: a caller who could raise the threshold, leave out lists or
// keep fewer hits could decide that a subject raises no alert. A body
// that asks for any of them is refused, naming the field; POST /v1/screen
// (ad hoc, nothing recorded) keeps them for exploring.
func recordedRequest(id string, req screenRequest) error {
	const why = "a recorded screening always uses the server's alert threshold, every loaded list and every hit at or above it; use POST /v1/screen to explore"
	switch {
	case req.Subjects != nil:
		return apperr.Field("subjects", "a recorded screening is of one subject: give its fields at the top level")
	case req.SubjectInput.ID != "" && string(req.SubjectInput.ID) != id:
		return apperr.Field("id", "%q differs from the subject id of the path", truncate(string(req.SubjectInput.ID), 40))
	case req.Threshold != nil:
		return apperr.Field("threshold", "%s", why)
	case req.Lists != nil:
		return apperr.Field("lists", "%s", why)
	case req.Limit != nil:
		return apperr.Field("limit", "%s", why)
	}
	return nil
}

// getSubject returns a recorded subject with its attribute history and
// screenings; the view is audited.
func (s *Server) getSubject(w http.ResponseWriter, r *http.Request) error {
	sub, err := s.svc.Subject(r.Context(), s.principal(r), r.PathValue("id"))
	if err != nil {
		return err
	}
	writeJSON(w, s.log, http.StatusOK, sub)
	return nil
}
