//go:build reliability

package reliability

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestConcurrentWriters: the tray (pausing and resuming tracking from its
// menu, clicked over D-Bus), window processes (the "Log a request" window
// typed into with xdotool; the summary open throughout; settings windows
// opening and closing), a native host (recording, and changing settings)
// and the CLI (log, import, summary, export) all work on one database at
// once for RELIABILITY_DURATION. Afterwards the stored ids are
// exactly those acknowledged: every acknowledged row is there once, nothing
// refused (tracking paused) is there, and no writer ever showed a
// "database is locked".
func TestConcurrentWriters(t *testing.T) {
	needDesktop(t)
	dur := envDuration("RELIABILITY_DURATION", 10*time.Second)
	w := newWorld(t, "")
	if r := w.cli(context.Background(), "summary"); r.code != 0 {
		t.Fatalf("create the database: %+v", r)
	}
	tmpl := importTemplate(t)
	tray := w.startTray()
	summary := w.startWindow("summary")

	ctx, cancel := context.WithTimeout(context.Background(), dur)
	defer cancel()
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		acked    []string // ids whose writer was told "recorded"
		refused  []string // ids whose writer was told "paused"
		problems []string
		counts   = map[string]int{}
	)
	ack := func(writer string, id ...string) {
		mu.Lock()
		acked = append(acked, id...)
		counts[writer] += len(id)
		mu.Unlock()
	}
	problem := func(format string, a ...any) {
		mu.Lock()
		problems = append(problems, fmt.Sprintf(format, a...))
		mu.Unlock()
	}

	// The native host: records one after another; every 25th message
	// changes a setting the tray does not touch.
	h := w.startHost()
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; ctx.Err() == nil; i++ {
			if i%25 == 24 {
				r := h.call(map[string]any{"type": "set_settings", "settings": map[string]any{"track_private": i%2 == 0}})
				if c := replyCode(r); c != "" {
					problem("host set_settings: %s (%v)", c, r)
				}
				continue
			}
			id := fmt.Sprintf("host-%06d", i)
			code, dup := h.record(id, fmt.Sprintf("question number %d about heat pumps", i))
			switch {
			case code == "" && dup:
				problem("host: fresh id %s reported as a duplicate", id)
			case code == "":
				ack("host", id)
			case code == "paused":
				mu.Lock()
				refused = append(refused, id)
				counts["host refused (paused)"]++
				mu.Unlock()
			default:
				problem("host record %s: %s", id, code)
				if code == "gone" {
					return
				}
			}
		}
	}()

	// The CLI: log with known ids, and now and then an import of 100 rows,
	// a summary and an export (readers).
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; ctx.Err() == nil; i++ {
			id := fmt.Sprintf("cli-%06d", i)
			r := w.cli(context.Background(), "log", "--site", "chatgpt", "--id", id, "--prompt", "what is 17% of 240?", "--output-chars", "300")
			switch {
			case r.code == 0:
				ack("cli log", id)
			case strings.Contains(r.stderr, "paused"):
				mu.Lock()
				refused = append(refused, id)
				counts["cli refused (paused)"]++
				mu.Unlock()
			default:
				problem("cli log %s: exit %d: %s", id, r.code, r.stderr)
			}
			if hasLocked(r.stderr) {
				problem("cli log stderr: %s", r.stderr)
			}
			if i%10 == 9 {
				csv, rows, err := importFile(w, tmpl, fmt.Sprintf("imp%04d", i), 100)
				if err != nil {
					problem("%v", err)
					continue
				}
				r := w.cli(context.Background(), "import", csv)
				if r.code == 0 {
					ack("cli import", rows...)
				} else {
					problem("cli import: exit %d: %s", r.code, r.stderr)
				}
				for _, args := range [][]string{{"summary", "--json"}, {"export", "-o", filepath.Join(w.dir, "out.csv")}} {
					if r := w.cli(context.Background(), args...); r.code != 0 || hasLocked(r.stderr) {
						problem("cli %v: exit %d: %s", args, r.code, r.stderr)
					}
				}
			}
		}
	}()

	// The "Log a request" window, driven with the mouse and keyboard
	// (xdotool): each prompt typed and recorded must be stored once, within
	// 10 s. Its submissions do not overlap the tray's pauses (pauseMu):
	// a refused save keeps the prompt, which is cleared before the next.
	var pauseMu sync.Mutex
	lw := w.startWindow("log")
	xid, err := xWindow("log a request")
	if err != nil {
		t.Fatalf("log window: %v", err)
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		x := func(args ...string) error {
			if out, err := exec.Command("xdotool", args...).CombinedOutput(); err != nil {
				return fmt.Errorf("xdotool %v: %v %s", args, err, out)
			}
			return nil
		}
		for i := 0; ctx.Err() == nil; i++ {
			prompt := fmt.Sprintf("window question %d", i)
			pauseMu.Lock()
			// The site box, then the prompt box, each emptied and typed
			// into, then the Record button ("type" takes the rest of its
			// command line, so one xdotool call each).
			var err error
			for _, args := range [][]string{
				// GLFW must see the pointer arrive before the click.
				{"windowraise", xid, "windowfocus", xid, "mousemove", "--window", xid, "250", "26", "sleep", "0.15", "click", "1"},
				{"key", "ctrl+a", "BackSpace"},
				{"type", "--delay", "3", "claude"},
				{"mousemove", "--window", xid, "300", "180", "sleep", "0.15", "click", "1"},
				{"key", "ctrl+a", "BackSpace"},
				{"type", "--delay", "3", prompt},
				{"mousemove", "--window", xid, "40", "259", "sleep", "0.15", "click", "1"},
			} {
				if err = x(args...); err != nil {
					break
				}
			}
			var id string
			deadline := time.Now().Add(10 * time.Second)
			for err == nil && id == "" && time.Now().Before(deadline) {
				time.Sleep(50 * time.Millisecond)
				id, err = storedPrompt(w.db, prompt)
			}
			if id != "" {
				// The window shows its result and enables Record again
				// just after the commit.
				time.Sleep(300 * time.Millisecond)
			}
			pauseMu.Unlock()
			switch {
			case err != nil:
				problem("log window: %v", err)
				return
			case id == "":
				shot := filepath.Join(os.TempDir(), "frugal-reliability-logwindow.png")
				exec.Command("import", "-window", "root", shot).Run()
				problem("log window: %q was not recorded within 10 s (screen: %s)", prompt, shot)
			default:
				ack("log window", id)
			}
		}
	}()

	// The tray: every 3 s, pause for an hour from its menu, then resume
	// 300 ms later. The summary window stays open; a settings window opens
	// and closes every 9 s.
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(3 * time.Second)
		defer tick.Stop()
		click := func(label string) {
			if err := tray.click(label); err != nil {
				problem("tray click %q: %v", label, err)
				return
			}
			mu.Lock()
			counts["tray clicks"]++
			mu.Unlock()
		}
		for i := 0; ; i++ {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
			}
			pauseMu.Lock()
			click(labelPauseHour)
			if err := waitPaused(w.db, true); err != nil {
				problem("tray: %v", err)
			}
			time.Sleep(300 * time.Millisecond)
			click(labelResume)
			if err := waitPaused(w.db, false); err != nil {
				problem("tray: %v", err)
			}
			pauseMu.Unlock()
			if i%3 == 2 {
				// Not over the log window while it is being typed into.
				// startWindow fails the test with FailNow, which ends this
				// goroutine: the deferred unlock keeps the log window's
				// goroutine (and wg.Wait) from waiting forever.
				func() {
					pauseMu.Lock()
					defer pauseMu.Unlock()
					sw := w.startWindow("settings")
					time.Sleep(300 * time.Millisecond)
					sw.stop()
				}()
				mu.Lock()
				counts["settings windows"]++
				mu.Unlock()
			}
		}
	}()
	wg.Wait()
	time.Sleep(500 * time.Millisecond) // the last resume's refresh
	h.close()
	if h.stdoutErr != nil {
		t.Errorf("host stdout: %v", h.stdoutErr)
	}
	if s := h.stderr.String(); hasLocked(s) || strings.Contains(s, "panic") {
		t.Errorf("host stderr:\n%s", s)
	}
	for _, p := range []*proc{tray.proc, summary, lw} {
		if p.exited() {
			t.Errorf("%s exited during the run: %v\n%s", p.name, p.err, p.output())
		}
		p.stop()
		if out := p.output(); hasLocked(out) || strings.Contains(out, "panic") {
			t.Errorf("%s output:\n%s", p.name, out)
		}
	}
	for _, p := range problems {
		t.Error(p)
	}

	st := openCheck(t, w.db)
	stored, n := ids(t, st.DB())
	if miss := missing(acked, stored); len(miss) > 0 {
		t.Errorf("%d acknowledged rows are missing: %v", len(miss), miss)
	}
	for _, id := range refused {
		if stored[id] {
			t.Errorf("%s was refused (tracking paused) but is stored", id)
		}
	}
	if n != len(acked) {
		t.Errorf("%d rows stored, %d acknowledged", n, len(acked))
	}
	set, err := st.Settings(context.Background())
	if err != nil || set.PausedUntilMs != 0 {
		t.Errorf("after the tray's last resume: paused_until_ms %d, %v", set.PausedUntilMs, err)
	}
	t.Logf("%v: %d rows stored, %d acknowledged; by writer %v", dur, n, len(acked), counts)
	if counts["host"] == 0 || counts["cli log"] == 0 || counts["tray clicks"] == 0 || counts["log window"] == 0 {
		t.Errorf("a writer did nothing: %v", counts)
	}
}

