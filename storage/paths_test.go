package storage

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

func TestWindowsPath(t *testing.T) {
	t.Run("the database goes under Local AppData", func(t *testing.T) {
		local, roaming := t.TempDir(), t.TempDir()
		got, err := windowsPath(local, roaming)
		if want := filepath.Join(local, "Frugal", "frugal.db"); err != nil || got != want {
			t.Fatalf("windowsPath = %q, %v; want %q", got, err, want)
		}
	})
	t.Run("no LOCALAPPDATA is an error", func(t *testing.T) {
		if _, err := windowsPath("", t.TempDir()); err == nil {
			t.Fatal("no error")
		}
	})
	t.Run("a database in Roaming moves to Local with its WAL, and keeps its rows", func(t *testing.T) {
		local, roaming := t.TempDir(), t.TempDir()
		old := filepath.Join(roaming, "Frugal", "frugal.db")
		s, err := Open(t.Context(), old)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.db.ExecContext(t.Context(), "CREATE TABLE kept(x); INSERT INTO kept VALUES (42)"); err != nil {
			t.Fatal(err)
		}
		// Copy the files as they are while the database is open (WAL not
		// checkpointed), as a crashed older Frugal would leave them.
		for _, suffix := range []string{"", "-wal", "-shm"} {
			b, err := os.ReadFile(old + suffix)
			if err != nil {
				t.Fatalf("%s: %v", suffix, err)
			}
			if err := os.WriteFile(old+".copy"+suffix, b, 0o600); err != nil {
				t.Fatal(err)
			}
		}
		s.Close()
		for _, suffix := range []string{"", "-wal", "-shm"} {
			os.Remove(old + suffix)
			if err := os.Rename(old+".copy"+suffix, old+suffix); err != nil {
				t.Fatal(err)
			}
		}
		if fi, err := os.Stat(old + "-wal"); err != nil || fi.Size() == 0 {
			t.Fatalf("the test needs a non-empty WAL: %v", err)
		}
		got, err := windowsPath(local, roaming)
		want := filepath.Join(local, "Frugal", "frugal.db")
		if err != nil || got != want {
			t.Fatalf("windowsPath = %q, %v; want %q", got, err, want)
		}
		for _, suffix := range []string{"", "-wal", "-shm"} {
			if _, err := os.Stat(old + suffix); !os.IsNotExist(err) {
				t.Errorf("%s still in Roaming: %v", suffix, err)
			}
		}
		s, err = Open(t.Context(), got)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		var x int
		if err := s.db.QueryRowContext(t.Context(), "SELECT x FROM kept").Scan(&x); err != nil || x != 42 {
			t.Fatalf("row after the move: %d, %v", x, err)
		}
	})
	t.Run("a database already in Local wins; Roaming is left alone", func(t *testing.T) {
		local, roaming := t.TempDir(), t.TempDir()
		for _, d := range []string{local, roaming} {
			os.MkdirAll(filepath.Join(d, "Frugal"), 0o700)
			os.WriteFile(filepath.Join(d, "Frugal", "frugal.db"), []byte(d), 0o600)
		}
		got, _ := windowsPath(local, roaming)
		if got != filepath.Join(local, "Frugal", "frugal.db") {
			t.Fatalf("got %q", got)
		}
		if b, _ := os.ReadFile(filepath.Join(roaming, "Frugal", "frugal.db")); string(b) != roaming {
			t.Fatal("the Roaming file was touched")
		}
	})
	t.Run("a move that fails undoes itself and keeps the Roaming path", func(t *testing.T) {
		if runtime.GOOS == "windows" || os.Geteuid() == 0 {
			t.Skip("needs a folder this user cannot write to")
		}
		local, roaming := t.TempDir(), t.TempDir()
		old := filepath.Join(roaming, "Frugal", "frugal.db")
		os.MkdirAll(filepath.Dir(old), 0o700)
		os.WriteFile(old, []byte("db"), 0o600)
		os.WriteFile(old+"-wal", []byte("wal"), 0o600)
		os.Chmod(local, 0o500)
		defer os.Chmod(local, 0o700)
		got, _ := windowsPath(local, roaming)
		if got != old {
			t.Fatalf("got %q, want the Roaming path", got)
		}
		if b, _ := os.ReadFile(old + "-wal"); string(b) != "wal" {
			t.Fatal("the WAL was lost")
		}
	})
	t.Run("moveDatabase rolls back when a companion cannot move", func(t *testing.T) {
		from, to := t.TempDir(), t.TempDir()
		a, b := filepath.Join(from, "frugal.db"), filepath.Join(to, "frugal.db")
		os.WriteFile(a, []byte("db"), 0o600)
		os.WriteFile(a+"-wal", []byte("wal"), 0o600)
		// A folder where the -wal file should go makes that rename fail.
		os.MkdirAll(filepath.Join(b+"-wal", "x"), 0o700)
		if err := moveDatabase(a, b); err == nil {
			t.Fatal("no error")
		}
		if x, _ := os.ReadFile(a); string(x) != "db" {
			t.Fatal("the database did not come back")
		}
		if x, _ := os.ReadFile(a + "-wal"); string(x) != "wal" {
			t.Fatal("the WAL was lost")
		}
	})
}
