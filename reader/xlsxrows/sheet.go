package xlsxrows

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/vigil-screening/vigil/reader"
)

// Sheet yields the rows of one worksheet, read from its part as a token
// stream: one row in memory at a time (and the shared strings).
type Sheet struct {
	book   *book
	ref    sheetRef
	rc     io.ReadCloser
	sc     *scanner
	inData bool
	row    int // number of the last row read
	cur    int // number of the row being read
	width  int // cells in the widest row so far, to size the next
	val    []byte
	done   bool
}

// openSheet starts reading a worksheet at its first row.
func (b *book) openSheet(ref sheetRef) (*Sheet, error) {
	rc, err := b.open(ref.part)
	if err != nil {
		return nil, b.sheetError(ref, 0, err)
	}
	return &Sheet{book: b, ref: ref, rc: rc, sc: newScanner(rc, b.lim.CellBytes)}, nil
}

// sheetError names the file, the row and the sheet of an error.
func (b *book) sheetError(ref sheetRef, row int, err error) error {
	var pe *reader.ParseError
	if errors.As(err, &pe) {
		return err
	}
	return &reader.ParseError{File: b.name, Line: row, Field: fmt.Sprintf("sheet %q (%s)", ref.name, ref.part.Name), Err: err}
}

// Name returns the sheet's name in the workbook.
func (s *Sheet) Name() string { return s.ref.name }

// Next returns the next row with its number in the sheet (1-based), or
// io.EOF after the last. Cells are in column order, a cell missing
// before a present one given as "", and none after the last present
// one; rows the sheet leaves out are skipped. Values are as stored:
// numbers and dates as their numbers (dates are serial day numbers),
// shared and inline strings as their text.
func (s *Sheet) Next() (int, []string, error) {
	if s.done {
		return 0, nil, io.EOF
	}
	num, cells, err := s.next()
	if errors.Is(err, io.EOF) {
		s.done = true
		return 0, nil, io.EOF
	}
	if err != nil {
		s.done = true
		if s.cur == 0 && s.row > 0 {
			err = fmt.Errorf("after row %d: %w", s.row, err)
		}
		return 0, nil, s.book.sheetError(s.ref, s.cur, err)
	}
	s.row, s.cur = num, 0
	return num, cells, nil
}

func (s *Sheet) next() (int, []string, error) {
	for {
		tok, err := s.sc.next()
		if err != nil {
			return 0, nil, err
		}
		switch {
		case tok.kind == tokStart && string(tok.local) == "sheetData":
			if tok.empty {
				return 0, nil, io.EOF
			}
			s.inData = true
		case tok.kind == tokEnd && string(tok.local) == "sheetData":
			return 0, nil, s.drain()
		case tok.kind == tokStart && s.inData && string(tok.local) == "row":
			return s.readRow(tok)
		}
	}
}

// drain reads the rest of the part after the rows (merged cells, page
// setup...), so that damage there is seen and the zip checks the part's
// checksum. It returns io.EOF when the part is sound.
func (s *Sheet) drain() error {
	for {
		if _, err := s.sc.next(); err != nil {
			return err
		}
	}
}

// readRow reads the row that tok opened.
func (s *Sheet) readRow(tok *token) (int, []string, error) {
	num := s.row + 1
	s.cur = num
	if v, err := s.sc.attrBytes(tok, "r"); err != nil {
		return 0, nil, err
	} else if len(v) > 0 {
		if num = atoi(v); num < 1 {
			return 0, nil, fmt.Errorf("bad row number %q", clip(v, 20))
		}
		s.cur = num
	}
	if num <= s.row {
		return 0, nil, fmt.Errorf("row %d after row %d: rows out of order", num, s.row)
	}
	if num > s.book.lim.Rows {
		return 0, nil, &LimitError{What: "row number", Got: int64(num), Limit: int64(s.book.lim.Rows)}
	}
	if tok.empty {
		return num, nil, nil
	}
	cells := make([]string, 0, s.width)
	col := 0
	for {
		tok, err := s.sc.next()
		if err != nil {
			return 0, nil, err
		}
		switch {
		case tok.kind == tokEnd && string(tok.local) == "row":
			s.width = max(s.width, len(cells))
			return num, cells, nil
		case tok.kind == tokStart && string(tok.local) == "c":
			c, v, err := s.readCell(tok, col)
			if err != nil {
				return 0, nil, err
			}
			col = c
			if v != "" {
				for len(cells) < col-1 {
					cells = append(cells, "")
				}
				cells = append(cells, v)
			}
		}
	}
}

