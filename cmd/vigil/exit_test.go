package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The exit status of the real binary (docs/operations.md, "Exit codes"):
// 0 done, 1 not done, 2 wrong command line or configuration, 3 done for
// part of the input.
func TestSystem_ExitCodes(t *testing.T) {
	bin := binary(t)
	lists := unListsDir(t)
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good.jsonl", `{"name": "Ayman al-Zawahiri"}`+"\n"+`{"name": "Margaret Thatcher"}`+"\n")
	some := write("some.jsonl", `{"name": "Ayman al-Zawahiri"}`+"\n"+`{"dob": "1970"}`+"\n")
	all := write("all.jsonl", `{"dob": "1970"}`+"\n"+`{"nam": "x"}`+"\n"+"not json\n")
	empty := write("empty.csv", "name\n")
	pairs := write("pairs.jsonl", `{"a": {"name": "x"}}`+"\n")
	badConfig := write("bad.toml", `adr = "x"`+"\n")
	emptyDir := t.TempDir()

	for _, c := range []struct {
		name   string
		args   []string
		want   int
		stderr string
	}{
		{"screen, every row read", []string{"screen", "--lists", lists, "--in", good}, exitOK, "0 malformed rows"},
		{"screen, some rows malformed", []string{"screen", "--lists", lists, "--in", some}, exitPartial, "1 of 2 rows malformed"},
		{"screen, every row malformed", []string{"screen", "--lists", lists, "--in", all}, exitFailed, "all 3 rows malformed"},
		{"screen, no rows", []string{"screen", "--lists", lists, "--in", empty}, exitFailed, "no rows"},
		{"screen, lists missing", []string{"screen", "--lists", filepath.Join(dir, "nowhere"), "--in", good}, exitFailed, "nowhere"},
		{"compare, every pair malformed", []string{"compare", "--in", pairs}, exitFailed, "all 1 pairs malformed"},
		{"lists import, nothing recognised", []string{"--data-dir", t.TempDir(), "lists", "import", emptyDir}, exitFailed, "no list edition"},
		{"unknown command", []string{"screne"}, exitUsage, "screne"},
		{"unknown flag", []string{"screen", "--lists", lists, "--inn", good}, exitUsage, "-inn"},
		{"required flag missing", []string{"screen", "--in", good}, exitUsage, `"lists"`},
		{"bad configuration file", []string{"--config", badConfig, "config"}, exitUsage, `unknown setting "adr"`},
		{"bad log level", []string{"--log-level", "loud", "config"}, exitUsage, "--log-level"},
		{"healthcheck of nothing", []string{"healthcheck", "--addr", "127.0.0.1:1"}, exitFailed, "127.0.0.1:1"},
		{"version", []string{"--version"}, exitOK, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			cmd := exec.Command(bin, c.args...)
			var stderr strings.Builder
			cmd.Stderr = &stderr
			err := cmd.Run()
			code := 0
			var ee *exec.ExitError
			if errors.As(err, &ee) {
				code = ee.ExitCode()
			} else if err != nil {
				t.Fatal(err)
			}
			if code != c.want || !strings.Contains(stderr.String(), c.stderr) {
				t.Errorf("vigil %v: exit %d, want %d; stderr:\n%s(want it to contain %q)", c.args, code, c.want, stderr.String(), c.stderr)
			}
		})
	}
}
