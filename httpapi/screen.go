package httpapi

import (
	"net/http"
	"strconv"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/apperr"
)

// screenRequest is the body of POST /v1/screen: one subject's fields at
// the top level, or many under "subjects", plus options.
type screenRequest struct {
	vigil.SubjectInput
	Subjects  []vigil.SubjectInput `json:"subjects,omitempty"`
	Threshold *float64             `json:"threshold,omitempty"`
	Limit     *int                 `json:"limit,omitempty"`
	Lists     []string             `json:"lists,omitempty"`
}

// batchResponse is the answer to a request with "subjects".
type batchResponse struct {
	Results []vigil.Result `json:"results"`
}

func (s *Server) screen(w http.ResponseWriter, r *http.Request) error {
	var req screenRequest
	if err := decodeBody(r, &req); err != nil {
		return err
	}
	opts, err := options(req)
	if err != nil {
		return err
	}
	if asOf := r.URL.Query().Get("as_of"); asOf != "" || r.URL.Query().Has("as_of") {
		return s.screenAsOf(w, r, req, opts, asOf)
	}
	if req.Subjects == nil {
		sub, err := req.SubjectInput.Subject("1")
		if err != nil {
			return err
		}
		res, err := s.svc.Screen(r.Context(), s.principal(r), sub, opts, r.Header.Get(IdempotencyHeader))
		if err != nil {
			return err
		}
		writeJSON(w, s.log, http.StatusOK, res)
		return nil
	}
	subs, err := s.batch(req)
	if err != nil {
		return err
	}
	results, err := s.svc.ScreenBatch(r.Context(), s.principal(r), subs, opts)
	if err != nil {
		return err
	}
	writeJSON(w, s.log, http.StatusOK, batchResponse{Results: results})
	return nil
}

// batch validates a batch request's subjects.
func (s *Server) batch(req screenRequest) ([]vigil.Subject, error) {
	if !req.SubjectInput.IsZero() {
		return nil, apperr.Field("subjects", "give either one subject's fields or \"subjects\", not both")
	}
	if len(req.Subjects) == 0 {
		return nil, apperr.Field("subjects", "empty: give at least one subject")
	}
	if len(req.Subjects) > s.maxBatch {
		return nil, apperr.New(apperr.TooLarge, "%d subjects in one request; the limit is %d", len(req.Subjects), s.maxBatch)
	}
	subs := make([]vigil.Subject, len(req.Subjects))
	for i, in := range req.Subjects {
		sub, err := in.Subject(strconv.Itoa(i + 1))
		if err != nil {
			return nil, apperr.PrefixField("subjects["+strconv.Itoa(i)+"].", err)
		}
		subs[i] = sub
	}
	return subs, nil
}

// maxLists bounds the "lists" option: there are far fewer lists.
const maxLists = 64

// options reads the screening options of a request. A threshold or limit
// given as 0 is refused here (0 would mean "the default" to the service);
// the service checks the ranges and the lists.
func options(req screenRequest) (vigil.Options, error) {
	var opts vigil.Options
	if req.Threshold != nil {
		if *req.Threshold == 0 {
			return opts, apperr.Field("threshold", "0 is not in (0, 1]")
		}
		opts.Threshold = *req.Threshold
	}
	if req.Limit != nil {
		if *req.Limit == 0 {
			return opts, apperr.Field("limit", "0 is not in 1..100")
		}
		opts.Limit = *req.Limit
	}
	if len(req.Lists) > maxLists {
		return opts, apperr.Field("lists", "%d lists named; at most %d", len(req.Lists), maxLists)
	}
	opts.Lists = req.Lists
	return opts, nil
}

func (s *Server) compare(w http.ResponseWriter, r *http.Request) error {
	var p vigil.Pair
	if err := decodeBody(r, &p); err != nil {
		return err
	}
	a, b, err := p.Subjects()
	if err != nil {
		return err
	}
	hit, err := s.svc.Compare(r.Context(), s.principal(r), a, b)
	if err != nil {
		return err
	}
	id := string(p.ID)
	if id == "" {
		id = "1"
	}
	writeJSON(w, s.log, http.StatusOK, vigil.Comparison{ID: id, Score: hit.Score, Explanation: &hit.Explanation})
	return nil
}
