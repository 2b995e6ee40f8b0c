package packed

import (
	"bytes"
	"context"
	"encoding/json"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/internal/testdata"
	"github.com/vigil-screening/vigil/source"
)

// fullJSON is a record with every field filled (entity's TestJSONForm
// has the same): a field the codec forgot would not come back.
const fullJSON = `{"list":"l","id":"1","other_ids":[{"scheme":"un_reference","value":"QDi.001"}],"kind":"person","names":[{"full":"ZAWAHIRI, Ayman","type":"primary","parts":[{"type":"given","value":"Ayman"},{"type":"family","value":"ZAWAHIRI"}],"script":"Latn","lang":"en"},{"full":"x","type":"weak_alias"}],"birth_dates":[{"year":1961,"month":7,"day":5,"circa":true,"to_year":1962,"to_month":1,"to_day":2},{"year":1950}],"death_dates":[{"year":2020,"month":3}],"birth_places":["Giza"],"genders":["male"],"nationalities":["EG"],"citizenships":["EG","AF"],"countries":["PK"],"titles":["Dr"],"positions":["Leader"],"documents":[{"type":"passport","number":"123","country":"EG","note":"issued 2010"},{"type":"other","number":"9"}],"crypto":[{"currency":"XBT","address":"1abc"}],"emails":["a@b.c"],"phones":["+1 2"],"websites":["w.x"],"addresses":[{"full":"1 Rd","street":"Rd","city":"C","region":"R","postal_code":"P","country":"EG"},{"city":"K"}],"vessel":{"imo":"1","mmsi":"2","call_sign":"3","flag":"PA","type":"t","tonnage":"9","owner":"o"},"aircraft":{"tail_number":"T","model":"M","serial_number":"S","operator":"O"},"programs":["SDGT"],"listed_on":[{"year":2001,"month":10,"day":6}],"amended_on":[{"year":2011}],"remarks":"r \"q\" \u003c\u0026\u003e","relations":[{"type":"ownership","target_id":"2","target_list":"m","target_name":"N","role":"owner","outgoing":true,"share":50.5,"source":"s","start":{"year":2000},"end":{"year":1961,"month":7,"day":5,"circa":true,"to_year":1962,"to_month":1,"to_day":2}},{"type":"linked_to","target_name":"Z"}]}`

// checkRoundTrip packs the records and checks that each decodes to a
// record equal to it, whose JSON is the same bytes, and that List, ID
// and Compare read the key right.
func checkRoundTrip(t *testing.T, ents []*entity.Entity) {
	t.Helper()
	s := Pack(ents)
	if s.Len() != len(ents) {
		t.Fatalf("Len %d, want %d", s.Len(), len(ents))
	}
	for i, want := range ents {
		got := s.Entity(i)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("record %d (%s) changed:\ngot  %#v\nwant %#v", i, want.Key(), got, want)
		}
		gj, err1 := json.Marshal(got)
		wj, err2 := json.Marshal(want)
		if err1 != nil || err2 != nil || !bytes.Equal(gj, wj) {
			t.Fatalf("record %d: JSON changed (%v, %v):\ngot  %s\nwant %s", i, err1, err2, gj, wj)
		}
		if s.List(i) != want.List || s.ID(i) != want.ID || s.Compare(i, want.List, want.ID) != 0 {
			t.Fatalf("record %d: key %q/%q, want %q/%q", i, s.List(i), s.ID(i), want.List, want.ID)
		}
	}
}

