package webhook

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestSignVerify(t *testing.T) {
	body := []byte(`{"id":"evt_1","type":"alert.created"}`)
	at := time.Unix(1767312000, 0)
	h := Sign("whsec_a", at, body)
	if !strings.HasPrefix(h, "t=1767312000,v1=") || len(h) != len("t=1767312000,v1=")+64 {
		t.Fatalf("header %q", h)
	}
	if err := Verify(h, "whsec_a", body, at.Add(time.Minute), DefaultTolerance); err != nil {
		t.Errorf("valid signature: %v", err)
	}
	bad := []struct {
		name, header, secret string
		body                 []byte
		now                  time.Time
		want                 error
	}{
		{"other secret", h, "whsec_b", body, at, ErrNoSignature},
		{"body changed", h, "whsec_a", append(body, ' '), at, ErrNoSignature},
		{"too old", h, "whsec_a", body, at.Add(6 * time.Minute), ErrTooOld},
		{"from the future", h, "whsec_a", body, at.Add(-6 * time.Minute), ErrTooOld},
		{"empty", "", "whsec_a", body, at, ErrNoSignature},
		{"no v1", "t=1767312000", "whsec_a", body, at, ErrNoSignature},
		{"bad t", "t=x," + h[strings.Index(h, "v1="):], "whsec_a", body, at, ErrNoSignature},
		{"time changed", strings.Replace(h, "t=1767312000", "t=1767312001", 1), "whsec_a", body, at, ErrNoSignature},
	}
	for _, tc := range bad {
		if err := Verify(tc.header, tc.secret, tc.body, tc.now, DefaultTolerance); !errors.Is(err, tc.want) {
			t.Errorf("%s: Verify = %v, want %v", tc.name, err, tc.want)
		}
	}
	// A second v1 (a secret being replaced) is accepted when one matches.
	if err := Verify(h+",v1="+strings.Repeat("0", 64), "whsec_a", body, at, DefaultTolerance); err != nil {
		t.Errorf("two signatures, one valid: %v", err)
	}
}

func FuzzVerify(f *testing.F) {
	body := []byte(`{"a":1}`)
	f.Add(Sign("s", time.Unix(100, 0), body), body)
	f.Add("t=,v1=", []byte{})
	f.Add("v1=abc,t=100,,=,t", []byte("x"))
	f.Fuzz(func(t *testing.T, header string, body []byte) {
		err := Verify(header, "s", body, time.Unix(100, 0), DefaultTolerance)
		if err == nil && Sign("s", time.Unix(100, 0), body) != header && !strings.Contains(header, Sign("s", time.Unix(100, 0), body)[len("t=100,"):]) {
			// Accepting needs a matching v1 of this body.
			t.Errorf("accepted %q for %q", header, body)
		}
	})
}
