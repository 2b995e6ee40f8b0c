package network_test

import (
	"bytes"
	"context"
	"encoding/xml"
	"testing"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/network"
	"github.com/vigil-screening/vigil/reader/ftm"
)

// The zala cluster around Zakharov, exported as FtM, reads back through
// Vigil's own FtM reader into the same graph; as GraphML it parses with
// every node and edge.
func TestExportRoundTrip(t *testing.T) {
	g, _ := graphOf(t, "zala_cluster.entities.ftm.json")
	sub, err := g.Subgraph(network.Query{From: zakharov, Hops: 2})
	if err != nil {
		t.Fatal(err)
	}
	nodes, edges := g.Len()
	if len(sub.Nodes) != nodes || len(sub.Edges) != edges {
		t.Fatalf("subgraph %d nodes %d edges, graph %d %d", len(sub.Nodes), len(sub.Edges), nodes, edges)
	}
	var buf bytes.Buffer
	if err := sub.WriteFtM(&buf); err != nil {
		t.Fatal(err)
	}
	var ents []*entity.Entity
	st, err := ftm.ParseWith(context.Background(), &buf, "export.ftm.json", ftm.Options{List: "os_export"}, func(e *entity.Entity) error {
		ents = append(ents, e)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	b := network.NewBuilder(0, 0)
	network.AddEntities(b, ents, func(string) string { return "" })
	back := b.Build()
	n2, e2 := back.Len()
	if n2 != nodes || e2 != edges || st.Dangling != 0 {
		t.Fatalf("read back %d nodes %d edges (dangling %d), want %d %d", n2, e2, st.Dangling, nodes, edges)
	}
	buf.Reset()
	if err := sub.WriteGraphML(&buf); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Graph struct {
			Nodes []struct {
				ID string `xml:"id,attr"`
			} `xml:"node"`
			Edges []struct {
				Source string `xml:"source,attr"`
			} `xml:"edge"`
		} `xml:"graph"`
	}
	if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Graph.Nodes) != nodes || len(doc.Graph.Edges) != edges {
		t.Fatalf("graphml %d nodes %d edges", len(doc.Graph.Nodes), len(doc.Graph.Edges))
	}
}
