package network

import (
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
)

// Subgraph is the part of the graph within some hops of a node: for an
// analyst's tool (Gephi, yEd) as GraphML, or as FollowTheMoney entities.
type Subgraph struct {
	Nodes []Node
	Edges []Edge
}

// Subgraph returns the nodes within q.Hops of q.From (at most q.Limit
// nodes, nearest first) and every edge between them.
func (g *Graph) Subgraph(q Query) (Subgraph, error) {
	if q.Limit <= 0 {
		q.Limit = 10_000
	}
	n, err := g.Within(q)
	if err != nil {
		return Subgraph{}, err
	}
	in := map[int32]bool{g.index[n.From.ID]: true}
	out := Subgraph{Nodes: []Node{n.From}}
	for _, r := range n.Reached {
		in[g.index[r.Node.ID]] = true
		out.Nodes = append(out.Nodes, r.Node)
	}
	mask, _ := typeMask(q.Types)
	for v := range in {
		for _, a := range g.adj[g.off[v]:g.off[v+1]] {
			if a < 0 { // each edge once, from its From side
				continue
			}
			e := &g.edges[a]
			if in[e.to] && mask&(1<<e.typ) != 0 {
				out.Edges = append(out.Edges, g.edgeAt(a))
			}
		}
	}
	return out, nil
}

type graphml struct {
	XMLName xml.Name     `xml:"graphml"`
	NS      string       `xml:"xmlns,attr"`
	Keys    []graphmlKey `xml:"key"`
	Graph   struct {
		ID       string        `xml:"id,attr"`
		Directed string        `xml:"edgedefault,attr"`
		Nodes    []graphmlItem `xml:"node"`
		Edges    []graphmlItem `xml:"edge"`
	} `xml:"graph"`
}

type graphmlKey struct {
	ID   string `xml:"id,attr"`
	For  string `xml:"for,attr"`
	Name string `xml:"attr.name,attr"`
	Type string `xml:"attr.type,attr"`
}

type graphmlItem struct {
	ID     string        `xml:"id,attr"`
	Source string        `xml:"source,attr,omitempty"`
	Target string        `xml:"target,attr,omitempty"`
	Data   []graphmlData `xml:"data"`
}

type graphmlData struct {
	Key   string `xml:"key,attr"`
	Value string `xml:",chardata"`
}

// WriteGraphML writes the subgraph as GraphML, every node and edge with
// its attributes (an edge's provenance included).
func (s Subgraph) WriteGraphML(w io.Writer) error {
	var doc graphml
	doc.NS = "http://graphml.graphdrawing.org/xmlns"
	for _, k := range [][3]string{{"name", "node", "string"}, {"kind", "node", "string"}, {"listed", "node", "boolean"},
		{"blocked", "node", "boolean"}, {"subject", "node", "boolean"}, {"type", "edge", "string"}, {"share", "edge", "double"},
		{"confidence", "edge", "double"}, {"start", "edge", "string"}, {"end", "edge", "string"}, {"source_kind", "edge", "string"},
		{"source", "edge", "string"}, {"date", "edge", "string"}, {"asserted_by", "edge", "string"}, {"evidence", "edge", "string"}} {
		doc.Keys = append(doc.Keys, graphmlKey{ID: k[0], For: k[1], Name: k[0], Type: k[2]})
	}
	doc.Graph.ID, doc.Graph.Directed = "vigil", "directed"
	for _, n := range s.Nodes {
		doc.Graph.Nodes = append(doc.Graph.Nodes, graphmlItem{ID: n.ID, Data: []graphmlData{{"name", n.Name}, {"kind", n.Kind},
			{"listed", strconv.FormatBool(n.Listed)}, {"blocked", strconv.FormatBool(n.Blocked)}, {"subject", strconv.FormatBool(n.Subject)}}})
	}
	for i, e := range s.Edges {
		d := []graphmlData{{"type", string(e.Type)}, {"confidence", strconv.FormatFloat(e.Confidence, 'g', -1, 64)},
			{"source_kind", string(e.Kind)}, {"source", e.Source}}
		if e.ShareKnown {
			d = append(d, graphmlData{"share", strconv.FormatFloat(e.Share, 'g', -1, 64)})
		}
		for _, kv := range [][2]string{{"start", e.Start}, {"end", e.End}, {"date", e.Date}, {"asserted_by", e.AssertedBy}, {"evidence", e.Evidence}} {
			if kv[1] != "" {
				d = append(d, graphmlData{kv[0], kv[1]})
			}
		}
		doc.Graph.Edges = append(doc.Graph.Edges, graphmlItem{ID: fmt.Sprintf("e%d", i), Source: e.From, Target: e.To, Data: d})
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", " ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// ftmLink is the FtM interval schema of each relation and its two
// properties (the edge's From, then its To).
var ftmLink = map[Relation][3]string{
	Owns: {"Ownership", "owner", "asset"}, Directs: {"Directorship", "director", "organization"},
	FamilyOf: {"Family", "person", "relative"}, EmployedBy: {"Employment", "employee", "employer"},
	MemberOf: {"Membership", "member", "organization"}, AssociateOf: {"Associate", "person", "associate"},
}

// WriteFtM writes the subgraph as FollowTheMoney entities, one JSON object
// a line: the nodes as Person, Company or LegalEntity, the edges as
// Ownership, Directorship, Family, Employment, Membership, Associate or
// UnknownLink (with the relation as role), the provenance in summary,
// publisher and date properties.
func (s Subgraph) WriteFtM(w io.Writer) error {
	enc := json.NewEncoder(w)
	for _, n := range s.Nodes {
		schema := "LegalEntity"
		switch n.Kind {
		case "person":
			schema = "Person"
		case "organization":
			schema = "Company"
		}
		props := map[string][]string{}
		if n.Name != "" {
			props["name"] = []string{n.Name}
		}
		if n.Blocked {
			props["topics"] = []string{"sanction"}
		}
		if err := enc.Encode(map[string]any{"id": n.ID, "schema": schema, "properties": props}); err != nil {
			return err
		}
	}
	for _, e := range s.Edges {
		l, ok := ftmLink[e.Type]
		if !ok {
			l = [3]string{"UnknownLink", "subject", "object"}
		}
		props := map[string][]string{l[1]: {e.From}, l[2]: {e.To}, "publisher": {string(e.Kind) + ": " + e.Source}}
		if !ok {
			props["role"] = []string{string(e.Type)}
		}
		if e.ShareKnown {
			props["percentage"] = []string{strconv.FormatFloat(e.Share, 'g', -1, 64)}
		}
		for _, kv := range [][2]string{{"startDate", e.Start}, {"endDate", e.End}, {"date", e.Date}, {"summary", e.Evidence}} {
			if kv[1] != "" {
				props[kv[0]] = []string{kv[1]}
			}
		}
		if e.AssertedBy != "" {
			props["publisher"] = append(props["publisher"], "asserted by "+e.AssertedBy)
		}
		sum := sha1.Sum([]byte(e.From + "\x00" + e.To + "\x00" + string(e.Type) + "\x00" + e.Source))
		if err := enc.Encode(map[string]any{"id": "vigil-" + hex.EncodeToString(sum[:]), "schema": l[0], "properties": props}); err != nil {
			return err
		}
	}
	return nil
}
