package web

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/audit"
	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/review"
	"github.com/vigil-screening/vigil/service"
	"github.com/vigil-screening/vigil/store"
)

// StaleAfter is the age past which the edition in force of a list stands
// out on the dashboard as stale.
const StaleAfter = 7 * 24 * time.Hour

type sourceRow struct {
	service.Edition
	Age   time.Duration
	Stale bool
	Count int // editions stored
}

type dashData struct {
	Sources  []sourceRow
	Stats    *service.AlertStats
	States   []review.Status
	Jobs     *service.JobState
	Refresh  []service.RefreshAttempt
	Revets   []*service.Revet
	ListsErr string
}

// dashboard: the lists and the age of their editions in force, the
// alerts by state and age, the jobs. Each part shows only when the
// user's roles may read it.
func (h *Handler) dashboard(pg *page) error {
	ctx := pg.r.Context()
	d := dashData{States: []review.Status{review.StatusOpen, review.StatusInReview, review.StatusEscalated, review.StatusClosed}}
	if auth.Allowed(pg.p, auth.ActionViewLists) {
		eds, err := h.svc.Editions(ctx, pg.p)
		if err != nil {
			return err
		}
		d.Sources = sourceRows(eds, h.now())
	}
	if auth.Allowed(pg.p, auth.ActionListAlerts) {
		st, err := h.svc.AlertStats(ctx, pg.p)
		if err != nil {
			return err
		}
		d.Stats = st
	}
	if auth.Allowed(pg.p, auth.ActionViewJobs) {
		js, err := h.svc.Jobs(ctx, pg.p, 10)
		if err != nil {
			return err
		}
		d.Jobs = js
		if d.Refresh, err = h.svc.RefreshAttempts(ctx, pg.p, "", 10); err != nil {
			return err
		}
		if d.Revets, err = h.svc.Revets(ctx, pg.p, 10); err != nil {
			return err
		}
	}
	return h.render(pg, http.StatusOK, "dashboard", view{Title: "Dashboard", Nav: "dashboard", Data: d})
}

func sourceRows(eds []service.Edition, now time.Time) []sourceRow {
	var out []sourceRow
	count := map[string]int{}
	for _, e := range eds {
		count[e.Source]++
	}
	for _, e := range eds {
		if e.InForce {
			age := now.Sub(editionDate(e))
			out = append(out, sourceRow{Edition: e, Age: age, Stale: age > StaleAfter, Count: count[e.Source]})
		}
	}
	slices.SortFunc(out, func(a, b sourceRow) int { return strings.Compare(a.Source, b.Source) })
	return out
}

// editionDate is when an edition was published: its own date when its
// name starts with one (most lists name editions by date), otherwise
// when it was accepted here. A list whose publisher has said nothing new
// for a week is stale however recently it was fetched.
func editionDate(e service.Edition) time.Time {
	if len(e.Meta.Edition) >= 10 {
		if t, err := time.Parse("2006-01-02", e.Meta.Edition[:10]); err == nil && t.Before(e.LoadedAt) {
			return t
		}
	}
	return e.LoadedAt
}

// subjects searches recorded subjects by id.
func (h *Handler) subjects(pg *page) error {
	q := pg.r.URL.Query()
	prefix, after := strings.TrimSpace(q.Get("q")), q.Get("after")
	subs, err := h.svc.SearchSubjects(pg.r.Context(), pg.p, prefix, after, 51)
	if err != nil {
		return err
	}
	next := ""
	if len(subs) > 50 {
		subs = subs[:50]
		next = subs[49].ID
	}
	return h.render(pg, http.StatusOK, "subjects", view{Title: "Subjects", Nav: "subjects",
		Data: map[string]any{"Q": prefix, "Subjects": subs, "Next": next}})
}

// subject shows a subject: its attributes over time, its screenings and
// its alerts.
func (h *Handler) subject(pg *page) error {
	ctx := pg.r.Context()
	id := pg.r.PathValue("id")
	s, err := h.svc.Subject(ctx, pg.p, id)
	if err != nil {
		return err
	}
	var alerts []*review.Alert
	if auth.Allowed(pg.p, auth.ActionListAlerts) {
		page, err := h.svc.AlertQueue(ctx, pg.p, service.QueueFilter{SubjectID: id, Sort: store.SortNewest, Limit: 200})
		if err != nil {
			return err
		}
		alerts = page.Alerts
	}
	mon, err := h.svc.Monitoring(ctx, pg.p, id)
	if err != nil {
		return err
	}
	return h.render(pg, http.StatusOK, "subject", view{Title: "Subject " + id, Nav: "subjects",
		Data: map[string]any{"Subject": s, "Alerts": alerts, "Monitor": mon}})
}

