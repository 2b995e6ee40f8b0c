package service

import (
	"context"

	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/store"
)

// JobState is what the job queue holds: counts by kind and state, and the
// latest failures.
type JobState = store.JobState

// Jobs returns the state of the background jobs: how many of each kind
// are in each state, and the latest limit failures.
func (s *Service) Jobs(ctx context.Context, p auth.Principal, limit int) (*JobState, error) {
	db, err := s.store(p, auth.ActionViewJobs)
	if err != nil {
		return nil, err
	}
	st, err := db.JobState(ctx, limit)
	if err != nil {
		return nil, err
	}
	if st.NetworkVets, err = db.NetworkVetCounts(ctx); err != nil {
		return nil, err
	}
	if st.FailedNetworkVets, err = db.NetworkVets(ctx, store.NetVetFailed); err != nil {
		return nil, err
	}
	if st.FailedNetworkVets == nil {
		st.FailedNetworkVets = []*store.NetworkVet{}
	}
	return st, nil
}
