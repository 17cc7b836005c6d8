package storage

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestLock: a second taker in this process is refused; after release the
// lock can be taken again.
func TestLock(t *testing.T) {
	path := LockPath(filepath.Join(t.TempDir(), "data", "frugal.db"))
	release, err := Lock(path)
	if err != nil {
		t.Fatalf("first Lock: %v", err)
	}
	if _, err := Lock(path); !errors.Is(err, ErrLocked) {
		t.Fatalf("second Lock = %v, want ErrLocked", err)
	}
	release()
	again, err := Lock(path)
	if err != nil {
		t.Fatalf("Lock after release: %v", err)
	}
	again()
}

// TestLockHeldByAnotherProcess: a lock held by a live process refuses; the
// same process killed (no release, the file left behind) leaves the lock
// free at once.
func TestLockHeldByAnotherProcess(t *testing.T) {
	if p := os.Getenv("FRUGAL_TEST_HOLD_LOCK"); p != "" {
		release, err := Lock(p)
		if err != nil {
			os.Exit(3)
		}
		defer release()
		os.Stdout.WriteString("held\n")
		select {} // until killed
	}
	path := LockPath(filepath.Join(t.TempDir(), "frugal.db"))
	cmd := exec.Command(os.Args[0], "-test.run=^TestLockHeldByAnotherProcess$")
	cmd.Env = append(os.Environ(), "FRUGAL_TEST_HOLD_LOCK="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 5)
	if _, err := out.Read(buf); err != nil || string(buf) != "held\n" {
		cmd.Process.Kill()
		t.Fatalf("holder: %q, %v", buf, err)
	}
	if _, err := Lock(path); !errors.Is(err, ErrLocked) {
		cmd.Process.Kill()
		t.Fatalf("Lock while another process holds it = %v, want ErrLocked", err)
	}
	cmd.Process.Kill()
	cmd.Wait()
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("lock file gone after the kill: %v", err)
	}
	release, err := Lock(path)
	if err != nil {
		t.Fatalf("Lock after the holder was killed: %v", err)
	}
	release()
}
