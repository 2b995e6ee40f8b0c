package service

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"log/slog"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/network"
	"github.com/vigil-screening/vigil/snapshot"
	"github.com/vigil-screening/vigil/store"
)

// The relationship graph (issue 9, docs/networks.md): built in memory
// from the lists in force (their records and the relations they state),
// the recorded subjects, the organisation's asserted edges and the
// contact values subjects share. It is rebuilt when any of them changes,
// on the next question asked of it.

// graphCache keeps the graph last built and what it was built from.
type graphCache struct {
	mu      sync.Mutex
	lists   *Lists
	version string
	g       *Graph
}

// Graph is the built relationship graph with how it was made.
type Graph struct {
	*network.Graph
	Lists     network.EntityStats `json:"lists"`
	Shared    int                 `json:"shared_links"` // automatic links between subjects sharing a value
	Asserted  int                 `json:"asserted"`     // edges asserted by the organisation
	Dangling  int                 `json:"dangling"`     // asserted edges whose far end is in no list in force any more
	Built     time.Duration       `json:"built_ns"`     //
	Version   string              `json:"version"`      //
	Subjects  int                 `json:"subjects"`     //
	NodeCount int                 `json:"nodes"`
	EdgeCount int                 `json:"edges"`
	Stats     network.BuildStats  `json:"build"`            //
	Hubbed    int                 `json:"shared_hub_nodes"` // values shared by more than sharedClique subjects, linked through a node of their own
}

// SubjectNode is the graph's name of a recorded subject.
func SubjectNode(id string) string { return "subject:" + id }

// Network returns the relationship graph in force (building it when what
// it is made of changed).
func (s *Service) Network(ctx context.Context, p auth.Principal) (*Graph, error) {
	if err := allow(p, auth.ActionViewNetwork); err != nil {
		return nil, err
	}
	return s.graphNow(ctx)
}

func (s *Service) graphNow(ctx context.Context) (*Graph, error) {
	db, err := s.database()
	if err != nil {
		return nil, err
	}
	l, err := s.inForce()
	if err != nil {
		return nil, err
	}
	v, err := db.NetworkVersion(ctx)
	if err != nil {
		return nil, err
	}
	c := &s.graph
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.g != nil && c.lists == l && c.version == v {
		return c.g, nil
	}
	g, err := BuildGraph(ctx, l, db)
	if err != nil {
		return nil, err
	}
	g.Version = v
	c.g, c.lists, c.version = g, l, v
	s.log.Info("relationship graph built", "nodes", g.NodeCount, "edges", g.EdgeCount, "asserted", g.Asserted, "shared", g.Shared,
		"took", g.Built.Round(time.Millisecond))
	return g, nil
}

// sharedClique is the largest group of subjects sharing one value that
// are linked pairwise; a larger group (a hotel's address, a call centre's
// phone) is linked through a node standing for the value, so that one
// value cannot make millions of edges.
const sharedClique = 20

// allRecords yields the records of every snapshot in turn, decoding one
// at a time.
func allRecords(snaps []*snapshot.Snapshot) iter.Seq2[int, *entity.Entity] {
	return func(yield func(int, *entity.Entity) bool) {
		n := 0
		for _, s := range snaps {
			for _, e := range s.All() {
				if !yield(n, e) {
					return
				}
				n++
			}
		}
	}
}

