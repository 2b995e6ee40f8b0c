package main

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	_ "modernc.org/sqlite"

	"github.com/vigil-screening/vigil/audit"
	"github.com/vigil-screening/vigil/store"
)

// TestAdminCommands runs users, keys and audit against a SQLite database
// in a temporary data folder, then tampers with the audit table.
func TestAdminCommands(t *testing.T) {
	dir := t.TempDir()
	vigil := func(args ...string) (string, string, error) {
		t.Helper()
		return runVigil(t, append([]string{"--data-dir", dir}, args...)...)
	}
	mustRun := func(args ...string) string {
		t.Helper()
		out, errOut, err := vigil(args...)
		if err != nil {
			t.Fatalf("vigil %v: %v\n%s", args, err, errOut)
		}
		return out
	}
	mustRun("users", "add", "ana", "--role", "analyst")
	mustRun("users", "add", "sue", "--role", "supervisor,auditor")
	if _, _, err := vigil("users", "add", "ana", "--role", "analyst"); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Fatalf("duplicate user: %v", err)
	}
	if _, _, err := vigil("users", "add", "bob", "--role", "king"); err == nil || !strings.Contains(err.Error(), "unknown role") {
		t.Fatalf("bad role: %v", err)
	}
	// ana reviews: the admin gets a one-time activation, which ana
	// exchanges for her key (see TestKeysActivate).
	act := strings.TrimSpace(mustRun("keys", "create", "--user", "ana"))
	if !strings.HasPrefix(act, "vga_") || len(act) != 4+12+1+64 {
		t.Fatalf("keys create printed %q", act)
	}
	var keyOut, keyErr bytes.Buffer
	if err := runIO(context.Background(), []string{"vigil", "--data-dir", dir, "keys", "activate"}, strings.NewReader(act+"\n"), &keyOut, &keyErr); err != nil {
		t.Fatalf("keys activate: %v\n%s", err, keyErr.String())
	}
	key := strings.TrimSpace(keyOut.String())
	if !strings.HasPrefix(key, "vgl_") || len(key) != 4+12+1+64 {
		t.Fatalf("keys activate printed %q", key)
	}
	id := key[4:16]
	if out := mustRun("keys", "list"); !strings.Contains(out, id) || strings.Contains(out, key[17:]) {
		t.Fatalf("keys list:\n%s", out)
	}
	mustRun("keys", "revoke", id)
	if out := mustRun("keys", "list"); !strings.Contains(out, "revoked") {
		t.Fatalf("keys list after revoke:\n%s", out)
	}
	mustRun("users", "disable", "ana")
	out := mustRun("users", "list")
	if !strings.Contains(out, "ana") || !strings.Contains(out, "disabled") || !strings.Contains(out, "supervisor") {
		t.Fatalf("users list:\n%s", out)
	}
	if _, _, err := vigil("users", "disable", "nobody"); err == nil {
		t.Fatal("disabled an unknown user")
	}

	// 2 users + activation + its exchange + key revoke + disable = 6
	// entries; 2 users and 2 api_keys rows (the activation and the key).
	if out := mustRun("audit", "verify"); !strings.Contains(out, "intact: 6 entries") || !strings.Contains(out, "state consistent: no differences in 4 rows") {
		t.Fatalf("audit verify: %q", out)
	}
	file := filepath.Join(dir, "audit.jsonl")
	mustRun("audit", "export", "--out", file)
	actions := exportedActions(t, file)
	want := "user.create user.create key.create key.activate key.revoke user.disable"
	if strings.Join(actions, " ") != want {
		t.Fatalf("exported %v, want %s", actions, want)
	}
	if out := mustRun("audit", "export", "--from", "2999-01-01"); out != "" {
		t.Fatalf("future window exported %q", out)
	}
	// The CLI's entries name the operating-system user and the host.
	host, _ := os.Hostname()
	for i, actor := range exportedActors(t, file) {
		if actions[i] == "key.activate" { // ana's own act
			if actor != "ana" {
				t.Fatalf("key.activate actor %q, want ana", actor)
			}
			continue
		}
		if !strings.HasPrefix(actor, "cli:") || !strings.HasSuffix(actor, "@"+host) || len(actor) <= len("cli:@"+host) {
			t.Fatalf("CLI entry actor %q, want cli:USER@%s", actor, host)
		}
	}

	db, err := sql.Open("sqlite", filepath.Join(dir, "vigil.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	testAuditAnchor(t, db, vigil, mustRun)
	if _, err := db.Exec(`UPDATE audit_log SET actor = 'mallory' WHERE seq = 3`); err != nil {
		t.Fatal(err)
	}
	_, _, err = vigil("audit", "verify")
	if err == nil || !strings.Contains(err.Error(), "entry 3 altered") {
		t.Fatalf("verify after tampering: %v", err)
	}
}

// testAuditAnchor deletes the last entry and rewrites the head to match:
// the chain alone still verifies, a head kept from before does not.
func testAuditAnchor(t *testing.T, db *sql.DB, vigil func(...string) (string, string, error), mustRun func(...string) string) {
	t.Helper()
	head := strings.TrimSpace(mustRun("audit", "head"))
	var hash6, hash5 string
	if err := db.QueryRow(`SELECT hash FROM audit_log WHERE seq = 6`).Scan(&hash6); err != nil {
		t.Fatal(err)
	}
	if head != "6:"+hash6 {
		t.Fatalf("audit head = %q, want 6:%s", head, hash6)
	}
	if out := mustRun("audit", "verify", "--expect-head", head); !strings.Contains(out, "intact: 6 entries, including the expected head 6") {
		t.Fatalf("verify --expect-head: %q", out)
	}
	if _, _, err := vigil("audit", "verify", "--expect-head", "6:nothex"); err == nil || !strings.Contains(err.Error(), "--expect-head") {
		t.Fatalf("bad --expect-head: %v", err)
	}
	if err := db.QueryRow(`SELECT hash FROM audit_log WHERE seq = 5`).Scan(&hash5); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`DELETE FROM audit_log WHERE seq = 6`); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`UPDATE audit_head SET seq = 5, hash = $1 WHERE id = 1`, hash5); err != nil {
		t.Fatal(err)
	}
	// The chain alone cannot see it; the state it binds can: the deleted
	// entry disabled ana, and the table still says so.
	out, _, err := vigil("audit", "verify")
	if err == nil || !strings.Contains(out, "intact: 5 entries") ||
		!strings.Contains(out, `changed users/ana disabled: the table has "true", the trail implies "false"`) {
		t.Fatalf("verify after a clean truncation: %v\n%s", err, out)
	}
	_, _, err = vigil("audit", "verify", "--expect-head", head)
	if err == nil || !strings.Contains(err.Error(), "entry 6 missing") {
		t.Fatalf("verify --expect-head after truncation: %v", err)
	}
	// An older head still in the chain verifies; the state still differs.
	out, _, err = vigil("audit", "verify", "--expect-head", "5:"+hash5)
	if !strings.Contains(out, "expected head 5") || err == nil || !strings.Contains(err.Error(), "differ from the audit trail: 1 difference") {
		t.Fatalf("verify --expect-head 5: %v\n%s", err, out)
	}
}

