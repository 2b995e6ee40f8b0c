package service

import (
	"context"
	"io"
	"time"

	"github.com/vigil-screening/vigil/audit"
	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/store"
)

// The audit trail: read, exported and verified by auditors and admins.

// ExportAudit writes the entries with from <= at < to (zero times leave
// that end open) as JSON Lines, oldest first, and returns how many.
func (s *Service) ExportAudit(ctx context.Context, p auth.Principal, w io.Writer, from, to time.Time) (int64, error) {
	db, err := s.store(p, auth.ActionReadAudit)
	if err != nil {
		return 0, err
	}
	return db.ExportAudit(ctx, w, from, to)
}

// VerifyAudit walks the hash chain and returns its first break (nil when
// intact) and the number of entries.
func (s *Service) VerifyAudit(ctx context.Context, p auth.Principal) (*audit.Finding, int64, error) {
	db, err := s.store(p, auth.ActionReadAudit)
	if err != nil {
		return nil, 0, err
	}
	return db.VerifyAudit(ctx)
}

// Verify walks the hash chain and compares the tables with the state the
// trail describes, listing at most limit differences (see store.Verify).
func (s *Service) Verify(ctx context.Context, p auth.Principal, limit int) (*store.Verification, error) {
	db, err := s.store(p, auth.ActionReadAudit)
	if err != nil {
		return nil, err
	}
	return db.Verify(ctx, limit)
}

// AuditHead returns the chain's head, to keep outside the database.
func (s *Service) AuditHead(ctx context.Context, p auth.Principal) (audit.Head, error) {
	db, err := s.store(p, auth.ActionReadAudit)
	if err != nil {
		return audit.Head{}, err
	}
	return db.AuditHead(ctx)
}

// CheckAuditAnchor checks that the chain still holds the entry of a head
// kept earlier, unchanged.
func (s *Service) CheckAuditAnchor(ctx context.Context, p auth.Principal, want audit.Head) (*audit.Finding, error) {
	db, err := s.store(p, auth.ActionReadAudit)
	if err != nil {
		return nil, err
	}
	return db.CheckAuditAnchor(ctx, want)
}
