package source

import (
	"net/url"
	"testing"
)

// Every source's format is registered, and every download is an https
// address saved under a plain, distinct file name.
func TestSources(t *testing.T) {
	seen := map[string]bool{}
	for _, s := range Sources() {
		if seen[s.Name] {
			t.Errorf("source %s listed twice", s.Name)
		}
		seen[s.Name] = true
		f := formatByName(s.Format)
		if f == nil {
			t.Errorf("%s: format %q not registered", s.Name, s.Format)
		} else if f.Source != "" && f.Source != s.Name {
			t.Errorf("%s: format %s reads list %s", s.Name, f.Name, f.Source)
		}
		files := map[string]bool{}
		for _, d := range s.Downloads {
			u, err := url.Parse(d.URL)
			if err != nil || u.Scheme != "https" || u.Host == "" {
				t.Errorf("%s: bad URL %q", s.Name, d.URL)
			}
			if d.File == "" || files[d.File] || d.File[0] == '.' {
				t.Errorf("%s: bad or repeated file name %q", s.Name, d.File)
			}
			files[d.File] = true
		}
		if len(s.Downloads) == 0 {
			t.Errorf("%s: no downloads", s.Name)
		}
	}
	if _, ok := Lookup("un_sc"); !ok {
		t.Error("Lookup(un_sc) failed")
	}
	if _, ok := Lookup("nope"); ok {
		t.Error("Lookup(nope) succeeded")
	}
}
