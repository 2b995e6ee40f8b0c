package audit

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// canonicalByMarshal is Canonical as json.Marshal writes the head: the
// reference appendCanonical must match byte for byte.
func canonicalByMarshal(e *Entry) []byte {
	head, _ := json.Marshal([]any{e.Seq, e.At.UTC().Format(TimeFormat), e.Actor, string(e.Action), e.Object})
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

func TestCanonicalSameAsMarshal(t *testing.T) {
	texts := []string{"", "alice", "key:ops-1", "subject/ACME & <Sons>", "quote\" back\\slash", "tab\tnew\nline",
		"\u2028\u2029", "a&b", "a<b", "a>b", "é ü 日本", "bad \xff utf-8", "del \x7f", "\x00", "screening/ad_hoc"}
	at := time.Date(2026, 12, 7, 13, 45, 1, 123456789, time.FixedZone("x", 3600))
	for _, seq := range []int64{0, 1, -7, 1 << 62} {
		for _, s := range texts {
			for _, d := range []json.RawMessage{nil, json.RawMessage(`{"a":1}`)} {
				e := &Entry{Seq: seq, At: at, Actor: s, Action: Action(s), Object: s + "/x", Details: d}
				if got, want := e.Canonical(), canonicalByMarshal(e); !bytes.Equal(got, want) {
					t.Errorf("Canonical(%q):\n got %s\nwant %s", s, got, want)
				}
			}
		}
	}
}

func TestComputeHashBadPrev(t *testing.T) {
	for _, prev := range []string{"", "00", GenesisHash[:63], GenesisHash[:63] + "g", GenesisHash + "00"} {
		e := &Entry{Seq: 1, PrevHash: prev}
		if _, err := e.ComputeHash(); err == nil {
			t.Errorf("ComputeHash with previous hash %q: no error", prev)
		}
	}
	e := &Entry{Seq: 1, PrevHash: GenesisHash}
	if _, err := e.ComputeHash(); err != nil {
		t.Errorf("ComputeHash with the genesis hash: %v", err)
	}
}

// BenchmarkComputeHash: an ad hoc entry's hash, appended (ComputeHash)
// against the head encoded by json.Marshal and hashed by sha256.New.
func BenchmarkComputeHash(b *testing.B) {
	e := &Entry{Seq: 123456, At: time.Now(), Actor: "key:bench", Action: ActionScreenAdHoc, Object: "screening/ad_hoc",
		Details: json.RawMessage(`{"alerts":null,"editions":["` + strings.Repeat("a", 64) + `"],"subject":{"Name":"x"}}`), PrevHash: GenesisHash}
	b.Run("marshal", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			prev, _ := hex.DecodeString(e.PrevHash)
			h := sha256.New()
			h.Write(prev)
			h.Write(canonicalByMarshal(e))
			_ = hex.EncodeToString(h.Sum(nil))
		}
	})
	b.Run("append", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := e.ComputeHash(); err != nil {
				b.Fatal(err)
			}
		}
	})
}
