//go:build reliability

package reliability

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"frugal/storage"
)

// damage makes the file at path unreadable as a database in one of several
// ways and returns its bytes.
func damage(t *testing.T, path, how string) []byte {
	t.Helper()
	var b []byte
	switch how {
	case "garbage":
		b = bytes.Repeat([]byte("this is not a database, "), 700)
	case "zeroed header":
		var err error
		if b, err = os.ReadFile(path); err != nil {
			t.Fatal(err)
		}
		copy(b, make([]byte, 100))
	case "truncated":
		var err error
		if b, err = os.ReadFile(path); err != nil {
			t.Fatal(err)
		}
		b = b[:60]
	}
	os.Remove(path + "-wal")
	os.Remove(path + "-shm")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return b
}

// checkAside checks that exactly one damaged copy was kept, byte for byte,
// and that the notice named it.
func checkAside(t *testing.T, db string, want []byte, notice string) {
	t.Helper()
	aside, _ := filepath.Glob(db + ".damaged-*")
	var kept []string
	for _, a := range aside {
		if !strings.HasSuffix(a, "-wal") && !strings.HasSuffix(a, "-shm") {
			kept = append(kept, a)
		}
	}
	if len(kept) != 1 {
		t.Fatalf("damaged copies kept: %v, want one", aside)
	}
	got, err := os.ReadFile(kept[0])
	if err != nil || !bytes.Equal(got, want) {
		t.Errorf("the damaged file was not kept as it was (%d bytes, want %d): %v", len(got), len(want), err)
	}
	if !strings.Contains(notice, kept[0]) {
		t.Errorf("the notice %q does not name %s", notice, kept[0])
	}
}

// TestDamaged: a damaged database file, met by each process kind. Each says
// so (CLI and host on stderr, the host's stdout carrying frames only; tray
// and window in their output), keeps the damaged file aside untouched,
// starts a new database and goes on working.
func TestDamaged(t *testing.T) {
	ctx := context.Background()
	for _, how := range []string{"garbage", "zeroed header", "truncated"} {
		t.Run("cli/"+how, func(t *testing.T) {
			w := newWorld(t, "")
			if r := w.cli(ctx, "log", "--site", "claude", "--prompt", "before the damage"); r.code != 0 {
				t.Fatal(r)
			}
			bad := damage(t, w.db, how)
			r := w.cli(ctx, "log", "--site", "claude", "--id", "after", "--prompt", "after the damage")
			if r.code != 0 {
				t.Fatalf("log on a damaged file: exit %d: %s", r.code, r.stderr)
			}
			lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
			if len(lines) != 1 || !strings.Contains(lines[0], "was damaged") {
				t.Errorf("stderr = %q, want one line saying the file was damaged", r.stderr)
			}
			if !strings.HasPrefix(r.stdout, "recorded after") {
				t.Errorf("stdout = %q", r.stdout)
			}
			checkAside(t, w.db, bad, r.stderr)
			st := openCheck(t, w.db)
			if got, n := ids(t, st.DB()); n != 1 || !got["after"] {
				t.Errorf("new database holds %v", got)
			}
		})
	}

	t.Run("host", func(t *testing.T) {
		w := newWorld(t, "")
		os.MkdirAll(filepath.Dir(w.db), 0o700)
		bad := damage(t, w.db, "garbage")
		h := w.startHost()
		if r := h.call(map[string]any{"type": "ping"}); replyCode(r) != "" {
			t.Fatalf("ping = %v", r)
		}
		if code, _ := h.record("after", "hello"); code != "" {
			t.Fatalf("record = %s", code)
		}
		h.close()
		if h.stdoutErr != nil {
			t.Errorf("host stdout is not clean frames: %v", h.stdoutErr)
		}
		if !strings.Contains(h.stderr.String(), "was damaged") {
			t.Errorf("host stderr = %q, want the notice", h.stderr.String())
		}
		checkAside(t, w.db, bad, h.stderr.String())
		st := openCheck(t, w.db)
		if got, _ := ids(t, st.DB()); !got["after"] {
			t.Errorf("new database holds %v", got)
		}
	})

	t.Run("tray", func(t *testing.T) {
		needDesktop(t)
		w := newWorld(t, "")
		if r := w.cli(ctx, "log", "--site", "claude", "--prompt", "before the damage"); r.code != 0 {
			t.Fatal(r)
		}
		bad := damage(t, w.db, "zeroed header")
		tp := w.startTray()
		time.Sleep(time.Second)
		if tp.exited() {
			t.Fatalf("tray exited: %v\n%s", tp.err, tp.output())
		}
		if _, err := tp.itemID(labelPauseHour); err != nil {
			t.Errorf("tray menu: %v", err)
		}
		tp.stop()
		out := tp.output()
		if !strings.Contains(out, "was damaged") || strings.Contains(out, "panic") {
			t.Errorf("tray output = %q, want the notice", out)
		}
		checkAside(t, w.db, bad, out)
		openCheck(t, w.db)
	})

	t.Run("window", func(t *testing.T) {
		needDesktop(t)
		w := newWorld(t, "")
		os.MkdirAll(filepath.Dir(w.db), 0o700)
		bad := damage(t, w.db, "garbage")
		p := w.startWindow("summary")
		time.Sleep(1500 * time.Millisecond)
		if p.exited() {
			t.Fatalf("window exited: %v\n%s", p.err, p.output())
		}
		p.stop()
		out := p.output()
		if !strings.Contains(out, "was damaged") || strings.Contains(out, "panic") {
			t.Errorf("window output = %q, want the notice", out)
		}
		checkAside(t, w.db, bad, out)
		openCheck(t, w.db)
	})
}

