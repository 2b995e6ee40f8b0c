package network

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// A CSV file of the organisation's relationships has a header naming at
// least from, to and relation; optional columns: share, confidence,
// start, end, source, date, note. A file of contact values has the header
// subject, kind, value and optionally source. Column names are read
// without case; unknown columns are an error (a misspelt "shares" must
// not be dropped silently).
//
//	from,to,relation,share,confidence,source,date,note
//	subject:C-1042,us_ofac_sdn/36216,family_of,,0.8,case 2026-118,2026-11-30,brother
//	us_ofac_sdn/9638,subject:C-7,owns,60,1,registry extract,2026-10-01,
//
// An end is "subject:<id>" (a recorded subject) or "<list>/<record id>".

// EdgeRow is one line of an edges file.
type EdgeRow struct {
	Line int
	Edge Edge
	// Note is kept with the edge (Provenance.Evidence).
}

// ValueRow is one line of a values file.
type ValueRow struct {
	Line       int
	Subject    string // the external id, without "subject:"
	Kind       string // phone, email, address, identifier
	Value      string
	Normalized string
	Source     string
}

// CSVError is one bad line.
type CSVError struct {
	File  string
	Line  int
	Field string
	Err   error
}

func (e *CSVError) Error() string {
	if e.Field == "" {
		return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err)
	}
	return fmt.Sprintf("%s:%d: %s: %v", e.File, e.Line, e.Field, e.Err)
}

func (e *CSVError) Unwrap() error { return e.Err }

// CSVErrors are every bad line of a file (at most maxErrors).
type CSVErrors []*CSVError

const maxErrors = 100

func (es CSVErrors) Error() string {
	var b strings.Builder
	for i, e := range es {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Limits of an import file. An import is read whole before it is written
// (all or nothing), so the limits bound the memory it takes: about 1 KB
// a row besides the bytes of the file (a file of a million short rows
// took 940 MB before it was refused). Both are checked while the file is
// read: a file over them is refused at the byte or row that passes them.
const (
	MaxImportRows  = 100_000
	MaxImportBytes = 32 << 20
	maxField       = 2000
)

// TooLargeError says that an import file passes MaxImportBytes.
type TooLargeError struct {
	File string
	Size int64 // the file's size when known before reading it, else 0
}

func (e *TooLargeError) Error() string {
	if e.Size > 0 {
		return fmt.Sprintf("%s: %d bytes, over the import limit of %d bytes (%d MiB): split the file", e.File, e.Size, MaxImportBytes, MaxImportBytes>>20)
	}
	return fmt.Sprintf("%s: more than %d bytes, the import limit (%d MiB): split the file", e.File, MaxImportBytes, MaxImportBytes>>20)
}

// errTooLarge is what limitedReader returns past MaxImportBytes.
var errTooLarge = errors.New("too large")

// limitedReader reads at most MaxImportBytes, then fails.
type limitedReader struct {
	r    io.Reader
	read int64
}

func (l *limitedReader) Read(p []byte) (int, error) {
	if l.read > MaxImportBytes {
		return 0, errTooLarge
	}
	if int64(len(p)) > MaxImportBytes+1-l.read {
		p = p[:MaxImportBytes+1-l.read]
	}
	n, err := l.r.Read(p)
	l.read += int64(n)
	if l.read > MaxImportBytes {
		return n, errTooLarge
	}
	return n, err
}

var edgeCols = []string{"from", "to", "relation", "share", "confidence", "start", "end", "source", "date", "note"}
var valueCols = []string{"subject", "kind", "value", "source"}

// CSVKind says which file a header is: "edges", "values" or "" (neither).
func CSVKind(header []string) string {
	h := map[string]bool{}
	for _, c := range header {
		h[strings.ToLower(strings.TrimSpace(strings.TrimPrefix(c, "\ufeff")))] = true
	}
	switch {
	case h["from"] && h["to"] && h["relation"]:
		return "edges"
	case h["subject"] && h["kind"] && h["value"]:
		return "values"
	}
	return ""
}

// ReadCSV reads an edges or values file; name is the file's name in
// errors and in the default source ("import:<base name>"). Every bad line
// is reported (up to 100), and none is returned when any is bad: an
// import takes a whole file or nothing.
func ReadCSV(r io.Reader, name string) (edges []EdgeRow, values []ValueRow, err error) {
	lr := &limitedReader{r: r}
	defer func() {
		if lr.read > MaxImportBytes {
			edges, values, err = nil, nil, &TooLargeError{File: name}
		}
	}()
	cr := csv.NewReader(lr)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = false
	header, err := cr.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil, &CSVError{File: name, Line: 1, Err: errors.New("empty file: want a header")}
		}
		return nil, nil, &CSVError{File: name, Line: 1, Err: err}
	}
	kind := CSVKind(header)
	known := edgeCols
	switch kind {
	case "values":
		known = valueCols
	case "":
		return nil, nil, &CSVError{File: name, Line: 1, Err: fmt.Errorf("header %q: want from,to,relation[,%s] or subject,kind,value[,source]",
			strings.Join(header, ","), strings.Join(edgeCols[3:], ","))}
	}
	col := map[string]int{}
	for i, c := range header {
		c = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(c, "\ufeff")))
		if !contains(known, c) {
			return nil, nil, &CSVError{File: name, Line: 1, Field: c, Err: fmt.Errorf("unknown column (known: %s)", strings.Join(known, ", "))}
		}
		if _, dup := col[c]; dup {
			return nil, nil, &CSVError{File: name, Line: 1, Field: c, Err: errors.New("column given twice")}
		}
		col[c] = i
	}
	source := "import:" + filepath.Base(name)
	var bad CSVErrors
	seen := map[string]int{}
	for rows := 0; ; rows++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			line := 0
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line = pe.StartLine
			}
			bad = append(bad, &CSVError{File: name, Line: line, Err: err})
			break // the reader cannot go on after a broken quote
		}
		line, _ := cr.FieldPos(0)
		if rows >= MaxImportRows {
			return nil, nil, &CSVError{File: name, Line: line, Err: fmt.Errorf("more than %d rows, the import limit: split the file", MaxImportRows)}
		}
		get := func(c string) string {
			if i, ok := col[c]; ok && i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		fail := func(field string, err error) {
			if len(bad) < maxErrors {
				bad = append(bad, &CSVError{File: name, Line: line, Field: field, Err: err})
			}
		}
		if len(rec) != len(header) {
			fail("", fmt.Errorf("%d fields, the header has %d", len(rec), len(header)))
			continue
		}
		if f := longOrBad(rec); f >= 0 {
			fail(header[f], fmt.Errorf("longer than %d bytes, not UTF-8 or with a control character", maxField))
			continue
		}
		if kind == "values" {
			v, field, err := valueRow(get, source)
			if err != nil {
				fail(field, err)
				continue
			}
			v.Line = line
			k := v.Subject + "\x00" + v.Kind + "\x00" + v.Normalized
			if prev, ok := seen[k]; ok {
				fail("value", fmt.Errorf("the same value as line %d", prev))
				continue
			}
			seen[k] = line
			values = append(values, v)
			continue
		}
		e, field, err := edgeRow(get, source)
		if err != nil {
			fail(field, err)
			continue
		}
		k := e.From + "\x00" + e.To + "\x00" + string(e.Type) + "\x00" + e.Source
		if prev, ok := seen[k]; ok {
			fail("", fmt.Errorf("the same edge from the same source as line %d", prev))
			continue
		}
		seen[k] = line
		edges = append(edges, EdgeRow{Line: line, Edge: e})
	}
	if len(bad) > 0 {
		return nil, nil, bad
	}
	return edges, values, nil
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

