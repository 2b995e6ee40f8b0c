package store

import (
	"crypto/sha256"
	"encoding/hex"

	"github.com/vigil-screening/vigil/review"
)

// What the audit trail binds. Every entry that changes rows carries, in
// its details under "bind", what those rows hold afterwards, so that
// Verify can replay the trail and compare the tables with it (replay.go,
// reconcile.go, docs/storage.md). Large values (JSON documents, reasons,
// hashes of secrets) are bound by the SHA-256 of their text as stored, in
// hex; empty text stays empty. The types here are written by the store
// and read back by the replay: one definition for both.

// digest is the hex SHA-256 of a stored text, or "" for empty text.
func digest(s string) string {
	if s == "" {
		return ""
	}
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// screeningBind is what a recorded screening wrote: the subject, its new
// version, the screening and the alerts it raised. The entry's own
// screening_id, threshold and time, and its actor, give the rest.
type screeningBind struct {
	Subject  subjectBind `json:"subject"`
	Editions string      `json:"editions_sha256"`
	Hits     string      `json:"hits_sha256"`
	Engine   string      `json:"engine,omitempty"`
	// AlertAttrs is alerts.subject_attrs of the alerts raised.
	AlertAttrs string      `json:"alert_subject_attrs_sha256,omitempty"`
	Raised     []alertBind `json:"raised,omitempty"`
}

// subjectBind: the subject's row id, whether the screening created it,
// and when its attributes changed (or it is new), the version written
// with the attributes' digest and fingerprint.
type subjectBind struct {
	ID          int64  `json:"id"`
	Created     bool   `json:"created,omitempty"`
	VersionID   int64  `json:"version_id,omitempty"`
	Attrs       string `json:"attrs_sha256,omitempty"`
	Fingerprint string `json:"fingerprint,omitempty"`
}

// alertBind is a raised alert as inserted. Its records (alert_records
// rows) come in the order of alerts.records, the hit's own first, whose
// record is also alerts.record.
type alertBind struct {
	ID       int64        `json:"id"`
	List     string       `json:"list"`
	SourceID string       `json:"source_id"`
	Score    float64      `json:"score"`
	Hit      string       `json:"hit_sha256"`
	Changes  string       `json:"changes_sha256,omitempty"`
	Cause    string       `json:"cause_sha256,omitempty"`
	Records  []recordBind `json:"records"`
}

// recordBind is one alert_records row: Record is empty when the
// screening did not carry the record.
type recordBind struct {
	List     string `json:"list"`
	SourceID string `json:"source_id"`
	Record   string `json:"record_sha256,omitempty"`
}

// alertImage is every column of an alert that changes after it is
// raised.
type alertImage struct {
	Version     int64  `json:"version"`
	Status      string `json:"status"`
	Assignee    string `json:"assignee,omitempty"`
	Disposition string `json:"disposition,omitempty"`
	Reason      string `json:"reason_sha256,omitempty"`
	ClosedBy    string `json:"closed_by,omitempty"`
	ApprovedBy  string `json:"approved_by,omitempty"`
	Proposal    string `json:"proposal_sha256,omitempty"`
	UpdatedAt   string `json:"updated_at"`
	Records     string `json:"records_sha256"`
}

func (a *alertRow) image() alertImage {
	return alertImage{Version: a.Version, Status: string(a.Status), Assignee: a.Assignee, Disposition: string(a.Disposition),
		Reason: digest(a.Reason), ClosedBy: a.ClosedBy, ApprovedBy: a.ApprovedBy, Proposal: digest(a.proposalRaw),
		UpdatedAt: fmtTime(a.UpdatedAt), Records: digest(a.recordsRaw)}
}

// alertChangeBind is a review change: the alert as read (Before, which
// the replay checks against the trail, so that a change made outside the
// trail and then overwritten still shows) and as written (After), and
// the false-positive memory it wrote or forgot.
type alertChangeBind struct {
	Before    alertImage   `json:"before"`
	After     alertImage   `json:"after"`
	FPSubject int64        `json:"fp_subject,omitempty"`
	Remember  []fpBind     `json:"fp_remember,omitempty"`
	Forget    []review.Ref `json:"fp_forget,omitempty"`
}

// changeBind is the binding of a change of a, read as before.
func (a *alertRow) changeBind(before alertImage) alertChangeBind {
	b := alertChangeBind{Before: before, After: a.image()}
	if a.fp != nil {
		b.FPSubject, b.Remember, b.Forget = a.fp.subject, a.fp.remember, a.fp.forget
	}
	return b
}

// fpBind is one fp_memory row written.
type fpBind struct {
	List         string `json:"list"`
	SourceID     string `json:"source_id"`
	SubjectAttrs string `json:"subject_attrs_sha256"`
	RecordAttrs  string `json:"record_attrs_sha256"`
	SubjectFP    string `json:"subject_fp"`
	RecordFP     string `json:"record_fp"`
}

// fpChange is what a review change did to false-positive memory.
type fpChange struct {
	subject  int64
	remember []fpBind
	forget   []review.Ref
}

// mergeBind is a screening's records joining an open alert.
type mergeBind struct {
	Before    alertImage   `json:"before"`
	After     alertImage   `json:"after"`
	SubjectID int64        `json:"subject_id"`
	Records   []recordBind `json:"records"`
}

// userBind, passwordBind, keyBind and snapshotBind complete the entries
// of user.create, user.password, key.create and list.import. The other
// user and key entries (user.disable, key.revoke) and notes need nothing
// more than they always said.
type userBind struct {
	ID int64 `json:"id"`
}

type passwordBind struct {
	PasswordHash string `json:"password_hash_sha256"`
}

type keyBind struct {
	UserID     int64  `json:"user_id"`
	SecretHash string `json:"secret_hash_sha256"`
	// Kind and ExpiresAt are set for an activation (kind "activation");
	// a key's are "key" and "".
	Kind      string `json:"kind,omitempty"`
	ExpiresAt string `json:"expires_at,omitempty"`
}

type snapshotBind struct {
	ID       int64  `json:"id"`
	Files    string `json:"files_sha256"`
	Entities string `json:"entities_sha256"`
	LoadedAt string `json:"loaded_at"`
}

// webhookBind is what creating a webhook wrote beyond the entry's url and
// events: its id and the digest of its secret.
type webhookBind struct {
	ID     int64  `json:"id"`
	Secret string `json:"secret_sha256"`
}
