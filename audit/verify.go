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
// Locate, when set, returns the stored entry whose hash is the given one
// (nil when none); Verifier uses it to tell a reordered entry from an
// altered one.
type Verifier struct {
	Locate func(hash string) (*Entry, error)

	n        int64 // entries checked
	prevSeq  int64
	prevHash string
}

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
// hash verifies at the sequence number it was written at (found by
// following previous hashes back to an entry still in place, see
// writtenAt), it was moved; otherwise it was altered.
func (v *Verifier) misplaced(e *Entry) (*Finding, error) {
	if v.Locate != nil {
		at, err := v.writtenAt(e, maxHops)
		if err != nil {
			return nil, fmt.Errorf("audit verify: %w", err)
		}
		if at != 0 && at != e.Seq {
			return &Finding{Problem: Reordered, Seq: e.Seq, OriginalSeq: at,
				Detail: fmt.Sprintf("entry written as %d is stored as %d", at, e.Seq)}, nil
		}
	}
	return &Finding{Problem: Altered, Seq: e.Seq, Detail: "content and link do not match"}, nil
}

// maxHops bounds how far writtenAt follows previous hashes through entries
// that are themselves out of place.
const maxHops = 64

// writtenAt returns the sequence number e was written at, or 0 when that
// cannot be shown. An entry was written right after the entry its
// PrevHash names; that entry may itself be out of place (two adjacent
// entries swapped), so its own position is found the same way, up to
// hops steps back. The answer counts only when e's hash verifies there.
func (v *Verifier) writtenAt(e *Entry, hops int) (int64, error) {
	if sum, err := e.ComputeHash(); err == nil && sum == e.Hash {
		return e.Seq, nil // in place
	}
	var at int64 = 1
	if e.PrevHash != GenesisHash {
		if hops == 0 {
			return 0, nil
		}
		before, err := v.Locate(e.PrevHash)
		if err != nil || before == nil {
			return 0, err
		}
		b, err := v.writtenAt(before, hops-1)
		if err != nil || b == 0 {
			return 0, err
		}
		at = b + 1
	}
	moved := *e
	moved.Seq = at
	if sum, err := moved.ComputeHash(); err == nil && sum == e.Hash {
		return at, nil
	}
	return 0, nil
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
