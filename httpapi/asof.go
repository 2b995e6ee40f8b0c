package httpapi

import (
	"encoding/json"
	"net/http"
	"strconv"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/service"
	"github.com/vigil-screening/vigil/snapshot"
)

// asOfResponse is the answer to POST /v1/screen?as_of=YYYY-MM-DD: the
// result of one subject and the editions that were in force that day.
type asOfResponse struct {
	vigil.Result
	AsOf     string          `json:"as_of"`
	Editions []snapshot.Meta `json:"editions"`
}

func (a asOfResponse) MarshalJSON() ([]byte, error) {
	hits := a.Hits
	if hits == nil {
		hits = []vigil.Hit{}
	}
	return json.Marshal(struct {
		ID       string          `json:"id"`
		AsOf     string          `json:"as_of"`
		Editions []snapshot.Meta `json:"editions"`
		Hits     []vigil.Hit     `json:"hits"`
		Warnings []string        `json:"warnings,omitempty"`
	}{a.ID, a.AsOf, a.Editions, hits, a.Warnings})
}

// screenAsOf screens one subject against the editions in force on a past
// date.
func (s *Server) screenAsOf(w http.ResponseWriter, r *http.Request, req screenRequest, opts vigil.Options, asOf string) error {
	if req.Subjects != nil {
		return apperr.Field("subjects", "as_of screens one subject per request; send its fields at the top level")
	}
	sub, err := req.SubjectInput.Subject("1")
	if err != nil {
		return err
	}
	res, err := s.svc.ScreenAsOf(r.Context(), s.principal(r), sub, opts, asOf, r.Header.Get(IdempotencyHeader))
	if err != nil {
		return err
	}
	writeJSON(w, s.log, http.StatusOK, asOfResponse{Result: res.Result, AsOf: res.AsOf, Editions: res.Editions})
	return nil
}

// lateMatches serves GET /v1/reports/late-matches?since=&as_of=&after=&limit=:
// one page of the report; "next" is the after of the next page.
func (s *Server) lateMatches(w http.ResponseWriter, r *http.Request) error {
	if err := checkQuery(r, "since", "as_of", "after", "limit"); err != nil {
		return err
	}
	v := r.URL.Query()
	limit, err := intParam(v, "limit", 100, 1, service.MaxLateMatches)
	if err != nil {
		return err
	}
	var after int64
	if raw := v.Get("after"); raw != "" {
		if after, err = strconv.ParseInt(raw, 10, 64); err != nil || after < 0 {
			return apperr.Field("after", "want the \"next\" of the previous page")
		}
	}
	page, err := s.svc.LateMatches(r.Context(), s.principal(r), service.LateMatchQuery{
		Since: v.Get("since"), AsOf: v.Get("as_of"), After: after, Limit: limit})
	if err != nil {
		return err
	}
	writeJSON(w, s.log, http.StatusOK, page)
	return nil
}
