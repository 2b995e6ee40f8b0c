package xlsxrows

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"
)

// The worksheets and shared strings of a workbook are most of its bytes
// (OFSI's list: 12.8 MB of sheet XML and 4.2 MB of shared strings), and
// encoding/xml decodes them at about 40 MB/s. scanner is a small
// tokenizer for these parts, about ten times faster: it reads a stream
// through a bounded buffer and yields start tags, end tags and text, with
// no allocation per token.
//
// It is not a general XML parser, but it refuses what the workbook parts
// never hold rather than guess: a DTD (and with it entity declarations,
// so no entity expansion and no external entities), entities other than
// the five predefined ones and character references, unbalanced tags,
// text outside the root element, characters XML does not allow, invalid
// UTF-8, nesting deeper than maxDepth, and a tag or text run longer than
// its limit. Comments and processing instructions are skipped; CDATA
// sections are text. Line ends are normalised to "\n" in text, as XML
// requires.

// maxDepth bounds element nesting; worksheets nest five deep.
const maxDepth = 64

// maxTag bounds one tag with its attributes; real ones are under 200 bytes.
const maxTag = 64 << 10

type tokKind int

const (
	tokStart tokKind = iota + 1
	tokEnd
	tokText
)

// token is one piece of XML. Its slices point into the scanner's buffers
// and are valid until the next call to next.
type token struct {
	kind  tokKind
	local []byte // local name of a start or end tag (prefix dropped)
	empty bool   // a start tag that closes itself: <c/>
	attrs []attr // attributes of a start tag, values still escaped
	text  []byte // decoded text
}

type attr struct {
	name  []byte // as written, with its prefix
	local []byte
	raw   []byte // the value as written, entities not yet decoded
}

// xmlError is malformed XML at a byte offset of a part.
type xmlError struct {
	off int64
	msg string
}

func (e *xmlError) Error() string { return fmt.Sprintf("malformed XML at byte %d: %s", e.off, e.msg) }

// scanner tokenizes one part read from r.
type scanner struct {
	r        io.Reader
	buf      []byte
	pos, end int
	off      int64 // offset of buf[0] in the part
	eof      bool
	readErr  error
	maxText  int // longest text run, in bytes
	names    []byte
	nameEnds []int // names[nameEnds[i-1]:nameEnds[i]] is the i-th open element
	rootDone bool
	started  bool
	tok      token
	attrBuf  []attr
	scratch  []byte
}

func newScanner(r io.Reader, maxText int) *scanner {
	return &scanner{r: r, buf: make([]byte, 64<<10), maxText: maxText}
}

func (s *scanner) errorf(format string, args ...any) error {
	return &xmlError{off: s.off + int64(s.pos), msg: fmt.Sprintf(format, args...)}
}

// depth is the number of open elements.
func (s *scanner) depth() int { return len(s.nameEnds) }

// fill reads more input into the buffer, keeping buf[pos:end]. It grows
// the buffer up to limit bytes of pending input; past that it fails with
// tooLong. It reports false at the end of input.
func (s *scanner) fill(limit int, tooLong func() error) (bool, error) {
	if tooLong == nil {
		tooLong = func() error { return s.errorf("token longer than %d bytes", limit) }
	}
	if s.eof {
		return false, s.readErr
	}
	if s.pos > 0 {
		n := copy(s.buf, s.buf[s.pos:s.end])
		s.off += int64(s.pos)
		s.pos, s.end = 0, n
	}
	if s.end == len(s.buf) {
		if len(s.buf) >= limit {
			return false, tooLong()
		}
		nb := make([]byte, min(2*len(s.buf), limit))
		copy(nb, s.buf[:s.end])
		s.buf = nb
	}
	n, err := s.r.Read(s.buf[s.end:])
	s.end += n
	if err != nil {
		s.eof = true
		if !errors.Is(err, io.EOF) {
			s.readErr = err
		}
		return n > 0, s.readErr
	}
	return true, nil
}

