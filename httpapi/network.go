package httpapi

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"

	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/network"
	"github.com/vigil-screening/vigil/service"
)

// The relationship graph (docs/networks.md). Nodes are named in the query
// (?node=subject:C-1 or ?node=us_ofac_sdn/36216): record ids hold slashes.

func networkRoutes(s *Server) []Route {
	return []Route{
		{"GET", "/v1/network/exposure", auth.ActionViewNetwork, s.networkExposure},
		{"GET", "/v1/network/neighbourhood", auth.ActionViewNetwork, s.networkNeighbourhood},
		{"GET", "/v1/network/edges", auth.ActionViewNetwork, s.networkEdges},
		{"POST", "/v1/network/edges", auth.ActionAssertEdges, s.assertEdges},
		{"POST", "/v1/network/edges/{id}/retract", auth.ActionAssertEdges, s.retractEdge},
		{"POST", "/v1/network/import", auth.ActionAssertEdges, s.importNetwork},
		{"POST", "/v1/network/vet", auth.ActionAssertEdges, s.vetNetwork},
		{"GET", "/v1/network/vets", auth.ActionViewJobs, s.listNetworkVets},
		{"POST", "/v1/network/vets/{id}/retry", auth.ActionRescreen, s.retryNetworkVet},
		{"GET", "/v1/network/ownership", auth.ActionViewNetwork, s.networkOwnership},
		{"GET", "/v1/network/fifty-percent", auth.ActionViewNetwork, s.fiftyPercent},
		{"GET", "/v1/network/clusters", auth.ActionViewNetwork, s.networkClusters},
		{"GET", "/v1/network/export", auth.ActionViewNetwork, s.networkExport},
	}
}

// query reads the exposure query: node, hops, limit, types.
func networkQuery(r *http.Request) (network.Query, error) {
	if err := checkQuery(r, "node", "hops", "limit", "types"); err != nil {
		return network.Query{}, err
	}
	v := r.URL.Query()
	q := network.Query{From: v.Get("node")}
	if q.From == "" {
		return q, apperr.Field("node", "want subject:<id> or <list>/<record id>")
	}
	var err error
	if q.Hops, err = netIntParam(r, "hops", 0, network.MaxHops); err != nil {
		return q, err
	}
	if q.Limit, err = netIntParam(r, "limit", 0, 10_000); err != nil {
		return q, err
	}
	q.Types, err = typesParam(r)
	return q, err
}

func netIntParam(r *http.Request, name string, lo, hi int) (int, error) {
	raw := r.URL.Query().Get(name)
	if raw == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < lo || n > hi {
		return 0, apperr.Field(name, "%q: want a whole number from %d to %d", truncate(raw, 20), lo, hi)
	}
	return n, nil
}

func typesParam(r *http.Request) ([]network.Relation, error) {
	raw := r.URL.Query().Get("types")
	if raw == "" {
		return nil, nil
	}
	var out []network.Relation
	for t := range strings.SplitSeq(raw, ",") {
		rel, err := network.ParseRelation(t)
		if err != nil {
			return nil, apperr.Field("types", "%s", err.Error())
		}
		out = append(out, rel)
	}
	return out, nil
}

func (s *Server) networkExposure(w http.ResponseWriter, r *http.Request) error {
	q, err := networkQuery(r)
	if err != nil {
		return err
	}
	x, err := s.svc.Exposure(r.Context(), s.principal(r), q)
	if err != nil {
		return err
	}
	writeJSON(w, s.log, http.StatusOK, x)
	return nil
}

func (s *Server) networkNeighbourhood(w http.ResponseWriter, r *http.Request) error {
	q, err := networkQuery(r)
	if err != nil {
		return err
	}
	n, err := s.svc.Neighbourhood(r.Context(), s.principal(r), q)
	if err != nil {
		return err
	}
	writeJSON(w, s.log, http.StatusOK, n)
	return nil
}

