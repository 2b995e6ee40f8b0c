// Package review holds the rules of alert review: the workflow states and
// the moves between them, dispositions, the four-eyes policy and the
// fingerprints behind false-positive memory. It does no I/O; package store
// enforces these rules inside its transactions.
package review

import (
	"encoding/json"
	"slices"
	"strings"
	"time"

	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/auth"
)

// Status is where an alert stands in the workflow.
type Status string

// Workflow states.
const (
	StatusOpen      Status = "open"      // raised, nobody working on it
	StatusInReview  Status = "in_review" // a reviewer works on it
	StatusEscalated Status = "escalated" // waits for a supervisor
	StatusClosed    Status = "closed"    // decided
)

// Disposition is the decision that closes an alert.
type Disposition string

// Dispositions.
const (
	TrueMatch     Disposition = "true_match"
	FalsePositive Disposition = "false_positive"
	Inconclusive  Disposition = "inconclusive"
)

// Valid reports whether d is one of the three dispositions.
func (d Disposition) Valid() bool {
	return d == TrueMatch || d == FalsePositive || d == Inconclusive
}

// moves lists the allowed transitions. Closing goes through Decide and
// Approve, which add their own rules.
var moves = map[Status][]Status{
	StatusOpen:      {StatusInReview},
	StatusInReview:  {StatusOpen, StatusEscalated, StatusClosed},
	StatusEscalated: {StatusInReview, StatusClosed},
	StatusClosed:    {StatusInReview},
}

// CanMove reports whether an alert may go from one state to another.
func CanMove(from, to Status) bool {
	return slices.Contains(moves[from], to)
}

// CheckMove returns an apperr.Conflict error when from → to is not
// allowed: the request conflicts with the alert's current state.
func CheckMove(from, to Status) error {
	if !CanMove(from, to) {
		return apperr.New(apperr.Conflict, "an alert that is %s cannot move to %s", from, to)
	}
	return nil
}

// CheckReason requires a reason that is not only white space.
func CheckReason(reason string) error {
	if strings.TrimSpace(reason) == "" {
		return apperr.Field("reason", "a reason is required")
	}
	if len(reason) > 10000 {
		return apperr.Field("reason", "reason is longer than 10000 bytes")
	}
	return nil
}

// Policy configures the four-eyes rule.
type Policy struct {
	// HighImpactLists are the lists on which a false positive also needs
	// a second person's approval.
	HighImpactLists []string
}

// DefaultPolicy makes the UN Security Council and OFAC SDN lists high impact.
func DefaultPolicy() Policy {
	return Policy{HighImpactLists: []string{"un_sc", "us_ofac_sdn"}}
}

// NeedsFourEyes reports whether closing an alert whose records are on
// lists with d needs a proposal and a second person's approval: always
// for a true match, and for a false positive or an inconclusive decision
// when any of the lists is high impact. lists are the lists of every
// record of the alert's identity (the hit's record and those in its
// Also), so a merged hit cannot dodge the rule through its primary.
func (p Policy) NeedsFourEyes(lists []string, d Disposition) bool {
	switch d {
	case TrueMatch:
		return true
	case FalsePositive, Inconclusive:
		return slices.ContainsFunc(lists, func(l string) bool { return slices.Contains(p.HighImpactLists, l) })
	}
	return false
}

// CheckApprover checks that approver may approve a proposal made by the
// user proposerID: a supervisor who is not the proposer.
func CheckApprover(proposerID int64, approver auth.Principal) error {
	if !approver.Has(auth.RoleSupervisor) {
		return apperr.New(apperr.Forbidden, "only a supervisor may approve a proposal")
	}
	if approver.UserID == proposerID {
		return apperr.New(apperr.Forbidden, "four eyes: you proposed this disposition, another supervisor must approve it")
	}
	return nil
}

