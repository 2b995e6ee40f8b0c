package web

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/network"
	"github.com/vigil-screening/vigil/service"
)

// The network pages (issue 12, docs/web.md): a node's neighbourhood and
// exposure paths, the clusters of the graph, and the path of a network
// alert. Each is a table (the edges with their provenance, readable and
// keyboard reachable) and the same edges drawn by Cytoscape.js
// (static/network.js): the graph's data is JSON in the data-graph
// attribute of its container, so no script is inline.

// graphJSON is what static/network.js draws.
type graphJSON struct {
	Nodes []graphNode `json:"nodes"`
	Edges []graphEdge `json:"edges"`
}

type graphNode struct {
	ID     string `json:"id"`
	Label  string `json:"label"`
	Kind   string `json:"kind"` // subject, listed, record, value
	Center bool   `json:"center,omitempty"`
	Href   string `json:"href"`
}

type graphEdge struct {
	ID     string `json:"id"`
	Source string `json:"source"`
	Target string `json:"target"`
	Label  string `json:"label"`
}

// edgeRow is one edge of a provenance table.
type edgeRow struct {
	network.Edge
	FromNode, ToNode network.Node
	Hops             int // of the path the edge is on (0: not on a path)
}

// graphBuilder gathers nodes and edges once each.
type graphBuilder struct {
	g      graphJSON
	nodes  map[string]bool
	edges  map[string]bool
	center string
	rows   []edgeRow
}

func newGraphBuilder(center string) *graphBuilder {
	return &graphBuilder{nodes: map[string]bool{}, edges: map[string]bool{}, center: center}
}

// nodeHref is the network page of a node.
func nodeHref(id string) string { return "/network?node=" + url.QueryEscape(id) }

func (b *graphBuilder) node(n network.Node) {
	if b.nodes[n.ID] {
		return
	}
	b.nodes[n.ID] = true
	kind := "record"
	switch {
	case n.Subject:
		kind = "subject"
	case n.Listed:
		kind = "listed"
	case n.Kind == "value":
		kind = "value"
	}
	label := n.Name
	if label == "" {
		label = n.ID
	}
	b.g.Nodes = append(b.g.Nodes, graphNode{ID: n.ID, Label: label, Kind: kind, Center: n.ID == b.center, Href: nodeHref(n.ID)})
}

// path adds a path's nodes and edges (and its edges to the table).
func (b *graphBuilder) path(p network.Path) {
	for _, n := range p.Nodes {
		b.node(n)
	}
	for i, s := range p.Steps {
		key := s.From + "\x00" + s.To + "\x00" + string(s.Type) + "\x00" + s.Source
		if b.edges[key] {
			continue
		}
		b.edges[key] = true
		b.g.Edges = append(b.g.Edges, graphEdge{ID: "e" + strconv.Itoa(len(b.g.Edges)), Source: s.From, Target: s.To, Label: strings.ReplaceAll(string(s.Type), "_", " ")})
		from, to := p.Nodes[i], p.Nodes[i+1]
		if !s.Forward {
			from, to = to, from
		}
		b.rows = append(b.rows, edgeRow{Edge: s.Edge, FromNode: from, ToNode: to, Hops: p.Hops()})
	}
}

func (b *graphBuilder) json() (string, error) {
	raw, err := json.Marshal(b.g)
	return string(raw), err
}

// networkData is what the network page shows.
type networkData struct {
	Node      string
	Hops      int
	HopsList  []int
	From      *network.Node
	Exposure  *network.Exposure
	Near      *network.Neighbourhood
	Edges     []edgeRow
	Graph     string
	Subject   string // the subject's id when the node is a subject
	Truncated bool
}

// networkPage shows a node's neighbourhood (1 to 3 hops) and its exposure
// paths to listed records, as a table and as a graph.
func (h *Handler) networkPage(pg *page) error {
	ctx := pg.r.Context()
	q := pg.r.URL.Query()
	d := networkData{Node: strings.TrimSpace(q.Get("node")), Hops: 2, HopsList: []int{1, 2, 3}}
	if v := q.Get("hops"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 3 {
			return apperr.Field("hops", "want 1, 2 or 3")
		}
		d.Hops = n
	}
	title := "Network"
	if d.Node != "" {
		if len(d.Node) > 300 {
			return apperr.Field("node", "too long: want subject:<id> or <list>/<id>")
		}
		x, err := h.svc.Exposure(ctx, pg.p, network.Query{From: d.Node, Hops: d.Hops, Limit: 50})
		if err != nil {
			return err
		}
		near, err := h.svc.Neighbourhood(ctx, pg.p, network.Query{From: d.Node, Hops: d.Hops, Limit: 100})
		if err != nil {
			return err
		}
		d.Exposure, d.Near, d.From = x, near, &x.From
		b := newGraphBuilder(d.Node)
		b.node(x.From)
		for _, p := range x.Paths {
			b.path(p)
		}
		for _, r := range near.Reached {
			b.path(r.Path)
		}
		d.Edges = b.rows
		if d.Graph, err = b.json(); err != nil {
			return err
		}
		d.Truncated = x.Truncated || near.Total > len(near.Reached)
		if id, ok := strings.CutPrefix(d.Node, "subject:"); ok {
			d.Subject = id
		}
		title = "Network of " + nodeLabel(x.From)
	}
	return h.render(pg, http.StatusOK, "network", view{Title: title, Nav: "network", Data: d, Graph: d.From != nil})
}

func nodeLabel(n network.Node) string {
	if n.Name != "" {
		return n.Name
	}
	return n.ID
}

// clustersPage lists the clusters of the graph with their hubs and
// members.
func (h *Handler) clustersPage(pg *page) error {
	q := pg.r.URL.Query()
	cq := network.ClusterQuery{Limit: 50, Members: 50, Communities: q.Get("communities") == "1"}
	if v := q.Get("min_size"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 2 || n > 1_000_000 {
			return apperr.Field("min_size", "want a number of at least 2")
		}
		cq.MinSize = n
	}
	cs, err := h.svc.Clusters(pg.r.Context(), pg.p, cq)
	if err != nil {
		return err
	}
	return h.render(pg, http.StatusOK, "clusters", view{Title: "Network clusters", Nav: "network",
		Data: map[string]any{"Clusters": cs, "Communities": cq.Communities, "MinSize": q.Get("min_size")}})
}

// alertPath is the path of a network alert, for the alert page.
type alertPath struct {
	Path  network.Path
	Edges []edgeRow
	Graph string
}

// networkAlertPath reads the path a network alert holds in its hit.
func networkAlertPath(raw json.RawMessage) (*alertPath, error) {
	var nap service.NetworkAlertPath
	if err := json.Unmarshal(raw, &nap); err != nil {
		return nil, err
	}
	if len(nap.Path.Nodes) == 0 {
		return nil, nil
	}
	b := newGraphBuilder(nap.Path.Nodes[0].ID)
	b.path(nap.Path)
	g, err := b.json()
	if err != nil {
		return nil, err
	}
	return &alertPath{Path: nap.Path, Edges: b.rows, Graph: g}, nil
}
