package store

import (
	"encoding/json"
	"fmt"

	"github.com/vigil-screening/vigil/audit"
	"github.com/vigil-screening/vigil/review"
)

// The replay of what screening and review wrote: subjects, screenings,
// alerts and their records, notes, false-positive memory.

func (r *replayer) screening(e *audit.Entry) error {
	var d struct {
		ScreeningID int64          `json:"screening_id"`
		Alerts      []int64        `json:"alerts"`
		Threshold   float64        `json:"threshold"`
		Bind        *screeningBind `json:"bind"`
	}
	ext, err := decodeAt(e, "subject/", &d)
	if err != nil {
		return err
	}
	subject, at := rowKey(ext), fmtTime(e.At)
	if d.Bind == nil {
		r.legacy++
		return r.legacyRows(map[string][]string{"subjects": {subject}, "screenings": {itoa(d.ScreeningID)}, "alerts": ids(d.Alerts)})
	}
	b := d.Bind
	if err := r.subject(e.Seq, subject, at, b.Subject); err != nil {
		return err
	}
	sid := itoa(b.Subject.ID)
	if b.Subject.VersionID != 0 {
		if r.firstVersion == 0 {
			r.firstVersion = b.Subject.VersionID
		}
		err := r.out.Write(e.Seq, "subject_versions", itoa(b.Subject.VersionID), audit.Values{"subject_id": sid,
			"attrs": hashed(b.Subject.Attrs), "fingerprint": b.Subject.Fingerprint, "actor": e.Actor, "at": at})
		if err != nil {
			return err
		}
	}
	err = r.out.Write(e.Seq, "screenings", itoa(d.ScreeningID), audit.Values{"subject_id": sid, "actor": e.Actor, "at": at,
		"editions": hashed(b.Editions), "threshold": ftoa(d.Threshold), "hits": hashed(b.Hits), "engine": b.Engine})
	if err != nil {
		return err
	}
	for _, a := range b.Raised {
		if err := r.raised(e.Seq, at, sid, d.ScreeningID, b.AlertAttrs, a); err != nil {
			return err
		}
	}
	return nil
}

func (r *replayer) subject(seq int64, key, at string, b subjectBind) error {
	if b.Created {
		return r.out.Write(seq, "subjects", key, audit.Values{"id": itoa(b.ID), "created_at": at,
			"attrs": hashed(b.Attrs), "fingerprint": b.Fingerprint, "updated_at": at})
	}
	v := audit.Values{"updated_at": at}
	if b.VersionID != 0 {
		v["attrs"], v["fingerprint"] = hashed(b.Attrs), b.Fingerprint
	}
	return r.update(seq, "subjects", key, v)
}

// update replays a change of some columns of a row. When every entry is
// bound, the trail must have written the row before.
func (r *replayer) update(seq int64, table, key string, v audit.Values) error {
	if r.state != nil && r.legacy == 0 && !r.state.Has(table, key) {
		r.report.Add(audit.Difference{Problem: audit.Inconsistent, Table: table, Row: key,
			Found: "a row, which it changed", Want: "no such row", Seq: seq})
	}
	return r.out.Update(seq, table, key, v)
}

// raised replays an alert a screening raised: open, version 1, with its
// records.
func (r *replayer) raised(seq int64, at, subjectID string, screeningID int64, subjectAttrs string, a alertBind) error {
	return r.raisedKind(seq, at, subjectID, screeningID, subjectAttrs, a, "name")
}

// raisedKind replays a raised alert of either kind.
func (r *replayer) raisedKind(seq int64, at, subjectID string, screeningID int64, subjectAttrs string, a alertBind, kind string) error {
	if len(a.Records) == 0 {
		return &badEntry{fmt.Errorf("screening %d: alert %d has no records", screeningID, a.ID)}
	}
	refs := make([]review.Ref, len(a.Records))
	for i, rec := range a.Records {
		refs[i] = review.Ref{List: rec.List, SourceID: rec.SourceID}
	}
	records, err := json.Marshal(refs) // as insertAlert writes alerts.records
	if err != nil {
		return err
	}
	id := itoa(a.ID)
	err = r.out.Write(seq, "alerts", id, audit.Values{"subject_id": subjectID, "list": a.List, "source_id": a.SourceID,
		"score": ftoa(a.Score), "hit": hashed(a.Hit), "record": hashed(a.Records[0].Record), "subject_attrs": hashed(subjectAttrs),
		"changes": hashed(a.Changes), "screening_id": itoa(screeningID), "created_at": at, "cause": hashed(a.Cause), "kind": kind,
		"version": "1", "status": string(review.StatusOpen), "assignee": "", "disposition": "", "reason": "", "closed_by": "",
		"approved_by": "", "proposal": "", "updated_at": at, "records": hashed(digest(string(records)))})
	if err != nil {
		return err
	}
	return r.records(seq, id, subjectID, a.Records)
}

