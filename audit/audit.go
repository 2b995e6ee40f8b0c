// Package audit defines Vigil's append-only audit trail: its entries, their
// canonical encoding and the hash chain that links them, and the check
// that finds the first altered, missing or reordered entry. Package store
// keeps the entries in a table and serialises appends.
package audit

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"
)

// TimeFormat is the fixed-width UTC form of entry times, used in the
// canonical encoding and in storage (so text order is time order).
const TimeFormat = "2006-01-02T15:04:05.000000Z"

// Action names what an entry records.
type Action string

// Audited actions.
const (
	ActionScreenAdHoc  Action = "screening.ad_hoc"
	ActionScreenRecord Action = "screening.recorded"
	ActionSubjectView  Action = "subject.view"
	ActionAlertMove    Action = "alert.move"
	ActionAlertAssign  Action = "alert.assign"
	ActionAlertPropose Action = "alert.propose"
	ActionAlertApprove Action = "alert.approve"
	ActionAlertReject  Action = "alert.reject"
	ActionAlertClose   Action = "alert.close"
	ActionAlertNote    Action = "alert.note"
	ActionAlertMerge   Action = "alert.merge" // a screening added records of the identity to an open alert
	ActionListImport   Action = "list.import"
	ActionUserCreate   Action = "user.create"
	ActionUserDisable  Action = "user.disable"
	ActionUserPassword Action = "user.password"
	ActionKeyCreate    Action = "key.create"
	ActionKeyRevoke    Action = "key.revoke"
	ActionKeyActivate  Action = "key.activate" // a user exchanged an activation for a key
	ActionHookCreate   Action = "webhook.create"
	ActionHookDisable  Action = "webhook.disable"
	ActionHookEnable   Action = "webhook.enable"
	ActionHookTest     Action = "webhook.test"
	// Continuous vetting (docs/monitoring.md).
	ActionMonitorSet   Action = "subject.monitor"      // a subject's end of monitoring set (override of the retention)
	ActionMonitorEnd   Action = "subject.monitor_end"  // a subject's monitoring ended
	ActionAlertListing Action = "alert.listing_change" // a listed record behind an alert removed or changed: annotated, back in review
	ActionRescreen     Action = "monitor.rescreen"     // a full re-screen started
	ActionEdgeAssert   Action = "network.edge"         // the organisation asserted a relationship
	ActionEdgeRetract  Action = "network.retract"      // and retracted it
	ActionValueAssert  Action = "network.value"        // a subject's phone, e-mail, address or identifier
	ActionNetworkAlert Action = "network.alert"        // a subject linked to a listed record raised an alert
	// Sign-ins to the web application (package web): a sign-in binds the
	// session it starts (store/websession.go); sessions end without one.
	ActionSignIn     Action = "web.sign_in"
	ActionSignOut    Action = "web.sign_out"
	ActionSignInLock Action = "web.sign_in_locked" // a name locked out after failed sign-ins
	ActionExport     Action = "data.export"        // a table exported (alerts, screenings, subjects, audit)
)

// Entry is one audited event.
type Entry struct {
	Seq    int64     `json:"seq"`
	At     time.Time `json:"at"`
	Actor  string    `json:"actor"`
	Action Action    `json:"action"`
	// Object names what was acted on: "alert/12", "subject/C-1001", ...
	Object string `json:"object"`
	// Details is a JSON object, stored in canonical form.
	Details  json.RawMessage `json:"details"`
	PrevHash string          `json:"prev_hash"`
	Hash     string          `json:"hash"`
}

// GenesisHash is the PrevHash of the first entry: 32 zero bytes in hex.
var GenesisHash = hex.EncodeToString(make([]byte, sha256.Size))

// CanonicalDetails re-encodes a JSON value in canonical form: compact,
// object keys sorted, numbers as written. An empty input becomes {}.
func CanonicalDetails(raw []byte) (json.RawMessage, error) {
	if len(bytes.TrimSpace(raw)) == 0 {
		return json.RawMessage("{}"), nil
	}
	if out, ok := canonicalFast(raw); ok {
		return out, nil
	}
	return canonicalDecode(raw)
}

// canonicalDecode is CanonicalDetails by decoding into Go values and
// encoding them again: for input canonicalFast does not handle.
func canonicalDecode(raw []byte) (json.RawMessage, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("audit details: %w", err)
	}
	if dec.More() {
		return nil, fmt.Errorf("audit details: more than one JSON value")
	}
	b, err := json.Marshal(v) // maps are encoded with sorted keys
	if err != nil {
		return nil, fmt.Errorf("audit details: %w", err)
	}
	return b, nil
}

// Canonical is the byte encoding of an entry that its hash covers: a JSON
// array [seq, at, actor, action, object, details] with the time in
// TimeFormat and the details already canonical.
func (e *Entry) Canonical() []byte {
	head, _ := json.Marshal([]any{e.Seq, e.At.UTC().Format(TimeFormat), e.Actor, string(e.Action), e.Object})
	// head is "[...]": splice the raw details in as the last element.
	var b bytes.Buffer
	b.Write(head[:len(head)-1])
	b.WriteByte(',')
	if len(e.Details) == 0 {
		b.WriteString("{}")
	} else {
		b.Write(e.Details)
	}
	b.WriteByte(']')
	return b.Bytes()
}

// ComputeHash returns hex SHA-256(prev || canonical), where prev is the
// previous entry's hash as raw bytes (GenesisHash for the first entry).
// It reports an error when prevHash is not 64 hex digits.
func (e *Entry) ComputeHash() (string, error) {
	prev, err := hex.DecodeString(e.PrevHash)
	if err != nil || len(prev) != sha256.Size {
		return "", fmt.Errorf("audit entry %d: bad previous hash %q", e.Seq, e.PrevHash)
	}
	h := sha256.New()
	h.Write(prev)
	h.Write(e.Canonical())
	return hex.EncodeToString(h.Sum(nil)), nil
}

// Seal sets e's PrevHash to prev and fills in its Hash.
func (e *Entry) Seal(prev string) error {
	e.PrevHash = prev
	h, err := e.ComputeHash()
	if err != nil {
		return err
	}
	e.Hash = h
	return nil
}
