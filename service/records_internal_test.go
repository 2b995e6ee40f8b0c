package service

import (
	"context"
	"testing"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/entity"
)

// recordsEngine is an Engine that only knows some records.
type recordsEngine map[vigil.Ref]*entity.Entity

func (e recordsEngine) Screen(context.Context, vigil.Subject, vigil.Options) ([]vigil.Hit, error) {
	return nil, nil
}

func (e recordsEngine) Compare(context.Context, vigil.Subject, vigil.Subject) (vigil.Hit, error) {
	return vigil.Hit{}, nil
}

func (e recordsEngine) Entity(list, id string) *entity.Entity {
	return e[vigil.Ref{List: list, SourceID: id}]
}

// withRecords attaches the hit's record and those of its Also that the
// engine knows, so the store can compare every record of the identity
// with its false-positive memory.
func TestWithRecordsAttachesAlso(t *testing.T) {
	dfat := &entity.Entity{List: "au_dfat", ID: "147"}
	un := &entity.Entity{List: "un_sc", ID: "111923"}
	eng := recordsEngine{{List: "au_dfat", SourceID: "147"}: dfat, {List: "un_sc", SourceID: "111923"}: un}
	h := vigil.Hit{List: "au_dfat", SourceID: "147", Also: []vigil.Ref{{List: "un_sc", SourceID: "111923"}, {List: "us_ofac_sdn", SourceID: "2676"}}}
	got := withRecords(eng, []vigil.Hit{h})
	if len(got) != 1 || got[0].Record != dfat {
		t.Fatalf("record = %+v, want the au_dfat record", got)
	}
	if len(got[0].AlsoRecords) != 1 || got[0].AlsoRecords[0] != un {
		t.Fatalf("also records = %+v, want only the known un_sc record", got[0].AlsoRecords)
	}
}
