package service

import (
	"context"
	"io"

	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/audit"
	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/export"
	"github.com/vigil-screening/vigil/store"
)

// exportPermission is the permission each table's export needs: the
// audit trail's is reading it; alerts, screenings and subjects whole are
// "export" (supervisors, auditors and the operator at the command line:
// a bulk copy of personal data is not every reviewer's to take).
var exportPermission = map[string]auth.Action{
	"alerts":     auth.ActionExport,
	"screenings": auth.ActionExport,
	"subjects":   auth.ActionExport,
	"audit":      auth.ActionReadAudit,
}

// ExportTables are the tables Export writes.
func ExportTables() []string { return store.ExportTables }

// ExportTable writes a whole table (alerts, screenings, subjects or audit) to
// w in format f, streamed: the store reads it a keyset page at a time and
// each row is written as it comes. The export itself is audited (who,
// which table, which format) before the first row is written. It returns
// the number of rows written.
func (s *Service) ExportTable(ctx context.Context, p auth.Principal, table string, f export.Format, w io.Writer) (int64, error) {
	perm, ok := exportPermission[table]
	if !ok {
		return 0, apperr.Field("table", "%q is not one of alerts, screenings, subjects, audit", table)
	}
	db, err := s.store(p, perm)
	if err != nil {
		return 0, err
	}
	cols, _ := store.ExportColumns(table)
	if err := db.Audit(ctx, p, audit.ActionExport, "export/"+table, map[string]string{"table": table, "format": string(f)}); err != nil {
		return 0, err
	}
	ew, err := export.New(w, f, cols, table)
	if err != nil {
		return 0, err
	}
	var n int64
	err = db.ExportRows(ctx, table, func(row []any) error {
		n++
		return ew.Row(row)
	})
	if cerr := ew.Close(); err == nil {
		err = cerr
	}
	return n, err
}
