// Package synth builds large synthetic watchlists from the name parts of
// real ones, and measures the screening engine on them.
//
// Real lists hold some tens of thousands of records; the scale target is a
// million. Generate recombines real given names, family names, particles,
// organisation words and legal forms, roughly by the culture of the record
// they came from, into distinct plausible records of list "synthetic".
// Queries derives noisy copies of some of them (and names that are on no
// list) so that recall can be measured at scale, and Run measures the
// engine's build time, memory and throughput.
package synth

import (
	"context"
	"fmt"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/source"
)

// List is the list name of every synthetic record.
const List = "synthetic"

// LoadSeed reads every list edition in dir and returns all their records,
// to be used as the seed of Generate.
func LoadSeed(ctx context.Context, dir string) ([]*entity.Entity, error) {
	snaps, err := source.LoadDir(ctx, dir)
	if err != nil {
		return nil, fmt.Errorf("load seed lists: %w", err)
	}
	var ents []*entity.Entity
	for _, s := range snaps {
		ents = append(ents, s.Entities()...)
	}
	if len(ents) == 0 {
		return nil, fmt.Errorf("load seed lists: no records in %s", dir)
	}
	return ents, nil
}
