package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/vigil-screening/vigil/internal/testdata"
)

func TestCompareCommand(t *testing.T) {
	in := writeTemp(t, "pairs.jsonl", `{"id": "same", "a": {"name": "Ayman al-Zawahiri"}, "b": {"name": "ZAWAHIRI, Ayman al-"}}`+"\n"+
		`{"id": "diff", "a": {"name": "Ayman al-Zawahiri"}, "b": {"name": "Margaret Thatcher"}}`+"\n"+
		"\n"+
		`{"id": "bad", "a": {"name": "x"}, "b": {"dob": "1970"}}`+"\n"+
		`{"a": {"name": "Ann Lee"}, "b": {"first_name": "Ann", "last_name": "Lee", "gender": "female"}}`+"\n")
	stdout, stderr, err := runVigil(t, "compare", "--in", in)
	if exitCode(err) != exitPartial { // one malformed pair
		t.Fatalf("compare: %v (exit %d, want %d)\n%s", err, exitCode(err), exitPartial, stderr)
	}
	type comparison struct {
		ID          string          `json:"id"`
		Score       float64         `json:"score"`
		Explanation json.RawMessage `json:"explanation"`
		Error       string          `json:"error"`
	}
	var rs []comparison
	for line := range strings.Lines(stdout) {
		var v comparison
		if err := json.Unmarshal([]byte(line), &v); err != nil {
			t.Fatalf("bad output line %q: %v", line, err)
		}
		rs = append(rs, v)
	}
	if len(rs) != 4 {
		t.Fatalf("got %d lines, want 4:\n%s", len(rs), stdout)
	}
	if rs[0].ID != "same" || rs[1].ID != "diff" || rs[2].ID != "bad" || rs[3].ID != "5" {
		t.Errorf("ids = %q %q %q %q, want same diff bad 5", rs[0].ID, rs[1].ID, rs[2].ID, rs[3].ID)
	}
	if rs[0].Score < 0.9 || rs[1].Score > 0.5 || rs[0].Explanation == nil {
		t.Errorf("same-person score %.2f, different-person score %.2f; want >= 0.9 and <= 0.5, with explanation", rs[0].Score, rs[1].Score)
	}
	if !strings.Contains(rs[2].Error, "pairs.jsonl:4") || !strings.Contains(rs[2].Error, "b.name") {
		t.Errorf("bad pair error = %q, want it to name pairs.jsonl:4 and b.name", rs[2].Error)
	}
	if !strings.Contains(stderr, "compared 4 pairs, 1 malformed") {
		t.Errorf("stderr lacks the summary:\n%s", stderr)
	}
}

// startServe runs "vigil serve" in-process and returns its base URL and a
// function that stops it and returns its error.
func startServe(t *testing.T, args ...string) (base string, stop func() error) {
	t.Helper()
	base, stop, _ = startServeLog(t, args...)
	return base, stop
}

// startServeLog is startServe that also returns the server's log.
func startServeLog(t *testing.T, args ...string) (base string, stop func() error, log *syncBuffer) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	stderr := &syncBuffer{}
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, append([]string{"vigil"}, args...), io.Discard, stderr)
	}()
	addr := regexp.MustCompile(`addr=(http://127\.0\.0\.1:\d+)`)
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if m := addr.FindStringSubmatch(stderr.String()); m != nil {
			return m[1], func() error { cancel(); return <-done }, stderr
		}
		select {
		case err := <-done:
			t.Fatalf("serve stopped: %v\n%s", err, stderr.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
	cancel()
	t.Fatalf("serve did not report its address:\n%s", stderr.String())
	return "", nil, nil
}

func getJSON(t *testing.T, method, url, body string, v any) int {
	t.Helper()
	req, _ := http.NewRequest(method, url, strings.NewReader(body))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if v != nil {
		if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
			t.Fatalf("%s %s: %v", method, url, err)
		}
	}
	return resp.StatusCode
}

