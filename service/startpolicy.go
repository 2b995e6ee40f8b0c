package service

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/snapshot"
	"github.com/vigil-screening/vigil/source"
)

// The start policy of `vigil serve --lists DIR`: the folder is imported
// under the one import policy (import.go), and then
//
//   - when every source of a rejected file still has an edition in force
//     (an earlier one, accepted before), the server starts degraded: it
//     screens against the editions in force and says, in /readyz and
//     GET /v1/lists, which source, which file and why (Degraded);
//   - when some rejected file's source has no edition in force at all, the
//     server refuses to start: it would screen against fewer lists than it
//     was given, without anything saying so.

// Degraded is a source whose newer file was rejected, while an earlier
// edition stays in force.
type Degraded struct {
	Source string `json:"source"`
	// File is the rejected file (or folder), Reason why it was rejected.
	File   string `json:"file"`
	Reason string `json:"reason"`
	// InForce is the edition screened against instead.
	InForce string `json:"edition_in_force"`
	hash    string // of the edition in force when the file was rejected
}

// ImportAtStart imports dir under the start policy (above). It returns the
// import's report, the sources left degraded (also kept by the service
// and reported by Degraded until a newer edition of the source is put in
// force), and an error when the server must not start.
func (s *Service) ImportAtStart(ctx context.Context, p auth.Principal, dir string, checks source.Checks) (*ImportReport, []Degraded, error) {
	rep, err := s.ImportLists(ctx, p, dir, checks)
	if err == nil || rep == nil || len(rep.Results) == 0 {
		return rep, nil, err
	}
	db, derr := s.store(p, auth.ActionImportLists)
	if derr != nil {
		return rep, nil, derr
	}
	inForce, ierr := db.InForce(ctx)
	if ierr != nil {
		return rep, nil, fmt.Errorf("import %s: %w", dir, ierr)
	}
	bySource := map[string]snapshot.Meta{}
	for _, m := range inForce {
		bySource[m.Source] = m
	}
	var deg []Degraded
	var none []string
	for _, r := range rep.Results {
		if r.Status != source.Rejected {
			continue
		}
		m, ok := bySource[r.Source]
		if !ok {
			none = append(none, fmt.Sprintf("  %s (%s): %s", r.Path, sourceName(r.Source), r.Reason))
			continue
		}
		deg = append(deg, Degraded{Source: r.Source, File: r.Path, Reason: r.Reason, InForce: m.Edition, hash: m.Hash})
	}
	if len(none) > 0 {
		return rep, nil, fmt.Errorf("%s: not starting: %d rejected file(s) belong to a source with no edition in force at all, "+
			"which would not be screened against:\n%s\n(the full report: %v)", dir, len(none), strings.Join(none, "\n"), err)
	}
	s.degraded.Store(&deg)
	for _, d := range deg {
		s.log.Warn("serving degraded: a list file was rejected; its source keeps the edition in force",
			"source", d.Source, "file", d.File, "reason", d.Reason, "edition_in_force", d.InForce)
	}
	return rep, deg, nil
}

func sourceName(s string) string {
	if s == "" {
		return "source not recognised"
	}
	return "source " + s
}

// Degraded returns the sources whose newer file was rejected at start and
// that still screen against an earlier edition.
func (s *Service) Degraded() []Degraded {
	d := s.degraded.Load()
	if d == nil {
		return nil
	}
	return slices.Clone(*d)
}

// settleDegraded drops the degraded sources whose edition in force has
// changed since (a good file was imported): they are degraded no more.
func (s *Service) settleDegraded(inForce []snapshot.Meta) {
	d := s.degraded.Load()
	if d == nil || len(*d) == 0 {
		return
	}
	hash := map[string]string{}
	for _, m := range inForce {
		hash[m.Source] = m.Hash
	}
	var keep []Degraded
	for _, x := range *d {
		if hash[x.Source] == x.hash {
			keep = append(keep, x)
		}
	}
	s.degraded.Store(&keep)
}
