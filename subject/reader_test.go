package subject_test

import (
	"errors"
	"io"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/internal/testdata"
	"github.com/vigil-screening/vigil/reader"
	"github.com/vigil-screening/vigil/subject"
)

// readAll reads every row of input, failing the test on a fatal error.
func readAll(t *testing.T, input string, f subject.Format) []subject.Row {
	t.Helper()
	r, err := subject.NewReader(strings.NewReader(input), "in.txt", f)
	if err != nil {
		t.Fatalf("NewReader: %v", err)
	}
	var rows []subject.Row
	for {
		row, err := r.Next()
		if errors.Is(err, io.EOF) {
			return rows
		}
		if err != nil {
			t.Fatalf("Next: %v", err)
		}
		rows = append(rows, row)
	}
}

// wantRowError checks that row is malformed at line, naming field, with
// msg in its text.
func wantRowError(t *testing.T, row subject.Row, line int, field, msg string) {
	t.Helper()
	var pe *reader.ParseError
	if !errors.As(row.Err, &pe) {
		t.Fatalf("line %d: want a *reader.ParseError, got %v (subject %+v)", line, row.Err, row.Subject)
	}
	if pe.File != "in.txt" || pe.Line != line || pe.Field != field || !strings.Contains(pe.Error(), msg) {
		t.Errorf("error = %q (file %q line %d field %q), want in.txt line %d field %q containing %q",
			pe.Error(), pe.File, pe.Line, pe.Field, line, field, msg)
	}
	if row.Line != line {
		t.Errorf("row.Line = %d, want %d", row.Line, line)
	}
}

func TestReader_CSV(t *testing.T) {
	input := "\xef\xbb\xbfID,Full Name,DOB,Sex,Nationality,passport,crypto,notes\n" +
		"s1,Ayman al-Zawahiri,1951-06-19,M,Egypt,1084010;19820215,addr1; addr2,x\n" +
		",Vladimir Putin,1952,,Russia,,,\n" +
		"s3,Nobody,19xx,,,,,\n" +
		"s4,,,,,,,\n" +
		"s5,Too,Many,Fields,,,,,,\n" +
		"\"s6\",\"Quoted, Name\",1970-01,female,,,,\"multi\nline note\"\n" +
		"s7,Bad\xff UTF8,,,,,,\n" +
		"s8,Last Row,,,,,,\n"
	rows := readAll(t, input, subject.FormatAuto)
	if len(rows) != 8 {
		t.Fatalf("got %d rows, want 8: %+v", len(rows), rows)
	}
	want0 := vigil.Subject{ID: "s1", Name: "Ayman al-Zawahiri", DateOfBirth: entity.Date{Year: 1951, Month: 6, Day: 19}, Gender: entity.GenderMale, Nationality: "EG",
		Documents: []entity.Document{{Type: entity.DocPassport, Number: "1084010"}, {Type: entity.DocPassport, Number: "19820215"}},
		Crypto:    []string{"addr1", "addr2"}}
	if rows[0].Err != nil || !sameSubject(rows[0].Subject, want0) {
		t.Errorf("row 1 = %+v, %v; want %+v", rows[0].Subject, rows[0].Err, want0)
	}
	if rows[1].Err != nil || rows[1].Subject.ID != "3" || rows[1].Subject.DateOfBirth != (entity.Date{Year: 1952}) {
		t.Errorf("row without id = %+v, %v; want id \"3\" (its line)", rows[1].Subject, rows[1].Err)
	}
	wantRowError(t, rows[2], 4, "DOB", "not YYYY")
	wantRowError(t, rows[3], 5, "Full Name", "required")
	wantRowError(t, rows[4], 6, "", "has 10 fields, the header has 8")
	if rows[5].Err != nil || rows[5].Subject.Name != "Quoted, Name" || rows[5].Subject.Gender != entity.GenderFemale || rows[5].Line != 7 {
		t.Errorf("quoted row = %+v line %d, %v", rows[5].Subject, rows[5].Line, rows[5].Err)
	}
	wantRowError(t, rows[6], 9, "Full Name", "not valid UTF-8")
	if rows[6].Subject.ID != "s7" {
		t.Errorf("malformed row id = %q, want s7", rows[6].Subject.ID)
	}
	if rows[7].Err != nil || rows[7].Subject.Name != "Last Row" || rows[7].Line != 10 {
		t.Errorf("last row = %+v line %d, %v", rows[7].Subject, rows[7].Line, rows[7].Err)
	}
}

