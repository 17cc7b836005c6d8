package tray

import (
	"log"
	"os/exec"
	"sync"
	"time"

	"github.com/godbus/dbus/v5"

	"frugal/app/bus"
)

// ExecLauncher opens windows by starting "Exe KIND --window [--db DB] ARGS…".
// A window kind has one process at a time: when one runs, it is asked over
// D-Bus to raise its window; a process started a moment ago (still
// starting, not yet on the bus) is left to come up.
type ExecLauncher struct {
	Exe  string
	DB   string     // passed as --db when set
	Conn *dbus.Conn // nil where there is no session bus

	mu       sync.Mutex
	children map[string]*child
}

type child struct {
	started time.Time
	done    chan struct{}
}

// startGrace is how long a just-started window process is given to come
// up before another click starts a new one.
const startGrace = 5 * time.Second

// Open implements Launcher.
func (l *ExecLauncher) Open(w Window) error {
	if bus.Raise(l.Conn, w.Kind, w.Args) {
		return nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.children == nil {
		l.children = map[string]*child{}
	}
	if c := l.children[w.Kind]; c != nil {
		select {
		case <-c.done:
		default:
			if time.Since(c.started) < startGrace || l.Conn == nil {
				return nil // it is starting, or it runs and cannot be raised from here
			}
		}
	}
	args := []string{w.Kind, "--window"}
	if l.DB != "" {
		args = append(args, "--db", l.DB)
	}
	args = append(args, w.Args...)
	cmd := exec.Command(l.Exe, args...)
	if err := cmd.Start(); err != nil {
		return err
	}
	c := &child{started: time.Now(), done: make(chan struct{})}
	l.children[w.Kind] = c
	go func() {
		if err := cmd.Wait(); err != nil {
			log.Printf("tray: %s window: %v", w.Kind, err)
		}
		close(c.done)
	}()
	return nil
}
