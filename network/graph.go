// Package network is Vigil's relationship graph: who is linked to whom,
// how, and on whose word. It is pure graph logic with no I/O: the store
// keeps the edges, the service builds a Graph from them and from the
// lists in force, and asks it for exposure (paths to listed records),
// ownership (aggregate shares and OFAC's 50 percent rule) and clusters.
//
// Nodes are recorded subjects ("subject:<ref>") and listed records
// ("<list>/<id>"). Every edge carries its provenance: the source that
// states it, the date, a confidence and the user who asserted it.
//
// A Graph is immutable once built and safe for concurrent readers.
package network

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
)

// Relation is the type of an edge.
type Relation string

// The relation types. Directed ones read "From <relation> To": an owner
// owns the asset, a director directs the organisation, a payer paid the
// payee, an employee is employed by the employer.
const (
	TravelledWith     Relation = "travelled_with"
	FacilitatedTravel Relation = "facilitated_travel" // From facilitated the travel of To
	Paid              Relation = "paid"               // From paid To
	SharesPhone       Relation = "shares_phone"
	SharesAddress     Relation = "shares_address"
	SharesDocument    Relation = "shares_document"
	SharesEmail       Relation = "shares_email"
	SharesIdentifier  Relation = "shares_identifier"
	FamilyOf          Relation = "family_of"
	EmployedBy        Relation = "employed_by" // From is employed by To
	Owns              Relation = "owns"        // From owns To (with a share)
	Directs           Relation = "directs"     // From directs To
	AssociateOf       Relation = "associate_of"
	MemberOf          Relation = "member_of" // From is a member of To
	Occupies          Relation = "occupies"  // From holds the position To
	LinkedTo          Relation = "linked_to" // a link the source does not qualify
	UnknownLinkRel    Relation = "unknown_link"
)

// relations lists every type with whether it is directed; the index in
// this table is the type's compact code.
var relations = []struct {
	r        Relation
	directed bool
}{
	{TravelledWith, false}, {FacilitatedTravel, true}, {Paid, true},
	{SharesPhone, false}, {SharesAddress, false}, {SharesDocument, false},
	{SharesEmail, false}, {SharesIdentifier, false}, {FamilyOf, false},
	{EmployedBy, true}, {Owns, true}, {Directs, true}, {AssociateOf, false},
	{MemberOf, true}, {Occupies, true}, {LinkedTo, false}, {UnknownLinkRel, false},
}

var relCode = func() map[Relation]uint8 {
	m := make(map[Relation]uint8, len(relations))
	for i, r := range relations {
		m[r.r] = uint8(i)
	}
	return m
}()

// Relations returns every relation type Vigil knows.
func Relations() []Relation {
	out := make([]Relation, len(relations))
	for i, r := range relations {
		out[i] = r.r
	}
	return out
}

// ParseRelation reads a relation type; it accepts the names above and a
// few spellings people write ("owner of", "family", "employee of").
func ParseRelation(s string) (Relation, error) {
	k := strings.ToLower(strings.TrimSpace(s))
	k = strings.NewReplacer(" ", "_", "-", "_").Replace(k)
	if _, ok := relCode[Relation(k)]; ok {
		return Relation(k), nil
	}
	switch k {
	case "travelled", "traveled_with":
		return TravelledWith, nil
	case "facilitated", "facilitated_travel_of", "facilitator_of":
		return FacilitatedTravel, nil
	case "paid_to", "payment", "payer_of":
		return Paid, nil
	case "family", "relative", "relative_of":
		return FamilyOf, nil
	case "employee_of", "employment", "works_for":
		return EmployedBy, nil
	case "owner_of", "ownership", "owner":
		return Owns, nil
	case "director_of", "directorship", "director":
		return Directs, nil
	case "associate", "associated_with":
		return AssociateOf, nil
	case "member", "membership":
		return MemberOf, nil
	}
	return "", fmt.Errorf("unknown relation %q (known: %s)", s, strings.Join(relNames(), ", "))
}

func relNames() []string {
	out := make([]string, len(relations))
	for i, r := range relations {
		out[i] = string(r.r)
	}
	return out
}

// Directed says whether the relation reads one way.
func (r Relation) Directed() bool {
	c, ok := relCode[r]
	return ok && relations[c].directed
}

