package httpapi

import (
	"net/http"
	"slices"
	"strconv"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/internal/strictjson"
	"github.com/vigil-screening/vigil/service"
	"github.com/vigil-screening/vigil/snapshot"
	"github.com/vigil-screening/vigil/subject"
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
	l, err := s.ready()
	if err != nil {
		return err
	}
	var req screenRequest
	if err := strictjson.Decode(r.Body, &req); err != nil {
		return err
	}
	opts, err := s.options(l, req)
	if err != nil {
		return err
	}
	if req.Subjects == nil {
		sub, err := req.SubjectInput.Subject("1")
		if err != nil {
			return err
		}
		hits, err := l.Engine.Screen(r.Context(), sub, opts)
		if err != nil {
			return err
		}
		if err := s.auditAdHoc(r, l, opts, []vigil.Subject{sub}, [][]vigil.Hit{hits}); err != nil {
			return err
		}
		writeJSON(w, s.log, http.StatusOK, vigil.Result{ID: sub.ID, Hits: hits, Warnings: sub.Warnings()})
		return nil
	}
	rows, err := s.batchRows(req)
	if err != nil {
		return err
	}
	resp := batchResponse{Results: make([]vigil.Result, 0, len(rows))}
	var subs []vigil.Subject
	var hits [][]vigil.Hit
	err = service.ScreenAll(r.Context(), l.Engine, opts, s.workers, service.SliceRows(rows), func(row subject.Row, res vigil.Result) error {
		resp.Results = append(resp.Results, res)
		if res.Error == "" {
			subs, hits = append(subs, row.Subject), append(hits, res.Hits)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := s.auditAdHoc(r, l, opts, subs, hits); err != nil {
		return err
	}
	writeJSON(w, s.log, http.StatusOK, resp)
	return nil
}

// batchRows validates a batch request's subjects.
func (s *Server) batchRows(req screenRequest) ([]subject.Row, error) {
	if !req.SubjectInput.IsZero() {
		return nil, apperr.Field("subjects", "give either one subject's fields or \"subjects\", not both")
	}
	if len(req.Subjects) == 0 {
		return nil, apperr.Field("subjects", "empty: give at least one subject")
	}
	if len(req.Subjects) > s.maxBatch {
		return nil, apperr.New(apperr.TooLarge, "%d subjects in one request; the limit is %d", len(req.Subjects), s.maxBatch)
	}
	rows := make([]subject.Row, len(req.Subjects))
	for i, in := range req.Subjects {
		sub, err := in.Subject(strconv.Itoa(i + 1))
		if err != nil {
			return nil, apperr.PrefixField("subjects["+strconv.Itoa(i)+"].", err)
		}
		rows[i] = subject.Row{Line: i + 1, Subject: sub}
	}
	return rows, nil
}

// options validates the screening options of a request.
func (s *Server) options(l *Lists, req screenRequest) (vigil.Options, error) {
	var opts vigil.Options
	if req.Threshold != nil {
		if t := *req.Threshold; t <= 0 || t > 1 {
			return opts, apperr.Field("threshold", "%g is not in (0, 1]", t)
		}
		opts.Threshold = *req.Threshold
	}
	if req.Limit != nil {
		if n := *req.Limit; n < 1 || n > 100 {
			return opts, apperr.Field("limit", "%d is not in 1..100", n)
		}
		opts.Limit = *req.Limit
	}
	for _, name := range req.Lists {
		if !slices.ContainsFunc(l.Snapshots, func(m snapshot.Meta) bool { return m.Source == name }) {
			return opts, apperr.Field("lists", "unknown list %q; see GET /v1/lists", name)
		}
	}
	opts.Lists = req.Lists
	return opts, nil
}

func (s *Server) compare(w http.ResponseWriter, r *http.Request) error {
	l, err := s.ready()
	if err != nil {
		return err
	}
	var p vigil.Pair
	if err := strictjson.Decode(r.Body, &p); err != nil {
		return err
	}
	a, b, err := p.Subjects()
	if err != nil {
		return err
	}
	hit, err := l.Engine.Compare(r.Context(), a, b)
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
