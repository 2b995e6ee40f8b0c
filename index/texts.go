package index

import "strings"

// The texts of the listed names lie in a few large strings: a name
// keeps where its text lies (8 bytes, where a string header is 16 and
// the text an allocation of its own), and the index holds no pointer
// into the caller's records, which may be decoded copies that would
// otherwise stay alive whole for the sake of one name.

// textRef is where a text lies: the chunk, the offset in it, the
// length. Texts too long for a chunk or a length (none in real lists)
// are kept whole, by number (see texts.long).
type textRef struct {
	at  uint32 // chunk<<chunkBits | offset
	len uint16
}

const (
	chunkBits    = 20
	maxTextChunk = 1 << chunkBits
	longText     = 1<<16 - 1 // the length that marks a text kept whole
)

// textArena collects texts; done returns them for reading.
type textArena struct {
	full []string
	cur  strings.Builder
	long []string
}

// add keeps a copy of s and returns where it lies.
func (a *textArena) add(s string) textRef {
	if len(s) >= longText {
		a.long = append(a.long, s)
		return textRef{at: uint32(len(a.long) - 1), len: longText}
	}
	if a.cur.Len()+len(s) > maxTextChunk {
		a.full = append(a.full, a.cur.String())
		a.cur = strings.Builder{}
		a.cur.Grow(maxTextChunk)
	}
	// The first chunk grows by doubling, so that a small index stays
	// small; nothing reads it before done.
	r := textRef{at: uint32(len(a.full))<<chunkBits | uint32(a.cur.Len()), len: uint16(len(s))}
	a.cur.WriteString(s)
	return r
}

// done returns the texts collected.
func (a *textArena) done() texts {
	return texts{chunks: append(a.full, a.cur.String()), long: a.long}
}

// texts are the texts of an index's names.
type texts struct {
	chunks []string
	long   []string
}

// text returns the text at r, without allocating.
func (t *texts) text(r textRef) string {
	if r.len == longText {
		return t.long[r.at]
	}
	off := int(r.at & (maxTextChunk - 1))
	return t.chunks[r.at>>chunkBits][off : off+int(r.len)]
}
