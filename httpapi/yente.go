package httpapi

import (
	"bytes"
	"encoding/json"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/ftmjson"
	"github.com/vigil-screening/vigil/internal/strictjson"
	"github.com/vigil-screening/vigil/service"
)

// The routes of yente's API that Vigil answers (see docs/ftm.md): an
// existing yente client points at Vigil and works unchanged.

// yenteDefaultLimit is yente's default number of results per query.
const yenteDefaultLimit = 5

// yenteAlgorithms are the algorithm names yente knows. Vigil has one
// matcher; a request naming one of these is answered by it, and the
// response's "matcher" says so.
var yenteAlgorithms = []string{"vigil", "best", "logic-v1", "logic-v2", "name-based", "name-qualified",
	"regression-v1", "regression-v2", "regression-v3"}

// matchRequest is the body of POST /match/{dataset} (yente's
// EntityMatchQuery). Weights and config tune yente's own algorithms;
// they are accepted and ignored.
type matchRequest struct {
	Queries map[string]json.RawMessage `json:"queries"`
	Weights map[string]float64         `json:"weights,omitempty"`
	Config  map[string]any             `json:"config,omitempty"`
}

// matchResponse is yente's EntityMatchResponse.
type matchResponse struct {
	Responses map[string]entityMatches `json:"responses"`
	Matcher   matcherInfo              `json:"matcher"`
	Limit     int                      `json:"limit"`
}

// entityMatches is yente's EntityMatches, plus the properties of the
// query that Vigil did not compare.
type entityMatches struct {
	Status  int              `json:"status"`
	Results []ftmjson.Scored `json:"results"`
	Total   totalSpec        `json:"total"`
	Query   ftmjson.Example  `json:"query"`
	Ignored []string         `json:"ignored_properties,omitempty"`
}

type totalSpec struct {
	Value    int    `json:"value"`
	Relation string `json:"relation"`
}

type matcherInfo struct {
	Name        string                 `json:"name"`
	Description string                 `json:"description"`
	Features    map[string]featureInfo `json:"features"`
}

type featureInfo struct {
	Description string  `json:"description"`
	Coefficient float64 `json:"coefficient"`
}

func vigilMatcher() matcherInfo {
	return matcherInfo{
		Name: "vigil",
		Description: "Vigil's identity matcher: names aligned part by part (rarity-weighted, with spelling variants, " +
			"transliteration and phonetics), then date of birth, gender, nationality and documents confirming or " +
			"contradicting. Each result's features are the signed terms of its score; \"explanation\" has them in full.",
		Features: map[string]featureInfo{
			"name_score":    {Description: "similarity of the best-matching names, 0..1", Coefficient: 1},
			"date_of_birth": {Description: "effect of the date of birth agreeing or contradicting", Coefficient: 1},
			"gender":        {Description: "effect of the gender agreeing or contradicting", Coefficient: 1},
			"nationality":   {Description: "effect of the nationality agreeing or contradicting", Coefficient: 1},
			"passport":      {Description: "effect of a passport number agreeing or contradicting", Coefficient: 1},
			"identity":      {Description: "effect of an identity document agreeing or contradicting", Coefficient: 1},
		},
	}
}

// matchParams are the query parameters of /match and /search.
type matchParams struct {
	limit         int
	threshold     float64 // score from which a result is a match
	cutoff        float64 // lowest score reported
	lists         []string
	excludeSchema []string
	excludeIDs    []string
	algorithm     string
}

