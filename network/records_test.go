package network

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/entity/packed"
	"github.com/vigil-screening/vigil/internal/testdata"
	"github.com/vigil-screening/vigil/snapshot"
	"github.com/vigil-screening/vigil/source"
)

// addEntitiesTwoPass is AddEntities as it was before AddRecords, kept
// to check that the one pass builds the same graph: every record as a
// node, then a second pass over the records for their relations.
func addEntitiesTwoPass(b *Builder, ents []*entity.Entity, edition func(list string) string) EntityStats {
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

// graphs builds the graph of the snapshots as the service does (one
// snapshot after another, each dated by the first edition of its list)
// with add, and returns it with the statistics summed.
func graphs(snaps []*snapshot.Snapshot, add func(*Builder, *snapshot.Snapshot, func(string) string) EntityStats) (*Graph, EntityStats) {
	edition := map[string]string{}
	for _, s := range snaps {
		for i := range s.Len() {
			if l := s.Records.List(i); edition[l] == "" {
				edition[l] = s.Edition
			}
		}
	}
	b := NewBuilder(0, 0)
	var sum EntityStats
	for _, s := range snaps {
		st := add(b, s, func(l string) string { return edition[l] })
		sum.Records += st.Records
		sum.Relations += st.Relations
		sum.Edges += st.Edges
		sum.Unresolved += st.Unresolved
		sum.Positions += st.Positions
	}
	return b.Build(), sum
}

// AddRecords over the packed snapshots, one pass each, builds the same
// graph (nodes, edges, provenances, adjacency, distances, statistics)
// as the two passes over the decoded records did, on the shared lists
// and the shared FtM networks.
func TestAddRecordsSameGraph(t *testing.T) {
	for _, dir := range []string{"lists/current", "lists/editions", "networks"} {
		t.Run(dir, func(t *testing.T) {
			snaps, err := source.LoadDir(context.Background(), testdata.Path(t, strings.Split(dir, "/")...))
			if err != nil {
				t.Fatal(err)
			}
			old, oldSt := graphs(snaps, func(b *Builder, s *snapshot.Snapshot, ed func(string) string) EntityStats {
				return addEntitiesTwoPass(b, s.Entities(), ed)
			})
			got, gotSt := graphs(snaps, func(b *Builder, s *snapshot.Snapshot, ed func(string) string) EntityStats {
				return AddRecords(b, s.All(), ed)
			})
			nodes, edges := got.Len()
			t.Logf("%d editions: %d nodes, %d edges; %+v", len(snaps), nodes, edges, gotSt)
			if edges == 0 || gotSt.Relations == 0 {
				t.Fatalf("no edges: the comparison says nothing")
			}
			if gotSt != oldSt {
				t.Errorf("stats %+v, two passes %+v", gotSt, oldSt)
			}
			if !reflect.DeepEqual(got, old) {
				on, oe := old.Len()
				t.Errorf("graphs differ: %d nodes, %d edges; two passes %d, %d", nodes, edges, on, oe)
			}
		})
	}
}

// The cases the shared lists do not all reach: a far end in no list
// (named, and not), an FtM link seen from both ends and from the object
// only, an ownership share, a position, a relation to a record of a
// later snapshot (the graph takes the snapshots one after another).
func TestAddRecordsSameGraph_Cases(t *testing.T) {
	rec := func(list, id, name string, rels ...entity.Relation) *entity.Entity {
		e := &entity.Entity{List: list, ID: id, Kind: entity.KindPerson, Names: []entity.Name{{Full: name, Type: entity.NamePrimary}}}
		if len(rels) > 0 {
			e.EnsureMore().Relations = rels
		}
		return e
	}
	d := func(s string) entity.Date {
		v, err := entity.ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	a := []*entity.Entity{
		rec("os_a", "1", "One",
			entity.Relation{Type: entity.RelOwnership, TargetID: "2", Outgoing: true, Share: 51, Source: "ftm:Ownership:o1", Start: d("2020-01")},
			entity.Relation{Type: entity.RelFamily, TargetID: "9", TargetName: "Nine Absent", Role: "brother"},
			entity.Relation{Type: entity.RelAssociate, TargetID: "8"},
			entity.Relation{Type: entity.RelDirectorship, TargetID: "1", TargetList: "os_b", Source: "ftm:Directorship:d1"},
			entity.Relation{Type: entity.RelDirectorship, TargetID: "7", TargetName: "Seven Absent", Source: "ftm:Directorship:d2", End: d("2023")},
			entity.Relation{Type: entity.RelOccupancy, TargetID: "p"},
			entity.Relation{Type: entity.RelLinkedTo, TargetName: "Unresolved Name"}),
		rec("os_a", "2", "Two",
			entity.Relation{Type: entity.RelOwnership, TargetID: "1", Share: 51, Source: "ftm:Ownership:o1", Start: d("2020-01")}),
	}
	b := []*entity.Entity{
		rec("os_b", "1", "B One",
			entity.Relation{Type: entity.RelDirectorship, TargetID: "1", TargetList: "os_a", Outgoing: true, Source: "ftm:Directorship:d1"}),
		rec("os_b", "2", "B Two", entity.Relation{Type: entity.RelEmployment, TargetID: "1", TargetList: "os_a", Outgoing: true, Source: "remarks"}),
	}
	snaps := []*snapshot.Snapshot{
		{Source: "os_a", Edition: "2026-01-01", Records: packed.Pack(a)},
		{Source: "os_b", Edition: "2026-02-01", Records: packed.Pack(b)},
	}
	old, oldSt := graphs(snaps, func(b *Builder, s *snapshot.Snapshot, ed func(string) string) EntityStats {
		return addEntitiesTwoPass(b, s.Entities(), ed)
	})
	got, gotSt := graphs(snaps, func(b *Builder, s *snapshot.Snapshot, ed func(string) string) EntityStats {
		return AddRecords(b, s.All(), ed)
	})
	if gotSt != oldSt {
		t.Errorf("stats %+v, two passes %+v", gotSt, oldSt)
	}
	if n, ok := got.Node("os_a/9"); !ok || n.Name != "Nine Absent" {
		t.Errorf("far end in no list: %+v %v", n, ok)
	}
	if !reflect.DeepEqual(got, old) {
		t.Errorf("graphs differ:\n%+v\ntwo passes:\n%+v", got, old)
	}
}

// Records of every snapshot added in one AddRecords call are all nodes
// before any relation is added: an FtM link given by both ends, whose
// subject's record is in a later snapshot than its object's, gives one
// edge (the subject's), not one from each end as when the snapshots were
// added one after another.
func TestAddRecordsAcrossSnapshots(t *testing.T) {
	rec := func(list, id string, rels ...entity.Relation) *entity.Entity {
		e := &entity.Entity{List: list, ID: id, Kind: entity.KindPerson, Names: []entity.Name{{Full: list + " " + id, Type: entity.NamePrimary}}}
		e.EnsureMore().Relations = rels
		return e
	}
	a := &snapshot.Snapshot{Source: "os_a", Records: packed.Pack([]*entity.Entity{rec("os_a", "1",
		entity.Relation{Type: entity.RelDirectorship, TargetID: "1", TargetList: "os_b", Source: "ftm:Directorship:d1"})})}
	b := &snapshot.Snapshot{Source: "os_b", Records: packed.Pack([]*entity.Entity{rec("os_b", "1",
		entity.Relation{Type: entity.RelDirectorship, TargetID: "1", TargetList: "os_a", Outgoing: true, Source: "ftm:Directorship:d1"})})}
	ed := func(string) string { return "2026-01-01" }
	directorships := func(g *Graph) int {
		n := 0
		for _, e := range g.Edges("os_a/1") {
			if e.Type == Directs {
				n++
			}
		}
		return n
	}
	one := NewBuilder(0, 0)
	AddRecords(one, func(yield func(int, *entity.Entity) bool) {
		for _, s := range []*snapshot.Snapshot{a, b} {
			for i, e := range s.All() {
				if !yield(i, e) {
					return
				}
			}
		}
	}, ed)
	if n := directorships(one.Build()); n != 1 {
		t.Errorf("snapshots in one call: %d directorship edges, want 1", n)
	}
	apart := NewBuilder(0, 0)
	AddRecords(apart, a.All(), ed)
	AddRecords(apart, b.All(), ed)
	t.Logf("snapshots one after another: %d directorship edges", directorships(apart.Build()))
}
