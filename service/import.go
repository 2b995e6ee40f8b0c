package service

import (
	"context"
	"fmt"
	"strings"

	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/snapshot"
	"github.com/vigil-screening/vigil/source"
	"github.com/vigil-screening/vigil/store"
)

// The one import policy, for `vigil lists import`, `vigil lists fetch`
// and `vigil serve --lists` alike:
//
//   - every edition found is checked against the edition in force of its
//     source (source.Accept) and stored when it passes: it is then in
//     force. The good editions of a folder are stored whatever happens to
//     the others.
//   - an edition is rejected when its files cannot be read as a complete
//     edition (damaged, cut short, named like a list but not one) or when
//     it fails the checks (records lost, an older edition, duplicate
//     identifiers). Its list keeps the edition in force.
//   - the import fails (ImportReport.Err) when any edition was rejected,
//     or when the folder holds no edition at all: nothing is screened
//     against fewer lists than given without an error saying so.
//   - files unrelated to the lists (a README) are skipped with a warning.

// ImportReport is what an import of a folder did.
type ImportReport struct {
	// Dir is the folder or file imported.
	Dir string
	// Results has one entry per edition found, by source and edition date.
	Results []source.Result
	// Skipped are the files unrelated to the lists: warnings.
	Skipped []string
}

// Count returns how many editions have the status.
func (r *ImportReport) Count(s source.Status) int {
	n := 0
	for _, res := range r.Results {
		if res.Status == s {
			n++
		}
	}
	return n
}

// Err returns nil when every edition found was stored or already known,
// and otherwise an error naming each rejected edition and why, or saying
// that the folder holds no edition.
func (r *ImportReport) Err() error {
	if len(r.Results) == 0 {
		return fmt.Errorf("%s: no list edition found", r.Dir)
	}
	var why []string
	for _, res := range r.Results {
		if res.Status == source.Rejected {
			why = append(why, fmt.Sprintf("  %s: %s", res.Path, res.Reason))
		}
	}
	if len(why) == 0 {
		return nil
	}
	return fmt.Errorf("%s: %d edition(s) rejected; their lists keep the edition in force (repair or remove the files, "+
		"or import again with force to accept an edition that failed the checks):\n%s\n%s",
		r.Dir, len(why), strings.Join(why, "\n"), r.summary())
}

// summary says what happened to the editions that were not rejected.
func (r *ImportReport) summary() string {
	ok := len(r.Results) - r.Count(source.Rejected)
	if ok == 0 {
		return "Nothing was imported."
	}
	return fmt.Sprintf("The other %d edition(s) were imported: %d accepted, %d unchanged, %d known.",
		ok, r.Count(source.Accepted), r.Count(source.Unchanged), r.Count(source.Known))
}

// ImportLists imports the editions found in dir under the one import
// policy (see above). The report is returned whenever the folder could be
// read, with the policy's error when it failed; other errors (the folder,
// the database) come without a report.
func (s *Service) ImportLists(ctx context.Context, p auth.Principal, dir string, checks source.Checks) (*ImportReport, error) {
	db, err := s.store(p, auth.ActionImportLists)
	if err != nil {
		return nil, err
	}
	l, err := source.Load(ctx, dir)
	if err != nil {
		return nil, fmt.Errorf("import %s: %w", dir, err)
	}
	return importLoaded(ctx, db, p, dir, l, checks)
}

// importLoaded imports editions loaded from dir under the policy.
func importLoaded(ctx context.Context, db *store.DB, p auth.Principal, dir string, l *source.Loaded, checks source.Checks) (*ImportReport, error) {
	rep, err := source.ImportLoaded(ctx, importStore{db, p}, l, checks)
	if err != nil {
		return nil, fmt.Errorf("import %s: %w", dir, err)
	}
	out := &ImportReport{Dir: dir, Results: rep.Results, Skipped: rep.Unrecognised}
	return out, out.Err()
}

// Editions lists every stored edition, by source and newest accepted
// first, and says which are in force.
func (s *Service) Editions(ctx context.Context, p auth.Principal) ([]Edition, error) {
	db, err := s.store(p, auth.ActionViewLists)
	if err != nil {
		return nil, err
	}
	all, err := db.ListSnapshots(ctx)
	if err != nil {
		return nil, err
	}
	inForce, err := db.InForce(ctx)
	if err != nil {
		return nil, err
	}
	ids := map[int64]bool{}
	for _, m := range inForce {
		ids[m.ID] = true
	}
	out := make([]Edition, len(all))
	for i, m := range all {
		out[i] = Edition{Meta: m, InForce: ids[m.ID]}
	}
	return out, nil
}

// Edition is a stored edition and whether it is the one in force.
type Edition struct {
	snapshot.Meta
	InForce bool `json:"in_force"`
}

// importStore is the store as source.Import sees it, saving under the
// principal who imports.
type importStore struct {
	db    *store.DB
	actor auth.Principal
}

func (st importStore) SaveSnapshot(ctx context.Context, s *snapshot.Snapshot) error {
	return st.db.SaveSnapshot(ctx, st.actor, s)
}

func (st importStore) InForceSnapshot(ctx context.Context, src string) (*snapshot.Snapshot, error) {
	return st.db.InForceSnapshot(ctx, src)
}

func (st importStore) ListSnapshots(ctx context.Context) ([]snapshot.Meta, error) {
	return st.db.ListSnapshots(ctx)
}
