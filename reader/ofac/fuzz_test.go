package ofac_test

import (
	"context"
	"errors"
	"testing"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/reader"
	"github.com/vigil-screening/vigil/reader/ofac"
)

// fuzzSet parses a set and checks the reader's promises: no panic, a
// *reader.ParseError on failure with nothing emitted, and on success
// records that each have an ent_num and a name.
func fuzzSet(t *testing.T, files ofac.Files) {
	var got []*entity.Entity
	err := ofac.ParseSet(context.Background(), ofac.ListSDN, files, func(e *entity.Entity) error {
		got = append(got, e)
		return nil
	})
	if err != nil {
		var pe *reader.ParseError
		if !errors.As(err, &pe) || pe.File == "" {
			t.Fatalf("error %v is not a *reader.ParseError naming a file", err)
		}
		if len(got) != 0 {
			t.Fatalf("%d records emitted before error %v", len(got), err)
		}
		return
	}
	for _, e := range got {
		if e.ID == "" || e.PrimaryName() == "" {
			t.Fatalf("record without id or name: %+v", e)
		}
		for _, d := range e.BirthDates {
			if !d.Valid() {
				t.Fatalf("record %s: invalid birth date %+v", e.ID, d)
			}
		}
	}
}

func seedPrimary(f *testing.F) {
	f.Add([]byte(row1 + row2 + "\x1a"))
	f.Add([]byte(row1))
	f.Add([]byte(""))
	f.Add([]byte(row1 + `173,"LOPEZ, Ana`))
	f.Add([]byte("1,\"CAF\xc9\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n"))
}

func FuzzParsePrimary(f *testing.F) {
	seedPrimary(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzSet(t, set(string(data), "", "", ""))
	})
}

func FuzzParseAliases(f *testing.F) {
	f.Add([]byte("173,1,\"aka\",\"LOPES, Anna\",-0- \r\n36,2,\"fka\",\"OLD\",\"Low quality a.k.a.\"\r\n\x1a"))
	f.Add([]byte("999,1,\"aka\",\"X\",-0- \r\n"))
	f.Add([]byte("36,1,\"aka\""))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzSet(t, set(row1+row2, string(data), "", ""))
	})
}

func FuzzParseAddresses(f *testing.F) {
	f.Add([]byte("36,1,-0- ,\"Havana\",\"Cuba\",-0- \r\n173,2,-0- ,-0- ,-0- ,-0- \r\n"))
	f.Add([]byte("36,1,\"Calle"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzSet(t, set(row1+row2, "", string(data), ""))
	})
}

func FuzzParseComments(f *testing.F) {
	f.Add([]byte("173,\"BEAN AIRLINES.\"\r\n"))
	f.Add([]byte("173,\"; DOB 1960 to 1962; Linked To: AEROCARIBBEAN AIRLINES.\"\r\n\x1a"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzSet(t, set(row1+row2, "", "", string(data)))
	})
}

func FuzzParseRemarks(f *testing.F) {
	f.Add("DOB 05 Jul 1971; alt. DOB circa 1979-1982; DOB between 1950 and 1952; POB Nizhny Novgorod, Russia; nationality Russia; Gender Male")
	f.Add("Passport 515731854 (Russia); alt. Passport C 1415363 - 16/2/1421H issued 21 May 2000; Company Number IMO 5055293")
	f.Add("a.k.a. 'BELYY'; f.k.a. '; Linked To: X; Digital Currency Address - XBT 1abc; Vessel Registration Identification IMO 9187629; MMSI 1")
	f.Add("Aircraft Model IL-76TD; Website:  x; Telephone: 1; Passport (Russia); DOB 1 Jan")
	f.Fuzz(func(t *testing.T, text string) {
		e := entity.Entity{List: ofac.ListSDN, Kind: entity.KindPerson}
		ofac.ParseRemarks(&e, text)
		for _, d := range e.BirthDates {
			if !d.Valid() {
				t.Fatalf("invalid date %+v from %q", d, text)
			}
		}
		for _, c := range e.Crypto() {
			if c.Currency == "" || c.Address == "" {
				t.Fatalf("empty crypto %+v from %q", c, text)
			}
		}
		for _, d := range e.Documents {
			if d.Number == "" {
				t.Fatalf("document without number %+v from %q", d, text)
			}
		}
	})
}

func FuzzDetect(f *testing.F) {
	f.Add([]byte(row1 + row2))
	f.Add([]byte("\xef\xbb\xbf" + row1))
	f.Fuzz(func(t *testing.T, data []byte) {
		ofac.Detect(data) // must not panic
	})
}