func sameSubject(a, b vigil.Subject) bool {
	if len(a.Documents) != len(b.Documents) || len(a.Crypto) != len(b.Crypto) {
		return false
	}
	for i := range a.Documents {
		if a.Documents[i] != b.Documents[i] {
			return false
		}
	}
	for i := range a.Crypto {
		if a.Crypto[i] != b.Crypto[i] {
			return false
		}
	}
	a.Documents, b.Documents, a.Crypto, b.Crypto = nil, nil, nil, nil
	return a.ID == b.ID && a.Name == b.Name && a.FirstName == b.FirstName && a.MiddleName == b.MiddleName &&
		a.LastName == b.LastName && a.Kind == b.Kind && a.Gender == b.Gender && a.DateOfBirth == b.DateOfBirth &&
		a.PlaceOfBirth == b.PlaceOfBirth && a.Nationality == b.Nationality && a.Country == b.Country && a.IMO == b.IMO
}

func TestReader_CSVDelimiters(t *testing.T) {
	tests := []struct {
		name, input string
	}{
		{"semicolon", "id;first_name;last_name;type\na;John;Smith;individual\n"},
		{"tab", "id\tfirst_name\tlast_name\ttype\na\tJohn\tSmith\tperson\n"},
		{"crlf", "id,first_name,last_name,type\r\na,John,Smith,PERSON\r\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows := readAll(t, tt.input, subject.FormatCSV)
			want := vigil.Subject{ID: "a", FirstName: "John", LastName: "Smith", Kind: entity.KindPerson}
			if len(rows) != 1 || rows[0].Err != nil || !sameSubject(rows[0].Subject, want) {
				t.Errorf("rows = %+v, want one %+v", rows, want)
			}
		})
	}
}

// A data row written with another delimiter than the header is one field
// wide: a row error, and the next row is still read.
func TestReader_CSVWrongDelimiterInRow(t *testing.T) {
	rows := readAll(t, "id,name,dob\na;John Smith;1970\nb,Jane Doe,1971\n", subject.FormatAuto)
	if len(rows) != 2 {
		t.Fatalf("got %d rows, want 2", len(rows))
	}
	wantRowError(t, rows[0], 2, "", "has 1 fields, the header has 3")
	if rows[1].Err != nil || rows[1].Subject.Name != "Jane Doe" {
		t.Errorf("row 3 = %+v, %v", rows[1].Subject, rows[1].Err)
	}
}

func TestReader_HugeField(t *testing.T) {
	big := strings.Repeat("a", 1<<20)
	t.Run("CSV", func(t *testing.T) {
		rows := readAll(t, "id,name\nx,"+big+"\ny,Ok Name\n", subject.FormatAuto)
		if len(rows) != 2 {
			t.Fatalf("got %d rows, want 2", len(rows))
		}
		wantRowError(t, rows[0], 2, "name", "longer than 4096 bytes")
		if rows[1].Err != nil || rows[1].Subject.ID != "y" {
			t.Errorf("row after the huge one = %+v, %v", rows[1].Subject, rows[1].Err)
		}
	})
	t.Run("JSONL", func(t *testing.T) {
		rows := readAll(t, `{"name":"`+big+`"}`+"\n"+`{"name":"Ok"}`+"\n", subject.FormatAuto)
		if len(rows) != 2 {
			t.Fatalf("got %d rows, want 2", len(rows))
		}
		wantRowError(t, rows[0], 1, "name", "longer than 4096 bytes")
		if rows[1].Err != nil || rows[1].Subject.ID != "2" {
			t.Errorf("row after the huge one = %+v, %v", rows[1].Subject, rows[1].Err)
		}
	})
	t.Run("JSONL line over MaxLine", func(t *testing.T) {
		rows := readAll(t, `{"name":"`+strings.Repeat(big, 5)+`"}`+"\n"+`{"name":"Ok"}`+"\n", subject.FormatAuto)
		if len(rows) != 2 {
			t.Fatalf("got %d rows, want 2", len(rows))
		}
		wantRowError(t, rows[0], 1, "", "line longer than")
		if rows[1].Err != nil || rows[1].Line != 2 {
			t.Errorf("row after the long line = %+v line %d, %v", rows[1].Subject, rows[1].Line, rows[1].Err)
		}
	})
	t.Run("CSV line over MaxLine", func(t *testing.T) {
		rows := readAll(t, "id,name\nok,A B\nx,"+strings.Repeat(big, 5)+"\ny,C D\n", subject.FormatAuto)
		if len(rows) != 3 || rows[0].Err != nil || rows[2].Err != nil || rows[2].Subject.ID != "y" || rows[2].Line != 4 {
			t.Fatalf("rows = %+v, want ok, an error, y at line 4", rows)
		}
		wantRowError(t, rows[1], 3, "", "line longer than 4194304 bytes")
	})
}

