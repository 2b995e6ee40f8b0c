package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/audit"
	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/review"
)

// AlertChange is a request to change one alert.
type AlertChange struct {
	// IdempotencyKey, when set, makes a re-sent request return the first
	// result and change nothing.
	IdempotencyKey string `json:"-"`
	AlertID        int64  `json:"alert_id"`
	// Version is the version the caller read; a stale one is refused with
	// apperr.Conflict.
	Version int64  `json:"version"`
	Reason  string `json:"reason,omitempty"`
}

type details map[string]any

// MoveAlert moves an alert to another state (see review.CanMove); closing
// goes through DecideAlert and ApproveAlert instead.
func (db *DB) MoveAlert(ctx context.Context, p auth.Principal, c AlertChange, to review.Status) (*review.Alert, error) {
	req := struct {
		AlertChange
		To review.Status `json:"to"`
	}{c, to}
	return db.changeAlert(ctx, p, c, "alert.move", req, func(tx *tx, a *alertRow) (audit.Action, details, error) {
		if to == review.StatusClosed {
			return "", nil, apperr.New(apperr.Invalid, "close an alert by deciding it")
		}
		if err := review.CheckMove(a.Status, to); err != nil {
			return "", nil, err
		}
		if review.NeedsReason(a.Status, to) {
			if err := review.CheckReason(c.Reason); err != nil {
				return "", nil, err
			}
		}
		if err := review.CheckMover(p, a.Assignee); err != nil {
			return "", nil, err
		}
		if review.NeedsSupervisor(a.Status, to) && !p.Has(auth.RoleSupervisor) {
			return "", nil, apperr.New(apperr.Forbidden, "only a supervisor may move an alert from %s to %s", a.Status, to)
		}
		action := audit.ActionAlertMove
		switch {
		case a.Status == review.StatusOpen && a.Assignee == "":
			a.Assignee = p.Username
		case to == review.StatusOpen:
			a.Assignee = ""
		case a.Status == review.StatusEscalated && a.Proposal != nil:
			action, a.Proposal = audit.ActionAlertReject, nil
		case a.Status == review.StatusClosed:
			if err := tx.forgetFalsePositive(ctx, a); err != nil {
				return "", nil, err
			}
			err := tx.emit(ctx, EventAlertReopened, map[string]any{"alert_id": a.ID, "subject_id": a.SubjectID, "list": a.List,
				"source_id": a.SourceID, "reason": c.Reason, "by": p.Username})
			if err != nil {
				return "", nil, err
			}
			a.Disposition, a.Reason, a.ClosedBy, a.ApprovedBy = "", "", "", ""
		}
		a.Status = to
		return action, details{"reason": c.Reason}, nil
	})
}

// AssignAlert gives an alert to a user (see review.CheckAssign).
func (db *DB) AssignAlert(ctx context.Context, p auth.Principal, c AlertChange, assignee string) (*review.Alert, error) {
	req := struct {
		AlertChange
		Assignee string `json:"assignee"`
	}{c, assignee}
	return db.changeAlert(ctx, p, c, "alert.assign", req, func(tx *tx, a *alertRow) (audit.Action, details, error) {
		if a.Status == review.StatusClosed {
			return "", nil, apperr.New(apperr.Conflict, "alert %d is closed: reopen it before assigning it", a.ID)
		}
		if err := review.CheckAssign(p, a.Assignee, assignee); err != nil {
			return "", nil, err
		}
		if err := checkText("assignee", assignee, 64); err != nil {
			return "", nil, err
		}
		var disabled bool
		var roles string
		err := tx.QueryRowContext(ctx, `SELECT disabled, roles FROM users WHERE username = $1`, assignee).Scan(&disabled, &roles)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return "", nil, fmt.Errorf("assignee %s: %w", assignee, err)
		}
		if err != nil || disabled {
			return "", nil, apperr.Field("assignee", "no active user %q", assignee)
		}
		if err := review.CheckAssignee(assignee, splitRoles(roles)); err != nil {
			return "", nil, err
		}
		prev := a.Assignee
		a.Assignee = assignee
		return audit.ActionAlertAssign, details{"assignee": assignee, "previous": prev}, nil
	})
}

