package service

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"time"

	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/source"
	"github.com/vigil-screening/vigil/store"
)

// refreshDelta refreshes an OpenSanctions dataset from its delta
// versions (see source/delta.go): it fetches the index, and the full
// export when no version is held; then it applies each version after the
// one held, in order, importing each as an edition under the one import
// policy (an empty version is an unchanged edition), and records the
// version held. A version that cannot be fetched or read, or whose
// edition is rejected, stops the refresh at the last good version, which
// stays held and in force; the error says which and why.
func (s *Service) refreshDelta(ctx context.Context, p auth.Principal, db *store.DB, src source.Source, a *RefreshAttempt) error {
	dir := filepath.Join(s.refresh.Dir, src.Name)
	f := s.fetcher()
	index, m, err := fetchOne(ctx, f, filepath.Join(dir, "index"), src, src.Delta.Index, "delta.json")
	a.HTTPStatus, a.Bytes = m.Status(), m.Bytes()
	if err != nil {
		a.Status = store.RefreshFailed
		return err
	}
	versions, err := parseIndex(index, src.Delta.Index)
	if err != nil {
		a.Status = store.RefreshFailed
		return err
	}
	es, held, err := source.LoadDeltaState(ctx, dir, src.Name)
	if err != nil {
		a.Status = store.RefreshFailed
		return err
	}
	a.Status, a.Version = store.RefreshUnchanged, held
	if m.Unchanged() {
		a.Status = store.RefreshNotModified
	}
	if es == nil {
		if es, held, err = s.fullExport(ctx, p, dir, src, versions, a); err != nil {
			return err
		}
	}
	for _, v := range versions {
		if v.Version <= held {
			continue
		}
		if err := s.applyVersion(ctx, p, dir, src, es, v, a); err != nil {
			return fmt.Errorf("%s: stopped at version %s, holding version %s: %w", src.Name, v.Version, orNone(held), err)
		}
		held = v.Version
		if err := db.SetSourceVersion(ctx, src.Name, held); err != nil {
			return err
		}
	}
	return nil
}

func orNone(v string) string {
	if v == "" {
		return "(the full export)"
	}
	return v
}

// fullExport fetches and imports the dataset's full export, which holds
// at least every version the index listed before it was fetched.
func (s *Service) fullExport(ctx context.Context, p auth.Principal, dir string, src source.Source, versions []source.DeltaVersion, a *RefreshAttempt) (source.Entities, string, error) {
	held, at := "", time.Now().UTC()
	if len(versions) > 0 {
		last := versions[len(versions)-1]
		held = last.Version
		if t, ok := last.Time(); ok {
			at = t
		}
	}
	path, m, err := fetchOne(ctx, s.fetcher(), filepath.Join(dir, "full"), src, src.Delta.Entities, "entities.ftm.json")
	a.HTTPStatus, a.Bytes = m.Status(), a.Bytes+m.Bytes()
	if err != nil {
		a.Status = store.RefreshFailed
		return nil, "", err
	}
	file, err := os.Open(path)
	if err != nil {
		return nil, "", err
	}
	defer file.Close()
	es, err := source.ReadEntities(ctx, file, path)
	if err != nil {
		a.Status = store.RefreshRejected
		source.ForgetFetched(filepath.Dir(path))
		return nil, "", fmt.Errorf("%s: the full export: %w", src.Name, err)
	}
	if err := s.importVersion(ctx, p, dir, src, es, held, at, a); err != nil {
		return nil, "", fmt.Errorf("%s: the full export: %w", src.Name, err)
	}
	return es, held, s.db.SetSourceVersion(ctx, src.Name, held)
}

