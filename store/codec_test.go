package store

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"os"
	"reflect"
	"testing"

	"github.com/vigil-screening/vigil/entity"
)

func TestEntityCodec(t *testing.T) {
	es := []*entity.Entity{{
		List: "un_sc", ID: "6908052", Kind: entity.KindPerson,
		Names:      []entity.Name{{Full: "Ayman al-Zawahiri", Type: entity.NamePrimary}, {Full: "أيمن الظواهري", Type: entity.NameOriginalScript, Script: "Arab"}},
		BirthDates: []entity.Date{{Year: 1951, Month: 6, Day: 19}},

		More: &entity.More{Relations: []entity.Relation{{Type: entity.RelLinkedTo, TargetID: "7", Start: entity.Date{Year: 2001}}}},
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

// TestEntityCodecStoredBefore decodes records that the code before
// entity.More (commit 3595e66) stored, one with every field and one
// with none, and checks that they are read whole and written again in
// the same gob stream.
func TestEntityCodecStoredBefore(t *testing.T) {
	old, err := os.ReadFile("testdata/entities_gob_v1.gz")
	if err != nil {
		t.Fatal(err)
	}
	js, err := os.ReadFile("testdata/entities_gob_v1.json")
	if err != nil {
		t.Fatal(err)
	}
	var want []*entity.Entity
	if err := json.Unmarshal(js, &want); err != nil {
		t.Fatal(err)
	}
	got, err := decodeEntities(old)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) || got[0].More == nil || len(got[0].Relations()) != 2 {
		t.Fatalf("old gob blob:\n got %+v\nwant %+v", got, want)
	}
	again, err := encodeEntities(got)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(gunzip(t, again), gunzip(t, old)) {
		t.Error("the gob stream of the records changed")
	}
}

func gunzip(t *testing.T, b []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return out
}
