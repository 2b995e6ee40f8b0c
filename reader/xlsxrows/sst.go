package xlsxrows

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// sharedStrings is a workbook's table of shared strings. Cells refer to
// it by index, in any order, so the strings a sheet has used must stay in
// memory; the table is read from its part as a token stream, only as far
// as the highest index asked for (detection needs the first few), within
// the Limits on count and bytes.
type sharedStrings struct {
	part  *zip.File
	open  func(*zip.File) (io.ReadCloser, error)
	lim   Limits
	rc    io.ReadCloser
	sc    *scanner
	strs  []string
	bytes int64
	done  bool
	err   error // sticky: a table that failed once fails every lookup
	buf   []byte
}

func (b *book) newSharedStrings(part *zip.File) *sharedStrings {
	return &sharedStrings{part: part, open: b.open, lim: b.lim}
}

// get returns the string at index i.
func (t *sharedStrings) get(i int) (string, error) {
	for i >= len(t.strs) && !t.done && t.err == nil {
		t.err = t.readOne()
	}
	if t.err != nil {
		return "", t.err
	}
	if i >= len(t.strs) {
		if t.part == nil {
			return "", errors.New("a cell refers to a shared string, but the workbook has none")
		}
		return "", fmt.Errorf("a cell refers to shared string %d, but the workbook has only %d", i, len(t.strs))
	}
	return t.strs[i], nil
}

// close releases the part, when it was opened.
func (t *sharedStrings) close() {
	if t.rc != nil {
		t.rc.Close()
		t.rc = nil
	}
}

// readOne reads the next <si> into strs, or marks the table done.
func (t *sharedStrings) readOne() error {
	if t.part == nil {
		t.done = true
		return nil
	}
	if t.sc == nil {
		rc, err := t.open(t.part)
		if err != nil {
			return fmt.Errorf("shared strings: %w", err)
		}
		t.rc, t.sc = rc, newScanner(rc, t.lim.CellBytes)
	}
	err := t.next()
	if errors.Is(err, io.EOF) {
		t.done = true
		t.close()
		return nil
	}
	if err != nil {
		t.close()
		return fmt.Errorf("shared strings (%s): %w", t.part.Name, err)
	}
	return nil
}

// next reads up to the end of the next <si>: its text is that of its
// <t> elements, rich-text runs joined, phonetic guides (<rPh>) left out.
func (t *sharedStrings) next() error {
	inSI, inT, phonetic := false, false, 0
	t.buf = t.buf[:0]
	for {
		tok, err := t.sc.next()
		if err != nil {
			return err
		}
		switch tok.kind {
		case tokStart:
			switch string(tok.local) {
			case "si":
				inSI = true
				if tok.empty {
					return t.add("")
				}
			case "rPh":
				if !tok.empty {
					phonetic++
				}
			case "t":
				inT = !tok.empty
			}
		case tokEnd:
			switch string(tok.local) {
			case "si":
				if inSI {
					return t.add(unescapeST(t.buf))
				}
			case "rPh":
				phonetic--
			case "t":
				inT = false
			}
		case tokText:
			if inSI && inT && phonetic == 0 {
				if len(t.buf)+len(tok.text) > t.lim.CellBytes {
					return &LimitError{What: fmt.Sprintf("text of shared string %d", len(t.strs)), Limit: int64(t.lim.CellBytes)}
				}
				t.buf = append(t.buf, tok.text...)
			}
		}
	}
}

func (t *sharedStrings) add(s string) error {
	if len(t.strs) >= t.lim.SharedStrings {
		return &LimitError{What: "number of shared strings", Limit: int64(t.lim.SharedStrings)}
	}
	t.bytes += int64(len(s))
	if t.bytes > t.lim.SharedBytes {
		return &LimitError{What: "bytes of shared strings", Limit: t.lim.SharedBytes}
	}
	t.strs = append(t.strs, s)
	return nil
}

// unescapeST undoes the escaping of OOXML strings (ST_Xstring): "_xHHHH_"
// stands for the character U+HHHH (control characters XML cannot carry),
// and "_x005F_" for a literal "_" before such a sequence. A sequence that
// is not four hexadecimal digits is kept as written.
func unescapeST(b []byte) string {
	if !bytes.Contains(b, []byte("_x")) {
		return string(b)
	}
	var out strings.Builder
	for i := 0; i < len(b); {
		if r, ok := escapedRune(b[i:]); ok {
			out.WriteRune(r)
			i += 7
			continue
		}
		out.WriteByte(b[i])
		i++
	}
	return out.String()
}

// escapedRune reads "_xHHHH_" at the start of b.
func escapedRune(b []byte) (rune, bool) {
	if len(b) < 7 || b[0] != '_' || b[1] != 'x' || b[6] != '_' {
		return 0, false
	}
	var r rune
	for _, c := range b[2:6] {
		v := hexVal(c)
		if v < 0 {
			return 0, false
		}
		r = r<<4 | rune(v)
	}
	if !utf8.ValidRune(r) {
		return utf8.RuneError, true
	}
	return r, true
}
