package main

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vigil-screening/vigil/internal/testdata"
	"github.com/vigil-screening/vigil/store"
)

// zalaEdition writes the real zala FtM file as an edition of a list of
// its own, os_ext_zala: an enrichment dataset, so that a record is listed
// only when it carries a topic. designate, when not "", is given the
// topic "sanction" (the record newly designated).
func zalaEdition(t *testing.T, designate string) string {
	t.Helper()
	src, err := os.Open(testdata.Path(t, "networks", "zala_cluster.entities.ftm.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	dir := filepath.Join(t.TempDir(), "ext_zala")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	out, err := os.Create(filepath.Join(dir, "ext_zala.entities.ftm.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	sc := bufio.NewScanner(src)
	sc.Buffer(nil, 16<<20)
	found := designate == ""
	for sc.Scan() {
		line := sc.Bytes()
		var e map[string]any
		if err := json.Unmarshal(line, &e); err != nil {
			t.Fatal(err)
		}
		if e["id"] == designate {
			props := e["properties"].(map[string]any)
			props["topics"] = []string{"sanction"}
			if line, err = json.Marshal(e); err != nil {
				t.Fatal(err)
			}
			found = true
		}
		out.Write(append(line, '\n'))
	}
	if err := sc.Err(); err != nil || !found {
		t.Fatalf("zala file: %v, %s found %v", err, designate, found)
	}
	return dir
}

// openDB opens the database of the global flags db (--data-dir DIR [--db DSN]).
func openDB(t *testing.T, db []string) *store.DB {
	t.Helper()
	dsn := ""
	if len(db) > 3 {
		dsn = db[3]
	}
	s, err := store.Open(context.Background(), dsn, db[1])
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// Nothing is lost when a process dies after a change of the graph or of
// the lists committed and before its network alerts were raised: the job
// queued in the change's own transaction raises them when a server runs.
//
//   - `vigil network import` SIGKILLed between the commit of the edges
//     and their alerts (held there by a hidden fault-injection flag);
//   - `vigil lists import` of an edition that designates a company a
//     subject is linked to, with no server running (before, only a
//     server's reload vetted the network, synchronously: an edition
//     accepted by another process, or a reload cut short, was never
//     vetted until someone ran `vigil network vet`).
//
// On SQLite and PostgreSQL: every owed alert raised once, every vet
// done, the audit chain intact.
func TestFault_KillBeforeNetworkAlerts(t *testing.T) {
	t.Parallel()
	const (
		osetrova = "os_ext_zala/NK-2Tbri3s6GgNtAwsSXh4qpL" // listed: topics sanction, debarment
		izhtel   = "NK-56Edov9bas9puzaChH5pBy"             // a register company: no topic, not listed
	)
	eachDatabase(t, func(t *testing.T, db []string) {
		if _, _, err := runVigil(t, append(append([]string{}, db...), "lists", "import", zalaEdition(t, ""))...); err != nil {
			t.Fatal(err)
		}
		args := append(append(append([]string{}, db...), "serve", "--addr", "127.0.0.1:0"), faultFlags...)
		p := startVigil(t, args...)
		admin := p.adminKey()
		ana := p.newUser(t, admin, "ana", "analyst")
		for id, name := range map[string]string{"S-1": "Berit Lindqvist", "S-2": "Jonas Ekdahl", "S-3": "Ilse Vandermeer"} {
			if code := p.api(t, ana, "POST", "/v1/subjects/"+id+"/screen", `{"name": "`+name+`", "type": "person"}`, nil); code != 200 {
				t.Fatalf("record %s: %d", id, code)
			}
		}
		p.kill()

		// The import, killed after its commit, before its alerts.
		links := filepath.Join(t.TempDir(), "links.csv")
		os.WriteFile(links, []byte("from,to,relation,source\n"+
			"subject:S-1,"+osetrova+",associate_of,case 12\n"+
			"subject:S-2,subject:S-1,paid,case 12\n"+
			"subject:S-3,os_ext_zala/"+izhtel+",paid,case 12\n"), 0o600)
		imp := exec.Command(binary(t), append(append([]string{}, db...), "network", "import", links, "--vet-delay", "5m")...)
		var stderr syncBuffer
		imp.Stderr = &stderr
		if err := imp.Start(); err != nil {
			t.Fatal(err)
		}
		waitFor(t, time.Minute, "the import holding its alerts", func() bool {
			return strings.Contains(stderr.String(), "holding the network alerts")
		})
		imp.Process.Kill()
		imp.Wait()

		s := openDB(t, db)
		ctx := context.Background()
		count := func(q string, args ...any) int {
			var n int
			if err := s.SQL().QueryRowContext(ctx, q, args...).Scan(&n); err != nil {
				t.Fatal(err)
			}
			return n
		}
		if e, a := count(`SELECT COUNT(*) FROM network_edges`), count(`SELECT COUNT(*) FROM alerts WHERE kind = 'network'`); e != 3 || a != 0 {
			t.Fatalf("after the kill: %d edges, %d network alerts; want 3 and none yet", e, a)
		}
		if n := count(`SELECT COUNT(*) FROM network_vets WHERE status = 'pending'`); n != 1 {
			t.Fatalf("%d pending network vets, want the import's", n)
		}

		// The register company is designated, in an edition imported with
		// no server running.
		if _, _, err := runVigil(t, append(append([]string{}, db...), "lists", "import", zalaEdition(t, izhtel))...); err != nil {
			t.Fatal(err)
		}
		if n := count(`SELECT COUNT(*) FROM network_vets WHERE status = 'pending' AND kind = 'lists'`); n != 1 {
			t.Fatalf("%d pending network vets of the edition", n)
		}

		p = startVigil(t, args...)
		defer p.kill()
		alertOn := func(subject, record string) int {
			return count(`SELECT COUNT(*) FROM alerts a JOIN subjects s ON s.id = a.subject_id
				WHERE a.kind = 'network' AND s.external_id = $1 AND a.list || '/' || a.source_id = $2`, subject, record)
		}
		waitFor(t, 2*time.Minute, "the owed network alerts", func() bool {
			return count(`SELECT COUNT(*) FROM network_vets WHERE status <> 'done'`) == 0
		})
		for _, want := range []struct{ subject, record string }{
			{"S-1", osetrova},                // 1 hop, from the killed import
			{"S-2", osetrova},                // 2 hops, from the killed import
			{"S-3", "os_ext_zala/" + izhtel}, // 1 hop, newly designated
		} {
			if n := alertOn(want.subject, want.record); n != 1 {
				t.Errorf("%d network alerts of %s on %s, want 1", n, want.subject, want.record)
			}
		}
		raised := count(`SELECT COUNT(*) FROM alerts WHERE kind = 'network'`)
		var vetted int
		vets, err := s.NetworkVets(ctx, "")
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range vets {
			vetted += len(v.Alerts)
		}
		if vetted != raised {
			t.Errorf("the vets say %d alerts raised, the table holds %d", vetted, raised)
		}
		v, err := s.Verify(ctx, 100)
		if err != nil || v.Finding != nil || len(v.State.Differences) != 0 {
			t.Fatalf("verify: %v %v %+v", err, v.Finding, v.State.Differences)
		}
	})
}
