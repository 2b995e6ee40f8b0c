// Package requestid carries the id of the request being served through
// its context: the HTTP adapter puts it there (accepted from the client's
// X-Request-Id or generated), a slog handler adds it to every log line
// written with that context, and the store writes it into the audit
// entries of that request.
package requestid

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
)

// Header is the HTTP header that carries a request id, both ways.
const Header = "X-Request-Id"

// MaxLen is the longest request id accepted from a client.
const MaxLen = 128

// Key is the attribute name of the request id in log lines and audit
// entry details.
const Key = "request_id"

type ctxKey struct{}

// With returns ctx carrying id.
func With(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, ctxKey{}, id)
}

// From returns the request id ctx carries, or "".
func From(ctx context.Context) string {
	id, _ := ctx.Value(ctxKey{}).(string)
	return id
}

// Valid reports whether a client's request id is sane enough to keep, log
// and record: 1 to MaxLen bytes of letters, digits and . _ ~ : + / = -
// (UUIDs, trace ids, base64). Anything else is replaced by a new id.
func Valid(id string) bool {
	if id == "" || len(id) > MaxLen {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case c == '.', c == '_', c == '~', c == ':', c == '+', c == '/', c == '=', c == '-':
		default:
			return false
		}
	}
	return true
}

// New returns a fresh random request id: 16 bytes in hex.
func New() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24+)
	return hex.EncodeToString(b[:])
}

// Handler wraps a slog.Handler, adding the request id of the context of
// each record (logged with InfoContext and the like) as request_id.
type Handler struct{ slog.Handler }

// NewHandler returns h adding request ids.
func NewHandler(h slog.Handler) *Handler { return &Handler{h} }

// Handle adds the request id, when the context carries one.
func (h *Handler) Handle(ctx context.Context, r slog.Record) error {
	if id := From(ctx); id != "" {
		r.AddAttrs(slog.String(Key, id))
	}
	return h.Handler.Handle(ctx, r)
}

// WithAttrs keeps the wrapping.
func (h *Handler) WithAttrs(as []slog.Attr) slog.Handler { return &Handler{h.Handler.WithAttrs(as)} }

// WithGroup keeps the wrapping.
func (h *Handler) WithGroup(name string) slog.Handler { return &Handler{h.Handler.WithGroup(name)} }