// DecideAlert records a disposition with its reason. Only the assignee or
// a supervisor may decide; an unassigned alert goes to whoever decides
// it. When the policy needs four eyes for any record of the alert's
// identity, the decision becomes a proposal and the alert is escalated
// to a supervisor; otherwise the alert is closed.
func (db *DB) DecideAlert(ctx context.Context, p auth.Principal, c AlertChange, d review.Disposition) (*review.Alert, error) {
	req := struct {
		AlertChange
		Disposition review.Disposition `json:"disposition"`
	}{c, d}
	return db.changeAlert(ctx, p, c, "alert.decide", req, func(tx *tx, a *alertRow) (audit.Action, details, error) {
		if !d.Valid() {
			return "", nil, apperr.Field("disposition", "want true_match, false_positive or inconclusive")
		}
		if err := review.CheckReason(c.Reason); err != nil {
			return "", nil, err
		}
		if a.Status != review.StatusInReview && a.Status != review.StatusEscalated {
			return "", nil, apperr.New(apperr.Conflict, "alert %d is %s: only an alert in review or escalated can be decided", a.ID, a.Status)
		}
		if a.Proposal != nil {
			return "", nil, apperr.New(apperr.Conflict, "alert %d has a proposal waiting for approval", a.ID)
		}
		if err := review.CheckDecider(p, a.Assignee); err != nil {
			return "", nil, err
		}
		if a.Assignee == "" {
			a.Assignee = p.Username
		}
		if db.policy.NeedsFourEyes(a.lists(), d) {
			a.Proposal = &review.Proposal{Disposition: d, Reason: c.Reason, ByID: p.UserID, By: p.Username}
			a.Status = review.StatusEscalated
			return audit.ActionAlertPropose, details{"disposition": d, "reason": c.Reason}, nil
		}
		if a.Status == review.StatusEscalated && !p.Has(auth.RoleSupervisor) {
			return "", nil, apperr.New(apperr.Forbidden, "only a supervisor may decide an escalated alert")
		}
		return audit.ActionAlertClose, details{"disposition": d, "reason": c.Reason}, tx.closeAlert(ctx, a, d, c.Reason, p.Username, "")
	})
}

// ApproveAlert approves the pending proposal and closes the alert. The
// approver must be a supervisor other than the proposer.
func (db *DB) ApproveAlert(ctx context.Context, p auth.Principal, c AlertChange) (*review.Alert, error) {
	return db.changeAlert(ctx, p, c, "alert.approve", c, func(tx *tx, a *alertRow) (audit.Action, details, error) {
		if a.Proposal == nil {
			return "", nil, apperr.New(apperr.Conflict, "alert %d has no proposal to approve", a.ID)
		}
		if err := review.CheckApprover(a.Proposal.ByID, p); err != nil {
			return "", nil, err
		}
		pr := a.Proposal
		a.Proposal = nil
		return audit.ActionAlertApprove, details{"disposition": pr.Disposition, "proposed_by": pr.By, "comment": c.Reason},
			tx.closeAlert(ctx, a, pr.Disposition, pr.Reason, pr.By, p.Username)
	})
}

func (tx *tx) closeAlert(ctx context.Context, a *alertRow, d review.Disposition, reason, by, approver string) error {
	a.Status, a.Disposition, a.Reason, a.ClosedBy, a.ApprovedBy = review.StatusClosed, d, reason, by, approver
	// A network alert's false positive is about a link, not an identity:
	// it must not keep a later name alert on the record quiet.
	if d == review.FalsePositive && a.Kind != "network" {
		return tx.rememberFalsePositive(ctx, a)
	}
	return nil
}

