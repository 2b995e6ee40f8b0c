package store

import (
	"testing"
	"time"

	"github.com/vigil-screening/vigil/audit"
)

// FuzzReplay feeds entries with hostile details to the replay: an altered
// entry must give a reported difference or an error, never a panic.
func FuzzReplay(f *testing.F) {
	seeds := []struct{ action, object, details string }{
		{"screening.recorded", "subject/C-1", `{"screening_id":1,"threshold":0.8,"bind":{"subject":{"id":1,"created":true,"version_id":1,"attrs_sha256":"aa","fingerprint":"ff"},` +
			`"editions_sha256":"ee","hits_sha256":"hh","alert_subject_attrs_sha256":"ss","raised":[{"id":1,"list":"un_sc","source_id":"Q.1","score":0.9,"hit_sha256":"h1",` +
			`"records":[{"list":"un_sc","source_id":"Q.1","record_sha256":"r1"}]}]}}`},
		{"screening.recorded", "subject/C-2", `{"screening_id":2,"alerts":[3,4]}`},
		{"screening.recorded", "subject/C-3", `{"bind":{"raised":[{"id":5,"records":[]}]}}`},
		{"alert.merge", "alert/1", `{"bind":{"before":{"version":1,"status":"open"},"after":{"version":2,"status":"open"},"subject_id":1,"records":[{"list":"x","source_id":"y"}]}}`},
		{"alert.close", "alert/1", `{"bind":{"before":{"version":2},"after":{"version":3,"status":"closed"},"fp_subject":1,"fp_remember":[{"list":"un_sc","source_id":"Q.1"}],"fp_forget":[{"list":"a","source_id":"b"}]}}`},
		{"alert.move", "alert/", `{}`},
		{"alert.note", "alert/1", `{"note":3,"text":"called"}`},
		{"user.create", "user/ana", `{"roles":["analyst"],"bind":{"id":2}}`},
		{"user.password", "user/ana", `{"bind":"x"}`},
		{"user.disable", "user/nobody", `{}`},
		{"key.create", "key/abc", `{"user":"ana","bind":{"user_id":2,"secret_hash_sha256":"s"}}`},
		{"key.revoke", "key/abc", `{}`},
		{"list.import", "snapshot/un_sc/abc", `{"edition":"e","format":"f","records":3,"bind":{"id":1}}`},
		{"list.import", "snapshot/nohash", `{"bind":{"id":1}}`},
		{"alert.frobnicate", "alert/1", `{}`},
		{"network.edge", "edge/1", `{"edge":{"from":"subject:C-1","to":"un_sc/Q.1","relation":"paid","confidence":"1","source":"s"},"bind":{"id":1}}`},
		{"network.edge", "edge/2", `{"edge":{"from":"subject:C-1"},"bind":{"id":3}}`},
		{"network.retract", "edge/1", `{"reason":"wrong"}`},
		{"network.value", "value/1", `{"value":{"subject":"C-1","kind":"phone","value":"1","normalized":"1","source":"s"},"bind":{"id":1}}`},
		{"network.alert", "alert/9", `{"bind":{"subject_id":1,"alert_subject_attrs_sha256":"a","alert":{"id":9,"list":"un_sc","source_id":"Q.1","score":0.5,"hit_sha256":"h","records":[{"list":"un_sc","source_id":"Q.1"}]}}}`},
		{"network.alert", "alert/9", `{"bind":{"alert":{"records":[]}}}`},
	}
	for _, s := range seeds {
		f.Add(s.action, s.object, s.details)
	}
	f.Fuzz(func(t *testing.T, action, object, details string) {
		r := newReplayer(audit.NewStateReport(10))
		for seq, e := range []*audit.Entry{
			{Seq: 1, At: time.Unix(0, 0), Actor: "sam", Action: "screening.recorded", Object: "subject/C-1",
				Details: []byte(`{"screening_id":1,"bind":{"subject":{"id":1,"created":true},"raised":[{"id":1,"records":[{"list":"un_sc","source_id":"Q.1"}]}]}}`)},
			{Seq: 2, At: time.Unix(1, 0), Actor: "ana", Action: audit.Action(action), Object: object, Details: []byte(details)},
		} {
			if err := r.apply(e); err != nil {
				t.Fatalf("entry %d: %v", seq+1, err)
			}
		}
	})
}
