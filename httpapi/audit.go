package httpapi

import (
	"net/http"

	"github.com/vigil-screening/vigil/audit"
)

// exportAudit streams the audit trail as JSON Lines, oldest first,
// optionally limited to from <= at < to.
func (s *Server) exportAudit(w http.ResponseWriter, r *http.Request) error {
	db, _, err := s.actor(r)
	if err != nil {
		return err
	}
	if err := checkQuery(r, "from", "to"); err != nil {
		return err
	}
	from, err := timeParam(r.URL.Query(), "from")
	if err != nil {
		return err
	}
	to, err := timeParam(r.URL.Query(), "to")
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/x-ndjson")
	w.Header().Set("Cache-Control", "no-store")
	if _, err := db.ExportAudit(r.Context(), w, from, to); err != nil {
		// The status is sent; a broken stream is all the client can see.
		s.log.ErrorContext(r.Context(), "audit export failed", "err", err)
	}
	return nil
}

// verifyReport is the body of GET /v1/audit/verify.
type verifyReport struct {
	Intact  bool           `json:"intact"`
	Entries int64          `json:"entries"`
	Finding *audit.Finding `json:"finding,omitempty"`
}

// verifyAudit walks the hash chain and reports the first break, if any.
func (s *Server) verifyAudit(w http.ResponseWriter, r *http.Request) error {
	db, _, err := s.actor(r)
	if err != nil {
		return err
	}
	if err := checkQuery(r); err != nil {
		return err
	}
	f, n, err := db.VerifyAudit(r.Context())
	if err != nil {
		return err
	}
	writeJSON(w, s.log, http.StatusOK, verifyReport{Intact: f == nil, Entries: n, Finding: f})
	return nil
}