// SourceKind says who states an edge; it ranks paths (lists first).
type SourceKind string

// Source kinds, best first.
const (
	FromList         SourceKind = "list"         // a list edition in force states it
	FromOrganisation SourceKind = "organisation" // a user or an import of the organisation asserted it
	FromShared       SourceKind = "shared_value" // two subjects share an identifier, phone, e-mail or address
)

func (k SourceKind) rank() int {
	switch k {
	case FromList:
		return 0
	case FromOrganisation:
		return 1
	case FromShared:
		return 2
	}
	return 3
}

// Provenance says on whose word an edge stands.
type Provenance struct {
	Kind SourceKind `json:"kind"`
	// Source names the statement: "us_ofac_sdn 2021-07 remarks",
	// "ftm:Ownership:<id>", "import:links.csv:12", "shared phone".
	Source string `json:"source"`
	// Date is when it was stated or observed (YYYY-MM-DD), when known.
	Date string `json:"date,omitempty"`
	// AssertedBy is the user or operator who asserted it ("" for lists).
	AssertedBy string `json:"asserted_by,omitempty"`
	// Evidence is the shared value of an automatic link, or a note.
	Evidence string `json:"evidence,omitempty"`
}

// Edge is one relationship.
type Edge struct {
	From string   `json:"from"`
	To   string   `json:"to"`
	Type Relation `json:"type"`
	// Share is the percentage owned, for Owns, when ShareKnown.
	Share      float64 `json:"share,omitempty"`
	ShareKnown bool    `json:"share_known,omitempty"`
	// Confidence is in (0, 1]; 0 reads as 1.
	Confidence float64 `json:"confidence"`
	// Start and End bound the relationship in time (YYYY[-MM[-DD]]) when known.
	Start string `json:"start,omitempty"`
	End   string `json:"end,omitempty"`
	Provenance
}

// Node is a subject or a listed record.
type Node struct {
	ID   string `json:"id"`
	Name string `json:"name,omitempty"`
	// Kind is "person", "organization", ... when known.
	Kind string `json:"kind,omitempty"`
	// Listed is true for a record of a list in force: exposure searches end there.
	Listed bool `json:"listed,omitempty"`
	// Blocked is true for a listed record whose property is blocked
	// (sanctions lists): OFAC's 50 percent rule starts from these.
	Blocked bool `json:"blocked,omitempty"`
	// Subject is true for a subject the organisation recorded.
	Subject bool `json:"subject,omitempty"`
}

// The errors AddEdge returns; wrapped with the edge in question.
var (
	ErrSelfLoop     = errors.New("an edge from a node to itself")
	ErrUnknownNode  = errors.New("an edge to an unknown node")
	ErrShare        = errors.New("a share outside 0..100 percent")
	ErrRelation     = errors.New("an unknown relation type")
	ErrConfidence   = errors.New("a confidence outside 0..1")
	ErrShareNotOwns = errors.New("a share on an edge that is not ownership")
)

// Validate checks one edge on its own (not its endpoints).
func (e *Edge) Validate() error {
	if e.From == "" || e.To == "" {
		return fmt.Errorf("edge %s -%s-> %s: %w", e.From, e.Type, e.To, ErrUnknownNode)
	}
	if e.From == e.To {
		return fmt.Errorf("edge %s -%s-> %s: %w", e.From, e.Type, e.To, ErrSelfLoop)
	}
	if _, ok := relCode[e.Type]; !ok {
		return fmt.Errorf("edge %s -%s-> %s: %w", e.From, e.Type, e.To, ErrRelation)
	}
	if e.ShareKnown {
		if e.Type != Owns {
			return fmt.Errorf("edge %s -%s-> %s: %w", e.From, e.Type, e.To, ErrShareNotOwns)
		}
		if math.IsNaN(e.Share) || e.Share < 0 || e.Share > 100 {
			return fmt.Errorf("edge %s -%s-> %s: share %v: %w", e.From, e.Type, e.To, e.Share, ErrShare)
		}
	}
	if math.IsNaN(e.Confidence) || e.Confidence < 0 || e.Confidence > 1 {
		return fmt.Errorf("edge %s -%s-> %s: confidence %v: %w", e.From, e.Type, e.To, e.Confidence, ErrConfidence)
	}
	return nil
}

