package senzing_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/reader"
	"github.com/vigil-screening/vigil/reader/senzing"
)

// FuzzParse checks that any input either parses into entities with an id
// and a name, or fails with a *reader.ParseError, and never panics.
func FuzzParse(f *testing.F) {
	f.Add(`{"DATA_SOURCE":"OS_T","RECORD_ID":"a","RECORD_TYPE":"PERSON","NAMES":[{"NAME_FULL":"A"}],"DATES":[{"DATE_OF_BIRTH":"1970"}]}`)
	f.Add(`{"DATA_SOURCE":"OS_T","RECORD_ID":"a","NAMES":[{"NAME_FULL":"A"}],"RELATIONSHIPS":[{"REL_POINTER_ROLE":"Occupancy","REL_POINTER_KEY":"p"}]}` + "\n" +
		`{"DATA_SOURCE":"OS_T","RECORD_ID":"p","RECORD_TYPE":null,"NAMES":[{"NAME_FULL":"Senator"}]}`)
	f.Add(`{"DATA_SOURCE":"OS_T","RECORD_ID":"a","NAMES":[{"NAME_FIRST":"A","NAME_LAST":"B"}],"IDENTIFIERS":[{"PASSPORT_NUMBER":"1","PASSPORT_COUNTRY":"zz"}]}`)
	f.Add("[]\n{}")
	f.Fuzz(func(t *testing.T, in string) {
		var got []*entity.Entity
		err := senzing.Parse(context.Background(), strings.NewReader(in), "fuzz", func(e *entity.Entity) error {
			got = append(got, e)
			return nil
		})
		if err != nil {
			var pe *reader.ParseError
			if !errors.As(err, &pe) || pe.File != "fuzz" {
				t.Fatalf("err = %v, want a *reader.ParseError naming the file", err)
			}
			if len(got) != 0 {
				t.Fatalf("emitted %d entities before an error", len(got))
			}
			return
		}
		for _, e := range got {
			if e.ID == "" || e.PrimaryName() == "" || !strings.HasPrefix(e.List, "os_") {
				t.Fatalf("bad entity %+v", e)
			}
		}
	})
}
