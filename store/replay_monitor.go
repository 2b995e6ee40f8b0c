package store

import (
	"fmt"

	"github.com/vigil-screening/vigil/audit"
)

// The replay of continuous vetting's own actions (monitor.go, revet.go):
// a subject's monitoring set or ended, an alert annotated with a change
// of its listed record (the alert's change and the note, together), and
// the start of a full re-screen, which changes no bound row (the
// screenings it makes are audited one by one).
func (r *replayer) monitor(e *audit.Entry) error {
	switch e.Action {
	case audit.ActionRescreen:
		return nil
	case audit.ActionAlertListing:
		if err := r.alertChange(e); err != nil {
			return err
		}
		return r.note(e)
	}
	var d struct {
		Bind *monitorBind `json:"bind"`
	}
	if _, err := decodeAt(e, "subject/", &d); err != nil {
		return err
	}
	if d.Bind == nil {
		return &badEntry{fmt.Errorf("%s entry without its bind", e.Action)}
	}
	b := d.Bind
	return r.out.Write(e.Seq, "monitoring", rowKey(itoa(b.SubjectID)), audit.Values{"until": b.Until, "ended_at": b.EndedAt,
		"ended_by": b.EndedBy, "reason": b.Reason, "updated_at": b.UpdatedAt})
}
