package service

import (
	"context"

	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/review"
)

// The review of alerts. Every change names the alert version the caller
// read; the store applies the rules of package review (the workflow's
// moves, who may decide, four eyes) inside its transaction, so a stale
// version or a move the alert's state does not allow is apperr.Conflict.

// AlertView is an alert with its notes.
type AlertView struct {
	*review.Alert
	Notes []*review.Note `json:"notes"`
}

// Alerts returns a page of the alerts f selects, oldest first, and how
// many match in all.
func (s *Service) Alerts(ctx context.Context, p auth.Principal, f AlertFilter) ([]*review.Alert, int, error) {
	db, err := s.store(p, auth.ActionListAlerts)
	if err != nil {
		return nil, 0, err
	}
	return db.ListAlerts(ctx, f)
}

// Alert returns an alert, with the hit and the list record as they were
// when it was raised, and its notes.
func (s *Service) Alert(ctx context.Context, p auth.Principal, id int64) (*AlertView, error) {
	db, err := s.store(p, auth.ActionListAlerts)
	if err != nil {
		return nil, err
	}
	a, err := db.GetAlert(ctx, id)
	if err != nil {
		return nil, err
	}
	notes, err := db.AlertNotes(ctx, id)
	if err != nil {
		return nil, err
	}
	if notes == nil {
		notes = []*review.Note{}
	}
	return &AlertView{Alert: a, Notes: notes}, nil
}

// MoveAlert moves an alert to another state; closing is DecideAlert's.
func (s *Service) MoveAlert(ctx context.Context, p auth.Principal, c AlertChange, to review.Status) (*review.Alert, error) {
	db, err := s.store(p, auth.ActionReview)
	if err != nil {
		return nil, err
	}
	return db.MoveAlert(ctx, p, c, to)
}

// AssignAlert gives an alert to a user.
func (s *Service) AssignAlert(ctx context.Context, p auth.Principal, c AlertChange, assignee string) (*review.Alert, error) {
	db, err := s.store(p, auth.ActionReview)
	if err != nil {
		return nil, err
	}
	return db.AssignAlert(ctx, p, c, assignee)
}

// DecideAlert records a disposition with its reason: it closes the alert,
// or, when four eyes are needed, makes it a proposal for a supervisor.
func (s *Service) DecideAlert(ctx context.Context, p auth.Principal, c AlertChange, d review.Disposition) (*review.Alert, error) {
	db, err := s.store(p, auth.ActionReview)
	if err != nil {
		return nil, err
	}
	return db.DecideAlert(ctx, p, c, d)
}

// ApproveAlert approves a pending proposal, which closes the alert.
func (s *Service) ApproveAlert(ctx context.Context, p auth.Principal, c AlertChange) (*review.Alert, error) {
	db, err := s.store(p, auth.ActionApprove)
	if err != nil {
		return nil, err
	}
	return db.ApproveAlert(ctx, p, c)
}

// AddNote adds a note to an alert.
func (s *Service) AddNote(ctx context.Context, p auth.Principal, alertID int64, idempotencyKey, text string) (*review.Note, error) {
	db, err := s.store(p, auth.ActionReview)
	if err != nil {
		return nil, err
	}
	return db.AddNote(ctx, p, alertID, idempotencyKey, text)
}