// yenteParams reads yente's query parameters. dataset is the path's
// dataset: "default" (or "sanctions", "all") is every list in force,
// otherwise a list name, with or without its "os_" prefix.
func (s *Server) yenteParams(r *http.Request, defLimit int) (matchParams, error) {
	q := r.URL.Query()
	p := matchParams{limit: defLimit, threshold: s.svc.Threshold(), algorithm: "vigil"}
	for _, name := range []string{"topics", "changed_since"} {
		if q.Has(name) {
			return p, apperr.Field(name, "not supported by Vigil (see docs/ftm.md)")
		}
	}
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > service.MaxLimit {
			return p, apperr.Field("limit", "%q is not in 1..%d", v, service.MaxLimit)
		}
		p.limit = n
	}
	var err error
	thresholdGiven := q.Get("threshold") != ""
	if thresholdGiven {
		if p.threshold, err = unitParam(q.Get("threshold"), "threshold"); err != nil {
			return p, err
		}
	}
	p.cutoff = min(p.threshold, s.svc.Threshold())
	if v := q.Get("cutoff"); v != "" {
		if p.cutoff, err = unitParam(v, "cutoff"); err != nil {
			return p, err
		}
	}
	if v := q.Get("algorithm"); v != "" {
		if !slices.Contains(yenteAlgorithms, v) {
			return p, apperr.Field("algorithm", "%q is not one of %s", v, strings.Join(yenteAlgorithms, ", "))
		}
		p.algorithm = v
	}
	metas, err := s.svc.InForce(r.Context(), s.principal(r))
	if err != nil {
		return p, err
	}
	var names []string
	for _, m := range metas {
		names = append(names, m.Source)
	}
	one := func(ds string) (string, error) {
		for _, n := range names {
			if n == ds || n == "os_"+ds {
				return n, nil
			}
		}
		return "", apperr.New(apperr.NotFound, "no dataset %q: the lists in force are %s (or \"default\" for all)", ds, strings.Join(names, ", "))
	}
	switch ds := r.PathValue("dataset"); ds {
	case "default", "sanctions", "all", "vigil":
	default:
		l, err := one(ds)
		if err != nil {
			return p, err
		}
		p.lists = []string{l}
	}
	if inc := q["include_dataset"]; len(inc) > 0 {
		var keep []string
		for _, ds := range inc {
			l, err := one(ds)
			if err != nil {
				return p, err
			}
			if (p.lists == nil || slices.Contains(p.lists, l)) && !slices.Contains(keep, l) {
				keep = append(keep, l)
			}
		}
		if len(keep) == 0 {
			return p, apperr.Field("include_dataset", "names no list of dataset %q", r.PathValue("dataset"))
		}
		p.lists = keep
	}
	if ex := q["exclude_dataset"]; len(ex) > 0 {
		base := p.lists
		if base == nil {
			base = names
		}
		var keep []string
		for _, l := range base {
			if !slices.ContainsFunc(ex, func(d string) bool { return d == l || "os_"+d == l }) {
				keep = append(keep, l)
			}
		}
		if len(keep) == 0 {
			return p, apperr.Field("exclude_dataset", "excludes every list of the dataset")
		}
		p.lists = keep
	}
	p.excludeSchema = q["exclude_schema"]
	p.excludeIDs = q["exclude_entity_ids"]
	return p, nil
}

func unitParam(v, name string) (float64, error) {
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || !(f > 0 && f <= 1) {
		return 0, apperr.Field(name, "%q is not in (0, 1]", v)
	}
	return f, nil
}

// options are the engine's options for p: when results are to be
// filtered afterwards, the engine is asked for as many as it gives.
func (p matchParams) options() vigil.Options {
	o := vigil.Options{Threshold: p.cutoff, Limit: p.limit, Lists: p.lists}
	if len(p.excludeSchema) > 0 || len(p.excludeIDs) > 0 {
		o.Limit = service.MaxLimit
	}
	return o
}

// results turns a query's hits into yente's results, filtered and cut to
// the limit.
func (p matchParams) results(hits []service.ListedHit) []ftmjson.Scored {
	out := []ftmjson.Scored{}
	for _, h := range hits {
		sc := ftmjson.FromHit(h.Hit, h.Record, p.threshold)
		if slices.Contains(p.excludeSchema, sc.Schema) || slices.Contains(p.excludeIDs, sc.ID) {
			continue
		}
		out = append(out, sc)
		if len(out) == p.limit {
			break
		}
	}
	return out
}