// Every CSV row gives exactly one Row, a result or an error at its line:
// a damaged quote does not swallow the rows after it.
func TestReader_CSVResync(t *testing.T) {
	const header = "id,name,dob\n"
	tests := []struct {
		name  string
		input string
		ids   []string // per row, "!" for a row error
		lines []int
		msg   string // of the first row error
	}{
		{"unterminated quote on row 2", header + "1,Ann Lee,1970\n2,\"Bob Smith,1971\n3,Cy Young,1972\n4,Di Ross,1973\n5,Ed Wood,1974\n",
			[]string{"1", "!", "3", "4", "5"}, []int{2, 3, 4, 5, 6}, "quoted field opened on this line is not closed"},
		{"quote closed rows later, fields wrong", header + "1,\"Ann,1970\n2,Bob \"B\" Smith\",1971\n3,Cy Young,1972\n",
			[]string{"!", "!", "3"}, []int{2, 3, 4}, "not closed"},
		{"text after a closing quote", header + "1,\"Ann\"x,1970\n2,Bob Smith,1971\n",
			[]string{"!", "2"}, []int{2, 3}, `extraneous or missing " in quoted-field`},
		{"bare quote", header + "1,Ann \"the\" Lee,1970\n2,Bob Smith,1971\n",
			[]string{"!", "2"}, []int{2, 3}, `bare " in non-quoted-field`},
		{"quoted line break is one row", "id,name,notes\n1,Ann Lee,\"first\r\nsecond\"\n2,\"Bob \"\"B\"\" Smith\",\"a\n\"\"b\n\"\n\n3,Cy Young,x",
			[]string{"1", "2", "3"}, []int{2, 4, 8}, ""},
		{"unterminated quote on the last row", header + "1,Ann Lee,1970\n2,\"Bob",
			[]string{"1", "!"}, []int{2, 3}, "not closed"},
		{"quote spanning too many lines", header + "1,\"Ann" + strings.Repeat("\nx", 150) + "\",1970\n",
			slices.Repeat([]string{"!"}, 151), nil, "not closed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows := readAll(t, tt.input, subject.FormatCSV)
			if len(rows) != len(tt.ids) {
				t.Fatalf("%d rows, want %d", len(rows), len(tt.ids))
			}
			first := true
			for i, row := range rows {
				switch {
				case tt.ids[i] == "!" && row.Err == nil:
					t.Errorf("row %d (line %d) = %+v, want an error", i, row.Line, row.Subject)
				case tt.ids[i] != "!" && (row.Err != nil || string(row.Subject.ID) != tt.ids[i]):
					t.Errorf("row %d = %q, %v; want %q", i, row.Subject.ID, row.Err, tt.ids[i])
				}
				if tt.lines != nil && row.Line != tt.lines[i] {
					t.Errorf("row %d at line %d, want %d", i, row.Line, tt.lines[i])
				}
				if row.Err != nil && first {
					first = false
					wantRowError(t, row, row.Line, "", tt.msg)
				}
			}
		})
	}
}

