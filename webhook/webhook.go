// Package webhook is the signature scheme of Vigil's webhooks: how a
// delivery is signed, and how a receiver checks it.
//
// Every delivery is a POST of a JSON event with these headers:
//
//	Content-Type: application/json
//	Vigil-Event: alert.created
//	Vigil-Delivery: dlv_5f0c...   the delivery's id: the same on every retry, so a receiver can de-duplicate
//	Vigil-Signature: t=1767312000,v1=9b2e...
//
// where t is the Unix time of the attempt and v1 the hex HMAC-SHA256, keyed
// with the webhook's secret, of the bytes t + "." + body. A receiver
// recomputes v1 over the raw body and compares in constant time, and
// refuses a t too far from its own clock (Verify does both), so that a
// delivery captured on the way cannot be replayed later.
package webhook

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Header names.
const (
	HeaderSignature = "Vigil-Signature"
	HeaderDelivery  = "Vigil-Delivery"
	HeaderEvent     = "Vigil-Event"
)

// DefaultTolerance is how far the signature's time may be from the
// receiver's clock.
const DefaultTolerance = 5 * time.Minute

// Sign returns the Vigil-Signature header value of body sent at t.
func Sign(secret string, t time.Time, body []byte) string {
	ts := strconv.FormatInt(t.Unix(), 10)
	return "t=" + ts + ",v1=" + mac(secret, ts, body)
}

func mac(secret, ts string, body []byte) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(ts))
	m.Write([]byte{'.'})
	m.Write(body)
	return hex.EncodeToString(m.Sum(nil))
}

// Errors of Verify.
var (
	ErrNoSignature = errors.New("no valid signature")
	ErrTooOld      = errors.New("signature timestamp outside the tolerance")
)

// Verify checks a Vigil-Signature header against body, with the
// webhook's secret, at now: the header must hold a t within tolerance of
// now and a v1 that matches. Several v1 values may be given (while a
// secret is being replaced); one match is enough.
func Verify(header, secret string, body []byte, now time.Time, tolerance time.Duration) error {
	var ts string
	var sigs []string
	for part := range strings.SplitSeq(header, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			continue
		}
		switch k {
		case "t":
			ts = v
		case "v1":
			sigs = append(sigs, v)
		}
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil || len(sigs) == 0 {
		return fmt.Errorf("%w: want t=<unix time>,v1=<hex>", ErrNoSignature)
	}
	if d := now.Sub(time.Unix(sec, 0)); d > tolerance || d < -tolerance {
		return fmt.Errorf("%w: signed at %s, now %s", ErrTooOld, time.Unix(sec, 0).UTC().Format(time.RFC3339), now.UTC().Format(time.RFC3339))
	}
	want := []byte(mac(secret, ts, body))
	for _, s := range sigs {
		if hmac.Equal([]byte(s), want) {
			return nil
		}
	}
	return fmt.Errorf("%w: no v1 matches the body", ErrNoSignature)
}
