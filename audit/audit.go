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
	"strconv"
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
	return e.appendCanonical(make([]byte, 0, 128+len(e.Actor)+len(e.Object)+len(e.Details)))
}

// appendCanonical appends Canonical's bytes to b. The head's values are
// written as json.Marshal writes them (appendJSONString).
func (e *Entry) appendCanonical(b []byte) []byte {
	b = append(b, '[')
	b = strconv.AppendInt(b, e.Seq, 10)
	b = append(b, ',', '"')
	b = e.At.UTC().AppendFormat(b, TimeFormat) // digits and punctuation only
	b = append(b, '"', ',')
	b = appendJSONString(b, e.Actor)
	b = append(b, ',')
	b = appendJSONString(b, string(e.Action))
	b = append(b, ',')
	b = appendJSONString(b, e.Object)
	b = append(b, ',')
	// splice the raw details in as the last element.
	if len(e.Details) == 0 {
		b = append(b, "{}"...)
	} else {
		b = append(b, e.Details...)
	}
	return append(b, ']')
}

// appendJSONString appends s as json.Marshal writes it: quoted as it is
// when it is printable ASCII that needs no escape (json.Marshal escapes
// '"', '\\' and, for HTML, '<', '>' and '&'); otherwise by json.Marshal.
func appendJSONString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			q, _ := json.Marshal(s) // a string always encodes
			return append(b, q...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// ComputeHash returns hex SHA-256(prev || canonical), where prev is the
// previous entry's hash as raw bytes (GenesisHash for the first entry).
// It reports an error when prevHash is not 64 hex digits.
func (e *Entry) ComputeHash() (string, error) {
	var buf [256]byte
	b := buf[:sha256.Size]
	if len(e.PrevHash) != 2*sha256.Size {
		return "", fmt.Errorf("audit entry %d: bad previous hash %q", e.Seq, e.PrevHash)
	}
	if _, err := hex.Decode(b, []byte(e.PrevHash)); err != nil {
		return "", fmt.Errorf("audit entry %d: bad previous hash %q", e.Seq, e.PrevHash)
	}
	sum := sha256.Sum256(e.appendCanonical(b))
	return hex.EncodeToString(sum[:]), nil
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
