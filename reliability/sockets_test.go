//go:build reliability

package reliability

import (
	"bufio"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// inetSockets reads /proc/net/{tcp,tcp6,udp,udp6,raw,raw6}: socket inode →
// a description (protocol, local and remote address, state).
func inetSockets(t *testing.T) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, proto := range []string{"tcp", "tcp6", "udp", "udp6", "raw", "raw6"} {
		f, err := os.Open("/proc/net/" + proto)
		if err != nil {
			if proto == "raw6" || proto == "tcp6" || proto == "udp6" {
				continue // no IPv6 in this kernel
			}
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Scan() // header
		for sc.Scan() {
			fs := strings.Fields(sc.Text())
			if len(fs) < 10 {
				continue
			}
			// sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
			out[fs[9]] = fmt.Sprintf("%s local %s remote %s state %s", proto, fs[1], fs[2], fs[3])
		}
		f.Close()
	}
	return out
}

// processSockets lists the socket inodes a process holds open.
func processSockets(t *testing.T, pid int) []string {
	t.Helper()
	dir := fmt.Sprintf("/proc/%d/fd", pid)
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatalf("pid %d: %v", pid, err)
	}
	var out []string
	for _, e := range ents {
		l, err := os.Readlink(filepath.Join(dir, e.Name()))
		if err == nil && strings.HasPrefix(l, "socket:[") {
			out = append(out, strings.TrimSuffix(strings.TrimPrefix(l, "socket:["), "]"))
		}
	}
	return out
}

// TestNoNetworkSockets: while the tray, a window and a native host run
// (and the host handles messages), no Frugal process holds a TCP, UDP or
// raw socket: nothing listens and nothing connects out. Unix sockets (the
// D-Bus session, the X server) are allowed and counted.
func TestNoNetworkSockets(t *testing.T) {
	needDesktop(t)
	// The check itself: a listener of this test process is seen.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	found := false
	inet := inetSockets(t)
	for _, ino := range processSockets(t, os.Getpid()) {
		found = found || inet[ino] != ""
	}
	ln.Close()
	if !found {
		t.Fatal("the socket check does not see this test's own TCP listener")
	}

	w := newWorld(t, "")
	tp := w.startTray()
	win := w.startWindow("summary")
	h := w.startHost()
	pids := map[string]int{"tray": tp.pid(), "summary window": win.pid(), "native host": h.cmd.Process.Pid}
	unix := map[string]int{}
	for round := 0; round < 10; round++ {
		// Give every process something to do between looks.
		if code, _ := h.record(fmt.Sprintf("net-%d", round), "what's the weather in Lyon?"); code != "" {
			t.Fatalf("record: %s", code)
		}
		if r := h.call(map[string]any{"type": "today"}); replyCode(r) != "" {
			t.Fatalf("today: %v", r)
		}
		if round == 3 {
			// The tray saves a click after the D-Bus call returns: wait for
			// each in the database before the next record.
			for _, step := range []struct {
				label  string
				paused bool
			}{{labelPauseHour, true}, {labelResume, false}} {
				if err := tp.click(step.label); err != nil {
					t.Fatalf("tray click %q: %v", step.label, err)
				}
				if err := waitPaused(w.db, step.paused); err != nil {
					t.Fatalf("tray click %q: %v", step.label, err)
				}
			}
		}
		inet := inetSockets(t)
		for name, pid := range pids {
			n := 0
			for _, ino := range processSockets(t, pid) {
				if d, ok := inet[ino]; ok {
					t.Errorf("%s (pid %d) holds a network socket: %s", name, pid, d)
				} else {
					n++
				}
			}
			unix[name] = max(unix[name], n)
		}
		time.Sleep(300 * time.Millisecond)
	}
	for name, p := range map[string]*proc{"tray": tp.proc, "summary window": win} {
		if p.exited() {
			t.Errorf("%s exited: %v\n%s", name, p.err, p.output())
		}
	}
	t.Logf("10 looks over 3 s: no TCP/UDP/raw socket; unix sockets at most %v", unix)
}