// subjectAction sets or ends a subject's monitoring.
func (h *Handler) subjectAction(pg *page) error {
	ctx := pg.r.Context()
	id := pg.r.PathValue("id")
	f := pg.r.PostForm
	reason := strings.TrimSpace(f.Get("reason"))
	back := "/subjects/" + url.PathEscape(id)
	switch op := pg.r.PathValue("op"); op {
	case "monitor":
		var until time.Time
		if v := f.Get("until"); v != "" {
			t, err := time.Parse("2006-01-02", v)
			if err != nil {
				return apperr.Field("until", "want a date as YYYY-MM-DD, or none for no end")
			}
			until = t
		}
		if _, err := h.svc.SetMonitoring(ctx, pg.p, id, until, reason); err != nil {
			return err
		}
		return redirect(pg, back, "Monitoring set.")
	case "monitor-end":
		if _, err := h.svc.EndMonitoring(ctx, pg.p, id, reason); err != nil {
			return err
		}
		return redirect(pg, back, "Monitoring ended.")
	}
	return apperr.New(apperr.NotFound, "no action %q", pg.r.PathValue("op"))
}

// rescreen starts a full re-screen of the monitored subjects.
func (h *Handler) rescreen(pg *page) error {
	r, err := h.svc.Rescreen(pg.r.Context(), pg.p, strings.TrimSpace(pg.r.PostForm.Get("reason")))
	if err != nil {
		return err
	}
	return redirect(pg, "/", "Re-screen "+strconv.FormatInt(r.ID, 10)+" started: its progress is below.")
}

// lists shows every stored edition by list, newest first.
func (h *Handler) lists(pg *page) error {
	eds, err := h.svc.Editions(pg.r.Context(), pg.p)
	if err != nil {
		return err
	}
	bySource := map[string][]service.Edition{}
	var sources []string
	for _, e := range eds {
		if _, ok := bySource[e.Source]; !ok {
			sources = append(sources, e.Source)
		}
		bySource[e.Source] = append(bySource[e.Source], e)
	}
	slices.Sort(sources)
	return h.render(pg, http.StatusOK, "lists", view{Title: "Lists", Nav: "lists",
		Data: map[string]any{"Sources": sources, "Editions": bySource, "Now": h.now()}})
}

// listDiff shows what changed between two editions of one list.
func (h *Handler) listDiff(pg *page) error {
	q := pg.r.URL.Query()
	from, err1 := strconv.ParseInt(q.Get("from"), 10, 64)
	to, err2 := strconv.ParseInt(q.Get("to"), 10, 64)
	if err1 != nil || err2 != nil {
		return apperr.Field("from", "choose two editions of one list")
	}
	a, b, d, err := h.svc.EditionDiff(pg.r.Context(), pg.p, from, to)
	if err != nil {
		return err
	}
	const show = 500
	data := map[string]any{"From": a, "To": b, "Summary": d.Summary(), "Added": head(d.Added, show), "Removed": head(d.Removed, show),
		"Changed": head(d.Changed, show), "Show": show}
	return h.render(pg, http.StatusOK, "diff", view{Title: "Changes in " + a.Source, Nav: "lists", Data: data})
}

func head[T any](s []T, n int) []T { return s[:min(len(s), n)] }

// auditQuery reads the audit view's filters.
func auditQuery(q map[string][]string) (service.AuditQuery, error) {
	get := func(k string) string {
		if v := q[k]; len(v) > 0 {
			return strings.TrimSpace(v[0])
		}
		return ""
	}
	aq := service.AuditQuery{Actor: get("actor"), Action: audit.Action(get("action")), Object: get("object")}
	for k, t := range map[string]*time.Time{"from": &aq.From, "to": &aq.To} {
		if v := get(k); v != "" {
			d, err := time.Parse("2006-01-02", v)
			if err != nil {
				return aq, apperr.Field(k, "want a date as YYYY-MM-DD")
			}
			if k == "to" {
				d = d.AddDate(0, 0, 1) // the whole day
			}
			*t = d
		}
	}
	if v := get("before"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			return aq, apperr.Field("before", "not a sequence number")
		}
		aq.Before = n
	}
	return aq, nil
}