// BuildGraph builds the graph from the lists l and the system of record db.
func BuildGraph(ctx context.Context, l *Lists, db *store.DB) (*Graph, error) {
	start := time.Now()
	out := &Graph{}
	b := network.NewBuilder(0, 0)
	edition := map[string]string{}
	for _, snap := range l.Snapshots {
		for i := range snap.Len() {
			list := snap.Records.List(i)
			if _, ok := edition[list]; !ok {
				edition[list] = snap.Edition
			}
		}
	}
	// Every edition's records in one call: all are nodes before any
	// relation is added, so that an FtM link given by both ends gives one
	// edge whichever edition its subject is in.
	out.Lists = network.AddRecords(b, allRecords(l.Snapshots), func(list string) string { return edition[list] })
	// Subjects, and the values their attributes share.
	groups := map[string][]string{} // kind \x00 normalized -> subject nodes
	var order []string
	add := func(kind, norm, node string) {
		k := kind + "\x00" + norm
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		if g := groups[k]; len(g) == 0 || g[len(g)-1] != node {
			groups[k] = append(g, node)
		}
	}
	err := db.EachSubject(ctx, func(id string, sub vigil.Subject) error {
		node := SubjectNode(id)
		b.AddNode(network.Node{ID: node, Name: subjectName(sub), Kind: string(sub.Kind), Subject: true})
		out.Subjects++
		for _, d := range sub.Documents {
			if n, err := network.Normalize("identifier", d.Number); err == nil {
				add("document", string(d.Type)+" "+d.Country+" "+n, node)
			}
		}
		for _, c := range sub.Crypto {
			if n, err := network.Normalize("identifier", c); err == nil {
				add("identifier", "crypto "+n, node)
			}
		}
		if n, err := network.Normalize("identifier", sub.IMO); err == nil {
			add("identifier", "imo "+n, node)
		}
		return ctx.Err()
	})
	if err != nil {
		return nil, err
	}
	shown := map[string]string{}
	err = db.EachValue(ctx, func(v *store.Value) error {
		node := SubjectNode(v.Subject)
		if !b.Has(node) {
			return nil
		}
		add(v.Kind, v.Normalized, node)
		if _, ok := shown[v.Kind+"\x00"+v.Normalized]; !ok {
			shown[v.Kind+"\x00"+v.Normalized] = v.Value
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, k := range order {
		nodes := groups[k]
		if len(nodes) < 2 {
			continue
		}
		kind, norm, _ := strings.Cut(k, "\x00")
		value := shown[k]
		if value == "" {
			value = norm
		}
		prov := network.Provenance{Kind: network.FromShared, Source: "shared " + kind, Evidence: value}
		rel := network.SharedRelation(kind)
		if len(nodes) > sharedClique {
			hub := "value:" + kind + ":" + norm
			b.AddNode(network.Node{ID: hub, Name: kind + " " + value, Kind: "value"})
			out.Hubbed++
			for _, n := range nodes {
				if b.AddEdge(network.Edge{From: n, To: hub, Type: rel, Confidence: 1, Provenance: prov}) == nil {
					out.Shared++
				}
			}
			continue
		}
		for i := range nodes {
			for j := i + 1; j < len(nodes); j++ {
				if b.AddEdge(network.Edge{From: nodes[i], To: nodes[j], Type: rel, Confidence: 1, Provenance: prov}) == nil {
					out.Shared++
				}
			}
		}
	}
	// The organisation's edges. One whose record left the lists in force
	// keeps its edge, to a node that is no longer listed.
	b.AutoNodes = true
	err = db.EachEdge(ctx, func(e *store.Edge) error {
		ne, err := graphEdge(e)
		if err != nil {
			slog.Warn("stored edge not usable", "edge", e.ID, "err", err)
			return nil
		}
		before := b.Stats.AutoNodes
		if err := b.AddEdge(ne); err != nil {
			slog.Warn("stored edge not usable", "edge", e.ID, "err", err)
			return nil
		}
		out.Asserted++
		if b.Stats.AutoNodes > before {
			out.Dangling++
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	out.Graph = b.Build()
	out.NodeCount, out.EdgeCount = out.Graph.Len()
	out.Stats = out.Graph.Stats
	out.Built = time.Since(start)
	return out, nil
}

func subjectName(s vigil.Subject) string {
	if s.Name != "" {
		return s.Name
	}
	return strings.Join(strings.Fields(s.FirstName+" "+s.MiddleName+" "+s.LastName), " ")
}

// graphEdge turns a stored edge into the graph's.
func graphEdge(e *store.Edge) (network.Edge, error) {
	rel, err := network.ParseRelation(e.Relation)
	if err != nil {
		return network.Edge{}, err
	}
	out := network.Edge{From: e.From, To: e.To, Type: rel, Start: e.Start, End: e.End,
		Provenance: network.Provenance{Kind: network.FromOrganisation, Source: e.Source, Date: e.StatedOn, AssertedBy: e.AssertedBy, Evidence: e.Note}}
	if out.Confidence, err = strconv.ParseFloat(e.Confidence, 64); err != nil {
		return out, err
	}
	if e.Share != "" {
		if out.Share, err = network.ParseShare(e.Share); err != nil {
			return out, err
		}
		out.ShareKnown = true
	}
	return out, nil
}

// storeEdge is the stored form of an edge the organisation asserts.
func storeEdge(e network.Edge) store.EdgeInput {
	in := store.EdgeInput{From: e.From, To: e.To, Relation: string(e.Type), Confidence: strconv.FormatFloat(e.Confidence, 'g', -1, 64),
		Start: e.Start, End: e.End, Source: e.Source, StatedOn: e.Date, Note: e.Evidence}
	if e.ShareKnown {
		in.Share = strconv.FormatFloat(e.Share, 'g', -1, 64)
	}
	return in
}

// AssertResult says what asserting edges did.
type AssertResult struct {
	*store.Asserted
	// Alerts are the network alerts the new edges raised.
	Alerts []int64 `json:"alerts,omitempty"`
}

// AssertEdges records relationships the organisation states. Each edge is
// checked first (type, share, confidence, no self loop, and both ends
// known: a recorded subject or a record of a list in force); one bad edge
// refuses them all, naming each. A statement already recorded from the
// same source is not written again.
func (s *Service) AssertEdges(ctx context.Context, p auth.Principal, edges []network.Edge) (*AssertResult, error) {
	db, err := s.store(p, auth.ActionAssertEdges)
	if err != nil {
		return nil, err
	}
	if len(edges) == 0 {
		return nil, apperr.New(apperr.Invalid, "no edges")
	}
	l, err := s.inForce()
	if err != nil {
		return nil, err
	}
	var problems []string
	var subjects []string
	for i := range edges {
		e := &edges[i]
		e.Kind, e.AssertedBy = network.FromOrganisation, p.Username
		if e.Confidence == 0 {
			e.Confidence = 1
		}
		if e.Source == "" {
			e.Source = "api"
		}
		if err := e.Validate(); err != nil {
			problems = append(problems, fmt.Sprintf("edge %d: %v", i+1, err))
			continue
		}
		for _, f := range []struct{ field, v string }{{"from", e.From}, {"to", e.To}, {"source", e.Source}, {"note", e.Evidence}} {
			if err := network.CheckText(f.v, f.field == "note"); err != nil {
				problems = append(problems, fmt.Sprintf("edge %d: %s: %v", i+1, f.field, err))
			}
		}
		for _, d := range []struct{ field, v string }{{"start", e.Start}, {"end", e.End}, {"date", e.Date}} {
			if err := network.CheckDate(d.v); err != nil {
				problems = append(problems, fmt.Sprintf("edge %d: %s: %v", i+1, d.field, err))
			}
		}
		for _, end := range []string{e.From, e.To} {
			if err := network.CheckEnd(end); err != nil {
				problems = append(problems, fmt.Sprintf("edge %d: %v", i+1, err))
				continue
			}
			if id, ok := strings.CutPrefix(end, "subject:"); ok {
				subjects = append(subjects, id)
				continue
			}
			list, id, _ := strings.Cut(end, "/")
			if l.Engine.Entity(list, id) == nil {
				problems = append(problems, fmt.Sprintf("edge %d: %s: no record %q on list %q in force", i+1, end, id, list))
			}
		}
	}
	missing, err := db.MissingSubjects(ctx, subjects)
	if err != nil {
		return nil, err
	}
	for _, m := range missing {
		problems = append(problems, fmt.Sprintf("subject:%s: no recorded subject of that id (record or screen it first)", m))
	}
	if len(problems) > 0 {
		return nil, apperr.New(apperr.Invalid, "%s", firstOf(problems, "; "))
	}
	ins := make([]store.EdgeInput, len(edges))
	for i, e := range edges {
		ins[i] = storeEdge(e)
	}
	res, err := db.AssertEdges(ctx, p, ins)
	if err != nil {
		return nil, err
	}
	out := &AssertResult{Asserted: res}
	if res.Vet != 0 {
		out.Alerts, err = s.afterCommit(ctx, res.Vet)
		if err != nil {
			return out, fmt.Errorf("edges recorded; their network alerts will be raised by the job queued with them (network vet %d): %w", res.Vet, err)
		}
	}
	return out, nil
}

// afterCommit raises the network alerts a change owes (its network vet)
// right after the change committed, so that the caller hears of them.
// When the process dies first, the job queued with the change raises them.
func (s *Service) afterCommit(ctx context.Context, vet int64) ([]int64, error) {
	if s.vetDelay > 0 {
		s.log.Info("holding the network alerts of a change (fault injection)", "network_vet", vet, "for", s.vetDelay)
		select {
		case <-time.After(s.vetDelay):
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	return s.RunNetworkVet(ctx, System, vet)
}

// maxProblems is how many problems of one request are named; the rest
// are counted.
const maxProblems = 100

// firstOf joins the first maxProblems of problems and counts the rest.
func firstOf(problems []string, sep string) string {
	if len(problems) <= maxProblems {
		return strings.Join(problems, sep)
	}
	return fmt.Sprintf("%s%s... and %d more", strings.Join(problems[:maxProblems], sep), sep, len(problems)-maxProblems)
}

// RetractEdge withdraws an asserted edge, with a reason; it stays stored.
func (s *Service) RetractEdge(ctx context.Context, p auth.Principal, id int64, reason string) (*store.Edge, error) {
	db, err := s.store(p, auth.ActionAssertEdges)
	if err != nil {
		return nil, err
	}
	// Anyone who asserts may take back their own word; someone else's
	// only a supervisor. Who asserted an edge never changes.
	e, err := db.Edge(ctx, id)
	if err != nil {
		return nil, err
	}
	if e.AssertedBy != p.Username {
		if err := allow(p, auth.ActionRetractOther); err != nil {
			return nil, apperr.New(apperr.Forbidden, "edge %d was asserted by %s: only a supervisor retracts someone else's edge", id, e.AssertedBy)
		}
	}
	return db.RetractEdge(ctx, p, id, reason)
}

// edgeRef is how AssertEdges names the Nth edge of a request.
var edgeRef = regexp.MustCompile(`\bedge [0-9]+:`)

// ImportResult says what an import did.
type ImportResult struct {
	Kind     string  `json:"kind"` // edges or values
	Added    int     `json:"added"`
	Existing int     `json:"existing"`
	Alerts   []int64 `json:"alerts,omitempty"`
}

// ImportNetwork reads a CSV file of relationships or of contact values
// (network.ReadCSV) and records it whole, or nothing when a line is bad.
func (s *Service) ImportNetwork(ctx context.Context, p auth.Principal, r io.Reader, name string) (*ImportResult, error) {
	db, err := s.store(p, auth.ActionAssertEdges)
	if err != nil {
		return nil, err
	}
	edges, values, err := network.ReadCSV(r, name)
	if err != nil {
		var es network.CSVErrors
		var e *network.CSVError
		var big *network.TooLargeError
		switch {
		case errors.As(err, &big):
			return nil, apperr.New(apperr.TooLarge, "%s", err.Error())
		case errors.As(err, &es) || errors.As(err, &e):
			return nil, apperr.New(apperr.Invalid, "%s", err.Error())
		}
		return nil, err
	}
	if values != nil || edges == nil {
		vals := make([]store.ValueInput, len(values))
		var subjects []string
		for i, v := range values {
			vals[i] = store.ValueInput{Subject: v.Subject, Kind: v.Kind, Value: v.Value, Normalized: v.Normalized, Source: v.Source}
			subjects = append(subjects, v.Subject)
		}
		missing, err := db.MissingSubjects(ctx, subjects)
		if err != nil {
			return nil, err
		}
		if len(missing) > 0 {
			return nil, apperr.New(apperr.Invalid, "%s: no recorded subject %s (record or screen them first)", name, firstOf(missing, ", "))
		}
		if len(vals) == 0 {
			return &ImportResult{Kind: "values"}, nil
		}
		added, existing, vet, err := db.AssertValues(ctx, p, vals)
		if err != nil {
			return nil, err
		}
		out := &ImportResult{Kind: "values", Added: added, Existing: existing}
		if vet != 0 {
			if out.Alerts, err = s.afterCommit(ctx, vet); err != nil {
				return out, fmt.Errorf("values recorded; their network alerts will be raised by the job queued with them (network vet %d): %w", vet, err)
			}
		}
		return out, nil
	}
	ne := make([]network.Edge, len(edges))
	for i, e := range edges {
		ne[i] = e.Edge
	}
	res, err := s.AssertEdges(ctx, p, ne)
	if err != nil {
		if code := apperr.CodeOf(err); code == apperr.Invalid || code == apperr.Conflict {
			// Name the lines: "edge N" is the Nth data line.
			msg := edgeRef.ReplaceAllStringFunc(err.Error(), func(ref string) string {
				i, err := strconv.Atoi(ref[len("edge ") : len(ref)-1])
				if err != nil || i < 1 || i > len(edges) {
					return ref
				}
				return fmt.Sprintf("%s:%d:", name, edges[i-1].Line)
			})
			return nil, apperr.New(code, "%s", msg)
		}
		return nil, err
	}
	return &ImportResult{Kind: "edges", Added: len(res.Added), Existing: len(res.Existing), Alerts: res.Alerts}, nil
}

// Exposure returns the paths from a node (a subject or a listed record)
// to listed records within q.Hops.
func (s *Service) Exposure(ctx context.Context, p auth.Principal, q network.Query) (*network.Exposure, error) {
	return askGraph(ctx, s, p, func(g *Graph) (network.Exposure, error) { return g.Exposure(q) })
}

// Neighbourhood returns everyone within q.Hops of a node (a listed record).
func (s *Service) Neighbourhood(ctx context.Context, p auth.Principal, q network.Query) (*network.Neighbourhood, error) {
	return askGraph(ctx, s, p, func(g *Graph) (network.Neighbourhood, error) { return g.Within(q) })
}

// NodeEdges are the edges of one node: those in force in the graph (from
// the lists, shared values and assertions) and every stored assertion
// touching it, retracted ones included.
type NodeEdges struct {
	Node     network.Node   `json:"node"`
	Edges    []network.Edge `json:"edges"`
	Asserted []store.Edge   `json:"asserted"`
}

// Edges returns the edges of a node.
func (s *Service) Edges(ctx context.Context, p auth.Principal, node string) (*NodeEdges, error) {
	if err := allow(p, auth.ActionViewNetwork); err != nil {
		return nil, err
	}
	g, err := s.graphNow(ctx)
	if err != nil {
		return nil, err
	}
	n, ok := g.Node(node)
	if !ok {
		return nil, apperr.New(apperr.NotFound, "no node %q in the graph (want subject:<id> or <list>/<id>)", node)
	}
	stored, err := s.db.EdgesOf(ctx, node)
	if err != nil {
		return nil, err
	}
	return &NodeEdges{Node: n, Edges: g.Edges(node), Asserted: stored}, nil
}

// Ownership aggregates who owns a node on date asOf ("" for today).
func (s *Service) Ownership(ctx context.Context, p auth.Principal, node, asOf string) (*network.Ownership, error) {
	if err := allow(p, auth.ActionViewNetwork); err != nil {
		return nil, err
	}
	if asOf == "" {
		asOf = time.Now().UTC().Format(time.DateOnly)
	} else if _, err := time.Parse(time.DateOnly, asOf); err != nil {
		return nil, apperr.Field("as_of", "want YYYY-MM-DD")
	}
	g, release, err := s.slottedGraph(ctx)
	if err != nil {
		return nil, err
	}
	defer release()
	o, err := g.Ownership(node, asOf)
	if err != nil {
		return nil, queryError(err)
	}
	return &o, nil
}

// FiftyPercent lists every entity the 50 percent rule blocks, or cannot
// decide, on date asOf.
func (s *Service) FiftyPercent(ctx context.Context, p auth.Principal, asOf string) ([]network.Ownership, error) {
	if err := allow(p, auth.ActionViewNetwork); err != nil {
		return nil, err
	}
	if asOf == "" {
		asOf = time.Now().UTC().Format(time.DateOnly)
	}
	g, release, err := s.slottedGraph(ctx)
	if err != nil {
		return nil, err
	}
	defer release()
	return g.FiftyPercent(asOf), nil
}

// Clusters groups the graph.
func (s *Service) Clusters(ctx context.Context, p auth.Principal, q network.ClusterQuery) (*network.Clusters, error) {
	return askGraph(ctx, s, p, func(g *Graph) (network.Clusters, error) { return g.Clusters(q) })
}

// queryError turns the graph's errors into the caller's.
func queryError(err error) error {
	switch {
	case errors.Is(err, network.ErrUnknownNode):
		return apperr.New(apperr.NotFound, "%s (want subject:<id> or <list>/<id>)", err.Error())
	case errors.Is(err, network.ErrRelation):
		return apperr.Field("types", "%s", err.Error())
	}
	return apperr.New(apperr.Invalid, "%s", err.Error())
}

// NetworkAlertPath is what a network alert holds in its hit: the path
// from the subject to the listed record, each edge with its provenance.
type NetworkAlertPath struct {
	Kind string       `json:"kind"` // "network"
	Hops int          `json:"hops"`
	Path network.Path `json:"path"`
}

// near returns the subject nodes within DefaultHops of the subjects
// named (a new edge or value touches them), those first.
func near(g *Graph, subjects []string) []string {
	seen := map[string]bool{}
	var order []string
	for _, id := range subjects {
		node := SubjectNode(id)
		if !seen[node] {
			seen[node] = true
			order = append(order, node)
		}
		n, err := g.Within(network.Query{From: node, Hops: network.DefaultHops, Limit: 1 << 30})
		if err != nil {
			continue
		}
		for _, r := range n.Reached {
			if r.Node.Subject && !seen[r.Node.ID] {
				seen[r.Node.ID] = true
				order = append(order, r.Node.ID)
			}
		}
	}
	return order
}

// linked returns every subject node with a link.
func linked(g *Graph) []string {
	var nodes []string
	g.Nodes(func(n network.Node) bool {
		if n.Subject && g.Degree(n.ID) > 0 {
			nodes = append(nodes, n.ID)
		}
		return true
	})
	return nodes
}

// alertsFor returns the network alerts of the subject nodes given: every
// subject that has a path to a listed record within DefaultHops gets one
// per record reached, carrying the best path. The store raises those not
// covered already.
func (s *Service) alertsFor(g *Graph, nodes []string) ([]store.NetworkAlert, error) {
	l, err := s.inForce()
	if err != nil {
		return nil, err
	}
	var alerts []store.NetworkAlert
	for _, node := range nodes {
		x, err := g.Exposure(network.Query{From: node, Hops: network.DefaultHops, Limit: 1000})
		if err != nil {
			continue
		}
		done := map[string]bool{}
		for _, p := range x.Paths { // ranked: the first path to a record is its best
			t := p.Target()
			if done[t.ID] {
				continue
			}
			done[t.ID] = true
			list, id, _ := strings.Cut(t.ID, "/")
			rec := l.Engine.Entity(list, id)
			if rec == nil {
				continue
			}
			raw, err := json.Marshal(NetworkAlertPath{Kind: "network", Hops: p.Hops(), Path: p})
			if err != nil {
				return nil, err
			}
			alerts = append(alerts, store.NetworkAlert{SubjectID: strings.TrimPrefix(node, "subject:"), Record: rec, Score: p.Strength, Path: raw})
		}
	}
	return alerts, nil
}

// NetworkVet looks again at every recorded subject that has a link: one
// whose links now reach a listed record (a linked person newly
// designated, an edge asserted elsewhere) gets its network alert. It is
// idempotent: a path already alerted on, open or closed, raises nothing.
func (s *Service) NetworkVet(ctx context.Context, p auth.Principal) ([]int64, error) {
	db, err := s.database()
	if err != nil {
		return nil, err
	}
	if !p.Has(auth.RoleSystem) {
		if err := allow(p, auth.ActionAssertEdges); err != nil {
			return nil, err
		}
	}
	g, err := s.graphNow(ctx)
	if err != nil {
		return nil, err
	}
	alerts, err := s.alertsFor(g, linked(g))
	if err != nil || len(alerts) == 0 {
		return nil, err
	}
	res, err := db.RaiseNetworkAlerts(ctx, System, alerts)
	if err != nil {
		return nil, err
	}
	return res.Alerts, nil
}

// RunNetworkVet raises the network alerts a change owes (its network
// vet, written in the change's transaction: see store/network_vet.go) and
// marks the vet done, in one transaction; a vet done already raises
// nothing and returns the alerts it raised. The job queued with the
// change runs it; so does the service itself right after the commit.
//
// A vet of links written looks at the subjects near those the change
// touched; a vet of an accepted edition first puts the stored editions in
// force in this process (the job may run in another process than the one
// that imported), then looks at every subject with a link.
func (s *Service) RunNetworkVet(ctx context.Context, p auth.Principal, id int64) ([]int64, error) {
	db, err := s.store(p, auth.ActionRevet) // the system's, as re-vetting
	if err != nil {
		return nil, err
	}
	v, err := db.NetworkVetByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if v.Status == store.NetVetDone {
		return v.Alerts, nil
	}
	if v.Status == store.NetVetFailed { // its job gave up: an operator retries it
		return nil, apperr.New(apperr.Invalid, "network vet %d failed after %d attempts: retry it (vigil network vets retry %d)", id, v.Attempts, id)
	}
	if v.Kind == store.NetVetLists && s.editions != nil {
		if _, err := s.Reload(ctx); err != nil {
			return nil, err
		}
	}
	g, err := s.graphNow(ctx)
	if err != nil {
		return nil, err
	}
	var nodes []string
	switch v.Kind {
	case store.NetVetLinks:
		nodes = near(g, v.Subjects)
	case store.NetVetLists:
		nodes = linked(g)
	default:
		return nil, apperr.New(apperr.Invalid, "network vet %d: unknown kind %q", id, v.Kind)
	}
	alerts, err := s.alertsFor(g, nodes)
	if err != nil {
		return nil, err
	}
	res, err := db.FinishNetworkVet(ctx, System, id, alerts)
	if err != nil {
		return nil, err
	}
	if v.Kind == store.NetVetLists && len(res.Alerts) > 0 && !res.AlreadyDone {
		s.log.Info("network alerts raised after the lists changed", "source", v.Source, "edition", v.Edition, "alerts", len(res.Alerts))
	}
	return res.Alerts, nil
}

// NetworkVetFailed records that attempt number attempt of a network
// vet's job failed with cause; when final (the job tries no more) the vet
// is failed, audited, and waits for an operator (RetryNetworkVet). The
// job runner calls it.
func (s *Service) NetworkVetFailed(ctx context.Context, p auth.Principal, id int64, attempt int, cause error, final bool) error {
	db, err := s.store(p, auth.ActionRevet)
	if err != nil {
		return err
	}
	failed, err := db.NetworkVetFailed(ctx, System, id, attempt, cause.Error(), final)
	if err != nil {
		return err
	}
	if failed {
		s.log.Error("network vet failed for good: its alerts are not raised until an operator retries it", "network_vet", id,
			"attempts", attempt, "err", cause)
	}
	return nil
}

// FailAbandonedNetworkVets fails the pending network vets whose job the
// queue gave up without its worker failing them (a stuck job discarded by
// River's rescuer, a job cancelled from outside), audited as the worker's
// failures are (store.FailAbandonedNetworkVets), and returns their ids.
// The job runner calls it periodically, and a server's start before
// queuing the pending vets again.
func (s *Service) FailAbandonedNetworkVets(ctx context.Context, p auth.Principal) ([]int64, error) {
	db, err := s.store(p, auth.ActionRevet)
	if err != nil {
		return nil, err
	}
	ids, err := db.FailAbandonedNetworkVets(ctx)
	for _, id := range ids {
		s.log.Error("network vet failed for good: the job queue gave its job up; its alerts are not raised until an operator retries it",
			"network_vet", id)
	}
	return ids, err
}

// RetryNetworkVet puts a failed network vet back to be tried again (its
// job queued), audited.
func (s *Service) RetryNetworkVet(ctx context.Context, p auth.Principal, id int64) (*store.NetworkVet, error) {
	db, err := s.store(p, auth.ActionRescreen)
	if err != nil {
		return nil, err
	}
	return db.RetryNetworkVet(ctx, p, id)
}

// NetworkVets returns the network vets in status ("" for all), oldest
// first.
func (s *Service) NetworkVets(ctx context.Context, p auth.Principal, status string) ([]*store.NetworkVet, error) {
	db, err := s.store(p, auth.ActionViewJobs)
	if err != nil {
		return nil, err
	}
	switch status {
	case "", store.NetVetPending, store.NetVetDone, store.NetVetFailed:
	default:
		return nil, apperr.Field("status", "%q: want pending, done or failed", status)
	}
	return db.NetworkVets(ctx, status)
}

// QueuePendingNetworkVets queues the job of every network vet written
// while no job queue was at hand, once the vets whose job the queue gave
// up are failed (FailAbandonedNetworkVets).
func (s *Service) QueuePendingNetworkVets(ctx context.Context, p auth.Principal) (int, error) {
	db, err := s.store(p, auth.ActionRevet)
	if err != nil {
		return 0, err
	}
	// A vet whose job the queue gave up while no server watched is
	// failed first, not queued for ten attempts more.
	if _, err := s.FailAbandonedNetworkVets(ctx, p); err != nil {
		return 0, err
	}
	return db.QueuePendingNetworkVets(ctx)
}

// NetworkExport returns the part of the graph within q.Hops of q.From, for
// GraphML or FollowTheMoney output.
func (s *Service) NetworkExport(ctx context.Context, p auth.Principal, q network.Query) (*network.Subgraph, error) {
	return askGraph(ctx, s, p, func(g *Graph) (network.Subgraph, error) { return g.Subgraph(q) })
}
