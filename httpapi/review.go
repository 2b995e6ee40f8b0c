package httpapi

import (
	"net/http"

	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/review"
	"github.com/vigil-screening/vigil/service"
)

// The write routes of an alert name the version they read; a stale one is
// 409. A move the workflow does not allow from the alert's state is also
// 409 (the request conflicts with the alert's current state); a missing
// or malformed field is 400; a role, assignment or four-eyes rule that
// forbids the actor is 403. The service and the store check the role, the
// state and the version and answer with these codes; this layer only
// checks the shape of the request.

type transitionRequest struct {
	To      review.Status `json:"to"`
	Version *int64        `json:"version"`
	Reason  string        `json:"reason"`
}

type assignRequest struct {
	Assignee string `json:"assignee"`
	Version  *int64 `json:"version"`
}

type decisionRequest struct {
	Disposition review.Disposition `json:"disposition"`
	Reason      string             `json:"reason"`
	Version     *int64             `json:"version"`
}

type approveRequest struct {
	Version *int64 `json:"version"`
	Comment string `json:"comment"`
}

type noteRequest struct {
	Text string `json:"text"`
}

// alertChange decodes the body of an alert write into req and returns the
// change it asks for once version (read from req) is given.
func alertChange(r *http.Request, req any, version func() *int64) (service.AlertChange, error) {
	id, err := pathID(r)
	if err != nil {
		return service.AlertChange{}, err
	}
	if err := decodeBody(r, req); err != nil {
		return service.AlertChange{}, err
	}
	v := version()
	if v == nil {
		return service.AlertChange{}, apperr.Field("version", "required: the version of the alert you read")
	}
	return service.AlertChange{IdempotencyKey: r.Header.Get(IdempotencyHeader), AlertID: id, Version: *v}, nil
}

func (s *Server) transitionAlert(w http.ResponseWriter, r *http.Request) error {
	var req transitionRequest
	c, err := alertChange(r, &req, func() *int64 { return req.Version })
	if err != nil {
		return err
	}
	switch req.To {
	case review.StatusOpen, review.StatusInReview, review.StatusEscalated:
	case review.StatusClosed:
		return apperr.Field("to", "an alert is closed by POST /v1/alerts/{id}/decision, not by a transition")
	default:
		return apperr.Field("to", "want open, in_review or escalated")
	}
	c.Reason = req.Reason
	return s.writeAlert(w)(s.svc.MoveAlert(r.Context(), s.principal(r), c, req.To))
}

func (s *Server) assignAlert(w http.ResponseWriter, r *http.Request) error {
	var req assignRequest
	c, err := alertChange(r, &req, func() *int64 { return req.Version })
	if err != nil {
		return err
	}
	if req.Assignee == "" {
		return apperr.Field("assignee", "required: the user to give the alert to")
	}
	return s.writeAlert(w)(s.svc.AssignAlert(r.Context(), s.principal(r), c, req.Assignee))
}

func (s *Server) decideAlert(w http.ResponseWriter, r *http.Request) error {
	var req decisionRequest
	c, err := alertChange(r, &req, func() *int64 { return req.Version })
	if err != nil {
		return err
	}
	if !req.Disposition.Valid() {
		return apperr.Field("disposition", "want true_match, false_positive or inconclusive")
	}
	if err := review.CheckReason(req.Reason); err != nil {
		return err
	}
	c.Reason = req.Reason
	return s.writeAlert(w)(s.svc.DecideAlert(r.Context(), s.principal(r), c, req.Disposition))
}

func (s *Server) approveAlert(w http.ResponseWriter, r *http.Request) error {
	var req approveRequest
	c, err := alertChange(r, &req, func() *int64 { return req.Version })
	if err != nil {
		return err
	}
	c.Reason = req.Comment
	return s.writeAlert(w)(s.svc.ApproveAlert(r.Context(), s.principal(r), c))
}

func (s *Server) addNote(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var req noteRequest
	if err := decodeBody(r, &req); err != nil {
		return err
	}
	n, err := s.svc.AddNote(r.Context(), s.principal(r), id, r.Header.Get(IdempotencyHeader), req.Text)
	if err != nil {
		return err
	}
	writeJSON(w, s.log, http.StatusCreated, n)
	return nil
}

// writeAlert returns a function that answers with the changed alert, or
// returns the service's error.
func (s *Server) writeAlert(w http.ResponseWriter) func(*review.Alert, error) error {
	return func(a *review.Alert, err error) error {
		if err != nil {
			return err
		}
		writeJSON(w, s.log, http.StatusOK, a)
		return nil
	}
}