// importTemplate is an export (header and one row) made by the real binary
// from a scratch database, with the row's id "TEMPLATE".
func importTemplate(t *testing.T) [2]string {
	t.Helper()
	scratch := newWorld(t, "")
	if r := scratch.cli(context.Background(), "log", "--site", "gemini", "--id", "TEMPLATE", "--prompt", "translate « bonjour », then 2+2"); r.code != 0 {
		t.Fatalf("scratch log: %+v", r)
	}
	r := scratch.cli(context.Background(), "export")
	if r.code != 0 {
		t.Fatalf("scratch export: %+v", r)
	}
	lines := strings.SplitN(strings.TrimRight(r.stdout, "\r\n"), "\n", 2)
	if len(lines) != 2 || !strings.Contains(lines[1], "TEMPLATE") {
		t.Fatalf("unexpected export: %q", r.stdout)
	}
	return [2]string{lines[0], lines[1]}
}

// importFile writes a CSV file of n rows with ids prefix-000… from the
// template, for frugal import.
func importFile(w *world, tmpl [2]string, prefix string, n int) (string, []string, error) {
	var b strings.Builder
	b.WriteString(tmpl[0] + "\n")
	var ids []string
	for i := 0; i < n; i++ {
		id := fmt.Sprintf("%s-%03d", prefix, i)
		ids = append(ids, id)
		b.WriteString(strings.Replace(tmpl[1], "TEMPLATE", id, 1) + "\n")
	}
	path := filepath.Join(w.dir, prefix+".csv")
	return path, ids, os.WriteFile(path, []byte(b.String()), 0o600)
}
