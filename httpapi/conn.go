package httpapi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"net"
	"strconv"

	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/internal/ratelog"
)

// net/http answers a request it cannot parse (a control character in a
// header, a malformed request line, headers too large) itself, before
// any handler runs, with a plain-text body. jsonListener wraps the
// server's connections so that those answers are JSON like every other
// error: such a reply is written in one piece, with these headers, and
// nothing of Vigil's own is (its answers are application/json).
const plainErrorHeaders = "\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n"

type jsonListener struct {
	net.Listener
	log   *slog.Logger
	limit *ratelog.Limiter
}

func (l *jsonListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return &jsonConn{Conn: c, l: l}, nil
}

type jsonConn struct {
	net.Conn
	l *jsonListener
}

func (c *jsonConn) Write(p []byte) (int, error) {
	if out, ok := jsonParseError(p); ok {
		if ok, held := c.l.limit.Allow("malformed"); ok {
			c.l.log.Info("malformed request refused", "client", c.RemoteAddr().String(), "reply", string(p[:bytes.IndexByte(p, '\r')]),
				"refused_since_last_line", held)
		}
		if _, err := c.Conn.Write(out); err != nil {
			return 0, err
		}
		return len(p), nil
	}
	return c.Conn.Write(p)
}

// jsonParseError rewrites net/http's plain-text answer to a request it
// could not parse as a JSON error; ok is false for any other write.
func jsonParseError(p []byte) (out []byte, ok bool) {
	if !bytes.HasPrefix(p, []byte("HTTP/1.1 4")) {
		return nil, false
	}
	i := bytes.Index(p, []byte(plainErrorHeaders))
	if i < 0 || len(p) < len("HTTP/1.1 400") {
		return nil, false
	}
	status, err := strconv.Atoi(string(p[9:12]))
	if err != nil {
		return nil, false
	}
	msg := string(p[i+len(plainErrorHeaders):])
	code, field := apperr.Invalid, "request"
	text := "malformed request: its request line or a header could not be read (a control character in a header, a bad header name, a bad method or path): " + msg
	if status == 431 {
		code, field, text = apperr.TooLarge, "headers", "the request's headers are too large: "+msg
	}
	body, _ := json.Marshal(errorBody{Error: errorDetail{Code: code, Field: field, Message: text}})
	body = append(body, '\n')
	line := p[:bytes.IndexByte(p, '\r')]
	if j := bytes.IndexByte(line[9:], ':'); j >= 0 { // "HTTP/1.1 400 Bad Request: invalid header name"
		line = line[:9+j]
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s\r\nContent-Type: application/json\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nContent-Length: %d\r\nConnection: close\r\n\r\n", line, len(body))
	b.Write(body)
	return b.Bytes(), true
}