// next returns the next start tag, end tag or text, or io.EOF after the
// root element has ended and nothing but comments and white space followed.
func (s *scanner) next() (*token, error) {
	for {
		if s.pos == s.end {
			more, err := s.fill(s.maxText, nil)
			if err != nil {
				return nil, err
			}
			if !more {
				return nil, s.atEOF()
			}
		}
		if !s.started && s.off == 0 && s.pos == 0 && s.skipBOM() {
			continue
		}
		if s.buf[s.pos] != '<' {
			tok, err := s.textRun()
			if err != nil || tok != nil {
				return tok, err
			}
			continue
		}
		tok, err := s.markup()
		if err != nil || tok != nil {
			return tok, err
		}
	}
}

// skipBOM skips a UTF-8 byte order mark at the start of the part.
func (s *scanner) skipBOM() bool {
	if err := s.ensure(3); err != nil || !bytes.HasPrefix(s.buf[s.pos:s.end], []byte("\xef\xbb\xbf")) {
		return false
	}
	s.pos += 3
	return true
}

func (s *scanner) atEOF() error {
	switch {
	case s.depth() > 0:
		return s.errorf("the part ends inside <%s> (cut short?)", s.top())
	case !s.started:
		return s.errorf("no root element")
	}
	return io.EOF
}

// top returns the name of the innermost open element.
func (s *scanner) top() []byte {
	n := len(s.nameEnds)
	start := 0
	if n > 1 {
		start = s.nameEnds[n-2]
	}
	return s.names[start:s.nameEnds[n-1]]
}

// textRun reads text up to the next "<". Outside the root element only
// white space is allowed, and it is not returned.
func (s *scanner) textRun() (*token, error) {
	i, err := s.find('<', s.maxText+1, func() error {
		return &LimitError{What: "text run", Limit: int64(s.maxText)}
	})
	if err != nil {
		return nil, err
	}
	if i < 0 { // end of input: the text runs to the end
		i = s.end - s.pos
	}
	raw := s.buf[s.pos : s.pos+i]
	if s.depth() == 0 {
		if len(bytes.TrimSpace(raw)) > 0 {
			return nil, s.errorf("text outside the root element")
		}
		s.pos += i
		return nil, nil
	}
	text, err := s.decode(raw)
	if err != nil {
		return nil, err
	}
	s.pos += i
	s.tok = token{kind: tokText, text: text}
	return &s.tok, nil
}

// find returns the index of c in the pending input, reading more as
// needed, or -1 at the end of input.
func (s *scanner) find(c byte, limit int, tooLong func() error) (int, error) {
	from := 0
	for {
		if i := bytes.IndexByte(s.buf[s.pos+from:s.end], c); i >= 0 {
			return from + i, nil
		}
		from = s.end - s.pos
		more, err := s.fill(limit, tooLong)
		if err != nil {
			return 0, err
		}
		if !more {
			return -1, nil
		}
	}
}

// findSeq returns the index of seq in the pending input, reading more as
// needed; the end of input is an error naming what was not closed.
func (s *scanner) findSeq(seq []byte, limit int, what string) (int, error) {
	from := 0
	for {
		if i := bytes.Index(s.buf[s.pos+from:s.end], seq); i >= 0 {
			return from + i, nil
		}
		from = max(0, s.end-s.pos-len(seq)+1)
		more, err := s.fill(limit, func() error { return s.errorf("%s longer than %d bytes", what, limit) })
		if err != nil {
			return 0, err
		}
		if !more {
			return 0, s.errorf("%s not closed (cut short?)", what)
		}
	}
}

