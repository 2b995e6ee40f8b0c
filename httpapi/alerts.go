package httpapi

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/review"
	"github.com/vigil-screening/vigil/service"
)

// alertQuery is the filter of GET /v1/alerts: status, list (any record of
// the alert's identity), assignee, subject, minimum score and age, all
// applied by the store in SQL.
type alertQuery struct {
	service.AlertFilter
}

// alertPage is the body of GET /v1/alerts.
type alertPage struct {
	Alerts []*review.Alert `json:"alerts"`
	Total  int             `json:"total"`
	Limit  int             `json:"limit"`
	Offset int             `json:"offset"`
}

func (s *Server) listAlerts(w http.ResponseWriter, r *http.Request) error {
	if err := checkQuery(r, "status", "list", "assignee", "subject_id", "min_score",
		"created_after", "created_before", "older_than", "limit", "offset"); err != nil {
		return err
	}
	q, err := parseAlertQuery(r.URL.Query(), time.Now())
	if err != nil {
		return err
	}
	alerts, total, err := s.svc.Alerts(r.Context(), s.principal(r), q.AlertFilter)
	if err != nil {
		return err
	}
	if alerts == nil {
		alerts = []*review.Alert{}
	}
	writeJSON(w, s.log, http.StatusOK, alertPage{Alerts: alerts, Total: total, Limit: q.Limit, Offset: q.Offset})
	return nil
}

// parseAlertQuery reads the filters of GET /v1/alerts; each bad value is a
// 400 naming its parameter.
func parseAlertQuery(v url.Values, now time.Time) (alertQuery, error) {
	q := alertQuery{AlertFilter: service.AlertFilter{
		Status: review.Status(v.Get("status")), List: v.Get("list"),
		Assignee: v.Get("assignee"), SubjectID: v.Get("subject_id"), Limit: 100,
	}}
	switch q.Status {
	case "", review.StatusOpen, review.StatusInReview, review.StatusEscalated, review.StatusClosed:
	default:
		return q, apperr.Field("status", "want open, in_review, escalated or closed")
	}
	var err error
	if q.Limit, err = intParam(v, "limit", 100, 1, 1000); err != nil {
		return q, err
	}
	if q.Offset, err = intParam(v, "offset", 0, 0, 1<<30); err != nil {
		return q, err
	}
	if raw := v.Get("min_score"); raw != "" {
		if q.MinScore, err = strconv.ParseFloat(raw, 64); err != nil || q.MinScore < 0 || q.MinScore > 1 {
			return q, apperr.Field("min_score", "want a number from 0 to 1")
		}
	}
	if q.CreatedAfter, err = timeParam(v, "created_after"); err != nil {
		return q, err
	}
	if q.CreatedBefore, err = timeParam(v, "created_before"); err != nil {
		return q, err
	}
	if raw := v.Get("older_than"); raw != "" {
		d, err := time.ParseDuration(raw)
		if err != nil || d < 0 {
			return q, apperr.Field("older_than", "want a duration such as 36h or 90m")
		}
		if cut := now.Add(-d); q.CreatedBefore.IsZero() || cut.Before(q.CreatedBefore) {
			q.CreatedBefore = cut
		}
	}
	return q, nil
}

func intParam(v url.Values, name string, def, lo, hi int) (int, error) {
	raw := v.Get(name)
	if raw == "" {
		return def, nil
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < lo || n > hi {
		return 0, apperr.Field(name, "want an integer from %d to %d", lo, hi)
	}
	return n, nil
}

// timeParam reads an RFC 3339 time or a day (2006-01-02, meaning its start, UTC).
func timeParam(v url.Values, name string) (time.Time, error) {
	raw := v.Get(name)
	if raw == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339Nano, raw); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.DateOnly, raw); err == nil {
		return t, nil
	}
	return time.Time{}, apperr.Field(name, "want an RFC 3339 time or a day (2006-01-02)")
}

// getAlert answers with the alert, the hit and the list record as they
// were when it was raised, and its notes.
func (s *Server) getAlert(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	a, err := s.svc.Alert(r.Context(), s.principal(r), id)
	if err != nil {
		return err
	}
	writeJSON(w, s.log, http.StatusOK, a)
	return nil
}