// match answers POST /match/{dataset}, yente's matching endpoint.
func (s *Server) match(w http.ResponseWriter, r *http.Request) error {
	var req matchRequest
	if err := decodeBody(r, &req); err != nil {
		return err
	}
	if req.Queries == nil {
		return apperr.Field("queries", "required: an object of example entities by key")
	}
	if len(req.Queries) > s.maxBatch {
		return apperr.New(apperr.TooLarge, "%d queries in one request; the limit is %d", len(req.Queries), s.maxBatch)
	}
	p, err := s.yenteParams(r, yenteDefaultLimit)
	if err != nil {
		return err
	}
	keys := make([]string, 0, len(req.Queries))
	for k := range req.Queries {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	resp := matchResponse{Responses: make(map[string]entityMatches, len(keys)), Matcher: vigilMatcher(), Limit: p.limit}
	queries := make([][]vigil.Subject, len(keys))
	total := 0
	for i, k := range keys {
		var ex ftmjson.Example
		if err := strictjson.Decode(bytes.NewReader(req.Queries[k]), &ex); err != nil {
			return apperr.PrefixField("queries."+k+".", err)
		}
		subs, ignored, err := ex.Subjects(k)
		if err != nil {
			return apperr.PrefixField("queries."+k+".", err)
		}
		if total += len(subs); total > service.MaxMatchSubjects {
			return apperr.New(apperr.TooLarge, "%d names to screen in one request; the limit is %d", total, service.MaxMatchSubjects)
		}
		queries[i] = subs
		resp.Responses[k] = entityMatches{Status: http.StatusOK, Query: ex, Ignored: ignored}
	}
	hits, err := s.svc.Match(r.Context(), s.principal(r), queries, p.options())
	if err != nil {
		return err
	}
	for i, k := range keys {
		m := resp.Responses[k]
		m.Results = p.results(hits[i])
		m.Total = totalSpec{Value: len(m.Results), Relation: "eq"}
		resp.Responses[k] = m
	}
	writeJSON(w, s.log, http.StatusOK, resp)
	return nil
}

// searchResponse is yente's SearchResponse.
type searchResponse struct {
	Results []ftmjson.Scored `json:"results"`
	Facets  map[string]any   `json:"facets"`
	Total   totalSpec        `json:"total"`
	Limit   int              `json:"limit"`
	Offset  int              `json:"offset"`
}

// search answers GET /search/{dataset}?q=…: yente's text search, which
// Vigil answers by screening q as a name (of the schema given, any by
// default), so results are identities whose names match, not text hits.
func (s *Server) search(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	text := strings.TrimSpace(q.Get("q"))
	if text == "" {
		return apperr.Field("q", "required: the name to search for")
	}
	schema := q.Get("schema")
	if schema == "" {
		schema = "Thing"
	}
	p, err := s.yenteParams(r, 10)
	if err != nil {
		return err
	}
	offset := 0
	if v := q.Get("offset"); v != "" {
		if offset, err = strconv.Atoi(v); err != nil || offset < 0 || offset+p.limit > service.MaxLimit {
			return apperr.Field("offset", "%q: offset + limit must stay within %d", v, service.MaxLimit)
		}
	}
	ex := ftmjson.Example{Schema: schema, Properties: map[string]ftmjson.Values{"name": {text}}}
	subs, _, err := ex.Subjects("q")
	if err != nil {
		return err
	}
	all := p
	all.limit = offset + p.limit
	hits, err := s.svc.Match(r.Context(), s.principal(r), [][]vigil.Subject{subs}, all.options())
	if err != nil {
		return err
	}
	res := all.results(hits[0])
	res = res[min(offset, len(res)):]
	writeJSON(w, s.log, http.StatusOK, searchResponse{Results: res, Facets: map[string]any{},
		Total: totalSpec{Value: offset + len(res), Relation: "eq"}, Limit: p.limit, Offset: offset})
	return nil
}

// ftmEntity answers GET /entities/{id}: the listed record as an FtM
// entity, by the id /match and /search give it.
func (s *Server) ftmEntity(w http.ResponseWriter, r *http.Request) error {
	fid := r.PathValue("id")
	metas, err := s.svc.InForce(r.Context(), s.principal(r))
	if err != nil {
		return err
	}
	names := make([]string, len(metas))
	for i, m := range metas {
		names[i] = m.Source
	}
	var refs []vigil.Ref
	for _, c := range ftmjson.Candidates(fid, names) {
		refs = append(refs, vigil.Ref{List: c[0], SourceID: c[1]})
	}
	ents, err := s.svc.Entities(r.Context(), s.principal(r), refs)
	if err != nil {
		return err
	}
	if len(ents) == 0 {
		return apperr.New(apperr.NotFound, "no entity %q in the lists in force", fid)
	}
	writeJSON(w, s.log, http.StatusOK, ftmjson.FromEntity(ents[0]))
	return nil
}

// algorithms answers GET /algorithms as yente does.
func (s *Server) algorithms(w http.ResponseWriter, r *http.Request) error {
	m := vigilMatcher()
	writeJSON(w, s.log, http.StatusOK, map[string]any{
		"algorithms": []matcherInfo{m}, "default": m.Name, "best": m.Name,
	})
	return nil
}

// isYente reports whether a path is one of yente's routes, whose error
// bodies also carry yente's "detail".
func isYente(path string) bool {
	for _, p := range []string{"/match/", "/search/", "/entities/", "/algorithms", "/catalog"} {
		if strings.HasPrefix(path, p) {
			return true
		}
	}
	return false
}
