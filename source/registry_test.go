package source

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReadSources(t *testing.T) {
	write := func(body string) string {
		p := filepath.Join(t.TempDir(), "sources.json")
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	srcs, err := ReadSources(write(`[
		{"name": "un_sc", "format": "un_xml", "downloads": [{"url": "http://127.0.0.1:1/un.xml", "file": "consolidated.xml"}]},
		{"name": "os_sanctions", "delta": {"entities": "https://x/entities.ftm.json", "index": "https://x/delta.json"}}]`))
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]Source{}
	for _, s := range srcs {
		byName[s.Name] = s
	}
	if len(srcs) != len(Sources())+1 || byName["un_sc"].Downloads[0].URL != "http://127.0.0.1:1/un.xml" ||
		byName["os_sanctions"].Delta == nil || byName["us_ofac_sdn"].Name == "" {
		t.Errorf("registry = %+v", srcs)
	}
	bad := []struct{ body, want string }{
		{`[{"name": "x", "downloads": [{"url": "ftp://h/a", "file": "a"}]}]`, "downloads[0].url"},
		{`[{"name": "x", "downloads": [{"url": "http://h/a", "file": "../a"}]}]`, "downloads[0].file"},
		{`[{"name": "x"}]`, "no downloads"},
		{`[{"name": "a b", "downloads": [{"url": "http://h/a", "file": "a"}]}]`, "name"},
		{`[{"name": "sanctions", "delta": {"entities": "http://h/e", "index": "http://h/i"}}]`, "os_"},
		{`[{"name": "os_x", "delta": {"entities": "http://h/e", "index": "nope"}}]`, "delta.index"},
		{`[{"name": "x", "downloads": [], "extra": 1}]`, "extra"},
		{`{"name": "x"}`, "sources file"},
	}
	for _, b := range bad {
		if _, err := ReadSources(write(b.body)); err == nil || !strings.Contains(err.Error(), b.want) {
			t.Errorf("%s: err = %v, want it to name %s", b.body, err, b.want)
		}
	}
}
