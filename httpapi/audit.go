package httpapi

import (
	"net/http"

	"github.com/vigil-screening/vigil/audit"
)

// exportAudit streams the audit trail as JSON Lines, oldest first,
// optionally limited to from <= at < to.
func (s *Server) exportAudit(w http.ResponseWriter, r *http.Request) error {
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
	out := &streamWriter{w: w}
	if _, err := s.svc.ExportAudit(r.Context(), s.principal(r), out, from, to); err != nil {
		if !out.started {
			return err
		}
		// The status is sent; a broken stream is all the client can see.
		s.log.ErrorContext(r.Context(), "audit export failed", "err", err)
	}
	if !out.started {
		out.start()
	}
	return nil
}

// verifyReport is the body of GET /v1/audit/verify.
type verifyReport struct {
	// Intact: the hash chain; Finding its first break.
	Intact  bool           `json:"intact"`
	Entries int64          `json:"entries"`
	Finding *audit.Finding `json:"finding,omitempty"`
	// Consistent: the tables hold the state the trail describes; State
	// lists the differences.
	Consistent bool               `json:"consistent"`
	State      *audit.StateReport `json:"state"`
}

// verifyAudit walks the hash chain, reporting the first break if any, and
// compares the tables with the state the trail describes.
func (s *Server) verifyAudit(w http.ResponseWriter, r *http.Request) error {
	if err := checkQuery(r, "max_differences"); err != nil {
		return err
	}
	limit, err := intParam(r.URL.Query(), "max_differences", 100, 1, 10000)
	if err != nil {
		return err
	}
	v, err := s.svc.Verify(r.Context(), s.principal(r), limit)
	if err != nil {
		return err
	}
	writeJSON(w, s.log, http.StatusOK, verifyReport{Intact: v.Finding == nil, Entries: v.Entries, Finding: v.Finding,
		Consistent: v.State.Consistent, State: v.State})
	return nil
}

// streamWriter sends the JSON Lines headers with the first bytes, so that
// an error before any (a refused caller) is still answered as JSON.
type streamWriter struct {
	w       http.ResponseWriter
	started bool
}

func (sw *streamWriter) start() {
	sw.w.Header().Set("Content-Type", "application/x-ndjson")
	sw.w.Header().Set("Cache-Control", "no-store")
	sw.started = true
}

func (sw *streamWriter) Write(p []byte) (int, error) {
	if !sw.started {
		sw.start()
	}
	return sw.w.Write(p)
}