// edge is the compact form kept in the graph: 32 bytes.
type edge struct {
	share    float64
	conf     float64
	from, to int32
	prov     int32 // index into Graph.provs
	typ      uint8
	known    bool
	ended    bool // End is set (the relationship is over)
}

// extra holds the rarely shared parts of an edge: interned with the provenance.
type extra struct {
	Provenance
	Start, End string
}

// Builder collects nodes and edges and makes a Graph.
type Builder struct {
	nodes []Node
	index map[string]int32
	edges []edge
	provs []extra
	pidx  map[extra]int32
	dup   map[dupKey]int32
	// AutoNodes makes AddEdge create missing endpoints instead of failing
	// with ErrUnknownNode (for list edges whose far end is in no list in force).
	AutoNodes bool
	// Stats counts what AddEdge did.
	Stats BuildStats
}

// BuildStats counts the treatment of edges.
type BuildStats struct {
	Edges      int `json:"edges"`
	Duplicates int `json:"duplicates"` // same endpoints, type and source: merged
	AutoNodes  int `json:"auto_nodes"` // endpoints created for edges to nodes no list holds
}

type dupKey struct {
	a, b int32
	typ  uint8
	prov int32
}

// NewBuilder returns an empty builder; sizes are hints.
func NewBuilder(nodes, edges int) *Builder {
	return &Builder{
		nodes: make([]Node, 0, nodes), index: make(map[string]int32, nodes),
		edges: make([]edge, 0, edges), pidx: make(map[extra]int32), dup: make(map[dupKey]int32, edges),
	}
}

// AddNode adds a node or merges it with the node of the same ID (a node
// listed or blocked in one source stays so; the first name is kept).
func (b *Builder) AddNode(n Node) {
	if i, ok := b.index[n.ID]; ok {
		o := &b.nodes[i]
		o.Listed = o.Listed || n.Listed
		o.Blocked = o.Blocked || n.Blocked
		o.Subject = o.Subject || n.Subject
		if o.Name == "" {
			o.Name = n.Name
		}
		if o.Kind == "" {
			o.Kind = n.Kind
		}
		return
	}
	if len(b.nodes) >= math.MaxInt32 {
		panic("network: too many nodes")
	}
	b.index[n.ID] = int32(len(b.nodes))
	b.nodes = append(b.nodes, n)
}

// Has says whether a node of that ID was added.
func (b *Builder) Has(id string) bool { _, ok := b.index[id]; return ok }

// AddEdge validates e and adds it. An edge with the same endpoints, type
// and provenance as one already added is merged with it (the later share
// and confidence win): a source that repeats itself says one thing.
func (b *Builder) AddEdge(e Edge) error {
	if err := e.Validate(); err != nil {
		return err
	}
	from, ok1 := b.index[e.From]
	to, ok2 := b.index[e.To]
	if !ok1 || !ok2 {
		if !b.AutoNodes {
			missing := e.From
			if ok1 {
				missing = e.To
			}
			return fmt.Errorf("edge %s -%s-> %s: %q: %w", e.From, e.Type, e.To, missing, ErrUnknownNode)
		}
		for _, id := range []string{e.From, e.To} {
			if !b.Has(id) {
				b.AddNode(Node{ID: id})
				b.Stats.AutoNodes++
			}
		}
		from, to = b.index[e.From], b.index[e.To]
	}
	x := extra{Provenance: e.Provenance, Start: e.Start, End: e.End}
	p, ok := b.pidx[x]
	if !ok {
		p = int32(len(b.provs))
		b.provs = append(b.provs, x)
		b.pidx[x] = p
	}
	conf := e.Confidence
	if conf == 0 {
		conf = 1
	}
	c := relCode[e.Type]
	ce := edge{from: from, to: to, prov: p, share: e.Share, conf: conf, typ: c, known: e.ShareKnown, ended: e.End != ""}
	k := dupKey{a: from, b: to, typ: c, prov: p}
	if !relations[c].directed && k.a > k.b {
		k.a, k.b = k.b, k.a
	}
	if i, ok := b.dup[k]; ok {
		b.edges[i] = ce
		b.Stats.Duplicates++
		return nil
	}
	b.dup[k] = int32(len(b.edges))
	b.edges = append(b.edges, ce)
	b.Stats.Edges++
	return nil
}