func (s *Server) networkEdges(w http.ResponseWriter, r *http.Request) error {
	if err := checkQuery(r, "node"); err != nil {
		return err
	}
	e, err := s.svc.Edges(r.Context(), s.principal(r), r.URL.Query().Get("node"))
	if err != nil {
		return err
	}
	writeJSON(w, s.log, http.StatusOK, e)
	return nil
}

// edgeRequest is one edge the caller asserts.
type edgeRequest struct {
	From     string `json:"from"`
	To       string `json:"to"`
	Relation string `json:"relation"`
	// Share is the percentage owned, for owns; absent when not known.
	Share      *float64 `json:"share"`
	Confidence *float64 `json:"confidence"`
	Start      string   `json:"start"`
	End        string   `json:"end"`
	Source     string   `json:"source"`
	Date       string   `json:"date"`
	Note       string   `json:"note"`
}

type edgesRequest struct {
	Edges []edgeRequest `json:"edges"`
}

func (s *Server) assertEdges(w http.ResponseWriter, r *http.Request) error {
	var req edgesRequest
	if err := decodeBody(r, &req); err != nil {
		return err
	}
	if len(req.Edges) == 0 || len(req.Edges) > 10_000 {
		return apperr.Field("edges", "want 1 to 10000 edges")
	}
	edges := make([]network.Edge, len(req.Edges))
	for i, e := range req.Edges {
		rel, err := network.ParseRelation(e.Relation)
		if err != nil {
			return apperr.Field("edges["+strconv.Itoa(i)+"].relation", "%s", err.Error())
		}
		ne := network.Edge{From: e.From, To: e.To, Type: rel, Start: e.Start, End: e.End,
			Provenance: network.Provenance{Source: e.Source, Date: e.Date, Evidence: e.Note}}
		if e.Share != nil {
			ne.Share, ne.ShareKnown = *e.Share, true
		}
		if e.Confidence != nil {
			if *e.Confidence <= 0 {
				return apperr.Field("edges["+strconv.Itoa(i)+"].confidence", "want a number above 0 and at most 1")
			}
			ne.Confidence = *e.Confidence
		}
		edges[i] = ne
	}
	res, err := s.svc.AssertEdges(r.Context(), s.principal(r), edges)
	if err != nil {
		return err
	}
	status := http.StatusOK
	if len(res.Added) > 0 {
		status = http.StatusCreated
	}
	writeJSON(w, s.log, status, res)
	return nil
}

type retractRequest struct {
	Reason string `json:"reason"`
}

func (s *Server) retractEdge(w http.ResponseWriter, r *http.Request) error {
	var req retractRequest
	if err := decodeBody(r, &req); err != nil {
		return err
	}
	id, err := pathIDOf(r, "an edge")
	if err != nil {
		return err
	}
	e, err := s.svc.RetractEdge(r.Context(), s.principal(r), id, req.Reason)
	if err != nil {
		return err
	}
	writeJSON(w, s.log, http.StatusOK, e)
	return nil
}

// importNetwork takes a CSV file of edges or of contact values as the
// body (text/csv); ?name= names it in errors and in the default source.
func (s *Server) importNetwork(w http.ResponseWriter, r *http.Request) error {
	if err := checkQuery(r, "name"); err != nil {
		return err
	}
	name := r.URL.Query().Get("name")
	if name == "" {
		name = "upload.csv"
	}
	if err := network.CheckText(name, false); err != nil || len(name) > 200 {
		return apperr.Field("name", "a file name of at most 200 bytes without control characters")
	}
	// Read it whole first: a body over the limit is a 413 like any other,
	// not a CSV error at "line 0" after the lines read before the cut.
	data, err := readBody(r)
	if err != nil {
		return err
	}
	res, err := s.svc.ImportNetwork(r.Context(), s.principal(r), bytes.NewReader(data), name)
	if err != nil {
		return err
	}
	writeJSON(w, s.log, http.StatusOK, res)
	return nil
}

type vetResponse struct {
	Alerts []int64 `json:"alerts"`
}