func TestServeCommand(t *testing.T) {
	base, stop := startServe(t, "serve", "--open", "--lists", unListsDir(t), "--addr", "127.0.0.1:0")
	if code := getJSON(t, "GET", base+"/healthz", "", nil); code != 200 {
		t.Errorf("healthz = %d", code)
	}
	ready := false
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if getJSON(t, "GET", base+"/readyz", "", nil) == 200 {
			ready = true
			break
		}
	}
	if !ready {
		t.Fatal("never ready")
	}
	var lists struct {
		Lists []struct {
			Source  string `json:"source"`
			Records int    `json:"records"`
			Hash    string `json:"hash"`
		} `json:"lists"`
	}
	// 730 <INDIVIDUAL> + 273 <ENTITY> elements in the file (grep -c).
	if code := getJSON(t, "GET", base+"/v1/lists", "", &lists); code != 200 || len(lists.Lists) != 1 ||
		lists.Lists[0].Source != "un_sc" || lists.Lists[0].Records != 1003 || len(lists.Lists[0].Hash) != 64 {
		t.Errorf("lists = %d %+v", code, lists)
	}
	var res screenResult
	if code := getJSON(t, "POST", base+"/v1/screen", `{"id": "q", "name": "Aiman Muhammed Rabi al-Zawahiri"}`, &res); code != 200 ||
		res.ID != "q" || len(res.Hits) == 0 || res.Hits[0].SourceID != "111923" {
		t.Errorf("screen = %d %+v", code, res)
	}
	var ent struct {
		ID   string `json:"id"`
		List string `json:"list"`
	}
	if code := getJSON(t, "GET", base+"/v1/entities/un_sc/111923", "", &ent); code != 200 || ent.ID != "111923" {
		t.Errorf("entity = %d %+v", code, ent)
	}
	if err := stop(); err != nil {
		t.Errorf("serve after cancel = %v, want nil", err)
	}
}

// Without --open the server asks for API keys from the database.
func TestServeCommand_Auth(t *testing.T) {
	base, stop := startServe(t, "--data-dir", t.TempDir(), "serve", "--lists", unListsDir(t), "--addr", "127.0.0.1:0")
	defer stop()
	if code := getJSON(t, "GET", base+"/healthz", "", nil); code != 200 {
		t.Errorf("healthz = %d, want 200 without a key", code)
	}
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if getJSON(t, "GET", base+"/readyz", "", nil) == 200 {
			break
		}
	}
	if code := getJSON(t, "POST", base+"/v1/screen", `{"name": "x"}`, nil); code != 401 {
		t.Errorf("screen without key = %d, want 401", code)
	}
}

