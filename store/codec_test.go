package store

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/vigil-screening/vigil/entity"
)

func TestEntityCodec(t *testing.T) {
	es := []*entity.Entity{{
		List: "un_sc", ID: "6908052", Kind: entity.KindPerson,
		Names:      []entity.Name{{Full: "Ayman al-Zawahiri", Type: entity.NamePrimary}, {Full: "أيمن الظواهري", Type: entity.NameOriginalScript, Script: "Arab"}},
		BirthDates: []entity.Date{{Year: 1951, Month: 6, Day: 19}},
		Relations:  []entity.Relation{{Type: entity.RelLinkedTo, TargetID: "7", Start: entity.Date{Year: 2001}}},
	}}
	blob, err := encodeEntities(es)
	if err != nil {
		t.Fatal(err)
	}
	got, err := decodeEntities(blob)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, es) {
		t.Errorf("gob round trip:\n got %+v\nwant %+v", got[0], es[0])
	}

	// Blobs written as gzipped JSON by earlier versions still decode.
	var legacy bytes.Buffer
	zw := gzip.NewWriter(&legacy)
	if err := json.NewEncoder(zw).Encode(es); err != nil {
		t.Fatal(err)
	}
	zw.Close()
	if got, err = decodeEntities(legacy.Bytes()); err != nil || !reflect.DeepEqual(got, es) {
		t.Errorf("legacy JSON blob: %v, %+v", err, got)
	}

	// A damaged blob is an error, not a partial list.
	if _, err := decodeEntities(blob[:len(blob)/2]); err == nil {
		t.Error("truncated blob decoded without error")
	}
}