func longOrBad(rec []string) int {
	for i, f := range rec {
		if len(f) > maxField || !utf8.ValidString(f) || CheckText(f, true) != nil {
			return i
		}
	}
	return -1
}

// CheckText refuses control characters in a field stated by a user
// (source, note, ends, dates): a NUL, an escape sequence that rewrites an
// operator's terminal, or a line break that forges lines in the text
// output. multiline allows line breaks and tabs (a note).
func CheckText(s string, multiline bool) error {
	for _, r := range s {
		if multiline && (r == '\n' || r == '\r' || r == '\t') {
			continue
		}
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return fmt.Errorf("contains the control character %U", r)
		}
	}
	return nil
}

// CheckEnd checks the form of an edge's end: "subject:<id>" or "<list>/<id>".
func CheckEnd(s string) error {
	if id, ok := strings.CutPrefix(s, "subject:"); ok {
		if strings.TrimSpace(id) == "" {
			return errors.New("subject: without an id")
		}
		return nil
	}
	list, id, ok := strings.Cut(s, "/")
	if !ok || list == "" || id == "" {
		return fmt.Errorf("%q: want subject:<id> or <list>/<record id>", s)
	}
	return nil
}

func edgeRow(get func(string) string, source string) (Edge, string, error) {
	e := Edge{From: get("from"), To: get("to"), Start: get("start"), End: get("end"), Confidence: 1,
		Provenance: Provenance{Kind: FromOrganisation, Source: get("source"), Date: get("date"), Evidence: get("note")}}
	if e.Source == "" {
		e.Source = source
	}
	for _, f := range []string{"from", "to", "relation", "source", "start", "end", "date", "share", "confidence"} {
		if err := CheckText(get(f), false); err != nil {
			return e, f, err
		}
	}
	for _, f := range []string{"from", "to"} {
		if err := CheckEnd(get(f)); err != nil {
			return e, f, err
		}
	}
	rel, err := ParseRelation(get("relation"))
	if err != nil {
		return e, "relation", err
	}
	e.Type = rel
	if s := get("share"); s != "" {
		f, err := ParseShare(s)
		if err != nil {
			return e, "share", err
		}
		if rel != Owns {
			return e, "share", fmt.Errorf("a share on a %s edge: only owns has one", rel)
		}
		e.Share, e.ShareKnown = f, true
	}
	if s := get("confidence"); s != "" {
		f, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsNaN(f) || f <= 0 || f > 1 {
			return e, "confidence", fmt.Errorf("%q: want a number above 0 and at most 1", s)
		}
		e.Confidence = f
	}
	for _, d := range []string{"start", "end", "date"} {
		if err := checkDate(get(d)); err != nil {
			return e, d, err
		}
	}
	if err := e.Validate(); err != nil {
		return e, "", err
	}
	return e, "", nil
}

