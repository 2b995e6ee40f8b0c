package un_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/internal/testdata"
	"github.com/vigil-screening/vigil/reader"
	"github.com/vigil-screening/vigil/reader/internal/readertest"
	"github.com/vigil-screening/vigil/reader/un"
)

const goodDoc = `<?xml version="1.0" encoding="UTF-8"?>
<CONSOLIDATED_LIST dateGenerated="2026-02-27T00:00:09.554Z">
  <INDIVIDUALS>
    <INDIVIDUAL>
      <DATAID>1</DATAID>
      <FIRST_NAME>ERIC</FIRST_NAME>
      <SECOND_NAME>BADEGE</SECOND_NAME>
      <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>EXACT</TYPE_OF_DATE><YEAR>1971</YEAR></INDIVIDUAL_DATE_OF_BIRTH>
    </INDIVIDUAL>
  </INDIVIDUALS>
  <ENTITIES>
    <ENTITY><DATAID>2</DATAID><FIRST_NAME>ADF</FIRST_NAME></ENTITY>
  </ENTITIES>
</CONSOLIDATED_LIST>
`

func parse(doc string) ([]*entity.Entity, error) {
	return readertest.Parse(un.Parse, doc, "test.xml")
}

func TestParse_Good(t *testing.T) {
	got, err := parse(goodDoc)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].PrimaryName() != "ERIC BADEGE" || got[1].Kind != entity.KindOrganization {
		t.Errorf("got %+v", got)
	}
}

// TestParse_Bad feeds broken and hostile input: each must give a
// *reader.ParseError naming the file and a line, never a panic.
func TestParse_Bad(t *testing.T) {
	huge := strings.Repeat("A", reader.MaxField+1)
	tests := []struct {
		name, doc, want string
		line            int
	}{
		{"empty", "", "empty file", 1},
		{"whitespace only", "  \n\n", "unexpected end of file", 3},
		{"truncated", goodDoc[:len(goodDoc)/2], "EOF", 0},
		{"truncated in tag", goodDoc[:strings.Index(goodDoc, "<SECOND_NAME>")+5], "EOF", 7},
		{"wrong root", `<data-set><record/></data-set>`, "root element <data-set>", 1},
		{"binary", "\x00\x01\x02\xff\xfe garbage", "malformed XML", 1},
		{"invalid utf-8", strings.Replace(goodDoc, "BADEGE", "BAD\xffEGE", 1), "UTF-8", 7},
		{"huge field", strings.Replace(goodDoc, "BADEGE", huge, 1), "field SECOND_NAME: text longer than", 7},
		{"doctype", `<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>
<CONSOLIDATED_LIST>&lol2;</CONSOLIDATED_LIST>`, "DOCTYPE", 2},
		{"undefined entity", `<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><DATAID>&x;</DATAID></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>`, "malformed XML", 1},
		{"missing DATAID", strings.Replace(goodDoc, "<DATAID>1</DATAID>", "", 1), "DATAID: missing", 4},
		{"duplicate DATAID", strings.Replace(goodDoc, "<DATAID>2</DATAID>", "<DATAID>1</DATAID>", 1), "duplicate", 12},
		{"no name", strings.Replace(goodDoc, "<FIRST_NAME>ADF</FIRST_NAME>", "", 1), "FIRST_NAME: missing", 12},
		{"bad year", strings.Replace(goodDoc, "<YEAR>1971", "<YEAR>19x1", 1), "record 1: field INDIVIDUAL_DATE_OF_BIRTH: year", 8},
		{"entity among individuals", strings.Replace(goodDoc, "<INDIVIDUALS>", "<INDIVIDUALS><ENTITY><DATAID>3</DATAID><FIRST_NAME>X</FIRST_NAME></ENTITY>", 1), "unexpected <ENTITY> in <INDIVIDUALS>", 3},
		{"trailing content", goodDoc + "<CONSOLIDATED_LIST/>", "after the root", 0},
		{"latin-1 charset", strings.Replace(goodDoc, "UTF-8", "ISO-8859-1", 1), "", 1},
		{"deep nesting", "<CONSOLIDATED_LIST><X>" + strings.Repeat("<a>", 100) + strings.Repeat("</a>", 100) + "</X></CONSOLIDATED_LIST>", "nested deeper", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parse(tt.doc)
			readertest.WantErrorMentioning(t, err, "test.xml", tt.line, tt.want)
		})
	}
}

