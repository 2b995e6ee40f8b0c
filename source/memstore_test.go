package source

import (
	"context"
	"errors"

	"github.com/vigil-screening/vigil/snapshot"
)

// memStore is an in-memory SnapshotStore for tests: snapshots in the
// order saved, the last one of a source being the one in force.
type memStore struct {
	saved   []*snapshot.Snapshot
	failOn  string // SaveSnapshot fails for this source
	saveErr error
}

var _ SnapshotStore = (*memStore)(nil)

func (m *memStore) SaveSnapshot(ctx context.Context, s *snapshot.Snapshot) error {
	if s.Source == m.failOn {
		return m.saveErr
	}
	m.saved = append(m.saved, s)
	s.ID = int64(len(m.saved))
	return nil
}

func (m *memStore) InForceSnapshot(ctx context.Context, source string) (*snapshot.Snapshot, error) {
	if source == "" {
		return nil, errors.New("no source")
	}
	for i := len(m.saved) - 1; i >= 0; i-- {
		if m.saved[i].Source == source {
			return m.saved[i], nil
		}
	}
	return nil, nil
}

func (m *memStore) ListSnapshots(ctx context.Context) ([]snapshot.Meta, error) {
	metas := make([]snapshot.Meta, len(m.saved))
	for i, s := range m.saved {
		metas[i] = s.Meta()
	}
	return metas, nil
}