// Alert is one listed identity that may be one recorded subject.
type Alert struct {
	ID int64 `json:"id"`
	// Version grows by one at each change; updates must name the version
	// they read (optimistic concurrency).
	Version int64 `json:"version"`
	// Kind is "name" for a screening's hit and "network" for a subject
	// linked to a listed record (Hit then holds the path).
	Kind      string `json:"kind"`
	SubjectID string `json:"subject_id"` // the caller's external id
	List      string `json:"list"`
	SourceID  string `json:"source_id"`
	// Records are every record of the listed identity the alert covers:
	// the hit's record first, then those of its Also, and any that later
	// screenings merged into it.
	Records  []Ref   `json:"records,omitempty"`
	Status   Status  `json:"status"`
	Score    float64 `json:"score"`
	Assignee string  `json:"assignee,omitempty"`

	Disposition Disposition `json:"disposition,omitempty"`
	Reason      string      `json:"reason,omitempty"`
	ClosedBy    string      `json:"closed_by,omitempty"`
	ApprovedBy  string      `json:"approved_by,omitempty"`

	// Proposal is the pending four-eyes proposal, if any.
	Proposal *Proposal `json:"proposal,omitempty"`

	// Hit is the screening hit (vigil.Hit JSON) and Record the list
	// record (entity.Entity JSON) as they were when the alert was raised.
	Hit    json.RawMessage `json:"hit"`
	Record json.RawMessage `json:"record"`
	// Changes says what changed since the pair was last closed as a
	// false positive, when that is why the alert was raised again.
	Changes []Change `json:"changes,omitempty"`
	// Cause says what made Vigil look again when the alert was raised
	// other than by a screening of the subject: a listing added or
	// changed in an edition, a full re-screen, a network link (kind,
	// text, edition). Absent for an alert of a subject's own screening.
	Cause json.RawMessage `json:"cause,omitempty"`

	ScreeningID int64     `json:"screening_id"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
}

// Ref names one record of one list.
type Ref struct {
	List     string `json:"list"`
	SourceID string `json:"source_id"`
}

// Proposal is a disposition waiting for a second person.
type Proposal struct {
	Disposition Disposition `json:"disposition"`
	Reason      string      `json:"reason"`
	ByID        int64       `json:"by_id"`
	By          string      `json:"by"`
}

// Note is a reviewer's note on an alert.
type Note struct {
	ID      int64     `json:"id"`
	AlertID int64     `json:"alert_id"`
	Author  string    `json:"author"`
	Text    string    `json:"text"`
	At      time.Time `json:"at"`
}

// CheckDecider checks that actor may decide an alert assigned to
// assignee: the assignee, or a supervisor; anyone who reviews may decide
// an unassigned alert (and becomes its assignee).
func CheckDecider(actor auth.Principal, assignee string) error {
	if assignee == "" || assignee == actor.Username || actor.Has(auth.RoleSupervisor) {
		return nil
	}
	return apperr.New(apperr.Forbidden, "the alert is assigned to %s: only they or a supervisor may decide it", assignee)
}

// CheckMover checks that actor may move an alert assigned to assignee:
// the assignee, or a supervisor; anyone who reviews may move an
// unassigned alert (starting work on it makes them its assignee). So an
// analyst cannot take over another's alert by putting it back to open
// and taking it again: that is a supervisor's reassignment.
func CheckMover(actor auth.Principal, assignee string) error {
	if assignee == "" || assignee == actor.Username || actor.Has(auth.RoleSupervisor) {
		return nil
	}
	return apperr.New(apperr.Forbidden, "the alert is assigned to %s: only they or a supervisor may move it", assignee)
}

// CheckAssignee checks that an alert may be given to a user with roles:
// only to someone who may review it.
func CheckAssignee(assignee string, roles []auth.Role) error {
	if !auth.Reviews(roles) {
		return apperr.Field("assignee", "%s may not review alerts (roles %v): assign alerts to an analyst or a supervisor", assignee, roles)
	}
	return nil
}

// CheckAssign checks that actor may give an alert to assignee: anyone who
// reviews may take an alert themselves; giving it to someone else, or
// taking it from someone else, is a supervisor's reassignment.
func CheckAssign(actor auth.Principal, current, assignee string) error {
	if assignee == actor.Username && (current == "" || current == actor.Username) {
		return nil
	}
	if !actor.Has(auth.RoleSupervisor) {
		return apperr.New(apperr.Forbidden, "only a supervisor may reassign an alert")
	}
	return nil
}

// NeedsSupervisor reports whether moving from → to is reserved to
// supervisors: returning an escalated alert and reopening a closed one.
func NeedsSupervisor(from, to Status) bool {
	return (from == StatusEscalated && to == StatusInReview) || (from == StatusClosed && to == StatusInReview)
}

// NeedsReason reports whether moving from → to needs a reason: all moves
// but starting work on an open alert and putting it back.
func NeedsReason(from, to Status) bool {
	return !(from == StatusOpen && to == StatusInReview) && !(from == StatusInReview && to == StatusOpen)
}