func TestParse_EmitErrorStops(t *testing.T) {
	stop := errors.New("stop")
	n := 0
	err := un.Parse(context.Background(), strings.NewReader(goodDoc), "test.xml", func(*entity.Entity) error {
		n++
		return stop
	})
	if !errors.Is(err, stop) || n != 1 {
		t.Errorf("err %v after %d records, want stop after 1", err, n)
	}
}

func TestParse_Cancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := un.Parse(ctx, strings.NewReader(goodDoc), "test.xml", func(*entity.Entity) error { return nil })
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err %v, want context.Canceled", err)
	}
}

func TestDetect(t *testing.T) {
	tests := []struct {
		head string
		want bool
	}{
		{goodDoc[:120], true},
		{"\ufeff" + goodDoc[:200], true}, // a byte order mark is skipped
		{`<?xml version="1.0"?><data-set><record>`, false},
		{`<CONSOLIDATED_LIST>`, true},
		{"sdn.csv,1,2,3", false},
		{"", false},
		{"<!DOCTYPE x><CONSOLIDATED_LIST>", false},
	}
	for _, tt := range tests {
		if got := un.Detect([]byte(tt.head)); got != tt.want {
			t.Errorf("Detect(%.40q) = %v, want %v", tt.head, got, tt.want)
		}
	}
}

func TestEdition(t *testing.T) {
	for path, want := range map[string]string{
		"lists/current/un-2026-02/consolidated.xml":  "2026-02-27",
		"lists/editions/un-2020-03/consolidated.xml": "2020-03-20",
		"lists/editions/un-2024-11/consolidated.xml": "2024-11-30",
	} {
		got, err := un.Edition(testdata.Path(t, strings.Split(path, "/")...))
		if err != nil || got != want {
			t.Errorf("Edition(%s) = %q, %v; want %q", path, got, err, want)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(goodDoc))
	f.Add([]byte(`<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><DATAID>1</DATAID><FIRST_NAME>A</FIRST_NAME><INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>BETWEEN</TYPE_OF_DATE><FROM_YEAR>1970</FROM_YEAR><TO_YEAR>1972</TO_YEAR></INDIVIDUAL_DATE_OF_BIRTH><INDIVIDUAL_ALIAS><QUALITY>Low</QUALITY><ALIAS_NAME>B</ALIAS_NAME><DATE_OF_BIRTH>1955 - 1958</DATE_OF_BIRTH></INDIVIDUAL_ALIAS></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		got, _ := readertest.Fuzz(t, un.Parse, string(data), "fuzz.xml", false)
		for _, e := range got {
			if e.ID == "" || len(e.Names) == 0 {
				t.Fatalf("entity without id or name: %+v", e)
			}
			for _, d := range e.BirthDates {
				if !d.Valid() {
					t.Fatalf("invalid birth date %+v", d)
				}
			}
		}
	})
}

func BenchmarkRead(b *testing.B) {
	for _, ed := range []string{"lists/current/un-2026-02", "lists/editions/un-2020-03", "lists/editions/un-2024-11"} {
		path := testdata.Path(b, strings.Split(ed+"/consolidated.xml", "/")...)
		b.Run(ed[strings.LastIndex(ed, "/")+1:], func(b *testing.B) {
			readertest.BenchRead(b, un.Read, path)
		})
	}
}

func TestParse_ByteOrderMark(t *testing.T) {
	got, err := parse("\ufeff" + goodDoc)
	if err != nil || len(got) != 2 {
		t.Errorf("got %d records, %v; want 2", len(got), err)
	}
}