// Graph is the built, immutable graph: nodes, edges and a compressed
// adjacency index (every edge appears in the lists of both endpoints).
type Graph struct {
	nodes []Node
	index map[string]int32
	edges []edge
	provs []extra
	// off[i]..off[i+1] delimit node i's entries in adj; an entry is an
	// edge index, negated minus one when the node is the edge's To.
	off []int32
	adj []int32
	// dist[i] is the number of hops from node i to the nearest listed
	// node, capped at MaxHops+1: exposure search prunes with it.
	dist  []uint8
	Stats BuildStats
}

// MaxHops is the longest exposure path Vigil searches.
const MaxHops = 4

// DefaultHops is the exposure depth when none is asked for.
const DefaultHops = 2

// Build makes the graph. The builder must not be used afterwards.
func (b *Builder) Build() *Graph {
	g := &Graph{nodes: b.nodes, index: b.index, edges: b.edges, provs: b.provs, Stats: b.Stats}
	n := len(g.nodes)
	g.off = make([]int32, n+1)
	for _, e := range g.edges {
		g.off[e.from+1]++
		g.off[e.to+1]++
	}
	for i := 1; i <= n; i++ {
		g.off[i] += g.off[i-1]
	}
	g.adj = make([]int32, 2*len(g.edges))
	pos := slices.Clone(g.off[:n])
	for i, e := range g.edges {
		g.adj[pos[e.from]] = int32(i)
		pos[e.from]++
		g.adj[pos[e.to]] = -int32(i) - 1
		pos[e.to]++
	}
	g.distances()
	b.dup, b.pidx = nil, nil
	return g
}

// distances runs one breadth-first search from every listed node at once.
func (g *Graph) distances() {
	g.dist = make([]uint8, len(g.nodes))
	var frontier []int32
	for i := range g.dist {
		if g.nodes[i].Listed {
			frontier = append(frontier, int32(i))
		} else {
			g.dist[i] = MaxHops + 1
		}
	}
	for d := uint8(1); d <= MaxHops && len(frontier) > 0; d++ {
		var next []int32
		for _, u := range frontier {
			for _, a := range g.adj[g.off[u]:g.off[u+1]] {
				v := g.other(a)
				if g.dist[v] > d {
					g.dist[v] = d
					next = append(next, v)
				}
			}
		}
		frontier = next
	}
}

// other returns the far end of adjacency entry a.
func (g *Graph) other(a int32) int32 {
	if a >= 0 {
		return g.edges[a].to
	}
	return g.edges[-a-1].from
}

func edgeIndex(a int32) (int32, bool) {
	if a >= 0 {
		return a, true
	}
	return -a - 1, false
}

// Len returns the number of nodes and edges.
func (g *Graph) Len() (nodes, edges int) { return len(g.nodes), len(g.edges) }

// Node returns the node of that ID.
func (g *Graph) Node(id string) (Node, bool) {
	i, ok := g.index[id]
	if !ok {
		return Node{}, false
	}
	return g.nodes[i], true
}

// Nodes calls fn for every node, in the order they were added.
func (g *Graph) Nodes(fn func(Node) bool) {
	for _, n := range g.nodes {
		if !fn(n) {
			return
		}
	}
}

// edgeAt expands the compact edge i.
func (g *Graph) edgeAt(i int32) Edge {
	e := g.edges[i]
	x := g.provs[e.prov]
	out := Edge{From: g.nodes[e.from].ID, To: g.nodes[e.to].ID, Type: relations[e.typ].r,
		Confidence: e.conf, Start: x.Start, End: x.End, Provenance: x.Provenance}
	if e.known {
		out.Share, out.ShareKnown = e.share, true
	}
	return out
}

// Edges returns the edges that touch the node (both directions).
func (g *Graph) Edges(id string) []Edge {
	i, ok := g.index[id]
	if !ok {
		return nil
	}
	var out []Edge
	for _, a := range g.adj[g.off[i]:g.off[i+1]] {
		ei, _ := edgeIndex(a)
		out = append(out, g.edgeAt(ei))
	}
	return out
}

// Degree returns the number of edges that touch the node.
func (g *Graph) Degree(id string) int {
	i, ok := g.index[id]
	if !ok {
		return 0
	}
	return int(g.off[i+1] - g.off[i])
}
