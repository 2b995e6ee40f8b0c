package service_test

import (
	"encoding/json"
	"log/slog"
	"slices"
	"strings"
	"testing"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/entity/packed"
	"github.com/vigil-screening/vigil/internal/testdata"
	"github.com/vigil-screening/vigil/network"
	"github.com/vigil-screening/vigil/reader/ftm"
	"github.com/vigil-screening/vigil/review"
	"github.com/vigil-screening/vigil/screen"
	"github.com/vigil-screening/vigil/service"
	"github.com/vigil-screening/vigil/snapshot"
	"github.com/vigil-screening/vigil/store"
)

const (
	zakharov = "os_gb_coh_disqualified/NK-aU5ybkbRFJucf8YMwsJvDw"
)

// zalaLists reads the zala cluster with each record on its dataset's list.
func zalaLists(t *testing.T, designate string) *service.Lists {
	t.Helper()
	var ents []*entity.Entity
	_, err := ftm.ReadWith(ctx, testdata.Path(t, "networks", "zala_cluster.entities.ftm.json"), ftm.Options{}, func(e *entity.Entity) error {
		if e.Key() == designate {
			e.EnsureMore().Programs = append(e.Programs(), "sanction")
		}
		ents = append(ents, e)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	snap := &snapshot.Snapshot{Source: "os_zala", Format: "ftm", Edition: "2026-04-29", Hash: "h" + designate, Records: packed.Pack(ents)}
	eng, _ := service.BuildEngine([]*snapshot.Snapshot{snap}, screen.Config{})
	return &service.Lists{Engine: eng, Editions: []snapshot.Meta{snap.Meta()}, Snapshots: []*snapshot.Snapshot{snap}}
}

func fullID(t *testing.T, l *service.Lists, prefix string) string {
	for _, s := range l.Snapshots {
		for _, e := range s.All() {
			if strings.HasPrefix(e.Key(), prefix) {
				return e.Key()
			}
		}
	}
	t.Fatalf("no record %s", prefix)
	return ""
}

// The whole path of issue 9 through the service, on both databases:
// edges asserted and imported, exposure, ownership, network alerts
// reviewed with four eyes, a linked company newly designated, and the
// trail verifying at the end.
func TestNetworkService(t *testing.T) {
	eachStore(t, func(t *testing.T, db *store.DB) {
		svc := service.New(service.Config{Store: db, Logger: slog.New(slog.DiscardHandler)})
		lists := zalaLists(t, "")
		svc.SetLists(lists)
		ana := mustPrincipal(t, db, "ana", auth.RoleAnalyst)
		sup := mustPrincipal(t, db, "sam", auth.RoleSupervisor)
		scr := mustPrincipal(t, db, "sid", auth.RoleScreener)
		for _, id := range []string{"C-1", "C-2", "C-3", "C-5"} {
			if _, err := svc.RecordScreening(ctx, ana, id, vigil.Subject{Name: "Quentin Oyelaran " + id, Kind: entity.KindPerson}, ""); err != nil {
				t.Fatal(err)
			}
		}
		izh := fullID(t, lists, "os_ext_ru_egrul/NK-56Edov9ba")

		// Bad edges: each named, nothing stored.
		_, err := svc.AssertEdges(ctx, ana, []network.Edge{
			{From: "subject:C-1", To: "subject:C-404", Type: network.FamilyOf},
			{From: "subject:C-1", To: "us_ofac_sdn/0", Type: network.Paid},
			{From: "subject:C-1", To: "subject:C-1", Type: network.Paid},
			{From: "subject:C-1", To: zakharov, Type: network.Owns, Share: 150, ShareKnown: true},
		})
		if apperr.CodeOf(err) != apperr.Invalid || !strings.Contains(err.Error(), "C-404") || !strings.Contains(err.Error(), "us_ofac_sdn") ||
			!strings.Contains(err.Error(), "itself") || !strings.Contains(err.Error(), "share") {
			t.Fatalf("bad edges: %v", err)
		}
		if _, err := svc.AssertEdges(ctx, scr, []network.Edge{{From: "subject:C-1", To: zakharov, Type: network.FamilyOf}}); apperr.CodeOf(err) != apperr.Forbidden {
			t.Fatalf("screener asserted: %v", err)
		}

		// C-1 is Zakharov's cousin; C-2 travelled with C-1.
		res, err := svc.AssertEdges(ctx, ana, []network.Edge{
			{From: "subject:C-1", To: zakharov, Type: network.FamilyOf, Confidence: 0.8, Provenance: network.Provenance{Source: "case 118", Date: "2026-11-30", Evidence: "cousin"}},
			{From: "subject:C-2", To: "subject:C-1", Type: network.TravelledWith, Provenance: network.Provenance{Source: "manifest LX 1234"}},
		})
		if err != nil || len(res.Added) != 2 || len(res.Alerts) != 2 {
			t.Fatalf("assert: %+v %v", res, err)
		}
		// C-3 shares C-1's phone (a values import): 2 hops, an alert.
		imp, err := svc.ImportNetwork(ctx, ana, strings.NewReader("subject,kind,value\nC-1,phone,+7 912 000 11 22\nC-3,phone,0079120001122\n"), "phones.csv")
		if err != nil || imp.Added != 2 || len(imp.Alerts) != 1 {
			t.Fatalf("values import: %+v %v", imp, err)
		}
		// A CSV of edges with a bad line takes nothing and names the line.
		_, err = svc.ImportNetwork(ctx, ana, strings.NewReader("from,to,relation\nsubject:C-5,"+izh+",employed_by\nsubject:C-5,subject:C-9,paid\n"), "links.csv")
		if err == nil || !strings.Contains(err.Error(), "C-9") {
			t.Fatalf("import with a bad line: %v", err)
		}
		imp, err = svc.ImportNetwork(ctx, ana, strings.NewReader("from,to,relation,source\nsubject:C-5,"+izh+",employed_by,hr file\n"), "links.csv")
		// The register company is not listed; Zakharov's stake in it ended in
		// 2012 but the link stands: 2 hops, an alert (at half strength).
		if err != nil || imp.Added != 1 || len(imp.Alerts) != 1 {
			t.Fatalf("edges import: %+v %v", imp, err)
		}
		again, err := svc.ImportNetwork(ctx, ana, strings.NewReader("from,to,relation,source\nsubject:C-5,"+izh+",employed_by,hr file\n"), "links.csv")
		if err != nil || again.Added != 0 || again.Existing != 1 || len(again.Alerts) != 0 {
			t.Fatalf("import again: %+v %v", again, err)
		}

		x, err := svc.Exposure(ctx, ana, network.Query{From: "subject:C-2"})
		if err != nil || x.Total != 1 || x.Paths[0].Hops() != 2 || x.Paths[0].Target().ID != zakharov {
			t.Fatalf("exposure: %+v %v", x, err)
		}
		t.Log("\n" + x.Text())
		if _, err := svc.Exposure(ctx, scr, network.Query{From: "subject:C-2"}); apperr.CodeOf(err) != apperr.Forbidden {
			t.Fatalf("screener saw exposure: %v", err)
		}
		if _, err := svc.Exposure(ctx, ana, network.Query{From: "subject:nobody"}); apperr.CodeOf(err) != apperr.NotFound {
			t.Fatalf("unknown node: %v", err)
		}
		n, err := svc.Neighbourhood(ctx, ana, network.Query{From: zakharov, Hops: 2})
		if err != nil || n.Subjects != 4 {
			t.Fatalf("neighbourhood: subjects %d %v", n.Subjects, err)
		}

		// The network alerts: one per subject and record, carrying the path.
		alerts, _, err := svc.Alerts(ctx, ana, store.AlertFilter{})
		if err != nil {
			t.Fatal(err)
		}
		var netAlerts []*review.Alert
		for _, a := range alerts {
			if a.Kind == "network" {
				netAlerts = append(netAlerts, a)
			}
		}
		if len(netAlerts) != 4 {
			t.Fatalf("%d network alerts of %d", len(netAlerts), len(alerts))
		}
		var c2 *review.Alert
		for _, a := range netAlerts {
			if a.SubjectID == "C-2" {
				c2 = a
			}
		}
		var p service.NetworkAlertPath
		if err := json.Unmarshal(c2.Hit, &p); err != nil || p.Hops != 2 || p.Path.Steps[1].Source != "case 118" || p.Path.Steps[1].AssertedBy != "ana" {
			t.Fatalf("C-2's alert path %s: %v", c2.Hit, err)
		}
		// Reviewed like a name alert: a true match needs a supervisor's approval.
		a, err := svc.MoveAlert(ctx, ana, store.AlertChange{AlertID: c2.ID, Version: c2.Version}, review.StatusInReview)
		if err != nil {
			t.Fatal(err)
		}
		a, err = svc.DecideAlert(ctx, ana, store.AlertChange{AlertID: a.ID, Version: a.Version, Reason: "travelled with the cousin"}, review.TrueMatch)
		if err != nil || a.Status == review.StatusClosed || a.Proposal == nil {
			t.Fatalf("decide: %+v %v", a, err)
		}
		if a, err = svc.ApproveAlert(ctx, sup, store.AlertChange{AlertID: a.ID, Version: a.Version}); err != nil || a.Status != review.StatusClosed {
			t.Fatalf("approve: %+v %v", a, err)
		}
		// A network alert closed as a false positive leaves no false-positive
		// memory: that is about identities, and a link is not one.
		var c1 *review.Alert
		for _, a := range netAlerts {
			if a.SubjectID == "C-1" {
				c1 = a
			}
		}
		a, err = svc.MoveAlert(ctx, ana, store.AlertChange{AlertID: c1.ID, Version: c1.Version}, review.StatusInReview)
		if err != nil {
			t.Fatal(err)
		}
		if a, err = svc.DecideAlert(ctx, ana, store.AlertChange{AlertID: a.ID, Version: a.Version, Reason: "not the same family"}, review.FalsePositive); err != nil || a.Status != review.StatusClosed {
			t.Fatalf("false positive: %+v %v", a, err)
		}
		var fp int
		if err := db.SQL().QueryRow(`SELECT COUNT(*) FROM fp_memory`).Scan(&fp); err != nil || fp != 0 {
			t.Fatalf("fp_memory rows %d %v", fp, err)
		}
		// Vetting again raises nothing new: those paths are alerted on.
		if ids, err := svc.NetworkVet(ctx, service.System); err != nil || len(ids) != 0 {
			t.Fatalf("vet: %v %v", ids, err)
		}

		// The register company is newly designated: a subject linked to it
		// through an asserted edge is alerted on the new listing.
		if _, err := svc.RecordScreening(ctx, ana, "C-6", vigil.Subject{Name: "Ilse Vandermeer", Kind: entity.KindPerson}, ""); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.AssertEdges(ctx, ana, []network.Edge{{From: "subject:C-6", To: "subject:C-5", Type: network.Paid}}); err != nil {
			t.Fatal(err)
		}
		svc.SetLists(zalaLists(t, izh))
		ids, err := svc.NetworkVet(ctx, service.System)
		if err != nil || len(ids) != 2 { // C-5 (1 hop) and C-6 (2 hops) to the company
			t.Fatalf("vet after the designation: %v %v", ids, err)
		}

		o, err := svc.Ownership(ctx, ana, fullID(t, lists, "os_mc_fund_freezes/NK-abdzbEBkqyT29GyREbiURZ"), "2026-12-01")
		if err != nil || !o.Rule.Blocked || o.Rule.Share != 100 {
			t.Fatalf("ownership: %+v %v", o, err)
		}
		if _, err := svc.Ownership(ctx, ana, zakharov, "1 Dec"); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("bad date: %v", err)
		}
		c, err := svc.Clusters(ctx, ana, network.ClusterQuery{})
		if err != nil || c.Components == 0 {
			t.Fatalf("clusters %+v %v", c, err)
		}
		// Another analyst may not take back ana's word; a supervisor may.
		bea := auth.Principal{Username: "bea", Roles: []auth.Role{auth.RoleAnalyst}}
		if _, err := svc.RetractEdge(ctx, bea, res.Added[1].ID, "I dislike it"); apperr.CodeOf(err) != apperr.Forbidden {
			t.Fatalf("an analyst retracts another's edge: %v", err)
		}
		sue := auth.Principal{Username: "sue", Roles: []auth.Role{auth.RoleSupervisor}}
		if _, err := svc.RetractEdge(ctx, sue, res.Added[1].ID, "the manifest named another man"); err != nil {
			t.Fatal(err)
		}
		if x, _ := svc.Exposure(ctx, ana, network.Query{From: "subject:C-2"}); x.Total != 0 {
			t.Fatalf("a retracted edge still counts: %+v", x)
		}
		e, err := svc.Edges(ctx, ana, "subject:C-2")
		if err != nil || len(e.Asserted) != 1 || e.Asserted[0].RetractedAt == nil || len(e.Edges) != 0 {
			t.Fatalf("edges %+v %v", e, err)
		}
		v, err := db.Verify(ctx, 100)
		if err != nil || v.Finding != nil || len(v.State.Differences) != 0 {
			t.Fatalf("verify: %v %v %+v", err, v.Finding, v.State.Differences)
		}
		if !slices.ContainsFunc(alerts, func(a *review.Alert) bool { return a.Kind == "network" }) {
			t.Fatal("no network alert")
		}
	})
}

func mustPrincipal(t *testing.T, db *store.DB, name string, roles ...auth.Role) auth.Principal {
	t.Helper()
	u, err := db.CreateUser(ctx, store.System, name, roles)
	if err != nil {
		t.Fatal(err)
	}
	return auth.Principal{UserID: u.ID, Username: u.Username, Roles: u.Roles}
}

// The graph takes every edition's records as nodes before any relation:
// an FtM directorship given by both ends, whose director's record is in
// an edition read after the company's, is one edge. Taken edition by
// edition it was two, one from each end.
func TestBuildGraphLinkAcrossEditions(t *testing.T) {
	rec := func(list string, r entity.Relation) *entity.Entity {
		e := &entity.Entity{List: list, ID: "1", Kind: entity.KindPerson, Names: []entity.Name{{Full: list + " one", Type: entity.NamePrimary}}}
		e.EnsureMore().Relations = []entity.Relation{r}
		return e
	}
	company := &snapshot.Snapshot{Source: "os_a", Format: "ftm", Edition: "2026-01-01", Hash: "a", Records: packed.Pack([]*entity.Entity{
		rec("os_a", entity.Relation{Type: entity.RelDirectorship, TargetID: "1", TargetList: "os_b", Source: "ftm:Directorship:d1"})})}
	director := &snapshot.Snapshot{Source: "os_b", Format: "ftm", Edition: "2026-01-01", Hash: "b", Records: packed.Pack([]*entity.Entity{
		rec("os_b", entity.Relation{Type: entity.RelDirectorship, TargetID: "1", TargetList: "os_a", Outgoing: true, Source: "ftm:Directorship:d1"})})}
	db, err := store.Open(ctx, "", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, snaps := range [][]*snapshot.Snapshot{{company, director}, {director, company}} {
		g, err := service.BuildGraph(ctx, &service.Lists{Snapshots: snaps}, db)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, e := range g.Edges("os_a/1") {
			if e.Type == network.Directs {
				n++
			}
		}
		if n != 1 || g.Lists.Edges != 1 {
			t.Errorf("editions %s, %s: %d directorship edges (%d counted), want 1", snaps[0].Source, snaps[1].Source, n, g.Lists.Edges)
		}
	}
}
