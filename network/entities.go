package network

import (
	"iter"
	"slices"
	"strings"

	"github.com/vigil-screening/vigil/entity"
)

// NodeOf returns the node of a listed record: its key as ID, its primary
// name and kind, Listed, and Blocked as Blocking says.
func NodeOf(e *entity.Entity) Node {
	return Node{ID: e.Key(), Name: e.PrimaryName(), Kind: string(e.Kind), Listed: Listed(e), Blocked: Blocking(e)}
}

// Listed says whether a record is one screening alerts on. A record of a
// list always is, except one whose list is an OpenSanctions enrichment
// dataset ("os_ext_...", such as the Russian company register that gives
// the context of a network) and that carries no topic or programme.
func Listed(e *entity.Entity) bool {
	if !strings.HasPrefix(e.List, "os_ext_") {
		return true
	}
	return len(e.Programs()) > 0
}

// nonBlocking are the official lists whose records are not blocked
// persons: export denials and the non-SDN consolidated list.
var nonBlocking = map[string]bool{"us_bis_dpl": true, "us_ofac_cons": true, "us_csl": true}

// Blocking says whether a record's property is blocked, so that the
// 50 percent rule starts from it: a record of a sanctions list, or an
// OpenSanctions record with the topic "sanction".
func Blocking(e *entity.Entity) bool {
	if strings.HasPrefix(e.List, "os_") {
		for _, p := range e.Programs() {
			if p == "sanction" {
				return true
			}
		}
		return false
	}
	return !nonBlocking[e.List] && !strings.HasPrefix(e.List, "own_")
}

// relationOf maps a reader's relation type onto the graph's.
func relationOf(t entity.RelationType) (Relation, bool) {
	switch t {
	case entity.RelLinkedTo:
		return LinkedTo, true
	case entity.RelOwnership:
		return Owns, true
	case entity.RelDirectorship:
		return Directs, true
	case entity.RelFamily:
		return FamilyOf, true
	case entity.RelAssociate:
		return AssociateOf, true
	case entity.RelMembership:
		return MemberOf, true
	case entity.RelEmployment:
		return EmployedBy, true
	case entity.RelUnknown:
		return UnknownLinkRel, true
	}
	// Occupancy points at a position, not at a party: it gives no edge.
	return "", false
}

// EntityStats counts what AddEntities made of the records' relations.
type EntityStats struct {
	Records    int `json:"records"`
	Relations  int `json:"relations"`
	Edges      int `json:"edges"`
	Unresolved int `json:"unresolved"` // a name the list gives that matches no record ("Linked To:" an unknown name)
	Positions  int `json:"positions"`  // occupancies of a position: no edge
}

// AddEntities adds every record as a node, then every relation between
// records as an edge from the list, dated by the edition. Relations whose
// far end is in no list in force still give an edge, to a node of its own
// (the builder's AutoNodes is turned on for them). It is AddRecords over
// the slice.
func AddEntities(b *Builder, ents []*entity.Entity, edition func(list string) string) EntityStats {
	return AddRecords(b, slices.All(ents), edition)
}

// AddRecords adds the records as AddEntities does, reading each record
// once and holding none: a record is added as a node when it comes, and
// its relations are kept in a compact form (what their edges need, the
// strings copied out of the record) until every record of recs is a
// node; then they are added as edges, in the records' order. recs may
// decode its records one at a time (snapshot.Snapshot.All).
func AddRecords(b *Builder, recs iter.Seq2[int, *entity.Entity], edition func(list string) string) EntityStats {
	var st EntityStats
	var rels []listRelation
	for _, e := range recs {
		n := NodeOf(e)
		n.Name = strings.Clone(n.Name) // not the whole record's bytes
		b.AddNode(n)
		st.Records++
		key := n.ID
		for _, r := range e.Relations() {
			st.Relations++
			typ, ok := relationOf(r.Type)
			if !ok {
				st.Positions++
				continue
			}
			if r.TargetID == "" {
				st.Unresolved++
				continue
			}
			tl := r.TargetList
			if tl == "" {
				tl = e.List
			}
			rels = append(rels, listRelation{
				from: key, to: tl + "/" + r.TargetID, name: strings.Clone(r.TargetName), typ: typ,
				outgoing: r.Outgoing, ftm: strings.HasPrefix(r.Source, "ftm:"), share: r.Share,
				start: r.Start.String(), end: r.End.String(), role: strings.Clone(r.Role),
				source: strings.Clone(relSource(e.List, r)), date: edition(e.List),
			})
		}
	}
	auto := b.AutoNodes
	b.AutoNodes = true
	defer func() { b.AutoNodes = auto }()
	for i := range rels {
		if b.addListRelation(&rels[i]) {
			st.Edges++
		}
	}
	return st
}

// listRelation is a relation of a record to another, resolved (it has
// a target id and a type the graph knows), as AddRecords keeps it until
// every record is a node.
type listRelation struct {
	from, to   string // the record's key, the target's
	name       string // the target's name as the record gives it
	typ        Relation
	outgoing   bool // the record is the relation's subject
	ftm        bool // an FtM link, attached to both ends
	share      float64
	start, end string
	role       string
	source     string // the edge's provenance source (relSource)
	date       string // the edition of the record's list
}

// addListRelation adds the edge a relation gives, if any, and says
// whether it did.
func (b *Builder) addListRelation(r *listRelation) bool {
	// FtM attaches a link to both ends: the subject's side (Outgoing)
	// gives the edge, the other side only when the subject is in no
	// list in force.
	if !r.outgoing && r.ftm && b.Has(r.to) {
		return false
	}
	from, to := r.from, r.to
	if !r.outgoing && r.typ.Directed() {
		from, to = to, from
	}
	if from == to {
		return false
	}
	if !b.Has(to) && !b.Has(from) {
		return false
	}
	if !b.Has(to) && r.name != "" {
		b.AddNode(Node{ID: to, Name: r.name})
	} else if !b.Has(from) && r.name != "" {
		b.AddNode(Node{ID: from, Name: r.name})
	}
	ed := Edge{From: from, To: to, Type: r.typ, Confidence: 1, Start: r.start, End: r.end,
		Provenance: Provenance{Kind: FromList, Source: r.source, Date: r.date, Evidence: r.role}}
	if r.typ == Owns && r.share > 0 {
		ed.Share, ed.ShareKnown = r.share, true
	}
	return b.AddEdge(ed) == nil
}

func relSource(list string, r entity.Relation) string {
	if r.Source == "" {
		return list
	}
	if strings.HasPrefix(r.Source, "ftm:") {
		return list + " " + strings.TrimPrefix(r.Source, "ftm:")
	}
	if strings.HasPrefix(r.Source, list) {
		return r.Source
	}
	return list + " " + r.Source
}