// readCell reads the cell that tok opened, the previous cell of the row
// being in column prev (0 for none). It returns the cell's column
// (1-based) and value.
func (s *Sheet) readCell(tok *token, prev int) (int, string, error) {
	col := prev + 1
	ref, err := s.sc.attrBytes(tok, "r")
	if err != nil {
		return 0, "", err
	}
	if len(ref) > 0 {
		if col, err = column(ref); err != nil {
			return 0, "", err
		}
	}
	if col <= prev {
		return 0, "", fmt.Errorf("cell %s after column %d: cells out of order", clip(ref, 20), prev)
	}
	if col > s.book.lim.Columns {
		return 0, "", &LimitError{What: "column of cell " + clip(ref, 20), Got: int64(col), Limit: int64(s.book.lim.Columns)}
	}
	typ, err := s.sc.attrBytes(tok, "t")
	if err != nil {
		return 0, "", err
	}
	var kind cellKind
	switch string(typ) {
	case "s":
		kind = sharedCell
	case "inlineStr":
		kind = inlineCell
	}
	if tok.empty {
		return col, "", nil
	}
	v, inline, err := s.cellText()
	if err != nil {
		return 0, "", fmt.Errorf("cell %s: %w", cellName(col, s.cur), err)
	}
	switch {
	case kind == sharedCell && v != "":
		i, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || i < 0 {
			return 0, "", fmt.Errorf("cell %s: bad shared string index %q", cellName(col, s.cur), clip([]byte(v), 20))
		}
		v, err = s.book.strs.get(i)
		if err != nil {
			return 0, "", fmt.Errorf("cell %s: %w", cellName(col, s.cur), err)
		}
	case kind == inlineCell && inline != nil:
		v = unescapeST(inline)
	}
	return col, v, nil
}

type cellKind int

const (
	valueCell  cellKind = iota // a number, date, boolean, error or formula result: the value as stored
	sharedCell                 // t="s": the value is an index into the shared strings
	inlineCell                 // t="inlineStr": the text is in <is>
)

// atoi reads a positive decimal number of at most 9 digits, or returns -1.
func atoi(b []byte) int {
	if len(b) == 0 || len(b) > 9 {
		return -1
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return -1
		}
		n = n*10 + int(c-'0')
	}
	return n
}

// cellText reads a cell's content up to its end: the text of <v>, and of
// an inline string (<is>) its <t> runs, phonetic guides left out (nil
// when the cell has no <is>). Formulas are skipped.
func (s *Sheet) cellText() (string, []byte, error) {
	var v string
	var inline []byte
	in, depth, phonetic := "", 0, 0
	for {
		tok, err := s.sc.next()
		if err != nil {
			return "", nil, err
		}
		switch tok.kind {
		case tokStart:
			if !tok.empty {
				depth++
			}
			switch name := string(tok.local); {
			case depth == 1 && name == "v" && !tok.empty:
				in, s.val = "v", s.val[:0]
			case depth == 1 && name == "is":
				in = "is"
				if inline == nil {
					inline = []byte{}
				}
			case in == "is" && name == "rPh" && !tok.empty:
				phonetic++
			case in == "is" && name == "t" && phonetic == 0 && !tok.empty:
				in = "t"
			}
		case tokEnd:
			depth--
			switch name := string(tok.local); {
			case depth < 0 && name == "c":
				return v, inline, nil
			case in == "v" && depth == 0:
				v, in = string(s.val), ""
			case in == "t" && name == "t":
				in = "is"
			case in == "is" && name == "rPh":
				phonetic--
			case in == "is" && depth == 0:
				in = ""
			}
		case tokText:
			if err := s.appendText(in, &inline, tok.text); err != nil {
				return "", nil, err
			}
		}
	}
}

func (s *Sheet) appendText(in string, inline *[]byte, text []byte) error {
	var dst *[]byte
	switch in {
	case "v":
		dst = &s.val
	case "t":
		dst = inline
	default:
		return nil
	}
	if len(*dst)+len(text) > s.book.lim.CellBytes {
		return &LimitError{What: "cell text", Limit: int64(s.book.lim.CellBytes)}
	}
	*dst = append(*dst, text...)
	return nil
}

// Close releases the sheet.
func (s *Sheet) Close() {
	if s.rc != nil {
		s.rc.Close()
		s.rc = nil
	}
	s.book.strs.close()
}

// column returns the 1-based column of a cell reference: "C7" is 3.
func column(ref []byte) (int, error) {
	col, i := 0, 0
	for ; i < len(ref); i++ {
		c := ref[i] | 0x20 // lower case
		if c < 'a' || c > 'z' {
			break
		}
		col = col*26 + int(c-'a'+1)
		if col > 1<<20 {
			return 0, fmt.Errorf("bad cell reference %q", clip(ref, 20))
		}
	}
	if i == 0 || i == len(ref) {
		return 0, fmt.Errorf("bad cell reference %q", clip(ref, 20))
	}
	for _, d := range ref[i:] {
		if d < '0' || d > '9' {
			return 0, fmt.Errorf("bad cell reference %q", clip(ref, 20))
		}
	}
	return col, nil
}

// cellName writes a column and row as a cell reference: 3, 7 is "C7".
func cellName(col, row int) string {
	var letters []byte
	for col > 0 {
		col--
		letters = append([]byte{byte('A' + col%26)}, letters...)
		col /= 26
	}
	return string(letters) + strconv.Itoa(row)
}