func (h *Handler) audit(pg *page) error {
	q := pg.r.URL.Query()
	aq, err := auditQuery(q)
	if err != nil {
		return err
	}
	aq.Limit = 100
	es, err := h.svc.AuditEntries(pg.r.Context(), pg.p, aq)
	if err != nil {
		return err
	}
	filter := map[string]string{}
	for _, k := range []string{"actor", "action", "object", "from", "to"} {
		filter[k] = q.Get(k)
	}
	next := ""
	if len(es) == aq.Limit {
		v := pg.r.URL.Query()
		v.Set("before", strconv.FormatInt(es[len(es)-1].Seq, 10))
		next = "/audit?" + v.Encode()
	}
	exportQ := pg.r.URL.Query()
	exportQ.Del("before")
	return h.render(pg, http.StatusOK, "audit", view{Title: "Audit trail", Nav: "audit",
		Data: map[string]any{"Entries": es, "Filter": filter, "Next": next, "Export": exportQ.Encode()}})
}

// auditExport streams the entries the filters select, oldest first, as
// JSON Lines (each entry with its hashes, for an auditor's own check) or
// CSV.
func (h *Handler) auditExport(pg *page) error {
	aq, err := auditQuery(pg.r.URL.Query())
	if err != nil {
		return err
	}
	ext, ok := strings.CutPrefix(pg.r.PathValue("file"), "export.")
	if !ok || (ext != "csv" && ext != "jsonl") {
		return apperr.New(apperr.NotFound, "the trail exports as .csv or .jsonl")
	}
	// Refuse before anything is written, so that a refusal is a page.
	if !auth.Allowed(pg.p, auth.ActionReadAudit) {
		_, err := h.svc.AuditEntries(pg.r.Context(), pg.p, aq)
		return err
	}
	pr, pw := io.Pipe()
	go func() {
		_, err := h.svc.ExportAudit(pg.r.Context(), pg.p, pw, aq.From, aq.To)
		pw.CloseWithError(err)
	}()
	defer pr.Close()
	keep := func(e *audit.Entry) bool {
		return (aq.Actor == "" || e.Actor == aq.Actor) && (aq.Action == "" || e.Action == aq.Action) && (aq.Object == "" || e.Object == aq.Object)
	}
	name := "vigil-audit." + ext
	pg.w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	var cw *csv.Writer
	if ext == "csv" {
		pg.w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		cw = csv.NewWriter(pg.w)
		_ = cw.Write([]string{"seq", "at", "actor", "action", "object", "details", "prev_hash", "hash"})
	} else {
		pg.w.Header().Set("Content-Type", "application/jsonl; charset=utf-8")
	}
	sc := bufio.NewScanner(pr)
	sc.Buffer(make([]byte, 64<<10), 64<<20)
	for sc.Scan() {
		var e audit.Entry
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			return err
		}
		if !keep(&e) {
			continue
		}
		if cw != nil {
			err = cw.Write([]string{strconv.FormatInt(e.Seq, 10), e.At.UTC().Format(audit.TimeFormat), csvSafe(e.Actor), string(e.Action),
				csvSafe(e.Object), csvSafe(string(e.Details)), e.PrevHash, e.Hash})
		} else {
			_, err = pg.w.Write(append(sc.Bytes(), '\n'))
		}
		if err != nil {
			return nil // the client went away
		}
	}
	if cw != nil {
		cw.Flush()
	}
	if err := sc.Err(); err != nil {
		// Headers are sent: the truncated file ends with the error.
		h.log.Error("audit export stopped", "err", err)
		_, _ = io.WriteString(pg.w, "\nEXPORT STOPPED: "+apperr.MessageOf(err)+"\n")
	}
	return nil
}

// auditVerify walks the hash chain and says whether it is intact.
func (h *Handler) auditVerify(pg *page) error {
	ctx := pg.r.Context()
	finding, n, err := h.svc.VerifyAudit(ctx, pg.p)
	if err != nil {
		return err
	}
	head, err := h.svc.AuditHead(ctx, pg.p)
	if err != nil {
		return err
	}
	return h.render(pg, http.StatusOK, "verify", view{Title: "Audit chain verification", Nav: "audit",
		Data: map[string]any{"Finding": finding, "Checked": n, "Head": head}})
}

type adminData struct {
	Users    []*service.User
	Keys     []*service.Key
	Hooks    []service.Webhook
	Roles    []auth.Role
	Events   []service.EventType
	NewKey   string
	NewKeyID string
	// Activation is set when NewKey is a one-time activation (a key for
	// a user who reviews, made by someone else) rather than a key.
	Activation bool
	Secret     string
}

