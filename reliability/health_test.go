//go:build reliability

package reliability

import (
	"bytes"
	"context"
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

// damagePages fills the database with n requests, then overwrites the page
// that holds one of them with 0xEE bytes, as a failing disk would: the file
// still opens (its schema page is intact) but a page of rows is unreadable.
func damagePages(t *testing.T, db string, n int) {
	t.Helper()
	st, err := storage.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	for i := range n {
		p := fmt.Sprintf("page-%05d %s", i, strings.Repeat("w", 120))
		r := tracker.Request{ID: fmt.Sprintf("p%05d", i), At: time.Now().Add(-time.Duration(i) * time.Minute).UTC().Truncate(time.Millisecond),
			Source: tracker.SourceCLI, Site: "claude", Kind: tracker.KindText, Outcome: tracker.OutcomeSent, Prompt: &p, PromptChars: len(p)}
		if _, err := st.Record(context.Background(), r); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()
	b, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	off := bytes.Index(b, fmt.Appendf(nil, "page-%05d ", n/2))
	if off < 0 {
		t.Fatal("row not in the main file")
	}
	p := off / 4096
	copy(b[p*4096:(p+1)*4096], bytes.Repeat([]byte{0xEE}, 4096))
	if err := os.WriteFile(db, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestDamagedPages: deep damage that opening does not notice. The tray's
// background quick_check finds it and says so once, keeping a copy; the
// `frugal repair` process then saves every readable row and prints the
// counts; the repaired database passes integrity_check.
func TestDamagedPages(t *testing.T) {
	const n = 1000
	needDesktop(t)
	ctx := context.Background()
	w := newWorld(t, "")
	os.MkdirAll(filepath.Dir(w.db), 0o700)
	damagePages(t, w.db, n)

	tp := w.startTray()
	waitFor(t, 20*time.Second, "the tray to report the damage", func() bool {
		return strings.Contains(tp.output(), "the database is damaged")
	})
	if code := w.cli(ctx, "repair"); code.code == 0 || !strings.Contains(code.stderr, "quit it first") {
		t.Errorf("repair while the tray runs: %+v", code)
	}
	tp.stop()
	out := tp.output()
	if strings.Count(out, "the database is damaged") != 1 || strings.Contains(out, "panic") {
		t.Errorf("tray output = %q, want the damage said once", out)
	}
	copies, _ := filepath.Glob(w.db + ".damaged-*Z")
	if len(copies) != 1 {
		t.Fatalf("copies kept: %v", copies)
	}

	r := w.cli(ctx, "repair")
	if r.code != 0 {
		t.Fatalf("repair: exit %d: %s", r.code, r.stderr)
	}
	m := regexp.MustCompile(`requests saved: (\d+), (\d+) lost`).FindStringSubmatch(r.stdout)
	if m == nil {
		t.Fatalf("repair printed %q", r.stdout)
	}
	saved, _ := strconv.Atoi(m[1])
	lost, _ := strconv.Atoi(m[2])
	t.Logf("repair: %d saved, %d lost", saved, lost)
	if saved+lost != n || lost == 0 || lost > 60 {
		t.Errorf("saved %d, lost %d of %d", saved, lost, n)
	}
	st := openCheck(t, w.db)
	if err := st.IntegrityCheck(ctx); err != nil {
		t.Errorf("repaired database: %v", err)
	}
	if got, k := ids(t, st.DB()); k != saved || got[fmt.Sprintf("p%05d", n/2)] {
		t.Errorf("repaired database holds %d rows (want %d), the damaged row back: %v", k, saved, got[fmt.Sprintf("p%05d", n/2)])
	}
	// A tray started on the repaired file says nothing.
	tp = w.startTray()
	time.Sleep(2 * time.Second)
	tp.stop()
	if strings.Contains(tp.output(), "damaged") {
		t.Errorf("tray on the repaired file: %q", tp.output())
	}
}
