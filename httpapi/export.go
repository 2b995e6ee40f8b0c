package httpapi

import (
	"net/http"
	"time"

	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/export"
)

// exporter answers GET /v1/export/{table}: the whole table as CSV, XLSX
// or JSON Lines, chosen by ?format= or else by the Accept header (JSON
// Lines when neither names one), streamed as the store reads it.
func (s *Server) exporter(table string) HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		if err := checkQuery(r, "format"); err != nil {
			return err
		}
		f := export.JSONL
		if v := r.URL.Query().Get("format"); v != "" {
			var err error
			if f, err = export.ParseFormat(v); err != nil {
				return apperr.Field("format", "%s", err.Error())
			}
		} else if a := export.FromAccept(r.Header.Get("Accept")); a != "" {
			f = a
		}
		// A million rows take longer than the server's write timeout.
		_ = http.NewResponseController(w).SetWriteDeadline(time.Time{})
		out := &exportWriter{w: w, format: f, name: table}
		if _, err := s.svc.ExportTable(r.Context(), s.principal(r), table, f, out); err != nil {
			if !out.started {
				return err
			}
			// The status is sent; a cut stream (no closing of the XLSX
			// archive, no final line) is all the client can see.
			s.log.ErrorContext(r.Context(), "export failed", "table", table, "err", err)
			panic(http.ErrAbortHandler)
		}
		if !out.started {
			out.start()
		}
		return nil
	}
}

// exportWriter sends the headers of an export with its first bytes.
type exportWriter struct {
	w       http.ResponseWriter
	format  export.Format
	name    string
	started bool
}

func (ew *exportWriter) start() {
	h := ew.w.Header()
	h.Set("Content-Type", ew.format.ContentType())
	h.Set("Content-Disposition", `attachment; filename="vigil-`+ew.name+`.`+string(ew.format)+`"`)
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	ew.started = true
}

func (ew *exportWriter) Write(p []byte) (int, error) {
	if !ew.started {
		ew.start()
	}
	return ew.w.Write(p)
}
