package network_test

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/vigil-screening/vigil/network"
)

func TestReadCSVEdges(t *testing.T) {
	in := "\ufeffFrom,To,Relation,Share,Confidence,Source,Date,Note\n" +
		"subject:C-1,us_ofac_sdn/36216,family of,,0.8,case 118,2026-11-30,brother\n" +
		"us_ofac_sdn/9638,subject:C-7,owns,60%,,,2026-10,\n"
	edges, values, err := network.ReadCSV(strings.NewReader(in), "dir/links.csv")
	if err != nil || len(values) != 0 || len(edges) != 2 {
		t.Fatalf("%v %+v", err, edges)
	}
	e := edges[0].Edge
	if e.Type != network.FamilyOf || e.Confidence != 0.8 || e.Source != "case 118" || e.Evidence != "brother" || edges[0].Line != 2 {
		t.Fatalf("%+v", edges[0])
	}
	e = edges[1].Edge
	if !e.ShareKnown || e.Share != 60 || e.Confidence != 1 || e.Source != "import:links.csv" || e.Date != "2026-10" {
		t.Fatalf("%+v", e)
	}
}

// Every bad line is named, with its field; nothing is returned.
func TestReadCSVBad(t *testing.T) {
	in := "from,to,relation,share,confidence,date\n" +
		"subject:A,subject:A,paid,,,\n" + // 2 self loop
		"subject:A,nobody,paid,,,\n" + // 3 bad end
		"subject:A,x/1,owns,150,,\n" + // 4 share above 100
		"subject:A,x/1,owns,-5,,\n" + // 5 share below 0
		"subject:A,x/1,paid,10,,\n" + // 6 share on paid
		"subject:A,x/1,cousin,,,\n" + // 7 relation
		"subject:A,x/1,paid,,2,\n" + // 8 confidence
		"subject:A,x/1,paid,,,30/11/2026\n" + // 9 date
		"subject:A,x/1,paid,,,\n" + // 10 fine
		"subject:A,x/1,paid,,,\n" + // 11 duplicate of 10
		"subject:A,x/1\n" // 12 fields
	_, _, err := network.ReadCSV(strings.NewReader(in), "bad.csv")
	var es network.CSVErrors
	if !errors.As(err, &es) {
		t.Fatalf("error %T %v", err, err)
	}
	want := []string{"bad.csv:2: edge subject:A -paid-> subject:A: an edge from a node to itself", "bad.csv:3: to:", "bad.csv:4: share:",
		"bad.csv:5: share:", "bad.csv:6: share:", "bad.csv:7: relation:", "bad.csv:8: confidence:", "bad.csv:9: date:",
		"bad.csv:11: the same edge from the same source as line 10", "bad.csv:12: 2 fields"}
	if len(es) != len(want) {
		t.Fatalf("%d errors, want %d:\n%v", len(es), len(want), err)
	}
	for i, w := range want {
		if !strings.HasPrefix(es[i].Error(), w) {
			t.Errorf("error %d: %q, want %q…", i, es[i].Error(), w)
		}
	}
	for _, c := range []struct{ in, want string }{
		{"", "empty file"}, {"a,b\n", "want from,to,relation"}, {"from,to,relation,shares\n", "shares: unknown column"},
		{"from,to,relation,to\n", "column given twice"}, {"from,to,relation\n\"subject:a,x/1,paid\n", "bad.csv:2"},
	} {
		if _, _, err := network.ReadCSV(strings.NewReader(c.in), "bad.csv"); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: %v, want %q", c.in, err, c.want)
		}
	}
}

func TestReadCSVValues(t *testing.T) {
	in := "subject,kind,value\nC-1,phone,+44 20 7946-0000\nsubject:C-2,phone,0044 (20) 7946 0000\nC-3,email,Ivan@Example.ORG\nC-4,fax,1\nC-5,phone,12\n"
	_, _, err := network.ReadCSV(strings.NewReader(in), "v.csv")
	if err == nil || !strings.Contains(err.Error(), "v.csv:5: kind:") || !strings.Contains(err.Error(), "v.csv:6: value:") {
		t.Fatalf("%v", err)
	}
	in = in[:strings.Index(in, "C-4")]
	_, vals, err := network.ReadCSV(strings.NewReader(in), "v.csv")
	if err != nil || len(vals) != 3 || vals[0].Normalized != vals[1].Normalized || vals[1].Subject != "C-2" || vals[2].Normalized != "ivan@example.org" {
		t.Fatalf("%v %+v", err, vals)
	}
}

func FuzzReadCSV(f *testing.F) {
	f.Add("from,to,relation,share\nsubject:a,x/1,owns,50\n")
	f.Add("subject,kind,value\na,phone,+1 555 0100 22\n")
	f.Add("from,to,relation\n\"subject:a\",\"x/\"\"1\",paid\nsubject:a,x/1")
	f.Fuzz(func(t *testing.T, in string) {
		edges, values, err := network.ReadCSV(strings.NewReader(in), "f.csv")
		if err != nil {
			if !strings.HasPrefix(err.Error(), "f.csv:") {
				t.Fatalf("error without the file: %v", err)
			}
			return
		}
		for _, e := range edges {
			if err := e.Edge.Validate(); err != nil {
				t.Fatalf("line %d passed but %v", e.Line, err)
			}
		}
		for _, v := range values {
			if v.Normalized == "" || v.Subject == "" {
				t.Fatalf("value %+v", v)
			}
		}
	})
}

// A stream over MaxImportBytes is refused at the byte past it, naming the
// file and the limit, however few rows it has: the rows read are dropped.
func TestReadCSVByteLimit(t *testing.T) {
	note := strings.Repeat("n", 1900)
	row := 0
	rows := readerFunc(func(p []byte) (int, error) {
		row++
		return copy(p, fmt.Sprintf("subject:S%d,subject:T%d,paid,%s\n", row, row, note)), nil
	})
	r := io.MultiReader(strings.NewReader("from,to,relation,note\n"), rows)
	edges, values, err := network.ReadCSV(r, "fat.csv")
	var big *network.TooLargeError
	if !errors.As(err, &big) || edges != nil || values != nil ||
		err.Error() != fmt.Sprintf("fat.csv: more than %d bytes, the import limit (32 MiB): split the file", network.MaxImportBytes) {
		t.Fatalf("%d edges, %v", len(edges), err)
	}
	if row > network.MaxImportBytes/1900+2 {
		t.Fatalf("read %d rows past the limit", row)
	}
}

type readerFunc func(p []byte) (int, error)

func (f readerFunc) Read(p []byte) (int, error) { return f(p) }
