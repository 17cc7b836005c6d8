package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"frugal/storage"
	"frugal/tracker"
)

// damagePage overwrites the database page that holds needle with 0xEE
// bytes, as a failing disk would.
func damagePage(t *testing.T, db, needle string) {
	t.Helper()
	b, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	const pageSize = 4096 // SQLite's default, which Frugal keeps
	off := bytes.Index(b, []byte(needle))
	if off < 0 {
		t.Fatalf("%q not in %s", needle, db)
	}
	p := off / pageSize
	copy(b[p*pageSize:(p+1)*pageSize], bytes.Repeat([]byte{0xEE}, pageSize))
	if err := os.WriteFile(db, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestRepair_ThroughTheCLI(t *testing.T) {
	const n = 800
	db := filepath.Join(t.TempDir(), "frugal.db")
	st, err := storage.Open(t.Context(), db)
	if err != nil {
		t.Fatal(err)
	}
	for i := range n {
		p := fmt.Sprintf("prompt-%04d %s", i, strings.Repeat("y", 120))
		r := tracker.Request{ID: fmt.Sprintf("r%04d", i), At: time.Date(2026, 11, 20, 9, i%60, 0, 0, time.UTC), Source: tracker.SourceCLI,
			Site: "claude", Kind: tracker.KindText, Outcome: tracker.OutcomeSent, Prompt: &p, PromptChars: len(p)}
		if _, err := st.Record(t.Context(), r); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()

	code, out, errs := run(t, db, "", "repair")
	if code != 0 || !strings.Contains(out, "no damage") {
		t.Fatalf("repair of a sound file: exit %d, %q %q", code, out, errs)
	}

	damagePage(t, db, "prompt-0400 ")
	release, err := storage.Lock(storage.LockPath(db))
	if err != nil {
		t.Fatal(err)
	}
	code, _, errs = run(t, db, "", "repair")
	release()
	if code != ExitFailure || !strings.Contains(errs, "quit it first") {
		t.Fatalf("repair while the tray holds the lock: exit %d, %q", code, errs)
	}

	code, out, errs = run(t, db, "", "repair")
	if code != 0 {
		t.Fatalf("repair: exit %d: %s", code, errs)
	}
	t.Log(out)
	m := regexp.MustCompile(`requests saved: (\d+), (\d+) lost`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("repair printed %q, want the counts saved and lost", out)
	}
	saved, _ := strconv.Atoi(m[1])
	lost, _ := strconv.Atoi(m[2])
	if saved+lost != n || lost == 0 {
		t.Errorf("saved %d + lost %d, want %d with some lost", saved, lost, n)
	}
	if got := count(t, db); got != int64(saved) {
		t.Errorf("the database now holds %d requests, repair said %d saved", got, saved)
	}
	// The file set aside by the repair (the check itself writes nothing).
	var kept []string
	all, _ := filepath.Glob(db + ".damaged-*")
	for _, k := range all {
		if !strings.HasSuffix(k, "-wal") && !strings.HasSuffix(k, "-shm") {
			kept = append(kept, k)
		}
	}
	if len(kept) != 1 {
		t.Errorf("kept %v, want the damaged file", kept)
	}
	for _, k := range kept {
		if b, _ := os.ReadFile(k); len(b) == 0 {
			t.Errorf("%s is empty", k)
		}
	}
	if code, out, _ := run(t, db, "", "repair"); code != 0 || !strings.Contains(out, "no damage") {
		t.Errorf("repair after the repair: exit %d, %q", code, out)
	}
}

func TestRepair_ChangesNothingItCannotRepair(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing.db")
	if code, _, errs := run(t, missing, "", "repair"); code != ExitFailure || !strings.Contains(errs, "no such file") {
		t.Errorf("repair of a missing file: exit %d, %q", code, errs)
	}
	if _, err := os.Stat(missing); err == nil {
		t.Errorf("repair of a missing file created %s", missing)
	}

	junk := filepath.Join(dir, "junk.db")
	if err := os.WriteFile(junk, []byte("not a database at all"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errs := run(t, junk, "", "repair")
	if code != ExitFailure || !strings.Contains(out, "is damaged") || !strings.Contains(errs, "nothing can be saved") {
		t.Errorf("repair of a file that is no database: exit %d, %q %q", code, out, errs)
	}
	if b, _ := os.ReadFile(junk); string(b) != "not a database at all" {
		t.Errorf("repair changed a file it could not repair: %q", b)
	}
	if left, _ := filepath.Glob(junk + ".*"); len(left) != 0 {
		t.Errorf("repair left %v", left)
	}
}