// changeAlert runs one alert change in a transaction: idempotency,
// version check, the change, the save and the audit entry.
func (db *DB) changeAlert(ctx context.Context, p auth.Principal, c AlertChange, op string, req any,
	change func(tx *tx, a *alertRow) (audit.Action, details, error)) (*review.Alert, error) {
	if err := checkText("reason", c.Reason, 10000); err != nil {
		return nil, err
	}
	var out review.Alert
	err := db.inTx(ctx, func(tx *tx) error {
		replay, err := tx.claimKey(ctx, p, c.IdempotencyKey, op, req, &out)
		if err != nil || replay {
			return err
		}
		a, err := tx.getAlert(ctx, c.AlertID)
		if err != nil {
			return err
		}
		if a.Version != c.Version {
			return apperr.New(apperr.Conflict, "alert %d is at version %d, not %d: reload it", a.ID, a.Version, c.Version)
		}
		from, before := a.Status, a.image()
		action, d, err := change(tx, a)
		if err != nil {
			return err
		}
		if err := tx.saveAlert(ctx, a); err != nil {
			return err
		}
		d["from"], d["to"], d["version"] = from, a.Status, a.Version
		d["bind"] = a.changeBind(before)
		if err := tx.appendAudit(ctx, p, action, fmt.Sprintf("alert/%d", a.ID), d); err != nil {
			return err
		}
		out = a.Alert
		return tx.saveResult(ctx, p, c.IdempotencyKey, &out)
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// saveAlert writes a changed alert if it is still at the version read,
// and bumps the version.
func (tx *tx) saveAlert(ctx context.Context, a *alertRow) error {
	var proposal string
	if a.Proposal != nil {
		b, err := json.Marshal(a.Proposal)
		if err != nil {
			return err
		}
		proposal = string(b)
	}
	a.proposalRaw = proposal
	res, err := tx.ExecContext(ctx, `UPDATE alerts SET version = version + 1, status = $1, assignee = $2, disposition = $3,
		reason = $4, closed_by = $5, approved_by = $6, proposal = $7, updated_at = $8 WHERE id = $9 AND version = $10`,
		string(a.Status), a.Assignee, string(a.Disposition), a.Reason, a.ClosedBy, a.ApprovedBy, proposal, fmtTime(tx.now), a.ID, a.Version)
	if isUniqueViolation(err) {
		return apperr.New(apperr.Conflict, "subject already has an open alert for %s/%s", a.List, a.SourceID)
	}
	if err != nil {
		return fmt.Errorf("save alert %d: %w", a.ID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return apperr.New(apperr.Conflict, "alert %d was changed by someone else: reload it", a.ID)
	}
	a.Version++
	a.UpdatedAt = tx.now
	return nil
}

// isUniqueViolation recognises both databases' unique-constraint errors.
func isUniqueViolation(err error) bool {
	if err == nil {
		return false
	}
	s := err.Error()
	return strings.Contains(s, "UNIQUE constraint failed") || strings.Contains(s, "SQLSTATE 23505")
}

// AddNote adds a note to an alert. Notes do not change the alert's version.
func (db *DB) AddNote(ctx context.Context, p auth.Principal, alertID int64, idempotencyKey, text string) (*review.Note, error) {
	if strings.TrimSpace(text) == "" {
		return nil, apperr.Field("text", "a note needs some text")
	}
	if err := checkText("text", text, 10000); err != nil {
		return nil, err
	}
	var n review.Note
	req := struct {
		AlertID int64  `json:"alert_id"`
		Text    string `json:"text"`
	}{alertID, text}
	err := db.inTx(ctx, func(tx *tx) error {
		replay, err := tx.claimKey(ctx, p, idempotencyKey, "alert.note", req, &n)
		if err != nil || replay {
			return err
		}
		if _, err := tx.getAlert(ctx, alertID); err != nil {
			return err
		}
		n = review.Note{AlertID: alertID, Author: actorName(p), Text: text, At: tx.now}
		err = tx.QueryRowContext(ctx, `INSERT INTO alert_notes (alert_id, author, text, at) VALUES ($1, $2, $3, $4) RETURNING id`,
			alertID, n.Author, text, fmtTime(tx.now)).Scan(&n.ID)
		if err != nil {
			return fmt.Errorf("add note: %w", err)
		}
		if err := tx.appendAudit(ctx, p, audit.ActionAlertNote, fmt.Sprintf("alert/%d", alertID), details{"note": n.ID, "text": text}); err != nil {
			return err
		}
		return tx.saveResult(ctx, p, idempotencyKey, &n)
	})
	if err != nil {
		return nil, err
	}
	return &n, nil
}