// A list that fails to load stops the server with the reader's error,
// naming file and line. The archived CSL file stops inside its last
// record, which starts on line 4233 (the file's last line; wc -l says
// 4232 newlines and it has no final newline).
func TestServeCommand_BadLists(t *testing.T) {
	data, err := os.ReadFile(testdata.Path(t, "bad", "us-csl-2023-11-truncated.csv"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "consolidated.csv"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	err = run(ctx, []string{"vigil", "serve", "--open", "--lists", dir, "--addr", "127.0.0.1:0"}, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "load lists") || !strings.Contains(err.Error(), "consolidated.csv:4233") {
		t.Errorf("serve with a truncated list = %v, want a load error naming consolidated.csv:4233", err)
	}
	// A damaged file beside a good list stops the server, with or without
	// a database, rather than serving fewer lists.
	damaged := damagedListsDir(t)
	for _, args := range [][]string{
		{"vigil", "serve", "--open", "--lists", damaged, "--addr", "127.0.0.1:0"},
		{"vigil", "--data-dir", t.TempDir(), "serve", "--lists", damaged, "--addr", "127.0.0.1:0"},
	} {
		err = run(ctx, args, io.Discard, io.Discard)
		if err == nil || !strings.Contains(err.Error(), "regulation8_consolidated.xlsx") || !strings.Contains(err.Error(), "does not open") {
			t.Errorf("%v = %v, want an error naming the damaged workbook", args[1:], err)
		}
	}
	// An empty database says how to get lists.
	err = run(ctx, []string{"vigil", "--data-dir", t.TempDir(), "serve", "--addr", "127.0.0.1:0"}, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "no list editions in the database") || !strings.Contains(err.Error(), "vigil lists fetch") {
		t.Errorf("serve on an empty database = %v, want it to mention vigil lists fetch", err)
	}
}

// servedEdition returns the UN edition a server screens against, "" while
// it has none.
func servedEdition(t *testing.T, base, key string) string {
	t.Helper()
	req, _ := http.NewRequest("GET", base+"/v1/lists", nil)
	req.Header.Set("Authorization", "Bearer "+key)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var lists struct {
		Lists []struct{ Source, Edition string } `json:"lists"`
	}
	if resp.StatusCode != 200 {
		return ""
	}
	if err := json.NewDecoder(resp.Body).Decode(&lists); err != nil {
		t.Fatal(err)
	}
	if len(lists.Lists) != 1 || lists.Lists[0].Source != "un_sc" {
		t.Fatalf("lists %+v, want un_sc alone", lists)
	}
	return lists.Lists[0].Edition
}

// waitEdition waits until the server screens against edition want.
func waitEdition(t *testing.T, base, key, want string, log *syncBuffer) {
	t.Helper()
	got := ""
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if got = servedEdition(t, base, key); got == want {
			return
		}
	}
	t.Fatalf("served edition %q, want %q\n%s", got, want, log.String())
}

// A running server picks up an edition that "vigil lists import" stores
// in its database: by polling (--reload), or on SIGHUP when polling is
// off. The UN list of November 2024 is in force first, then the one of
// 2026-02-27 (its dateGenerated) is imported beside the running server.
func TestServeCommand_Reload(t *testing.T) {
	tests := []struct {
		name   string
		reload string
		hup    bool
	}{
		{"poll", "100ms", false},
		{"SIGHUP", "0", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			vigil := func(args ...string) string {
				t.Helper()
				out, errOut, err := runVigil(t, append([]string{"--data-dir", dir}, args...)...)
				if err != nil {
					t.Fatalf("vigil %v: %v\n%s", args, err, errOut)
				}
				return out
			}
			vigil("lists", "import", testdata.Path(t, "lists", "editions", "un-2024-11"))
			vigil("users", "add", "sam", "--role", "screener")
			key := strings.TrimSpace(vigil("keys", "create", "--user", "sam"))
			base, stop, log := startServeLog(t, "--data-dir", dir, "serve", "--addr", "127.0.0.1:0", "--reload", tt.reload)
			stopped := false
			defer func() {
				if !stopped {
					_ = stop()
				}
			}()
			waitEdition(t, base, key, "2024-11-30", log)

			vigil("lists", "import", testdata.Path(t, "lists", "current", "un-2026-02"))
			if tt.hup {
				time.Sleep(300 * time.Millisecond)
				if got := servedEdition(t, base, key); got != "2024-11-30" {
					t.Fatalf("with --reload 0 the server changed to %q before SIGHUP", got)
				}
				if err := syscall.Kill(os.Getpid(), syscall.SIGHUP); err != nil {
					t.Fatal(err)
				}
			}
			waitEdition(t, base, key, "2026-02-27", log)
			logged := false
			for deadline := time.Now().Add(10 * time.Second); !logged && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
				logged = strings.Contains(log.String(), "un_sc 2024-11-30 -> 2026-02-27")
			}
			if !logged {
				t.Errorf("the swap is not logged:\n%s", log)
			}
			stopped = true
			if err := stop(); err != nil {
				t.Errorf("serve after cancel = %v", err)
			}
		})
	}
}

// TestServeCommand_GroupLinger: the linger of the group commit is a
// setting; a value outside 0–1s is refused before the store opens.
func TestServeCommand_GroupLinger(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for _, v := range []string{"-1ms", "2s"} {
		dir := t.TempDir()
		err := run(ctx, []string{"vigil", "--data-dir", dir, "serve", "--group-linger", v, "--addr", "127.0.0.1:0"}, io.Discard, io.Discard)
		if err == nil || !strings.Contains(err.Error(), "--group-linger") {
			t.Errorf("--group-linger %s = %v, want it refused", v, err)
		}
		if _, err := os.Stat(filepath.Join(dir, "vigil.db")); err == nil {
			t.Errorf("--group-linger %s: the database was created", v)
		}
	}
}
