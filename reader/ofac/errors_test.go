package ofac_test

import (
	"context"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/reader"
	"github.com/vigil-screening/vigil/reader/ofac"
)

const (
	row1 = `36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ` + "\r\n"
	row2 = `173,"LOPEZ, Ana",individual,"SDGT] [IRGC",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 1960; Linked To: AEROCARIBBEAN AIRLINES."` + "\r\n"
)

// set builds a Files value from file contents; "" leaves a file absent.
func set(primary, alt, add, comments string) ofac.Files {
	in := func(name, s string) ofac.Input {
		if s == "" {
			return ofac.Input{Name: name}
		}
		return ofac.Input{Name: name, R: strings.NewReader(s)}
	}
	f := ofac.Files{Aliases: in("alt.csv", alt), Addresses: in("add.csv", add), Comments: in("sdn_comments.csv", comments)}
	f.Primary = ofac.Input{Name: "sdn.csv", R: strings.NewReader(primary)}
	return f
}

// parseSet parses a set and returns what was emitted.
func parseSet(t *testing.T, files ofac.Files) ([]*entity.Entity, error) {
	t.Helper()
	var got []*entity.Entity
	err := ofac.ParseSet(context.Background(), ofac.ListSDN, files, func(e *entity.Entity) error {
		got = append(got, e)
		return nil
	})
	return got, err
}

func TestParseSet_Quirks(t *testing.T) {
	primary := row1 + `173,"LOPEZ, Ana",individual,"SDGT] [IRGC",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 1960; Linked To: AEROCARIB"` + "\r\n\x1a"
	alt := "173,1,\"aka\",\"LOPES, Anna\",-0- \r\n173,2,\"fka\",\"OLD NAME\",\"Low quality a.k.a.\"\r\n\x1a"
	add := "36,1,-0- ,\"Havana\",\"Cuba\",-0- \r\n36,2,-0- ,-0- ,-0- ,-0- \r\n"
	comments := "173,\"BEAN AIRLINES.\"\r\n"
	got, err := parseSet(t, set(primary, alt, add, comments))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("%d records, want 2", len(got))
	}
	org, person := got[0], got[1]
	check(t, "org kind", org.Kind, entity.KindOrganization)
	check(t, "empty remarks", org.Remarks(), "")
	check(t, "address", org.Addresses(), []entity.Address{{Full: "Havana, Cuba", City: "Havana", Country: "CU"}})
	check(t, "person kind", person.Kind, entity.KindPerson)
	check(t, "programs", person.Programs(), []string{"SDGT", "IRGC"})
	check(t, "remarks with comment", person.Remarks(), "DOB 1960; Linked To: AEROCARIBBEAN AIRLINES.")
	check(t, "names", person.Names[1:], []entity.Name{
		{Full: "LOPES, Anna", Type: entity.NameAlias, Parts: []entity.NamePart{{Type: entity.PartFamily, Value: "LOPES"}, {Type: entity.PartGiven, Value: "Anna"}}},
		{Full: "OLD NAME", Type: entity.NameWeakAlias},
	})
	check(t, "links", linksOf(person), []string{"linked_to AEROCARIBBEAN AIRLINES -> 36"})
	check(t, "dob", datesOf(person.BirthDates), []string{"1960"})
}

func TestParseSet_Windows1252(t *testing.T) {
	primary := "1,\"CAF\xc9 \x93X\x94\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n"
	got, err := parseSet(t, set(primary, "", "", ""))
	if err != nil {
		t.Fatal(err)
	}
	check(t, "name", got[0].Names[0].Full, "CAFÉ \u201cX\u201d")
}