// markup reads what starts with "<": a tag, a comment, a CDATA section,
// a processing instruction, or a refused declaration.
func (s *scanner) markup() (*token, error) {
	if s.pos+1 < s.end {
		if c := s.buf[s.pos+1]; c != '!' && c != '?' {
			return s.tag() // the common case: a start or end tag
		}
	}
	if err := s.ensure(9); err != nil {
		return nil, err
	}
	rest := s.buf[s.pos:s.end]
	switch {
	case bytes.HasPrefix(rest, []byte("<!--")):
		i, err := s.findSeq([]byte("-->"), s.maxText, "comment")
		s.pos += i + 3
		return nil, err
	case bytes.HasPrefix(rest, []byte("<![CDATA[")):
		return s.cdata()
	case bytes.HasPrefix(rest, []byte("<?")):
		i, err := s.findSeq([]byte("?>"), maxTag, "processing instruction")
		if err != nil {
			return nil, err
		}
		if err := s.checkDecl(s.buf[s.pos : s.pos+i]); err != nil {
			return nil, err
		}
		s.pos += i + 2
		return nil, nil
	case bytes.HasPrefix(rest, []byte("<!DOCTYPE")):
		return nil, s.errorf("DOCTYPE refused: a workbook part has no DTD, and entity declarations would allow entity expansion (billion laughs) or external entities (XXE)")
	case bytes.HasPrefix(rest, []byte("<!")):
		return nil, s.errorf("declaration %q refused", clip(rest, 12))
	}
	return s.tag()
}

// ensure makes at least n bytes pending, when the input has them.
func (s *scanner) ensure(n int) error {
	for s.end-s.pos < n {
		more, err := s.fill(s.maxText, nil)
		if err != nil || !more {
			return err
		}
	}
	return nil
}

// checkDecl refuses an XML declaration naming an encoding other than UTF-8.
func (s *scanner) checkDecl(pi []byte) error {
	if !bytes.HasPrefix(pi, []byte("<?xml")) || len(pi) > 5 && !isSpace(pi[5]) {
		return nil
	}
	_, enc, ok := bytes.Cut(pi, []byte("encoding="))
	if !ok || len(enc) < 2 {
		return nil
	}
	q := enc[0]
	val, _, _ := bytes.Cut(enc[1:], []byte{q})
	if !bytes.EqualFold(val, []byte("UTF-8")) && !bytes.EqualFold(val, []byte("UTF8")) {
		return s.errorf("encoding %q: only UTF-8 is read", clip(val, 20))
	}
	return nil
}

func (s *scanner) cdata() (*token, error) {
	if s.depth() == 0 {
		return nil, s.errorf("CDATA outside the root element")
	}
	s.pos += len("<![CDATA[")
	i, err := s.findSeq([]byte("]]>"), s.maxText, "CDATA section")
	if err != nil {
		return nil, err
	}
	raw := s.buf[s.pos : s.pos+i]
	if err := s.checkChars(raw); err != nil {
		return nil, err
	}
	s.pos += i + 3
	s.tok = token{kind: tokText, text: normaliseCR(raw, &s.scratch)}
	return &s.tok, nil
}

// tag reads a start or end tag.
func (s *scanner) tag() (*token, error) {
	i, err := s.find('>', maxTag, func() error {
		return &LimitError{What: "tag with its attributes", Limit: maxTag}
	})
	if err != nil {
		return nil, err
	}
	if i < 0 {
		return nil, s.errorf("the part ends inside a tag (cut short?)")
	}
	raw := s.buf[s.pos+1 : s.pos+i] // without < and >
	if !utf8.Valid(raw) {
		return nil, s.errorf("invalid UTF-8 in a tag")
	}
	var tok *token
	if len(raw) > 0 && raw[0] == '/' {
		tok, err = s.endTag(raw[1:])
	} else {
		tok, err = s.startTag(raw)
	}
	if err != nil {
		return nil, err
	}
	s.pos += i + 1
	return tok, nil
}