// TestUpgrade: a database of an older schema is backed up before it is
// migrated. The older schema is this build's; the newer Frugal is this tree
// built with one more migration (go build -overlay adds the file).
func TestUpgrade(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t, "")
	for i := 0; i < 50; i++ {
		if r := w.cli(ctx, "log", "--site", "mistral", "--id", fmt.Sprintf("old-%02d", i), "--prompt", "before the upgrade"); r.code != 0 {
			t.Fatal(r)
		}
	}
	before := storage.SchemaVersion()

	dir := t.TempDir()
	migDir, err := filepath.Abs("../storage/migrations")
	if err != nil {
		t.Fatal(err)
	}
	probe := filepath.Join(dir, "probe.sql")
	os.WriteFile(probe, []byte("ALTER TABLE requests ADD COLUMN reliability_probe INTEGER;\n"), 0o600)
	ov, _ := json.Marshal(map[string]any{"Replace": map[string]string{
		filepath.Join(migDir, fmt.Sprintf("%04d_reliability_probe.sql", before+1)): probe}})
	ovPath := filepath.Join(dir, "overlay.json")
	os.WriteFile(ovPath, ov, 0o600)
	next := filepath.Join(dir, "frugal-next")
	build := exec.Command("go", "build", "-overlay", ovPath, "-o", next, "frugal")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build the newer frugal: %v\n%s", err, out)
	}
	vb, _ := exec.Command(next, "version").Output()
	if !strings.Contains(string(vb), fmt.Sprintf("schema %d", before+1)) {
		t.Fatalf("newer frugal says %q, want schema %d", vb, before+1)
	}

	// The newer Frugal logs a request: the database is upgraded, with a
	// backup first.
	cmd := exec.Command(next, "log", "--site", "mistral", "--id", "new", "--prompt", "after the upgrade")
	cmd.Env = w.env
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("newer frugal log: %v\n%s", err, errb.String())
	}
	notice := errb.String()
	if !strings.Contains(notice, fmt.Sprintf("upgraded from schema %d to %d", before, before+1)) {
		t.Errorf("stderr = %q, want the upgrade notice", notice)
	}
	backups, _ := filepath.Glob(w.db + fmt.Sprintf(".backup-v%d-*", before))
	if len(backups) != 1 || !strings.Contains(notice, backups[0]) {
		t.Fatalf("backups %v, notice %q", backups, notice)
	}
	// The backup is the old database, whole, at the old schema.
	bk := openCheckRaw(t, backups[0])
	var v int
	bk.QueryRow("PRAGMA user_version").Scan(&v)
	if got, n := ids(t, bk); v != before || n != 50 || got["new"] {
		t.Errorf("backup: schema %d, %d rows (new there: %v)", v, n, got["new"])
	}
	up := openCheckRaw(t, w.db)
	up.QueryRow("PRAGMA user_version").Scan(&v)
	if got, n := ids(t, up); v != before+1 || n != 51 || !got["new"] || !got["old-00"] {
		t.Errorf("upgraded: schema %d, %d rows", v, n)
	}
	if _, err := up.Exec("UPDATE requests SET reliability_probe = 1 WHERE id = 'new'"); err != nil {
		t.Errorf("the new column is not there: %v", err)
	}
	// And this (older) build now refuses the newer file without touching it.
	r := w.cli(ctx, "summary")
	if r.code != 1 || !strings.Contains(r.stderr, "newer Frugal") || strings.Count(r.stderr, "\n") != 1 {
		t.Errorf("older frugal on a newer file: %+v", r)
	}
}