func (s *Server) vetNetwork(w http.ResponseWriter, r *http.Request) error {
	if err := decodeOptionalBody(r); err != nil {
		return err
	}
	ids, err := s.svc.NetworkVet(r.Context(), s.principal(r))
	if err != nil {
		return err
	}
	if ids == nil {
		ids = []int64{}
	}
	writeJSON(w, s.log, http.StatusOK, vetResponse{Alerts: ids})
	return nil
}

func (s *Server) networkOwnership(w http.ResponseWriter, r *http.Request) error {
	if err := checkQuery(r, "node", "as_of"); err != nil {
		return err
	}
	o, err := s.svc.Ownership(r.Context(), s.principal(r), r.URL.Query().Get("node"), r.URL.Query().Get("as_of"))
	if err != nil {
		return err
	}
	writeJSON(w, s.log, http.StatusOK, o)
	return nil
}

type fiftyResponse struct {
	Entities []network.Ownership `json:"entities"`
}

func (s *Server) fiftyPercent(w http.ResponseWriter, r *http.Request) error {
	if err := checkQuery(r, "as_of"); err != nil {
		return err
	}
	out, err := s.svc.FiftyPercent(r.Context(), s.principal(r), r.URL.Query().Get("as_of"))
	if err != nil {
		return err
	}
	if out == nil {
		out = []network.Ownership{}
	}
	writeJSON(w, s.log, http.StatusOK, fiftyResponse{Entities: out})
	return nil
}

func (s *Server) networkClusters(w http.ResponseWriter, r *http.Request) error {
	if err := checkQuery(r, "types", "min_size", "limit", "hubs", "members", "by"); err != nil {
		return err
	}
	var q network.ClusterQuery
	var err error
	switch r.URL.Query().Get("by") {
	case "", "component":
	case "community":
		q.Communities = true
	default:
		return apperr.Field("by", "want component or community")
	}
	if q.Types, err = typesParam(r); err != nil {
		return err
	}
	for _, p := range []struct {
		name string
		dst  *int
		hi   int
	}{{"min_size", &q.MinSize, 1 << 30}, {"limit", &q.Limit, 10_000}, {"hubs", &q.Hubs, 100}, {"members", &q.Members, 10_000}} {
		if *p.dst, err = netIntParam(r, p.name, 0, p.hi); err != nil {
			return err
		}
	}
	c, err := s.svc.Clusters(r.Context(), s.principal(r), q)
	if err != nil {
		return err
	}
	writeJSON(w, s.log, http.StatusOK, c)
	return nil
}

// screenedWithExposure is a recorded screening with the subject's
// exposure, when the caller asks for it (?exposure=K).
type screenedWithExposure struct {
	*service.Recorded
	Exposure *network.Exposure `json:"exposure"`
}

// exposureParam reads ?exposure=K of a recorded screening (0: not asked).
func exposureParam(r *http.Request) (int, error) {
	if err := checkQuery(r, "exposure"); err != nil {
		return 0, err
	}
	return netIntParam(r, "exposure", 0, network.MaxHops)
}

// networkExport writes the subgraph around a node as GraphML
// (?format=graphml, the default) or FollowTheMoney JSON lines (?format=ftm).
func (s *Server) networkExport(w http.ResponseWriter, r *http.Request) error {
	format := r.URL.Query().Get("format")
	v := r.URL.Query()
	v.Del("format")
	r.URL.RawQuery = v.Encode()
	q, err := networkQuery(r)
	if err != nil {
		return err
	}
	if q.Limit == 0 {
		q.Limit = 10_000
	}
	sub, err := s.svc.NetworkExport(r.Context(), s.principal(r), q)
	if err != nil {
		return err
	}
	switch format {
	case "", "graphml":
		w.Header().Set("Content-Type", "application/graphml+xml")
		return sub.WriteGraphML(w)
	case "ftm":
		w.Header().Set("Content-Type", "application/x-ndjson")
		return sub.WriteFtM(w)
	}
	return apperr.Field("format", "want graphml or ftm")
}
