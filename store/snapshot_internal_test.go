package store

import (
	"testing"

	"github.com/vigil-screening/vigil/entity"
)

func TestDecodeEntitiesHostile(t *testing.T) {
	good, err := encodeEntities([]*entity.Entity{{List: "un_sc", ID: "1", Names: []entity.Name{{Full: "A"}}}})
	if err != nil {
		t.Fatal(err)
	}
	bad := map[string][]byte{
		"empty":     nil,
		"not gzip":  []byte("\x00\x01binary"),
		"truncated": good[:len(good)/2],
		"no footer": good[:len(good)-4],
		"bad crc":   append(append([]byte{}, good[:len(good)-8]...), 1, 2, 3, 4, 5, 6, 7, 8),
	}
	for name, b := range bad {
		if _, err := decodeEntities(b); err == nil {
			t.Errorf("%s: decoded", name)
		}
	}
	if es, err := decodeEntities(good); err != nil || len(es) != 1 || es[0].ID != "1" {
		t.Fatalf("good blob: %v, %v", es, err)
	}
}

func FuzzDecodeEntities(f *testing.F) {
	good, _ := encodeEntities([]*entity.Entity{{List: "un_sc", ID: "1"}})
	f.Add(good)
	f.Add([]byte{})
	f.Add(good[:10])
	f.Fuzz(func(t *testing.T, b []byte) {
		es, err := decodeEntities(b)
		if err != nil && es != nil {
			t.Fatalf("error with a partial result: %v", err)
		}
	})
}