func (r *replayer) records(seq int64, alertID, subjectID string, recs []recordBind) error {
	for _, rec := range recs {
		err := r.out.Write(seq, "alert_records", rowKey(alertID, rec.List, rec.SourceID),
			audit.Values{"subject_id": subjectID, "record": hashed(rec.Record)})
		if err != nil {
			return err
		}
	}
	return nil
}

func (r *replayer) merge(e *audit.Entry) error {
	var d struct {
		Added []review.Ref `json:"added"`
		Bind  *mergeBind   `json:"bind"`
	}
	id, err := decodeAt(e, "alert/", &d)
	if err != nil {
		return err
	}
	if d.Bind == nil {
		r.legacy++
		keys := make([]string, len(d.Added))
		for i, a := range d.Added {
			keys[i] = rowKey(id, a.List, a.SourceID)
		}
		return r.legacyRows(map[string][]string{"alerts": {id}, "alert_records": keys})
	}
	if err := r.alertImage(e, id, d.Bind.Before, d.Bind.After); err != nil {
		return err
	}
	return r.records(e.Seq, id, itoa(d.Bind.SubjectID), d.Bind.Records)
}

func (r *replayer) alertChange(e *audit.Entry) error {
	var d struct {
		Bind *alertChangeBind `json:"bind"`
	}
	id, err := decodeAt(e, "alert/", &d)
	if err != nil {
		return err
	}
	if d.Bind == nil {
		r.legacy++
		return r.out.Legacy("alerts", id)
	}
	b := d.Bind
	if err := r.alertImage(e, id, b.Before, b.After); err != nil {
		return err
	}
	subject := itoa(b.FPSubject)
	for _, f := range b.Remember {
		err := r.out.Write(e.Seq, "fp_memory", rowKey(subject, f.List, f.SourceID), audit.Values{
			"subject_attrs": hashed(f.SubjectAttrs), "record_attrs": hashed(f.RecordAttrs),
			"subject_fp": f.SubjectFP, "record_fp": f.RecordFP, "alert_id": id, "at": fmtTime(e.At)})
		if err != nil {
			return err
		}
	}
	for _, f := range b.Forget {
		key := rowKey(subject, f.List, f.SourceID)
		had, err := r.out.Delete("fp_memory", key)
		if err != nil {
			return err
		}
		if !had && r.state != nil && !r.state.IsLegacy("alerts", id) {
			r.report.Add(audit.Difference{Problem: audit.Inconsistent, Table: "fp_memory", Row: key,
				Found: "a row, which it deleted", Want: "no such row", Seq: e.Seq})
		}
	}
	return nil
}

// alertImage checks an alert as an entry read it against the trail, then
// sets it as the entry wrote it.
func (r *replayer) alertImage(e *audit.Entry, id string, before, after alertImage) error {
	if r.state != nil { // not when capturing
		diffs, known := r.state.CheckRead(e.Seq, "alerts", id, before.values())
		if !known {
			r.report.Add(audit.Difference{Problem: audit.Inconsistent, Table: "alerts", Row: id,
				Found: "an alert, which it changed", Want: "no such row", Seq: e.Seq})
		}
		for _, d := range diffs {
			r.report.Add(d)
		}
	}
	return r.out.Update(e.Seq, "alerts", id, after.values())
}

func (a alertImage) values() audit.Values {
	return audit.Values{"version": itoa(a.Version), "status": a.Status, "assignee": a.Assignee, "disposition": a.Disposition,
		"reason": hashed(a.Reason), "closed_by": a.ClosedBy, "approved_by": a.ApprovedBy, "proposal": hashed(a.Proposal),
		"updated_at": a.UpdatedAt, "records": hashed(a.Records)}
}

// note: a note's entry always said everything about it.
func (r *replayer) note(e *audit.Entry) error {
	var d struct {
		Note int64  `json:"note"`
		Text string `json:"text"`
	}
	alert, err := decodeAt(e, "alert/", &d)
	if err != nil {
		return err
	}
	return r.out.Write(e.Seq, "alert_notes", itoa(d.Note), audit.Values{"alert_id": alert, "author": e.Actor,
		"text": hashed(digest(d.Text)), "at": fmtTime(e.At)})
}