func TestNewReader_Rejects(t *testing.T) {
	tests := []struct {
		name, input, want string
		line              int
	}{
		{"empty", "", "empty input", 1},
		{"blank", " \n\r\n\t", "empty input", 1},
		{"bom only", "\xef\xbb\xbf", "empty input", 1},
		{"binary", "\x00\x01\x02PK\x03\x04garbage\x00\xff\xfe", "binary data", 1},
		{"control bytes", strings.Repeat("\x01\x02\x03abc", 100), "binary data", 1},
		{"no name column", "id;dob|x\n1;1970\n", "no name column", 1},
		{"pipe delimiter", "id|name|dob\n1|John|1970\n", "no name column", 1},
		{"duplicate", "name,full_name\na,b\n", "as column \"name\" does", 1},
		{"unterminated header", "\"id,name\n", "malformed CSV", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := subject.NewReader(strings.NewReader(tt.input), "in.txt", subject.FormatAuto)
			var pe *reader.ParseError
			if !errors.As(err, &pe) || pe.File != "in.txt" || pe.Line != tt.line || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want a ParseError at in.txt:%d containing %q", err, tt.line, tt.want)
			}
		})
	}
}

func TestReader_CSVTruncated(t *testing.T) {
	rows := readAll(t, "id,name\na,Ann Lee\nb,\"Cut off in the mid", subject.FormatAuto)
	if len(rows) != 2 || rows[0].Err != nil {
		t.Fatalf("rows = %+v", rows)
	}
	wantRowError(t, rows[1], 3, "", "malformed CSV")
}

func TestReader_JSONL(t *testing.T) {
	input := `{"id": 17, "full_name": "Ayman al-Zawahiri", "dob": "19510619", "type": "individual", "passport": "1084010"}` + "\n" +
		"\n" +
		`{"first_name": "Vladimir", "last_name": "Putin", "documents": [{"type": "passport", "number": "X1", "country": "RU"}], "crypto": ["0xabc"]}` + "\r\n" +
		`{"id": "u", "name": "A", "frist_name": "B"}` + "\n" +
		`{"id": "w", "name": ["A"]}` + "\n" +
		`{"id": "g", "name": "A", "gender": "robot"}` + "\n" +
		`{"name": "Bad ` + "\xff\xfe" + `"}` + "\n" +
		`[1, 2]` + "\n" +
		`{"name": "A"} {"name": "B"}` + "\n" +
		`{"id": "n", "name": "A", "name": "B", "full_name": "C"}` + "\n" +
		`{"id": {"x": 1}, "name": "A"}` + "\n" +
		`{"name": "Trunc`
	rows := readAll(t, input, subject.FormatAuto)
	if len(rows) != 11 {
		t.Fatalf("got %d rows, want 11: %+v", len(rows), rows)
	}
	want0 := vigil.Subject{ID: "17", Name: "Ayman al-Zawahiri", DateOfBirth: entity.Date{Year: 1951, Month: 6, Day: 19}, Kind: entity.KindPerson,
		Documents: []entity.Document{{Type: entity.DocPassport, Number: "1084010"}}}
	if rows[0].Err != nil || !sameSubject(rows[0].Subject, want0) {
		t.Errorf("row 1 = %+v, %v; want %+v", rows[0].Subject, rows[0].Err, want0)
	}
	want1 := vigil.Subject{ID: "3", FirstName: "Vladimir", LastName: "Putin",
		Documents: []entity.Document{{Type: entity.DocPassport, Number: "X1", Country: "RU"}}, Crypto: []string{"0xabc"}}
	if rows[1].Err != nil || !sameSubject(rows[1].Subject, want1) || rows[1].Line != 3 {
		t.Errorf("row 3 = %+v line %d, %v; want %+v", rows[1].Subject, rows[1].Line, rows[1].Err, want1)
	}
	wantRowError(t, rows[2], 4, "frist_name", "unknown field")
	wantRowError(t, rows[3], 5, "name", "wrong type")
	wantRowError(t, rows[4], 6, "gender", "not male or female")
	if rows[4].Subject.ID != "g" {
		t.Errorf("row 6 id = %q, want g", rows[4].Subject.ID)
	}
	wantRowError(t, rows[5], 7, "", "not valid UTF-8")
	wantRowError(t, rows[6], 8, "", "want a JSON object")
	wantRowError(t, rows[7], 9, "", "unexpected data after")
	wantRowError(t, rows[8], 10, "name", "given twice") // a key given twice is refused, not the last one taken
	wantRowError(t, rows[9], 11, "id", "string or a number")
	wantRowError(t, rows[10], 12, "", "truncated JSON")
	if rows[10].Subject.ID != "12" {
		t.Errorf("truncated row id = %q, want its line 12", rows[10].Subject.ID)
	}
}

