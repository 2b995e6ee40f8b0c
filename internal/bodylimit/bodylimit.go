// Package bodylimit lets a server refuse a request body over its limit
// with an answer the client can read.
//
// Refusing a body means answering before it is all read. When the
// server then closes the connection while the client is still sending
// (a chunked body, or a Content-Length sent without waiting for "100
// Continue"), the client's writes fail with a reset, and most clients
// report that reset instead of the answer; the reset can even destroy
// the answer in the client's buffer. So the rest of the refused body is
// read and thrown away first, within bounds (MaxDrain bytes, DrainTime),
// and only then is the answer written: the client finishes sending,
// reads the 413, and the connection closes cleanly.
package bodylimit

import (
	"errors"
	"io"
	"net/http"
	"time"
)

// MaxDrain is the most of a refused body read and thrown away, beyond
// what was read before it was refused; DrainTime the longest the server
// spends on it. A client sending more, or more slowly, is cut off as
// before (the connection closed after the answer).
const (
	MaxDrain  = 64 << 20
	DrainTime = 10 * time.Second
)

// Drain reads what is left of the request body body (the body as the
// server gave it, not a limiting wrapper of it) and throws it away, at
// most MaxDrain bytes and for at most DrainTime. When it was not read to
// its end, the answer written next closes the connection ("Connection:
// close").
//
// A body not read at all yet is left unread when the client waits for
// "100 Continue" (Expect): reading it would tell the client to send it,
// and the client that is refused at once never sends it.
func Drain(w http.ResponseWriter, r *http.Request, body io.Reader, unread bool) {
	if body == nil || body == http.NoBody {
		return
	}
	if (unread && r.Header.Get("Expect") != "") || r.ContentLength > MaxDrain {
		w.Header().Set("Connection", "close")
		return
	}
	rc := http.NewResponseController(w)
	_ = rc.SetReadDeadline(time.Now().Add(DrainTime)) // not every writer has one; the server's own timeout then holds
	_, err := io.CopyN(io.Discard, body, MaxDrain)
	_ = rc.SetReadDeadline(time.Time{})
	if !errors.Is(err, io.EOF) {
		w.Header().Set("Connection", "close")
	}
}
