package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vigil-screening/vigil/internal/testdata"
)

// vigil network on the real FtM files imported as lists: an edges file
// between two records, exposure, ownership with the 50 percent rule,
// clusters, export; a bad file is refused naming its line and field.
func TestNetworkCommand(t *testing.T) {
	data := t.TempDir()
	if _, _, err := runVigil(t, "--data-dir", data, "lists", "import", testdata.Path(t, "networks")); err != nil {
		t.Fatal(err)
	}
	vigil := func(args ...string) (string, string, error) {
		return runVigil(t, append([]string{"--data-dir", data, "network"}, args...)...)
	}
	const cst = "os_zala_cluster/NK-abdzbEBkqyT29GyREbiURZ"
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("from,to,relation,share\n"+cst+",os_sa_wiki_peps/Q104781582,owns,150\n"), 0o600)
	if _, _, err := vigil("import", bad); err == nil || !strings.Contains(err.Error(), "bad.csv:2: share") {
		t.Fatalf("bad file: %v", err)
	}
	good := filepath.Join(dir, "links.csv")
	os.WriteFile(good, []byte("from,to,relation,source\n"+cst+",os_sa_wiki_peps/Q104781582,associate_of,analyst note 5\n"), 0o600)
	out, _, err := vigil("import", good)
	if err != nil || !strings.Contains(out, "1 edges added") {
		t.Fatalf("import: %q %v", out, err)
	}
	if out, _, _ := vigil("import", good); !strings.Contains(out, "0 edges added, 1 already recorded") {
		t.Fatalf("import again: %q", out)
	}
	// The same statement with a start date: refused, naming the line, the
	// field and both values; nothing is written.
	restated := filepath.Join(dir, "restated.csv")
	os.WriteFile(restated, []byte("from,to,relation,source,start\n"+cst+",os_sa_wiki_peps/Q104781582,associate_of,analyst note 5,2020\n"), 0o600)
	if _, _, err := vigil("import", restated); err == nil || !strings.Contains(err.Error(), "restated.csv:2:") ||
		!strings.Contains(err.Error(), `start "" recorded, "2020" given`) {
		t.Fatalf("a statement restated with a start date: %v", err)
	}
	out, _, err = vigil("exposure", "os_sa_wiki_peps/Q104781582", "--within", "--hops", "1")
	if err != nil || !strings.Contains(out, cst) || !strings.Contains(out, "analyst note 5") {
		t.Fatalf("exposure --within: %v\n%s", err, out)
	}
	out, _, err = vigil("ownership", cst, "--as-of", "2026-12-01")
	if err != nil || !strings.Contains(out, "= 100% >= 50%: blocked") || !strings.Contains(out, "-51%->") {
		t.Fatalf("ownership: %v\n%s", err, out)
	}
	out, _, err = vigil("clusters", "--limit", "1")
	if err != nil || !strings.Contains(out, "hub ") {
		t.Fatalf("clusters: %v\n%s", err, out)
	}
	out, _, err = vigil("export", cst, "--format", "ftm")
	if err != nil || !strings.Contains(out, `"schema":"Ownership"`) {
		t.Fatalf("export: %v\n%s", err, out)
	}
	for _, args := range [][]string{{"exposure"}, {"exposure", "nobody/x"}, {"exposure", cst, "--hops", "9"}, {"ownership"},
		{"export", cst, "--format", "pdf"}, {"clusters", "--types", "cousin"}} {
		if _, _, err := vigil(args...); err == nil {
			t.Errorf("network %v succeeded", args)
		}
	}
}