// applyVersion fetches one version, applies it to es and imports the
// result; on any failure es is as it was.
func (s *Service) applyVersion(ctx context.Context, p auth.Principal, dir string, src source.Source, es source.Entities, v source.DeltaVersion, a *RefreshAttempt) error {
	path, m, err := fetchOne(ctx, s.fetcher(), filepath.Join(dir, "versions", v.Version), src, v.URL, "entities.delta.json")
	a.HTTPStatus, a.Bytes = m.Status(), a.Bytes+m.Bytes()
	if err != nil {
		a.Status = store.RefreshFailed
		return err
	}
	file, err := os.Open(path)
	if err != nil {
		return err
	}
	defer file.Close()
	before := maps.Clone(es)
	err = source.ReadDelta(ctx, file, path, func(op source.DeltaOp) error { es.Apply(op); return nil })
	if err == nil {
		at, ok := v.Time()
		if !ok {
			at = time.Now().UTC()
		}
		err = s.importVersion(ctx, p, dir, src, es, v.Version, at, a)
	}
	if err != nil {
		if a.Status != store.RefreshRejected {
			a.Status = store.RefreshRejected
		}
		source.ForgetFetched(filepath.Dir(path))
		maps.DeleteFunc(es, func(string, []byte) bool { return true })
		maps.Copy(es, before)
	}
	return err
}

// importVersion stages the entities as the edition of version, dated at,
// imports it under the one import policy and, when it is not rejected,
// keeps it as the state.
func (s *Service) importVersion(ctx context.Context, p auth.Principal, dir string, src source.Source, es source.Entities, version string, at time.Time, a *RefreshAttempt) error {
	path, err := source.StageDelta(dir, src.Name, es, at)
	if err != nil {
		return err
	}
	rep, err := s.importDelta(ctx, p, path, version)
	if rep == nil {
		return err
	}
	for _, r := range rep.Results {
		if r.Source != src.Name && r.Status != source.Rejected {
			return fmt.Errorf("version %s reads as list %s, not %s", version, r.Source, src.Name)
		}
		switch r.Status {
		case source.Rejected:
			a.Status = store.RefreshRejected
		case source.Accepted:
			a.Status, a.Edition, a.Hash = store.RefreshAccepted, r.Edition, r.Hash
		case source.Unchanged, source.Known:
			if a.Status != store.RefreshAccepted && a.Status != store.RefreshRejected {
				a.Status = store.RefreshUnchanged
			}
		}
	}
	if err != nil {
		return err
	}
	if err := source.KeepDelta(dir, src.Name, version); err != nil {
		return err
	}
	a.Version = version
	return nil
}

// importDelta imports the staged edition of a version. Vigil keeps one
// copy of each edition, by its hash: a version that brings the entities
// back to an edition stored before (an entity added, then deleted) would
// be "known" and leave the edition in force as it is. So such an edition
// is imported again under a hash that also covers the version: it is
// then a new edition, in force like any other. (An empty version gives
// the edition in force, which stays "unchanged".)
func (s *Service) importDelta(ctx context.Context, p auth.Principal, path, version string) (*ImportReport, error) {
	db, err := s.store(p, auth.ActionImportLists)
	if err != nil {
		return nil, err
	}
	l, err := source.Load(ctx, path)
	if err != nil {
		return nil, fmt.Errorf("import %s: %w", path, err)
	}
	rep, err := importLoaded(ctx, db, p, path, l, s.refresh.Checks)
	if rep == nil || len(l.Editions) != 1 || rep.Count(source.Known) != 1 {
		return rep, err
	}
	snap := l.Editions[0].Snapshot
	sum := sha256.Sum256([]byte(snap.Hash + "\n" + version))
	snap.Hash = hex.EncodeToString(sum[:])
	return importLoaded(ctx, db, p, path, l, s.refresh.Checks)
}

// fetchOne fetches one file into dir and returns its path.
func fetchOne(ctx context.Context, f *source.Fetcher, dir string, src source.Source, url, file string) (string, *source.Manifest, error) {
	m, err := f.Fetch(ctx, dir, source.Source{Name: src.Name, Auth: src.Auth, Downloads: []source.Download{{URL: url, File: file}}})
	return filepath.Join(dir, file), m, err
}

func parseIndex(path, base string) ([]source.DeltaVersion, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	vs, err := source.ParseDeltaIndex(f, path, base)
	if err != nil {
		source.ForgetFetched(filepath.Dir(path))
		return nil, err
	}
	return vs, nil
}
