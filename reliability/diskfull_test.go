//go:build reliability

package reliability

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestDiskFull: the database on a 4 MB tmpfs (2 MB of it a ballast file). A native host records large
// prompts until the disk is full: the reply says disk_full (the extension
// keeps the event), the CLI says so in one line, nothing acknowledged is
// lost. When space comes back (a ballast file is removed), the same host
// process records again, the refused event sent again is stored once, and
// the database passes integrity_check. Needs root to mount the tmpfs.
func TestDiskFull(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("disk full: skipped, mounting a small tmpfs needs root")
	}
	mnt := filepath.Join(t.TempDir(), "small")
	os.MkdirAll(mnt, 0o700)
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=4m,mode=0700", "tmpfs", mnt).CombinedOutput(); err != nil {
		t.Skipf("disk full: skipped, cannot mount a tmpfs here: %v %s", err, out)
	}
	t.Cleanup(func() {
		if out, err := exec.Command("umount", mnt).CombinedOutput(); err != nil {
			t.Errorf("umount %s: %v %s", mnt, err, out)
		}
	})
	ctx := context.Background()
	w := newWorld(t, filepath.Join(mnt, "data"))
	if r := w.cli(ctx, "log", "--site", "claude", "--id", "first", "--prompt", "before"); r.code != 0 {
		t.Fatal(r)
	}
	acked := []string{"first"}
	ballast := filepath.Join(mnt, "ballast")
	if err := os.WriteFile(ballast, make([]byte, 2<<20), 0o600); err != nil {
		t.Fatal(err)
	}

	h := w.startHost()
	big := strings.Repeat("a long prompt about the energy of large language models. ", 400) // ~23 kB
	var refused string
	for i := 0; i < 1000 && refused == ""; i++ {
		id := fmt.Sprintf("big-%04d", i)
		code, _ := h.record(id, big)
		switch code {
		case "":
			acked = append(acked, id)
		case "disk_full":
			refused = id
		default:
			t.Fatalf("record %s: %s (want ok or disk_full)\nhost stderr:\n%s", id, code, h.stderr.String())
		}
	}
	if refused == "" {
		t.Fatal("the disk never filled up")
	}
	t.Logf("disk full after %d acknowledged rows", len(acked))

	// The CLI on a full disk: one clear line, exit 1.
	r := w.cli(ctx, "log", "--site", "claude", "--id", "cli-full", "--prompt", big)
	lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
	if r.code != 1 || len(lines) != 1 || !strings.Contains(r.stderr, "disk is full") {
		t.Errorf("frugal log on a full disk: exit %d, stderr %q; want exit 1 and one line saying the disk is full", r.code, r.stderr)
	}
	// Reading still works.
	if r := w.cli(ctx, "summary", "--json"); r.code != 0 {
		t.Errorf("summary on a full disk: exit %d: %s", r.code, r.stderr)
	}

	// Space comes back: the same host records again, starting with the
	// event it refused (the extension sends it again).
	if err := os.Remove(ballast); err != nil {
		t.Fatal(err)
	}
	if code, dup := h.record(refused, big); code != "" || dup {
		t.Fatalf("record %s again after space came back: %q duplicate=%v\nhost stderr:\n%s", refused, code, dup, h.stderr.String())
	}
	acked = append(acked, refused)
	for i := 0; i < 5; i++ {
		id := fmt.Sprintf("after-%d", i)
		if code, _ := h.record(id, "short one"); code != "" {
			t.Fatalf("record %s after space came back: %s", id, code)
		}
		acked = append(acked, id)
	}
	h.close()
	if s := h.stderr.String(); hasLocked(s) || strings.Contains(s, "panic") {
		t.Errorf("host stderr:\n%s", s)
	}
	if r := w.cli(ctx, "log", "--site", "claude", "--id", "cli-after", "--prompt", "after"); r.code != 0 {
		t.Errorf("frugal log after space came back: %+v", r)
	} else {
		acked = append(acked, "cli-after")
	}

	st := openCheck(t, w.db)
	stored, n := ids(t, st.DB())
	if miss := missing(acked, stored); len(miss) > 0 {
		t.Errorf("acknowledged rows missing: %v", miss)
	}
	if stored["cli-full"] {
		t.Errorf("the log refused for a full disk was stored")
	}
	if n != len(acked) {
		t.Errorf("%d rows stored, %d acknowledged", n, len(acked))
	}
	t.Logf("%d rows acknowledged and stored; integrity ok", n)
}
