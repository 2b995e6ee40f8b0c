package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/vigil-screening/vigil/audit"
)

// The tables the trail binds, the columns of each that the replay knows,
// and how a row is named. Key columns are not listed in Fixed: they make
// the row's name (rowKey of their values, in order).
var boundTables = []boundTable{
	{Table: audit.Table{Name: "users", Fixed: []string{"id", "roles", "created_at"}, Mutable: []string{"password_hash", "disabled"}},
		Key: []string{"username"}, Digested: []string{"password_hash"}, Bools: []string{"disabled"}},
	{Table: audit.Table{Name: "api_keys", Fixed: []string{"user_id", "secret_hash", "created_at", "kind", "expires_at"}, Mutable: []string{"revoked_at"}},
		Key: []string{"id"}, Digested: []string{"secret_hash"}},
	{Table: audit.Table{Name: "snapshots", Fixed: []string{"id", "format", "edition", "files", "records", "loaded_at", "entities"}},
		Key: []string{"source", "hash"}, Digested: []string{"files", "entities"}},
	{Table: audit.Table{Name: "subjects", Fixed: []string{"id", "created_at"}, Mutable: []string{"attrs", "fingerprint", "updated_at"}},
		Key: []string{"external_id"}, Digested: []string{"attrs"}},
	{Table: audit.Table{Name: "subject_versions", Fixed: []string{"subject_id", "attrs", "fingerprint", "actor", "at"}},
		Key: []string{"id"}, Digested: []string{"attrs"}},
	{Table: audit.Table{Name: "screenings", Fixed: []string{"subject_id", "actor", "at", "editions", "threshold", "hits", "engine"}},
		Key: []string{"id"}, Digested: []string{"editions", "hits"}},
	{Table: audit.Table{Name: "alerts", Fixed: []string{"subject_id", "list", "source_id", "score", "hit", "record", "subject_attrs",
		"changes", "screening_id", "created_at", "cause", "kind"}, Mutable: alertMutable},
		Key: []string{"id"}, Digested: []string{"hit", "record", "subject_attrs", "changes", "reason", "proposal", "records", "cause"}},
	{Table: audit.Table{Name: "alert_records", Fixed: []string{"subject_id", "record"}},
		Key: []string{"alert_id", "list", "source_id"}, Digested: []string{"record"}},
	{Table: audit.Table{Name: "alert_notes", Fixed: []string{"alert_id", "author", "text", "at"}},
		Key: []string{"id"}, Digested: []string{"text"}},
	{Table: audit.Table{Name: "fp_memory", Fixed: []string{"subject_attrs", "record_attrs", "subject_fp", "record_fp", "alert_id", "at"}},
		Key: []string{"subject_id", "list", "source_id"}, Digested: []string{"subject_attrs", "record_attrs"}},
	// A webhook's address and secret: rewritten in the database, they would
	// send alerts elsewhere. Its count of failures changes with every
	// delivery attempt and is not bound; nor are deliveries.
	{Table: audit.Table{Name: "webhooks", Fixed: []string{"url", "events", "secret", "created_by", "created_at"},
		Mutable: []string{"enabled", "disabled_reason", "updated_at"}},
		Key: []string{"id"}, Digested: []string{"secret"}, Bools: []string{"enabled"}},
	// Monitoring overrides and ends (monitor.go).
	{Table: audit.Table{Name: "monitoring", Mutable: []string{"until", "ended_at", "ended_by", "reason", "updated_at"}},
		Key: []string{"subject_id"}},
	// The organisation's relationships and contact values (network.go).
	{Table: audit.Table{Name: "network_edges", Fixed: []string{"from_node", "to_node", "relation", "share", "confidence", "start_date",
		"end_date", "source", "stated_on", "note", "asserted_by", "created_at"}, Mutable: []string{"retracted_by", "retracted_at", "retract_reason"}},
		Key: []string{"id"}},
	{Table: audit.Table{Name: "network_values", Fixed: []string{"subject", "kind", "value", "normalized", "source", "asserted_by", "created_at"}},
		Key: []string{"id"}},
	// The network alerts changes owe (network_vet.go): what owed each and
	// how it ended; its attempts and last error are progress, not bound.
	{Table: audit.Table{Name: "network_vets", Fixed: []string{"kind", "subjects", "snapshot_id", "source", "edition", "actor", "created_at"},
		Mutable: []string{"status", "alerts", "finished_at"}},
		Key: []string{"id"}, Digested: []string{"subjects", "alerts"}},
}