// ParseShare reads a percentage: "60", "60%", "12,5". Above 100 or below
// 0 is an error, never clamped.
func ParseShare(s string) (float64, error) {
	v := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%"))
	f, err := strconv.ParseFloat(strings.ReplaceAll(v, ",", "."), 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, fmt.Errorf("%q: not a percentage", s)
	}
	if f < 0 || f > 100 {
		return 0, fmt.Errorf("%q: a share must be 0 to 100 percent", s)
	}
	return f, nil
}

func checkDate(s string) error {
	if s == "" {
		return nil
	}
	ok := len(s) == 4 || len(s) == 7 || len(s) == 10
	for i, r := range s {
		if i == 4 || i == 7 {
			ok = ok && r == '-'
		} else {
			ok = ok && r >= '0' && r <= '9'
		}
	}
	if !ok {
		return fmt.Errorf("%q: want YYYY, YYYY-MM or YYYY-MM-DD", s)
	}
	// The shape is not enough: "2026-13-45" is no date.
	layout := map[int]string{4: "2006", 7: "2006-01", 10: "2006-01-02"}[len(s)]
	if _, err := time.Parse(layout, s); err != nil {
		return fmt.Errorf("%q: no such date (want YYYY, YYYY-MM or YYYY-MM-DD)", s)
	}
	return nil
}

// CheckDate checks a date of an edge (start, end, date): YYYY, YYYY-MM
// or YYYY-MM-DD, and a real one.
func CheckDate(s string) error { return checkDate(s) }

func valueRow(get func(string) string, source string) (ValueRow, string, error) {
	v := ValueRow{Subject: strings.TrimPrefix(get("subject"), "subject:"), Kind: strings.ToLower(get("kind")), Value: get("value"), Source: get("source")}
	if v.Source == "" {
		v.Source = source
	}
	if v.Subject == "" {
		return v, "subject", errors.New("empty")
	}
	for _, f := range []string{"subject", "kind", "value", "source"} {
		if err := CheckText(get(f), false); err != nil {
			return v, f, err
		}
	}
	n, err := Normalize(v.Kind, v.Value)
	if err != nil {
		field := "value"
		if !contains(ValueKinds, v.Kind) {
			field = "kind"
		}
		return v, field, err
	}
	v.Normalized = n
	return v, "", nil
}

// ValueKinds are the kinds of contact value that link subjects.
var ValueKinds = []string{"phone", "email", "address", "identifier"}

// SharedRelation is the relation an automatic link of that kind gets.
func SharedRelation(kind string) Relation {
	switch kind {
	case "phone":
		return SharesPhone
	case "email":
		return SharesEmail
	case "address":
		return SharesAddress
	case "document":
		return SharesDocument
	}
	return SharesIdentifier
}

// Normalize returns the form of a value that is compared: a phone's
// digits (a leading 00 read as +), an e-mail in lower case, an address's
// words in lower case, an identifier's letters and digits in upper case.
func Normalize(kind, v string) (string, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return "", errors.New("empty")
	}
	switch kind {
	case "phone":
		var b strings.Builder
		for _, r := range strings.TrimPrefix(strings.TrimPrefix(v, "+"), "00") {
			switch {
			case r >= '0' && r <= '9':
				b.WriteRune(r)
			case r == ' ' || r == '-' || r == '.' || r == '(' || r == ')' || r == '/':
			default:
				return "", fmt.Errorf("%q: a phone number of digits, spaces, - . ( ) / and a leading +", v)
			}
		}
		if b.Len() < 6 || b.Len() > 17 {
			return "", fmt.Errorf("%q: a phone number has 6 to 17 digits", v)
		}
		return b.String(), nil
	case "email":
		at := strings.LastIndexByte(v, '@')
		if at <= 0 || at == len(v)-1 || strings.ContainsAny(v, " \t,;<>") {
			return "", fmt.Errorf("%q: not an e-mail address", v)
		}
		return strings.ToLower(v), nil
	case "address":
		s := words(v, unicode.ToLower)
		if len(s) < 5 {
			return "", fmt.Errorf("%q: too short to link subjects by", v)
		}
		return s, nil
	case "identifier":
		s := strings.ReplaceAll(words(v, unicode.ToUpper), " ", "")
		if len(s) < 4 {
			return "", fmt.Errorf("%q: too short to link subjects by", v)
		}
		return s, nil
	}
	return "", fmt.Errorf("kind %q: want one of %s", kind, strings.Join(ValueKinds, ", "))
}

func words(s string, fold func(rune) rune) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(fold(r))
		} else {
			space = true
		}
	}
	return b.String()
}
