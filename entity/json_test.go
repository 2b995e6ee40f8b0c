package entity

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// fullJSON is a record with every field filled, as encoding/json wrote
// it before the record model was made compact (commit 3595e66):
// snapshots and the audit trail store records in this form.
const fullJSON = `{"list":"l","id":"1","other_ids":[{"scheme":"un_reference","value":"QDi.001"}],"kind":"person","names":[{"full":"ZAWAHIRI, Ayman","type":"primary","parts":[{"type":"given","value":"Ayman"},{"type":"family","value":"ZAWAHIRI"}],"script":"Latn","lang":"en"},{"full":"x","type":"weak_alias"}],"birth_dates":[{"year":1961,"month":7,"day":5,"circa":true,"to_year":1962,"to_month":1,"to_day":2},{"year":1950}],"death_dates":[{"year":2020,"month":3}],"birth_places":["Giza"],"genders":["male"],"nationalities":["EG"],"citizenships":["EG","AF"],"countries":["PK"],"titles":["Dr"],"positions":["Leader"],"documents":[{"type":"passport","number":"123","country":"EG","note":"issued 2010"},{"type":"other","number":"9"}],"crypto":[{"currency":"XBT","address":"1abc"}],"emails":["a@b.c"],"phones":["+1 2"],"websites":["w.x"],"addresses":[{"full":"1 Rd","street":"Rd","city":"C","region":"R","postal_code":"P","country":"EG"},{"city":"K"}],"vessel":{"imo":"1","mmsi":"2","call_sign":"3","flag":"PA","type":"t","tonnage":"9","owner":"o"},"aircraft":{"tail_number":"T","model":"M","serial_number":"S","operator":"O"},"programs":["SDGT"],"listed_on":[{"year":2001,"month":10,"day":6}],"amended_on":[{"year":2011}],"remarks":"r \"q\" \u003c\u0026\u003e","relations":[{"type":"ownership","target_id":"2","target_list":"m","target_name":"N","role":"owner","outgoing":true,"share":50.5,"source":"s","start":{"year":2000},"end":{"year":1961,"month":7,"day":5,"circa":true,"to_year":1962,"to_month":1,"to_day":2}},{"type":"linked_to","target_name":"Z"}]}`

// emptyJSON is a record with only a list and an id, written as before.
const emptyJSON = `{"list":"l","id":"2","kind":"","names":null}`

// TestJSONForm checks that a record with every field, and one with
// none, read from their JSON form are written back byte for byte, as a
// value and through a pointer.
func TestJSONForm(t *testing.T) {
	for _, want := range []string{fullJSON, emptyJSON} {
		var e Entity
		if err := json.Unmarshal([]byte(want), &e); err != nil {
			t.Fatal(err)
		}
		for _, v := range []any{e, &e} {
			got, err := json.Marshal(v)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != want {
				t.Errorf("JSON of %T changed:\ngot  %s\nwant %s", v, got, want)
			}
		}
	}
}

// TestJSONFormUnescaped checks that an Encoder told not to escape HTML
// writes a record's "<&>" as they are, as it did before the record's
// fields moved to More, and that json.Marshal still escapes them.
func TestJSONFormUnescaped(t *testing.T) {
	var e Entity
	if err := json.Unmarshal([]byte(fullJSON), &e); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(&e); err != nil {
		t.Fatal(err)
	}
	want := strings.NewReplacer(`\u003c`, "<", `\u0026`, "&", `\u003e`, ">").Replace(fullJSON) + "\n"
	if b.String() != want {
		t.Errorf("unescaped JSON changed:\ngot  %s\nwant %s", b.String(), want)
	}
	if !strings.Contains(want, "<&>") {
		t.Fatal("the test record has no HTML characters")
	}
}
