package audit

import "fmt"

// Problem is the kind of a break in the chain.
type Problem string

// Problems Verify reports.
const (
	Altered   Problem = "altered"   // an entry's content no longer matches its hash
	Missing   Problem = "missing"   // an entry is gone (a gap in the sequence, or the tail)
	Reordered Problem = "reordered" // an entry sits at another sequence number than it was written at
)

// Finding is the first break in the chain.
type Finding struct {
	Problem Problem `json:"problem"`
	// Seq is the sequence number where the break is: the altered entry,
	// the first missing one, or the position of the misplaced entry.
	Seq int64 `json:"seq"`
	// OriginalSeq is, for a reordered entry, where it was written.
	OriginalSeq int64  `json:"original_seq,omitempty"`
	Detail      string `json:"detail"`
}

func (f *Finding) Error() string {
	return fmt.Sprintf("audit chain broken: entry %d %s: %s", f.Seq, f.Problem, f.Detail)
}

// Verifier checks entries one at a time, in stored sequence order.
// Locate, when set, finds the sequence number of the entry whose hash is
// the given one (0 when none); Verifier uses it to tell a reordered entry
// from an altered one.
type Verifier struct {
	Locate func(hash string) (int64, error)

	n        int64 // entries checked
	prevSeq  int64
	prevHash string
}

// Checked returns the number of entries checked so far.
func (v *Verifier) Checked() int64 { return v.n }

// Next checks the next stored entry. It returns the first Finding, or an
// error when Locate fails.
func (v *Verifier) Next(e *Entry) (*Finding, error) {
	if v.n == 0 {
		v.prevHash = GenesisHash
	}
	v.n++
	want := v.prevSeq + 1
	if e.Seq != want {
		return &Finding{Problem: Missing, Seq: want, Detail: fmt.Sprintf("sequence jumps from %d to %d", v.prevSeq, e.Seq)}, nil
	}
	sum, err := e.ComputeHash()
	selfOK := err == nil && sum == e.Hash
	linkOK := e.PrevHash == v.prevHash
	switch {
	case selfOK && linkOK:
		v.prevSeq, v.prevHash = e.Seq, e.Hash
		return nil, nil
	case !selfOK && linkOK:
		return &Finding{Problem: Altered, Seq: e.Seq, Detail: "content does not match its hash"}, nil
	case selfOK && !linkOK:
		return &Finding{Problem: Altered, Seq: v.prevSeq, Detail: fmt.Sprintf("hash rewritten: entry %d does not link to it", e.Seq)}, nil
	}
	return v.misplaced(e)
}

// misplaced explains an entry whose content and link both fail: if its
// previous hash belongs to another entry and its content verifies at the
// position after that one, it was moved; otherwise it was altered.
func (v *Verifier) misplaced(e *Entry) (*Finding, error) {
	if v.Locate != nil {
		before, err := v.Locate(e.PrevHash)
		if err != nil {
			return nil, fmt.Errorf("audit verify: %w", err)
		}
		moved := *e
		moved.Seq = before + 1
		if e.PrevHash == GenesisHash {
			moved.Seq = 1
		}
		if sum, err := moved.ComputeHash(); err == nil && sum == e.Hash && moved.Seq != e.Seq {
			return &Finding{Problem: Reordered, Seq: e.Seq, OriginalSeq: moved.Seq,
				Detail: fmt.Sprintf("entry written as %d is stored as %d", moved.Seq, e.Seq)}, nil
		}
	}
	return &Finding{Problem: Altered, Seq: e.Seq, Detail: "content and link do not match"}, nil
}

// End checks the chain's end against the head the store keeps (the last
// sequence number and hash written). It reports missing tail entries.
func (v *Verifier) End(headSeq int64, headHash string) *Finding {
	switch {
	case headSeq > v.prevSeq:
		return &Finding{Problem: Missing, Seq: v.prevSeq + 1, Detail: fmt.Sprintf("chain ends at %d but %d entries were written", v.prevSeq, headSeq)}
	case headSeq < v.prevSeq:
		return &Finding{Problem: Altered, Seq: headSeq + 1, Detail: fmt.Sprintf("entries after %d were not written through the chain head", headSeq)}
	case headSeq > 0 && headHash != v.prevHash:
		return &Finding{Problem: Altered, Seq: headSeq, Detail: "last entry does not match the chain head"}
	}
	return nil
}
