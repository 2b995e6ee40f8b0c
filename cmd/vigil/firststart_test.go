package main

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/vigil-screening/vigil/service"
)

// The first start of a new database with --first-user prints, set apart
// from the log lines, the admin's key and a screening user's key with a
// curl command that works as printed: the first screening needs nothing
// else. A second start prints no key and says --first-user is ignored.
func TestServe_FirstUser(t *testing.T) {
	data := t.TempDir()
	base, stop, log := startServeLog(t, "--data-dir", data, "serve", "--lists", unListsDir(t), "--first-user", "alice", "--addr", "127.0.0.1:0")
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline) && getJSON(t, "GET", base+"/readyz", "", nil) != 200; {
		time.Sleep(50 * time.Millisecond)
	}
	out := log.String()
	keys := regexp.MustCompile(`(?m)^      (vgl_[0-9a-f]{12}_[0-9a-f]{64})$`).FindAllStringSubmatch(out, -1)
	if len(keys) != 2 || !strings.Contains(out, "Vigil: first start.") || !strings.Contains(out, "alice (roles screener and analyst)") {
		t.Fatalf("first start did not print the admin's and alice's keys apart from the log:\n%s", out)
	}
	curl := regexp.MustCompile(`curl -H 'Authorization: Bearer (vgl_\S+)' -d '(\{.*\})' http://\S+/v1/screen`).FindStringSubmatch(out)
	if curl == nil || curl[1] != keys[1][1] {
		t.Fatalf("no curl command with alice's key:\n%s", out)
	}
	req, _ := http.NewRequest("POST", base+"/v1/screen", strings.NewReader(curl[2]))
	req.Header.Set("Authorization", "Bearer "+curl[1])
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("the printed curl command answered %d, want 200", resp.StatusCode)
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	_, stop, log = startServeLog(t, "--data-dir", data, "serve", "--first-user", "bob", "--addr", "127.0.0.1:0")
	defer stop()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline) && !strings.Contains(log.String(), "ready"); {
		time.Sleep(20 * time.Millisecond)
	}
	if out := log.String(); strings.Contains(out, "vgl_") || !strings.Contains(out, "--first-user is ignored") {
		t.Errorf("second start:\n%s", out)
	}
}

// Without --first-user, the first start prints the commands that create a
// screening user and its key, with the same database.
func TestPrintFirstStart(t *testing.T) {
	var b strings.Builder
	printFirstStart(&b, &service.FirstStart{AdminKey: "vgl_admin"}, "./vigil --data-dir /srv/vigil", "127.0.0.1:8080")
	for _, want := range []string{
		"      vgl_admin\n",
		"      ./vigil --data-dir /srv/vigil users add alice --role screener --role analyst\n",
		"      ./vigil --data-dir /srv/vigil keys create --user alice > activation.txt\n",
		"      ./vigil --data-dir /srv/vigil keys activate < activation.txt",
		"curl -H 'Authorization: Bearer vgl_...' -d '{\"name\": \"Ayman al-Zawahiri\"}' http://127.0.0.1:8080/v1/screen",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("first-start notice lacks %q:\n%s", want, b.String())
		}
	}
}
