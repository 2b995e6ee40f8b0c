package network

import (
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
// (the builder's AutoNodes is turned on for them).
func AddEntities(b *Builder, ents []*entity.Entity, edition func(list string) string) EntityStats {
	var st EntityStats
	for _, e := range ents {
		b.AddNode(NodeOf(e))
		st.Records++
	}
	auto := b.AutoNodes
	b.AutoNodes = true
	defer func() { b.AutoNodes = auto }()
	for _, e := range ents {
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
			// FtM attaches a link to both ends: the subject's side
			// (Outgoing) gives the edge, the other side only when the
			// subject is in no list in force.
			if !r.Outgoing && strings.HasPrefix(r.Source, "ftm:") && b.Has(tl+"/"+r.TargetID) {
				continue
			}
			from, to := e.Key(), tl+"/"+r.TargetID
			if !r.Outgoing && typ.Directed() {
				from, to = to, from
			}
			if from == to {
				continue
			}
			if !b.Has(to) && !b.Has(from) {
				continue
			}
			if !b.Has(to) && r.TargetName != "" {
				b.AddNode(Node{ID: to, Name: r.TargetName})
			} else if !b.Has(from) && r.TargetName != "" {
				b.AddNode(Node{ID: from, Name: r.TargetName})
			}
			ed := Edge{From: from, To: to, Type: typ, Confidence: 1, Start: r.Start.String(), End: r.End.String(),
				Provenance: Provenance{Kind: FromList, Source: relSource(e.List, r), Date: edition(e.List), Evidence: r.Role}}
			if typ == Owns && r.Share > 0 {
				ed.Share, ed.ShareKnown = r.Share, true
			}
			if err := b.AddEdge(ed); err == nil {
				st.Edges++
			}
		}
	}
	return st
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
