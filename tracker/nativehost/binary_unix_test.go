//go:build unix

package nativehost_test

import (
	"io"
	"syscall"
	"testing"
	"time"
)

// A host waiting for the browser's next message ends on SIGTERM (an
// uninstall, a logout) with status 0 and writes nothing more.
func TestHostBinary_EndsOnSIGTERMWhileWaiting(t *testing.T) {
	h := startHost(t)
	h.send(`{"v":1,"id":"p1","type":"ping"}`)
	if r := h.reply(); r["ok"] != true {
		t.Fatalf("ping = %v", r)
	}
	if err := h.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-h.done:
		h.done <- err
		if err != nil {
			t.Errorf("host exited with %v after SIGTERM, want status 0", err)
		}
		if rest, _ := io.ReadAll(h.stdout); len(rest) != 0 {
			t.Errorf("stdout carried %d bytes after the last reply: %q", len(rest), rest)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("host still running 10 s after SIGTERM while waiting for a message")
	}
}
