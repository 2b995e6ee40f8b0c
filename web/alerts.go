package web

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/audit"
	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/review"
	"github.com/vigil-screening/vigil/service"
	"github.com/vigil-screening/vigil/store"
)

// queueRow is one alert of the queue as a row shows it.
type queueRow struct {
	*review.Alert
	Name, Matched string
}

type queueData struct {
	Rows []queueRow
	// Filter is the query as given, for the form and the next link.
	Filter map[string]string
	Next   string
	Sorts  []string
	States []review.Status
	Ages   []string
	First  bool
}

var queueAges = map[string]time.Duration{"1d": 24 * time.Hour, "7d": 7 * 24 * time.Hour, "30d": 30 * 24 * time.Hour}

// queue is the alert queue: filters, an order and keyset pages.
func (h *Handler) queue(pg *page) error {
	q := pg.r.URL.Query()
	f := service.QueueFilter{Status: review.Status(q.Get("status")), List: q.Get("list"),
		Sort: store.QueueSort(q.Get("sort")), After: q.Get("after"), SubjectID: q.Get("subject")}
	switch a := q.Get("assignee"); a {
	case "":
	case "me":
		f.Assignee = pg.p.Username
	case "none":
		f.Unassigned = true
	default:
		f.Assignee = a
	}
	if s := q.Get("min_score"); s != "" {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil || !(v >= 0 && v <= 1) { // NaN too
			return apperr.Field("min_score", "want a score from 0 to 1")
		}
		f.MinScore = v
	}
	if a := q.Get("age"); a != "" {
		d, ok := queueAges[a]
		if !ok {
			return apperr.Field("age", "want 1d, 7d or 30d")
		}
		f.OlderThan = h.now().Add(-d)
	}
	switch f.Status {
	case "", review.StatusOpen, review.StatusInReview, review.StatusEscalated, review.StatusClosed:
	default:
		return apperr.Field("status", "want open, in_review, escalated or closed")
	}
	res, err := h.svc.AlertQueue(pg.r.Context(), pg.p, f)
	if err != nil {
		return err
	}
	d := queueData{Filter: map[string]string{}, Sorts: []string{"oldest", "newest", "score", "updated"},
		States: []review.Status{review.StatusOpen, review.StatusInReview, review.StatusEscalated, review.StatusClosed},
		Ages:   []string{"1d", "7d", "30d"}, First: f.After == ""}
	for _, k := range []string{"status", "list", "min_score", "age", "assignee", "sort", "subject"} {
		d.Filter[k] = q.Get(k)
	}
	for _, a := range res.Alerts {
		var hit vigil.Hit
		_ = json.Unmarshal(a.Hit, &hit) // a row without a name still shows its record
		d.Rows = append(d.Rows, queueRow{Alert: a, Name: hit.Name, Matched: hit.MatchedName})
	}
	if res.Next != "" {
		next := url.Values{}
		for k, v := range d.Filter {
			if v != "" {
				next.Set(k, v)
			}
		}
		next.Set("after", res.Next)
		d.Next = "/alerts?" + next.Encode()
	}
	return h.render(pg, http.StatusOK, "queue", view{Title: "Alert queue", Nav: "alerts", Data: d})
}

// alertData is what the alert page shows.
type alertData struct {
	*service.AlertView
	Hit vigil.Hit
	// Record is a pointer: the template reads its rarely filled fields
	// through methods (entity.More).
	Record *entity.Entity
	// Parts are the name parts, aligned; Agree and Contradict the
	// qualifiers by verdict (Missing: given on one side only).
	Parts                       []vigil.PartMatch
	Agree, Contradict, Missing  []vigil.Qualifier
	History                     []*audit.Entry
	Mine, ProposedByMe, Pending bool
	Dispositions                []review.Disposition
	// Network is the path of a network alert (Kind "network").
	Network *alertPath
}

func alertID(pg *page) (int64, error) {
	id, err := strconv.ParseInt(pg.r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, apperr.New(apperr.NotFound, "no alert %q", pg.r.PathValue("id"))
	}
	return id, nil
}