func TestRoundTripFull(t *testing.T) {
	var full entity.Entity
	if err := json.Unmarshal([]byte(fullJSON), &full); err != nil {
		t.Fatal(err)
	}
	// Every field of the record and of More must be filled, or the test
	// would not catch a field the codec drops.
	for _, v := range []reflect.Value{reflect.ValueOf(full), reflect.ValueOf(*full.More)} {
		for i := range v.NumField() {
			if v.Field(i).IsZero() {
				t.Fatalf("the test record leaves %s empty", v.Type().Field(i).Name)
			}
		}
	}
	ents := []*entity.Entity{
		&full,
		{List: "l", ID: "2"}, // nil slices, no More
		{List: "l", ID: "3", Names: []entity.Name{}},      // empty, not nil: JSON "names":[]
		{List: "l", ID: "4", More: &entity.More{}},        // an empty More kept as it is
		{List: "m", ID: "é\x00", Kind: entity.KindVessel}, // bytes as they are
		{List: "l", ID: "5", BirthDates: []entity.Date{{Year: -1, Month: -1, Day: -1}, {ToDay: 3}}},
	}
	checkRoundTrip(t, ents)
}

// TestRoundTripSharedLists packs every record of every shared edition.
func TestRoundTripSharedLists(t *testing.T) {
	if testing.Short() {
		t.Skip("reads every shared list edition")
	}
	for _, dir := range []string{"current", "editions"} {
		snaps, err := source.LoadDir(context.Background(), testdata.Path(t, "lists", dir))
		if err != nil {
			t.Fatal(err)
		}
		var all []*entity.Entity
		for _, s := range snaps {
			all = append(all, s.Entities...)
		}
		if len(all) == 0 {
			t.Fatalf("no records in lists/%s", dir)
		}
		checkRoundTrip(t, all)
		s := Pack(all)
		size := 0
		for _, c := range s.chunks {
			size += len(c)
		}
		t.Logf("lists/%s: %d records in %d bytes (%d a record), %d symbols", dir, len(all), size, size/len(all), len(s.syms))
	}
}

func TestChunks(t *testing.T) {
	// A record larger than a chunk, and small ones over several chunks.
	big := &entity.Entity{List: "l", ID: "big"}
	big.EnsureMore().Remarks = strings.Repeat("r", chunkSize+10)
	ents := []*entity.Entity{big}
	for i := range 3000 {
		e := &entity.Entity{List: "l", ID: strconv.Itoa(i)}
		e.EnsureMore().Remarks = strings.Repeat("x", 2000+i%7)
		ents = append(ents, e)
	}
	ents = append(ents, big)
	checkRoundTrip(t, ents)
	if s := Pack(ents); len(s.chunks) < 3 {
		t.Fatalf("%d chunks for %d MiB", len(s.chunks), 2*chunkSize>>20)
	}
}

func TestCompareOrder(t *testing.T) {
	ents := []*entity.Entity{{List: "b", ID: "1"}, {List: "a", ID: "2"}, {List: "a", ID: "10"}}
	s := Pack(ents)
	for i, a := range ents {
		for j, b := range ents {
			want := strings.Compare(a.List+"\x00"+a.ID, b.List+"\x00"+b.ID)
			if got := s.CompareRecords(i, j); got != want {
				t.Errorf("CompareRecords(%s, %s) = %d, want %d", a.Key(), b.Key(), got, want)
			}
		}
	}
}

// FuzzDecode decodes hostile bytes: it must fail or succeed, never
// panic, and a record it decodes must survive packing again.
func FuzzDecode(f *testing.F) {
	var full entity.Entity
	if err := json.Unmarshal([]byte(fullJSON), &full); err != nil {
		f.Fatal(err)
	}
	seed := Pack([]*entity.Entity{&full, {List: "l", ID: "2"}})
	for i := range seed.Len() {
		f.Add(bytes.Clone(seed.bytes(i)))
	}
	f.Add([]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01})
	f.Fuzz(func(t *testing.T, b []byte) {
		s := &Store{syms: seed.syms, symID: map[string]uint64{}}
		for i, v := range seed.syms {
			s.symID[v] = uint64(i)
		}
		e, err := s.decode(b)
		if err != nil {
			return
		}
		w := writer{s: s}
		w.entity(e)
		if again, err := s.decode(w.b); err != nil || !reflect.DeepEqual(again, e) {
			t.Fatalf("decoded record does not pack back: %v\n%#v\n%#v", err, e, again)
		}
	})
}