var alertMutable = []string{"version", "status", "assignee", "disposition", "reason", "closed_by", "approved_by", "proposal", "updated_at", "records"}

// boundTable is a table the trail binds, as the store reads it.
type boundTable struct {
	audit.Table
	Key      []string
	Digested []string // columns compared by the SHA-256 of their text
	Bools    []string // boolean columns, read as "true" or "false" (SQLite keeps 1 and 0)
}

func boundStates() []audit.Table {
	out := make([]audit.Table, len(boundTables))
	for i, t := range boundTables {
		out[i] = t.Table
	}
	return out
}

// rowKey names a row by its key columns' values.
func rowKey(parts ...string) string {
	for i, p := range parts {
		parts[i] = url.PathEscape(p)
	}
	return strings.Join(parts, "/")
}

// hashed is how a digested column's value is compared: "sha256:<hex>", or
// "" for empty text.
func hashed(hexDigest string) string {
	if hexDigest == "" {
		return ""
	}
	return "sha256:" + hexDigest
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func ftoa(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

// writer receives what the replay of an entry wrote: an *audit.State, or
// a capture of one row's columns (to name a fixed column that differs).
type writer interface {
	Write(seq int64, table, key string, v audit.Values) error
	Update(seq int64, table, key string, v audit.Values) error
	Legacy(table, key string) error
	Delete(table, key string) (bool, error)
}

// replayer replays audit entries into the state they describe. An entry
// from before the binding (no "bind" in its details) names rows without
// describing them: they are marked as legacy and counted, not checked.
type replayer struct {
	out    writer
	state  *audit.State       // nil when capturing: no checks against the trail so far
	report *audit.StateReport // receives inconsistencies
	legacy int64              // entries from before the binding that changed rows
	// firstVersion is the first subject_versions id a bound entry wrote:
	// a row with a lower id that the trail does not name was written
	// before the binding (old entries do not name versions).
	firstVersion int64
	// firstNetVet is the first network vet a network.vet_owed entry
	// wrote: vets before it were written before the binding.
	firstNetVet int64
	// sessions are the web sessions sign-ins bound, by the digest of their
	// id_hash (replay_session.go).
	sessions map[string]boundSession
}

func newReplayer(report *audit.StateReport) *replayer {
	st := audit.NewState(boundStates()...)
	return &replayer{out: st, state: st, report: report}
}

// apply replays one entry. Details that do not decode are reported, not
// fatal: the chain says whether the entry was altered.
func (r *replayer) apply(e *audit.Entry) error {
	err := r.dispatch(e)
	var bad *badEntry
	if errors.As(err, &bad) {
		r.report.Add(audit.Difference{Problem: audit.Unreadable, Table: "audit_log", Row: itoa(e.Seq), Found: bad.Error(), Seq: e.Seq})
		return nil
	}
	return err
}

func (r *replayer) dispatch(e *audit.Entry) error {
	switch e.Action {
	case audit.ActionScreenRecord:
		return r.screening(e)
	case audit.ActionAlertMerge:
		return r.merge(e)
	case audit.ActionAlertMove, audit.ActionAlertAssign, audit.ActionAlertPropose, audit.ActionAlertApprove,
		audit.ActionAlertReject, audit.ActionAlertClose:
		return r.alertChange(e)
	case audit.ActionAlertNote:
		return r.note(e)
	case audit.ActionUserCreate, audit.ActionUserDisable, audit.ActionUserPassword:
		return r.user(e)
	case audit.ActionKeyCreate, audit.ActionKeyRevoke, audit.ActionKeyActivate:
		return r.key(e)
	case audit.ActionListImport:
		return r.snapshot(e)
	case audit.ActionSignIn:
		return r.signIn(e) // the session it wrote (replay_session.go)
	case audit.ActionScreenAdHoc, audit.ActionSubjectView, audit.ActionSignOut, audit.ActionSignInLock, audit.ActionExport:
		return nil // they change no row the trail binds
	case audit.ActionHookCreate, audit.ActionHookDisable, audit.ActionHookEnable:
		return r.webhook(e)
	case audit.ActionHookTest:
		return nil // it writes a delivery, which the trail does not bind
	case audit.ActionMonitorSet, audit.ActionMonitorEnd, audit.ActionAlertListing, audit.ActionRescreen:
		return r.monitor(e)
	case audit.ActionEdgeAssert, audit.ActionEdgeRetract:
		return r.edge(e)
	case audit.ActionValueAssert:
		return r.value(e)
	case audit.ActionNetworkAlert:
		return r.networkAlert(e)
	case audit.ActionNetworkVetOwed, audit.ActionNetworkVetDone, audit.ActionNetworkVetFailed, audit.ActionNetworkVetRetry:
		return r.networkVet(e) // network_vet.go
	}
	if r.report != nil {
		r.report.AddUnknownAction(e.Action)
	}
	return nil
}

// badEntry is an entry whose details the replay cannot read.
type badEntry struct{ err error }

func (b *badEntry) Error() string { return b.err.Error() }

// decodeAt decodes an entry's details into v and returns the id in its
// object, named prefix/ID.
func decodeAt(e *audit.Entry, prefix string, v any) (string, error) {
	if err := json.Unmarshal(e.Details, v); err != nil {
		return "", &badEntry{fmt.Errorf("details of %s %s: %v", e.Action, e.Object, err)}
	}
	id, ok := strings.CutPrefix(e.Object, prefix)
	if !ok || id == "" {
		return "", &badEntry{fmt.Errorf("%s entry names %q, want %sID", e.Action, e.Object, prefix)}
	}
	return id, nil
}

func (r *replayer) user(e *audit.Entry) error {
	var d struct {
		Roles []string        `json:"roles"`
		Bind  json.RawMessage `json:"bind"` // userBind or passwordBind
	}
	name, err := decodeAt(e, "user/", &d)
	if err != nil {
		return err
	}
	key := rowKey(name)
	switch {
	case e.Action == audit.ActionUserDisable: // complete before the binding too
		return r.update(e.Seq, "users", key, audit.Values{"disabled": "true"})
	case d.Bind == nil:
		r.legacy++
		if e.Action == audit.ActionUserPassword {
			return r.out.Update(e.Seq, "users", key, audit.Values{"password_hash": audit.Unknown})
		}
		return r.out.Legacy("users", key)
	case e.Action == audit.ActionUserPassword:
		var b passwordBind
		if err := unmarshalBind(e, d.Bind, &b); err != nil {
			return err
		}
		return r.update(e.Seq, "users", key, audit.Values{"password_hash": hashed(b.PasswordHash)})
	}
	var b userBind
	if err := unmarshalBind(e, d.Bind, &b); err != nil {
		return err
	}
	return r.out.Write(e.Seq, "users", key, audit.Values{"id": itoa(b.ID), "roles": strings.Join(d.Roles, ","),
		"created_at": fmtTime(e.At), "password_hash": "", "disabled": "false"})
}

func (r *replayer) key(e *audit.Entry) error {
	var d struct {
		Activation string   `json:"activation"` // key.activate: the activation used
		Bind       *keyBind `json:"bind"`
	}
	id, err := decodeAt(e, "key/", &d)
	if err != nil {
		return err
	}
	key := rowKey(id)
	if e.Action == audit.ActionKeyRevoke { // complete before the binding too
		return r.update(e.Seq, "api_keys", key, audit.Values{"revoked_at": fmtTime(e.At)})
	}
	if e.Action == audit.ActionKeyActivate { // the activation used: complete without the bind too
		if d.Activation == "" {
			return &badEntry{fmt.Errorf("%s entry without the activation it used", e.Action)}
		}
		if err := r.update(e.Seq, "api_keys", rowKey(d.Activation), audit.Values{"revoked_at": fmtTime(e.At)}); err != nil {
			return err
		}
	}
	if d.Bind == nil {
		r.legacy++
		return r.out.Legacy("api_keys", key)
	}
	kind := d.Bind.Kind
	if kind == "" {
		kind = keyKindKey
	}
	return r.out.Write(e.Seq, "api_keys", key, audit.Values{"user_id": itoa(d.Bind.UserID),
		"secret_hash": hashed(d.Bind.SecretHash), "created_at": fmtTime(e.At), "revoked_at": "",
		"kind": kind, "expires_at": d.Bind.ExpiresAt})
}

func (r *replayer) webhook(e *audit.Entry) error {
	var d struct {
		URL    string       `json:"url"`
		Events []string     `json:"events"`
		Reason string       `json:"reason"`
		Bind   *webhookBind `json:"bind"`
	}
	id, err := decodeAt(e, "webhook/", &d)
	if err != nil {
		return err
	}
	key := rowKey(id)
	switch e.Action {
	case audit.ActionHookCreate:
		if d.Bind == nil {
			return &badEntry{fmt.Errorf("%s entry without its bind", e.Action)}
		}
		return r.out.Write(e.Seq, "webhooks", key, audit.Values{"url": d.URL, "events": strings.Join(d.Events, ","),
			"secret": hashed(d.Bind.Secret), "created_by": e.Actor, "created_at": fmtTime(e.At),
			"enabled": "true", "disabled_reason": "", "updated_at": fmtTime(e.At)})
	}
	return r.update(e.Seq, "webhooks", key, audit.Values{"enabled": strconv.FormatBool(e.Action == audit.ActionHookEnable),
		"disabled_reason": d.Reason, "updated_at": fmtTime(e.At)})
}

func (r *replayer) snapshot(e *audit.Entry) error {
	var d struct {
		Edition string        `json:"edition"`
		Format  string        `json:"format"`
		Records int64         `json:"records"`
		Bind    *snapshotBind `json:"bind"`
	}
	name, err := decodeAt(e, "snapshot/", &d)
	if err != nil {
		return err
	}
	i := strings.LastIndex(name, "/")
	if i < 0 {
		return &badEntry{fmt.Errorf("%s entry names %q, want snapshot/SOURCE/HASH", e.Action, e.Object)}
	}
	key := rowKey(name[:i], name[i+1:])
	if d.Bind == nil {
		r.legacy++
		return r.out.Legacy("snapshots", key)
	}
	b := d.Bind
	return r.out.Write(e.Seq, "snapshots", key, audit.Values{"id": itoa(b.ID), "format": d.Format, "edition": d.Edition,
		"files": hashed(b.Files), "records": itoa(d.Records), "loaded_at": b.LoadedAt, "entities": hashed(b.Entities)})
}

func unmarshalBind(e *audit.Entry, raw json.RawMessage, v any) error {
	if err := json.Unmarshal(raw, v); err != nil {
		return &badEntry{fmt.Errorf("bind of %s %s: %v", e.Action, e.Object, err)}
	}
	return nil
}

func (r *replayer) legacyRows(rows map[string][]string) error {
	for table, keys := range rows {
		for _, k := range keys {
			if k == "" || k == "0" {
				continue
			}
			if err := r.out.Legacy(table, k); err != nil {
				return err
			}
		}
	}
	return nil
}

func ids(ns []int64) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = itoa(n)
	}
	return out
}