func TestParseSet_Errors(t *testing.T) {
	big := strings.Repeat("x", reader.MaxField+1)
	tests := []struct {
		name     string
		files    ofac.Files
		wantFile string
		wantLine int
		wantText string
	}{
		{"empty primary", set("", "", "", ""), "sdn.csv", 0, "empty"},
		{"primary of only EOF byte", set("\x1a", "", "", ""), "sdn.csv", 0, "empty"},
		{"truncated quoted field", set(row1+`173,"LOPEZ, Ana`, "", "", ""), "sdn.csv", 2, "quote"},
		{"wrong delimiter, quoted", set(strings.ReplaceAll(row1, ",", "\t"), "", "", ""), "sdn.csv", 1, "bare \""},
		{"wrong delimiter", set(strings.ReplaceAll(strings.ReplaceAll(row1, ",", ";"), `"`, ""), "", "", ""), "sdn.csv", 1, "1 fields, want 12"},
		{"wrong column count", set(row1+"173,\"X\",-0- \r\n", "", "", ""), "sdn.csv", 2, "3 fields, want 12"},
		{"non-numeric ent_num", set(row1+strings.Replace(row2, "173", "17x", 1), "", "", ""), "sdn.csv", 2, "not a number"},
		{"duplicate ent_num", set(row1+row2+row2, "", "", ""), "sdn.csv", 3, "duplicate"},
		{"empty name", set(strings.Replace(row1, `"AEROCARIBBEAN AIRLINES"`, "-0- ", 1), "", "", ""), "sdn.csv", 1, "empty name"},
		{"invalid UTF-8 among UTF-8", set(row1+strings.Replace(row2, "Ana", "An\u00e1\xff", 1), "", "", ""), "sdn.csv", 2, "invalid UTF-8"},
		{"byte undefined in Windows-1252", set(row1+strings.Replace(row2, "Ana", "An\x81", 1), "", "", ""), "sdn.csv", 2, "Windows-1252"},
		{"binary garbage", set("\x00\x01\x02\xff\xfe", "", "", ""), "sdn.csv", 1, "control byte"},
		{"huge field", set(row1+strings.Replace(row2, "DOB 1960", big, 1), "", "", ""), "sdn.csv", 2, "exceeds limit"},
		{"orphan alias", set(row1, "999,1,\"aka\",\"X\",-0- \r\n", "", ""), "alt.csv", 1, "no record"},
		{"orphan address", set(row1, "", "36,1,-0- ,-0- ,\"Cuba\",-0- \r\n5,2,-0- ,-0- ,\"Cuba\",-0- \r\n", ""), "add.csv", 2, "no record"},
		{"orphan comment", set(row1, "", "", "7,\"x\"\r\n"), "sdn_comments.csv", 1, "no record"},
		{"alias file wrong columns", set(row1, "36,1,\"aka\"\r\n", "", ""), "alt.csv", 1, "3 fields, want 5"},
		{"address truncated quote", set(row1, "", "36,1,\"Calle", ""), "add.csv", 1, "quote"},
		{"huge alias", set(row1, "36,1,\"aka\",\""+big+"\",-0- \r\n", "", ""), "alt.csv", 1, "exceeds limit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseSet(t, tt.files)
			if len(got) != 0 {
				t.Errorf("emitted %d records before failing", len(got))
			}
			var pe *reader.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v, want *reader.ParseError", err)
			}
			if pe.File != tt.wantFile || pe.Line != tt.wantLine || !strings.Contains(err.Error(), tt.wantText) {
				t.Errorf("error %q (file %q line %d), want file %q line %d containing %q",
					err, pe.File, pe.Line, tt.wantFile, tt.wantLine, tt.wantText)
			}
		})
	}
}

func TestParseSet_EmitErrorStops(t *testing.T) {
	stop := errors.New("stop")
	n := 0
	err := ofac.ParseSet(context.Background(), ofac.ListSDN, set(row1+row2, "", "", ""), func(*entity.Entity) error {
		n++
		return stop
	})
	if !errors.Is(err, stop) || n != 1 {
		t.Errorf("got %v after %d records, want stop after 1", err, n)
	}
}

func TestParseSet_Cancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := ofac.ParseSet(ctx, ofac.ListSDN, set(row1, "", "", ""), func(*entity.Entity) error { return nil })
	if !errors.Is(err, context.Canceled) {
		t.Errorf("got %v, want context.Canceled", err)
	}
}

// failingReader returns an I/O error after some bytes.
type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, io.ErrUnexpectedEOF }

func TestParseSet_ReadError(t *testing.T) {
	files := ofac.Files{Primary: ofac.Input{Name: "sdn.csv", R: failingReader{}}}
	err := ofac.ParseSet(context.Background(), ofac.ListSDN, files, func(*entity.Entity) error { return nil })
	var pe *reader.ParseError
	if !errors.As(err, &pe) || pe.File != "sdn.csv" || !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("got %v, want ParseError for sdn.csv wrapping the read error", err)
	}
}

func TestRead_Errors(t *testing.T) {
	dir := t.TempDir()
	if err := ofac.Read(context.Background(), dir, func(*entity.Entity) error { return nil }); err == nil {
		t.Error("Read of a directory without sdn.csv or cons_prim.csv: no error")
	}
	if err := ofac.Read(context.Background(), dir+"/missing", func(*entity.Entity) error { return nil }); err == nil {
		t.Error("Read of a missing path: no error")
	}
}

func TestParse_ListFromName(t *testing.T) {
	for name, want := range map[string]string{"sdn_2024-05-03.csv": ofac.ListSDN, "dir/cons_prim.csv": ofac.ListCons} {
		var got string
		err := ofac.Parse(context.Background(), strings.NewReader(row1), name, func(e *entity.Entity) error {
			got = e.List
			return nil
		})
		if err != nil || got != want {
			t.Errorf("Parse(%s): list %q, err %v; want %q", name, got, err, want)
		}
	}
}

func TestDetect(t *testing.T) {
	tests := []struct {
		name string
		head string
		want bool
	}{
		{"sdn row", row1 + row2, true},
		{"cut inside second line", row1 + row2[:30], true},
		{"alt.csv", "36,12,\"aka\",\"AERO-CARIBBEAN\",-0- \r\n", false},
		{"header line", "ent_num,SDN_Name,SDN_Type,Program,Title,Call_Sign,Vess_type,Tonnage,GRT,Vess_flag,Vess_owner,Remarks\n", false},
		{"other csv", "a,b,c\n1,2,3\n", false},
		{"no -0-", strings.ReplaceAll(row1, "-0- ", ""), false},
		{"binary", "\x00\x01\x02", false},
		{"empty", "", false},
	}
	for _, tt := range tests {
		if got := ofac.Detect([]byte(tt.head)); got != tt.want {
			t.Errorf("%s: Detect = %v, want %v", tt.name, got, tt.want)
		}
	}
}