// alert is the page of one alert: subject and listed record side by
// side, the explanation, notes, the decision and the history.
func (h *Handler) alert(pg *page) error {
	id, err := alertID(pg)
	if err != nil {
		return err
	}
	ctx := pg.r.Context()
	a, err := h.svc.Alert(ctx, pg.p, id)
	if err != nil {
		return err
	}
	hist, err := h.svc.AlertHistory(ctx, pg.p, id)
	if err != nil {
		return err
	}
	d := alertData{AlertView: a, History: hist, Mine: a.Assignee == pg.p.Username,
		Dispositions: []review.Disposition{review.TrueMatch, review.FalsePositive, review.Inconclusive}}
	if err := json.Unmarshal(a.Hit, &d.Hit); err != nil {
		return err
	}
	if a.Kind == "network" {
		if d.Network, err = networkAlertPath(a.Hit); err != nil {
			return err
		}
	}
	var rec entity.Entity
	if err := json.Unmarshal(a.Record, &rec); err != nil {
		return err
	}
	d.Record = &rec
	d.Parts = d.Hit.Explanation.Parts
	for _, q := range d.Hit.Explanation.Qualifiers {
		switch q.Verdict {
		case vigil.Agree:
			d.Agree = append(d.Agree, q)
		case vigil.Contradict:
			d.Contradict = append(d.Contradict, q)
		default:
			d.Missing = append(d.Missing, q)
		}
	}
	if a.Proposal != nil {
		d.Pending, d.ProposedByMe = true, a.Proposal.ByID == pg.p.UserID
	}
	title := "Alert " + strconv.FormatInt(id, 10)
	return h.render(pg, http.StatusOK, "alert", view{Title: title, Nav: "alerts", Data: d, Graph: d.Network != nil})
}

// alertAction runs one review action from the alert page's forms.
func (h *Handler) alertAction(pg *page) error {
	id, err := alertID(pg)
	if err != nil {
		return err
	}
	ctx := pg.r.Context()
	f := pg.r.PostForm
	version, err := strconv.ParseInt(f.Get("version"), 10, 64)
	if err != nil && pg.r.PathValue("op") != "note" {
		return apperr.Field("version", "the form names no alert version: reload the page")
	}
	c := service.AlertChange{AlertID: id, Version: version, Reason: strings.TrimSpace(f.Get("reason")), IdempotencyKey: f.Get("idem")}
	back := "/alerts/" + strconv.FormatInt(id, 10)
	var done string
	switch op := pg.r.PathValue("op"); op {
	case "start":
		_, err = h.svc.MoveAlert(ctx, pg.p, c, review.StatusInReview)
		done = "You are reviewing this alert."
	case "release":
		_, err = h.svc.MoveAlert(ctx, pg.p, c, review.StatusOpen)
		done = "The alert is back in the queue."
	case "escalate":
		_, err = h.svc.MoveAlert(ctx, pg.p, c, review.StatusEscalated)
		done = "The alert is escalated to a supervisor."
	case "reject":
		_, err = h.svc.MoveAlert(ctx, pg.p, c, review.StatusInReview)
		done = "The proposal is rejected; the alert is back in review."
	case "reopen":
		_, err = h.svc.MoveAlert(ctx, pg.p, c, review.StatusInReview)
		done = "The alert is reopened."
	case "decide":
		var a *review.Alert
		a, err = h.svc.DecideAlert(ctx, pg.p, c, review.Disposition(f.Get("disposition")))
		if err == nil && a.Proposal != nil {
			done = "Your decision is proposed: another supervisor must approve it (four eyes)."
		} else {
			done = "The alert is closed."
		}
	case "approve":
		_, err = h.svc.ApproveAlert(ctx, pg.p, c)
		done = "The proposal is approved; the alert is closed."
	case "assign":
		_, err = h.svc.AssignAlert(ctx, pg.p, c, strings.TrimSpace(f.Get("assignee")))
		done = "The alert is assigned."
	case "note":
		_, err = h.svc.AddNote(ctx, pg.p, id, f.Get("idem"), f.Get("text"))
		done = "Your note is added."
	default:
		return apperr.New(apperr.NotFound, "no action %q", op)
	}
	if err != nil {
		return err
	}
	return redirect(pg, back, done)
}
