package senzing_test

import (
	"strings"
	"testing"

	"github.com/vigil-screening/vigil/reader/internal/readertest"
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
		got, _ := readertest.Fuzz(t, senzing.Parse, in, "fuzz", true)
		for _, e := range got {
			if e.ID == "" || e.PrimaryName() == "" || !strings.HasPrefix(e.List, "os_") {
				t.Fatalf("bad entity %+v", e)
			}
		}
	})
}
