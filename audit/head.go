package audit

import (
	"fmt"
	"strconv"
	"strings"
)

// Head names an entry of the chain by its sequence number and hash. The
// current head (the last entry written) is what an operator copies out of
// the database now and then: the chain's hashes prove that nothing up to
// an entry changed, but only a copy kept elsewhere proves that the entry
// itself, and the chain's end, were not removed and rewritten.
type Head struct {
	Seq  int64
	Hash string
}

// String returns the head as SEQ:HASH.
func (h Head) String() string { return fmt.Sprintf("%d:%s", h.Seq, h.Hash) }

// ParseHead reads a head written as SEQ:HASH, where HASH is 64 lower-case
// hex digits.
func ParseHead(s string) (Head, error) {
	seqText, hash, ok := strings.Cut(strings.TrimSpace(s), ":")
	if !ok {
		return Head{}, fmt.Errorf("head %q: want SEQ:HASH", s)
	}
	seq, err := strconv.ParseInt(seqText, 10, 64)
	if err != nil || seq < 0 {
		return Head{}, fmt.Errorf("head %q: sequence number is not a whole number of at least 0", s)
	}
	if len(hash) != 64 || strings.Trim(hash, "0123456789abcdef") != "" {
		return Head{}, fmt.Errorf("head %q: hash is not 64 lower-case hex digits", s)
	}
	return Head{Seq: seq, Hash: hash}, nil
}

// CheckAnchor compares an expected head with what the chain holds at its
// sequence number: found says whether an entry with that number exists,
// and hash is its stored hash. It is meant to run after the chain itself
// verified: then an anchor that matches proves the entry and everything
// before it unchanged.
func CheckAnchor(want Head, found bool, hash string) *Finding {
	switch {
	case want.Seq == 0:
		if want.Hash != GenesisHash {
			return &Finding{Problem: Altered, Seq: 0, Detail: "an empty chain's head is the genesis hash"}
		}
		return nil
	case !found:
		return &Finding{Problem: Missing, Seq: want.Seq,
			Detail: fmt.Sprintf("the expected head %d is no longer in the chain: entries were removed", want.Seq)}
	case hash != want.Hash:
		return &Finding{Problem: Altered, Seq: want.Seq,
			Detail: fmt.Sprintf("entry %d does not have the expected head's hash %s: the chain was rewritten", want.Seq, want.Hash)}
	}
	return nil
}
