package screen

import (
	"context"
	"errors"

	"github.com/vigil-screening/vigil/entity"
)

// DefaultThreshold is the documented alert threshold.
// TODO(engine): calibrate on the dev set and document in docs/accuracy.md.
const DefaultThreshold = 0.80

// Config tunes an Engine at build time.
type Config struct{}

// Engine screens subjects against an in-memory index of listed records.
// It is safe for concurrent use.
type Engine struct {
	entities []*entity.Entity
}

// New indexes the records. The slice and the records must not be changed
// afterwards.
func New(entities []*entity.Entity, cfg Config) (*Engine, error) {
	return &Engine{entities: entities}, nil
}

// Screen returns the hits for s at or above the threshold, best first.
func (e *Engine) Screen(ctx context.Context, s Subject, opts Options) ([]Hit, error) {
	return nil, errors.New("screen: engine not implemented yet")
}

// Compare scores subject b as if it were a listed record, against a.
func (e *Engine) Compare(ctx context.Context, a, b Subject) (Hit, error) {
	return Hit{}, errors.New("screen: compare not implemented yet")
}

// Entity returns the record list/id, or nil.
func (e *Engine) Entity(list, id string) *entity.Entity { return nil }