func (h *Handler) adminData(pg *page) (*adminData, error) {
	ctx := pg.r.Context()
	d := &adminData{Roles: []auth.Role{auth.RoleScreener, auth.RoleAnalyst, auth.RoleSupervisor, auth.RoleAuditor, auth.RoleAdmin},
		Events: store.EventTypes}
	var err error
	if d.Users, err = h.svc.Users(ctx, pg.p); err != nil {
		return nil, err
	}
	if auth.Allowed(pg.p, auth.ActionManageKeys) {
		if d.Keys, err = h.svc.Keys(ctx, pg.p); err != nil {
			return nil, err
		}
	}
	if auth.Allowed(pg.p, auth.ActionManageHooks) {
		if d.Hooks, err = h.svc.Webhooks(ctx, pg.p); err != nil {
			return nil, err
		}
	}
	return d, nil
}

func (h *Handler) admin(pg *page) error {
	d, err := h.adminData(pg)
	if err != nil {
		return err
	}
	return h.render(pg, http.StatusOK, "admin", view{Title: "Administration", Nav: "admin", Data: d})
}

// adminAction runs one form of the administration page. A new key or
// webhook secret is shown on the page that answers, once.
func (h *Handler) adminAction(pg *page) error {
	ctx := pg.r.Context()
	f := pg.r.PostForm
	var done string
	var err error
	switch op := pg.r.PathValue("op"); op {
	case "user":
		var roles []auth.Role
		for _, r := range f["role"] {
			roles = append(roles, auth.Role(r))
		}
		name := strings.TrimSpace(f.Get("username"))
		if _, err = h.svc.CreateUser(ctx, pg.p, name, roles); err == nil && f.Get("password") != "" {
			err = h.svc.SetPassword(ctx, pg.p, name, f.Get("password"))
		}
		done = "User " + name + " created."
	case "password":
		err = h.svc.SetPassword(ctx, pg.p, f.Get("username"), f.Get("password"))
		done = "Password of " + f.Get("username") + " set."
	case "disable":
		err = h.svc.DisableUser(ctx, pg.p, f.Get("username"))
		done = "User " + f.Get("username") + " disabled: their keys and sessions stop working."
	case "key":
		k, secret, err := h.svc.CreateKey(ctx, pg.p, f.Get("username"))
		if err != nil {
			return err
		}
		d, err := h.adminData(pg)
		if err != nil {
			return err
		}
		d.NewKey, d.NewKeyID = secret, k.ID
		flash := "Key " + k.ID + " created for " + k.Username + ". Copy it now: it is not shown again."
		if k.Kind == "activation" { // a reviewer's: see docs/security.md
			d.Activation = true
			flash = "One-time activation created for " + k.Username + " (valid until " + k.ExpiresAt.Format("2006-01-02 15:04 MST") +
				"). Give it to " + k.Username + " alone: they exchange it for a key only they see (vigil keys activate, or POST /v1/keys/activate). It is not shown again."
		}
		return h.render(pg, http.StatusOK, "admin", view{Title: "Administration", Nav: "admin", Data: d, Flash: flash})
	case "revoke":
		err = h.svc.RevokeKey(ctx, pg.p, f.Get("id"))
		done = "Key " + f.Get("id") + " revoked."
	case "webhook":
		var events []service.EventType
		for _, e := range f["event"] {
			events = append(events, service.EventType(e))
		}
		hook, err := h.svc.CreateWebhook(ctx, pg.p, strings.TrimSpace(f.Get("url")), events)
		if err != nil {
			return err
		}
		d, err := h.adminData(pg)
		if err != nil {
			return err
		}
		d.Secret = hook.Secret
		return h.render(pg, http.StatusOK, "admin", view{Title: "Administration", Nav: "admin", Data: d,
			Flash: "Webhook " + strconv.FormatInt(hook.ID, 10) + " created. Copy its signing secret now: it is not shown again."})
	case "hook-enable", "hook-disable":
		id, perr := strconv.ParseInt(f.Get("id"), 10, 64)
		if perr != nil {
			return apperr.Field("id", "not a webhook id")
		}
		_, err = h.svc.SetWebhookEnabled(ctx, pg.p, id, op == "hook-enable")
		done = "Webhook " + f.Get("id") + " " + strings.TrimPrefix(op, "hook-") + "d."
	default:
		return apperr.New(apperr.NotFound, "no action %q", op)
	}
	if err != nil {
		return err
	}
	return redirect(pg, "/admin", done)
}