// exportedActors returns the actor of each exported entry.
func exportedActors(t *testing.T, file string) []string {
	t.Helper()
	var out []string
	for _, e := range exportedEntries(t, file) {
		out = append(out, e.Actor)
	}
	return out
}

func exportedActions(t *testing.T, file string) []string {
	t.Helper()
	var out []string
	for _, e := range exportedEntries(t, file) {
		out = append(out, string(e.Action))
	}
	return out
}

func exportedEntries(t *testing.T, file string) []audit.Entry {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []audit.Entry
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var e audit.Entry
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			t.Fatalf("%q: %v", sc.Text(), err)
		}
		out = append(out, e)
	}
	return out
}

// vigil users passwd sets a user's password (argon2id) from standard
// input, for signing in to the web pages; a short one is refused.
func TestUsersPasswd(t *testing.T) {
	dir := t.TempDir()
	run := func(stdin string, args ...string) (string, error) {
		t.Helper()
		var out, errb bytes.Buffer
		err := runIO(context.Background(), append([]string{"vigil", "--data-dir", dir}, args...), strings.NewReader(stdin), &out, &errb)
		return out.String(), err
	}
	if _, err := run("", "users", "add", "ann", "--role", "analyst"); err != nil {
		t.Fatal(err)
	}
	if _, err := run("short\n", "users", "passwd", "ann"); err == nil || !strings.Contains(err.Error(), "password: password shorter than 12") {
		t.Fatalf("short password: %v", err)
	}
	if _, err := run("", "users", "passwd", "ann"); err == nil || !strings.Contains(err.Error(), "no password on standard input") {
		t.Fatalf("no password: %v", err)
	}
	if _, err := run("correct horse battery staple\n", "users", "passwd", "nobody"); err == nil || !strings.Contains(err.Error(), `no user "nobody"`) {
		t.Fatalf("unknown user: %v", err)
	}
	if out, err := run("correct horse battery staple\n", "users", "passwd", "ann"); err != nil || !strings.Contains(out, "set the password of ann") {
		t.Fatalf("passwd = %q, %v", out, err)
	}
	if out, err := run("", "users", "list"); err != nil || !regexp.MustCompile(`ann +analyst +active +set`).MatchString(out) {
		t.Fatalf("users list = %v:\n%s", err, out)
	}
	db, err := store.Open(context.Background(), "", dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if p, err := db.CheckPassword(context.Background(), "ann", "correct horse battery staple"); err != nil || p.Username != "ann" {
		t.Fatalf("CheckPassword = %+v, %v", p, err)
	}
	if _, err := db.CheckPassword(context.Background(), "ann", "wrong horse battery staple"); err == nil {
		t.Fatal("a wrong password was accepted")
	}
}
