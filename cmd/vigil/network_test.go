package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/vigil-screening/vigil/internal/testdata"
	"github.com/vigil-screening/vigil/network"
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

// An import file over the limits is refused early, naming the file and
// the limit: a file larger than network.MaxImportBytes before a byte of
// it is read, a stream (a pipe) at the row past network.MaxImportRows.
// Before, a file was read whole, however big (a million short rows took
// 940 MB before the row limit refused them).
func TestNetworkImportLimits(t *testing.T) {
	data := t.TempDir()
	if _, _, err := runVigil(t, "--data-dir", data, "lists", "import", unListsDir(t)); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	big := filepath.Join(dir, "big.csv")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("from,to,relation\n")
	if err := f.Truncate(network.MaxImportBytes + 1); err != nil { // sparse: nothing written past the header
		t.Fatal(err)
	}
	f.Close()
	want := fmt.Sprintf("big.csv: %d bytes, over the import limit of %d bytes (32 MiB): split the file", network.MaxImportBytes+1, network.MaxImportBytes)
	if _, _, err := runVigil(t, "--data-dir", data, "network", "import", big); err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("a file over the byte limit: %v, want %q", err, want)
	}

	// A pipe has no size: its rows are counted as they come.
	pipe := filepath.Join(dir, "links.pipe")
	if err := syscall.Mkfifo(pipe, 0o600); err != nil {
		t.Skipf("no named pipe: %v", err)
	}
	go func() {
		w, err := os.OpenFile(pipe, os.O_WRONLY, 0)
		if err != nil {
			return
		}
		defer w.Close()
		bw := bufio.NewWriter(w)
		bw.WriteString("from,to,relation,source\n")
		for i := range network.MaxImportRows + 50_000 {
			if _, err := fmt.Fprintf(bw, "subject:S%d,subject:T%d,paid,register\n", i, i); err != nil {
				return // the reader stopped
			}
		}
		bw.Flush()
	}()
	want = fmt.Sprintf("links.pipe:%d: more than %d rows, the import limit: split the file", network.MaxImportRows+2, network.MaxImportRows)
	if _, _, err := runVigil(t, "--data-dir", data, "network", "import", pipe); err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("a stream over the row limit: %.300v, want %q", err, want)
	}
}
