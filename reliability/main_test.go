//go:build reliability

// Package reliability is Frugal's reliability suite: real frugal processes
// (the binary built from this tree) on real database files. It runs with
// `make reliability` (scripts/reliability.sh), which provides an Xvfb
// display and a D-Bus session for the tray and window processes.
//
// Settings (environment):
//
//	RELIABILITY_DURATION     how long the writers run together (default 10s; make: 60s)
//	RELIABILITY_KILL_ROUNDS  SIGKILL rounds (default 20)
//	RELIABILITY_DESKTOP=1    fail, instead of skipping, when there is no display or bus
package reliability

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"frugal/storage"
	"frugal/tracker/nativehost"
)

var (
	frugalBin string // the frugal binary built from this tree
	binDir    string
)

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "frugal-reliability")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binDir = dir
	frugalBin = filepath.Join(dir, "frugal")
	start := time.Now()
	build := exec.Command("go", "build", "-o", frugalBin, "frugal")
	build.Env = append(os.Environ(), "CGO_ENABLED=1")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "reliability: build frugal:", err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "reliability: built %s in %v\n", frugalBin, time.Since(start).Round(time.Millisecond))
	code := m.Run()
	stopWatcher()
	os.RemoveAll(dir)
	os.Exit(code)
}

func envDuration(name string, def time.Duration) time.Duration {
	if v := os.Getenv(name); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			panic(fmt.Sprintf("%s=%q: %v", name, v, err))
		}
		return d
	}
	return def
}

// world is one test's private home: a database path and the folders a
// frugal process writes to.
type world struct {
	t   *testing.T
	dir string
	db  string
	env []string
}

func newWorld(t *testing.T, dbDir string) *world {
	t.Helper()
	dir := t.TempDir()
	if dbDir == "" {
		dbDir = filepath.Join(dir, "data")
	}
	w := &world{t: t, dir: dir, db: filepath.Join(dbDir, "frugal.db")}
	run := filepath.Join(dir, "run")
	for _, d := range []string{run, filepath.Join(dir, "home"), filepath.Join(dir, "cache")} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	w.env = []string{"FRUGAL_DB=" + w.db, "HOME=" + filepath.Join(dir, "home"), "XDG_RUNTIME_DIR=" + run,
		"XDG_CACHE_HOME=" + filepath.Join(dir, "cache"), "XDG_DATA_HOME=" + filepath.Join(dir, "home"),
		"LANGUAGE=en", "LC_ALL=C.UTF-8", "PATH=" + os.Getenv("PATH")}
	for _, k := range []string{"DISPLAY", "DBUS_SESSION_BUS_ADDRESS"} {
		if v := os.Getenv(k); v != "" {
			w.env = append(w.env, k+"="+v)
		}
	}
	return w
}

// cliResult is one finished frugal command.
type cliResult struct {
	code           int
	stdout, stderr string
}

// cli runs frugal with args and waits for it.
func (w *world) cli(ctx context.Context, args ...string) cliResult {
	cmd := exec.CommandContext(ctx, frugalBin, args...)
	cmd.Env = w.env
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		w.t.Errorf("run frugal %v: %v", args, err)
		code = -1
	}
	return cliResult{code, out.String(), errb.String()}
}

// start starts a long-running frugal process (tray, window) with its
// output kept in a file.
func (w *world) start(name string, args ...string) *proc {
	w.t.Helper()
	logPath := filepath.Join(w.dir, fmt.Sprintf("%s-%d.log", name, time.Now().UnixNano()))
	f, err := os.Create(logPath)
	if err != nil {
		w.t.Fatal(err)
	}
	cmd := exec.Command(frugalBin, args...)
	cmd.Env = w.env
	cmd.Stdout, cmd.Stderr = f, f
	if err := cmd.Start(); err != nil {
		w.t.Fatal(err)
	}
	p := &proc{name: name, cmd: cmd, log: logPath, done: make(chan struct{})}
	go func() {
		p.err = cmd.Wait()
		f.Close()
		close(p.done)
	}()
	w.t.Cleanup(func() { p.stop() })
	return p
}

// proc is a running frugal process.
type proc struct {
	name string
	cmd  *exec.Cmd
	log  string
	done chan struct{}
	err  error
}

func (p *proc) pid() int { return p.cmd.Process.Pid }

func (p *proc) exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// stop ends the process with SIGTERM, then SIGKILL after 5 s.
func (p *proc) stop() {
	if p.exited() {
		return
	}
	p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.done:
	case <-time.After(5 * time.Second):
		p.cmd.Process.Kill()
		<-p.done
	}
}

// kill sends SIGKILL and waits.
func (p *proc) kill() {
	p.cmd.Process.Signal(syscall.SIGKILL)
	<-p.done
}

func (p *proc) output() string {
	b, _ := os.ReadFile(p.log)
	return string(b)
}

