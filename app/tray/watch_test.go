package tray

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestWatchFiles: a write to the database or its -wal file is reported, a
// write to another file in the folder is not, and ending the context
// closes the channel.
func TestWatchFiles(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "frugal.db")
	if err := os.WriteFile(db, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	events, err := watchFiles(ctx, db)
	if err != nil {
		t.Fatalf("watchFiles: %v", err)
	}
	expect := func(what string, want bool) {
		t.Helper()
		select {
		case _, ok := <-events:
			if !ok {
				t.Fatalf("%s: channel closed", what)
			}
			if !want {
				t.Errorf("%s: reported, want nothing", what)
			}
		case <-time.After(500 * time.Millisecond):
			if want {
				t.Errorf("%s: nothing reported within 500 ms", what)
			}
		}
		// drain what a multi-event write left behind
		for len(events) > 0 {
			<-events
		}
	}
	write := func(name string) {
		f, err := os.OpenFile(filepath.Join(dir, name), os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
		if err != nil {
			t.Fatal(err)
		}
		f.WriteString("more")
		f.Close()
	}
	write("other.txt")
	expect("a write to another file", false)
	write("frugal.db-wal")
	expect("the -wal file created and written", true)
	write("frugal.db")
	expect("a write to the database", true)
	write("frugal.db-shm")
	expect("a write to the -shm file", false)

	cancel()
	deadline := time.After(2 * time.Second)
	for {
		select {
		case _, ok := <-events:
			if !ok {
				return
			}
		case <-deadline:
			t.Fatal("channel still open 2 s after the context ended")
		}
	}
}