func TestReader_ForcedFormat(t *testing.T) {
	// A JSON object read as CSV has no name column.
	_, err := subject.NewReader(strings.NewReader(`{"name": "x"}`), "in.txt", subject.FormatCSV)
	var pe *reader.ParseError
	if !errors.As(err, &pe) || pe.Line != 1 {
		t.Errorf("JSON forced as CSV: err = %v", err)
	}
	// CSV read as JSON Lines: every line is a row error.
	rows := readAll(t, "id,name\n1,John\n", subject.FormatJSONL)
	if len(rows) != 2 || rows[0].Err == nil || rows[1].Err == nil {
		t.Errorf("CSV forced as JSONL: rows = %+v", rows)
	}
}

// The labelled evaluation files read completely, with no row errors.
// Expected counts were taken with Python's csv.DictReader on the raw files:
// 50,000 / 1,500 / 700 rows, all with a name and a unique id.
func TestReader_EvalFiles(t *testing.T) {
	tests := []struct {
		file string
		rows int
		kind entity.Kind
	}{
		{"dev-negatives.csv", 50000, entity.KindPerson},
		{"dev-positives-persons.csv", 1500, entity.KindPerson},
		{"dev-positives-orgs.csv", 700, entity.KindOrganization},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			f, err := os.Open(testdata.Path(t, "eval", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			r, err := subject.NewReader(f, tt.file, subject.FormatAuto)
			if err != nil {
				t.Fatal(err)
			}
			ids := map[string]bool{}
			for {
				row, err := r.Next()
				if errors.Is(err, io.EOF) {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
				if row.Err != nil {
					t.Fatalf("row error: %v", row.Err)
				}
				if row.Subject.Kind != tt.kind {
					t.Fatalf("line %d: kind %q, want %q", row.Line, row.Subject.Kind, tt.kind)
				}
				ids[row.Subject.ID] = true
			}
			if len(ids) != tt.rows {
				t.Errorf("read %d distinct subjects, want %d", len(ids), tt.rows)
			}
		})
	}
}

func FuzzReader(f *testing.F) {
	f.Add([]byte("id,name,dob\n1,John Smith,1970\n2,\"A, B\",1970-01-02\n"))
	f.Add([]byte("id;first_name;last_name\n1;A;B\n"))
	f.Add([]byte(`{"id": 1, "name": "A", "documents": [{"number": "1"}]}` + "\n{\"name\": 3}\n"))
	f.Add([]byte("name\n\"unterminated\n"))
	f.Add([]byte("id,name\n1,\"Ann\n2,Bob\n3,\"C\"\"\nD\"\n"))
	f.Add([]byte("\xef\xbb\xbf{\"name\":\"\xff\"}"))
	f.Add([]byte(`{"id": "p1", "schema": "Person", "properties": {"name": ["A B"], "alias": "C D", "birthDate": 1970}}` + "\n" +
		`{"id": "s1", "schema": "Sanction", "properties": {"entity": ["p1"]}}` + "\n" + `{"schema": "Person", "properties": {"name": [{}]}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := subject.NewReader(strings.NewReader(string(data)), "fuzz", subject.FormatAuto)
		if err != nil {
			return
		}
		lines := strings.Count(string(data), "\n") + 1
		prev := 0
		for n := 0; ; n++ {
			if n > len(data)+1 {
				t.Fatalf("more rows (%d) than input bytes (%d)", n, len(data))
			}
			row, err := r.Next()
			if err != nil {
				return
			}
			if row.Line < 1 || row.Subject.ID == "" {
				t.Fatalf("row without line or id: %+v", row)
			}
			// One row per line at most, in input order.
			if row.Line <= prev || row.Line > lines {
				t.Fatalf("row at line %d after a row at line %d (input of %d lines)", row.Line, prev, lines)
			}
			prev = row.Line
			s := row.Subject
			if row.Err == nil && s.Name == "" && s.FirstName == "" && s.MiddleName == "" && s.LastName == "" {
				t.Fatalf("line %d: accepted a subject without a name: %+v", row.Line, s)
			}
			if row.Err != nil && !strings.HasPrefix(row.Err.Error(), "fuzz:") {
				t.Fatalf("row error does not name the file: %v", row.Err)
			}
		}
	})
}