func (s *scanner) endTag(raw []byte) (*token, error) {
	name := trimSpaceRight(raw)
	if s.depth() == 0 {
		return nil, s.errorf("</%s> closes no element", clip(name, 40))
	}
	if top := s.top(); !bytes.Equal(name, top) {
		return nil, s.errorf("</%s> closes <%s>", clip(name, 40), clip(top, 40))
	}
	s.pop()
	if s.depth() == 0 {
		s.rootDone = true
	}
	s.tok = token{kind: tokEnd, local: localName(name)}
	return &s.tok, nil
}

func (s *scanner) startTag(raw []byte) (*token, error) {
	empty := len(raw) > 0 && raw[len(raw)-1] == '/'
	if empty {
		raw = raw[:len(raw)-1]
	}
	n := 0
	for n < len(raw) && !isSpace(raw[n]) {
		n++
	}
	name := raw[:n]
	if !validName(name) {
		return nil, s.errorf("bad element name %q", clip(name, 40))
	}
	if s.rootDone {
		return nil, s.errorf("content after the root element")
	}
	attrs, err := s.parseAttrs(raw[n:])
	if err != nil {
		return nil, err
	}
	s.started = true
	if !empty {
		if s.depth() >= maxDepth {
			return nil, s.errorf("elements nested deeper than %d", maxDepth)
		}
		s.push(name)
	} else if s.depth() == 0 {
		s.rootDone = true
	}
	s.tok = token{kind: tokStart, local: localName(name), empty: empty, attrs: attrs}
	return &s.tok, nil
}

// parseAttrs splits ` a="x" b='y'` into attributes.
func (s *scanner) parseAttrs(b []byte) ([]attr, error) {
	attrs := s.attrBuf[:0]
	defer func() { s.attrBuf = attrs[:0] }()
	for {
		b = trimSpaceLeft(b)
		if len(b) == 0 {
			return attrs, nil
		}
		eq := bytes.IndexByte(b, '=')
		if eq <= 0 {
			return nil, s.errorf("attribute without a value")
		}
		name := trimSpaceRight(b[:eq])
		if !validName(name) {
			return nil, s.errorf("bad attribute name %q", clip(name, 40))
		}
		b = trimSpaceLeft(b[eq+1:])
		if len(b) == 0 || b[0] != '"' && b[0] != '\'' {
			return nil, s.errorf("attribute %s: value not quoted", clip(name, 40))
		}
		end := bytes.IndexByte(b[1:], b[0])
		if end < 0 {
			return nil, s.errorf("attribute %s: value not closed", clip(name, 40))
		}
		val := b[1 : 1+end]
		if bytes.IndexByte(val, '<') >= 0 {
			return nil, s.errorf("attribute %s: '<' in value", clip(name, 40))
		}
		attrs = append(attrs, attr{name: name, local: localName(name), raw: val})
		b = b[1+end+1:]
		if len(b) > 0 && !isSpace(b[0]) {
			return nil, s.errorf("attribute %s: no space before the next", clip(name, 40))
		}
	}
}

func (s *scanner) push(name []byte) {
	s.names = append(s.names, name...)
	s.nameEnds = append(s.nameEnds, len(s.names))
}

func (s *scanner) pop() {
	s.nameEnds = s.nameEnds[:len(s.nameEnds)-1]
	end := 0
	if n := len(s.nameEnds); n > 0 {
		end = s.nameEnds[n-1]
	}
	s.names = s.names[:end]
}

// attrValue returns the decoded value of the attribute with local name,
// or "" when the tag has none.
func (s *scanner) attrValue(tok *token, local string) (string, error) {
	v, err := s.attrBytes(tok, local)
	return string(v), err
}

// attrBytes is attrValue without a copy: the bytes are valid until the
// next call to the scanner.
func (s *scanner) attrBytes(tok *token, local string) ([]byte, error) {
	for _, a := range tok.attrs {
		if string(a.local) == local {
			return s.decode(a.raw)
		}
	}
	return nil, nil
}