// host is a native messaging host started as a browser starts it, driven
// over its pipes.
type host struct {
	cmd     *exec.Cmd
	stdin   io.WriteCloser
	replies chan map[string]any
	stderr  *syncBuffer
	done    chan struct{}
	// stdoutErr is why the reply stream ended (nil: clean EOF).
	stdoutErr error
	seq       int
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func (w *world) startHost() *host {
	w.t.Helper()
	cmd := exec.Command(frugalBin, "chrome-extension://"+nativehost.ChromiumExtensionID+"/")
	cmd.Env = w.env
	h := &host{cmd: cmd, replies: make(chan map[string]any, 64), stderr: &syncBuffer{}, done: make(chan struct{})}
	var err error
	if h.stdin, err = cmd.StdinPipe(); err != nil {
		w.t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		w.t.Fatal(err)
	}
	cmd.Stderr = h.stderr
	if err := cmd.Start(); err != nil {
		w.t.Fatal(err)
	}
	go func() {
		defer close(h.replies)
		for {
			b, err := nativehost.ReadFrame(out, nativehost.MaxOutBytes)
			if err != nil {
				if !errors.Is(err, io.EOF) {
					h.stdoutErr = err
				}
				break
			}
			var m map[string]any
			if err := json.Unmarshal(b, &m); err != nil {
				h.stdoutErr = fmt.Errorf("reply %q is not JSON: %v", b, err)
				break
			}
			if _, isReply := m["id"]; !isReply && m["type"] != nil {
				continue // sent unasked on start (the selector table): not a reply
			}
			h.replies <- m
		}
		cmd.Wait()
		close(h.done)
	}()
	w.t.Cleanup(h.close)
	return h
}

// send writes one message; false when the host is gone.
func (h *host) send(msg map[string]any) bool {
	b, _ := json.Marshal(msg)
	buf := make([]byte, 4+len(b))
	binary.LittleEndian.PutUint32(buf, uint32(len(b)))
	copy(buf[4:], b)
	_, err := h.stdin.Write(buf)
	return err == nil
}

// call sends a message and waits for its reply (nil when the host died or
// did not answer in 30 s).
func (h *host) call(msg map[string]any) map[string]any {
	h.seq++
	msg["v"] = 1
	msg["id"] = fmt.Sprintf("m%d", h.seq)
	if !h.send(msg) {
		return nil
	}
	select {
	case r, ok := <-h.replies:
		if !ok {
			return nil
		}
		return r
	case <-time.After(30 * time.Second):
		return nil
	}
}

// record sends a captured request; it returns the reply's error code, ""
// for ok, or "gone" when no reply came.
func (h *host) record(id, prompt string) (code string, duplicate bool) {
	r := h.call(map[string]any{"type": "record", "request": map[string]any{
		"id": id, "site": "claude", "at": time.Now().UnixMilli(), "outcome": "sent", "prompt": prompt}})
	return replyCode(r), r != nil && r["duplicate"] == true
}

func replyCode(r map[string]any) string {
	if r == nil {
		return "gone"
	}
	if r["ok"] == true {
		return ""
	}
	e, _ := r["error"].(map[string]any)
	c, _ := e["code"].(string)
	if c == "" {
		return "malformed reply"
	}
	return c
}

func (h *host) close() {
	h.stdin.Close()
	select {
	case <-h.done:
	case <-time.After(10 * time.Second):
		h.cmd.Process.Kill()
		<-h.done
	}
}

func (h *host) kill() {
	h.cmd.Process.Kill()
	<-h.done
}

// openCheck opens the database as Frugal does and checks it: it must open
// without being taken for damaged, and pass PRAGMA integrity_check.
func openCheck(t *testing.T, path string) *storage.Store {
	t.Helper()
	st, err := storage.Open(context.Background(), path)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	t.Cleanup(func() { st.Close() })
	if st.Notice != "" {
		t.Fatalf("open %s: %s", path, st.Notice)
	}
	if err := st.IntegrityCheck(context.Background()); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return st
}

// ids returns every stored request id and how many rows there are.
func ids(t *testing.T, db *sql.DB) (map[string]bool, int) {
	t.Helper()
	rows, err := db.Query("SELECT id FROM requests")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out, n := map[string]bool{}, 0
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		out[id] = true
		n++
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out, n
}

// missing lists the acknowledged ids that are not stored (sorted, at most 10).
func missing(acked []string, stored map[string]bool) []string {
	var out []string
	for _, id := range acked {
		if !stored[id] {
			out = append(out, id)
		}
	}
	sort.Strings(out)
	if len(out) > 10 {
		out = append(out[:10], fmt.Sprintf("… %d in all", len(out)))
	}
	return out
}

// lockedWords are what SQLite's lock errors look like; none may reach a
// person (CLI stderr, host replies or log).
var lockedWords = []string{"database is locked", "SQLITE_BUSY", "database table is locked"}

func hasLocked(s string) bool {
	for _, w := range lockedWords {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// needDesktop skips (or, with RELIABILITY_DESKTOP=1, fails) without a
// display and a session bus.
func needDesktop(t *testing.T) {
	t.Helper()
	if os.Getenv("DISPLAY") != "" && os.Getenv("DBUS_SESSION_BUS_ADDRESS") != "" {
		return
	}
	msg := "no DISPLAY or DBUS_SESSION_BUS_ADDRESS: the tray and window processes need Xvfb and a D-Bus session (run it with make reliability)"
	if os.Getenv("RELIABILITY_DESKTOP") == "1" {
		t.Fatal(msg)
	}
	t.Skip(msg)
}

// openCheckRaw opens a database file without migrating it (a backup, or a
// file of a newer schema) and checks its integrity.
func openCheckRaw(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", path+"?_pragma=busy_timeout(10000)")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	var res string
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&res); err != nil || res != "ok" {
		t.Fatalf("%s: integrity_check: %q, %v", path, res, err)
	}
	return db
}
