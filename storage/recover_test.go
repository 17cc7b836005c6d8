package storage

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

func TestOpen_SetsADamagedFileAsideAndStartsANewOne(t *testing.T) {
	path := filepath.Join(t.TempDir(), "frugal.db")
	garbage := bytes.Repeat([]byte("not a database "), 500)
	os.WriteFile(path, garbage, 0o600)
	s, err := Open(t.Context(), path)
	if err != nil {
		t.Fatalf("Open of a damaged file: %v", err)
	}
	defer s.Close()
	if !strings.Contains(s.Notice, "damaged") {
		t.Errorf("Notice = %q, want it to say the file was damaged", s.Notice)
	}
	if _, err := s.Record(t.Context(), sample("new", time.Now())); err != nil {
		t.Errorf("the new database does not record: %v", err)
	}
	aside, _ := filepath.Glob(path + ".damaged-*")
	if len(aside) != 1 {
		t.Fatalf("set-aside files: %v", aside)
	}
	if b, _ := os.ReadFile(aside[0]); !bytes.Equal(b, garbage) {
		t.Error("the damaged file was not kept as it was")
	}
}

func TestOpen_BacksUpBeforeUpgradingAnOlderSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "frugal.db")
	s, err := Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	s.Record(t.Context(), sample("old", time.Now()))
	s.Close()

	// A later release adds a migration.
	next := fstest.MapFS{}
	entries, _ := embeddedMigrations.ReadDir("migrations")
	for _, e := range entries {
		b, _ := embeddedMigrations.ReadFile("migrations/" + e.Name())
		next["migrations/"+e.Name()] = &fstest.MapFile{Data: b}
	}
	v := len(entries) + 1
	next[fmt.Sprintf("migrations/%04d_future.sql", v)] = &fstest.MapFile{Data: []byte("ALTER TABLE requests ADD COLUMN future TEXT;")}
	migrationFS = next
	defer func() { migrationFS = embeddedMigrations }()

	s, err = Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if !strings.Contains(s.Notice, "upgraded") {
		t.Errorf("Notice = %q", s.Notice)
	}
	if _, err := s.db.Exec("UPDATE requests SET future = 'x'"); err != nil {
		t.Errorf("migration not applied: %v", err)
	}
	backups, _ := filepath.Glob(path + ".backup-v*")
	if len(backups) != 1 {
		t.Fatalf("backups: %v", backups)
	}
	migrationFS = embeddedMigrations
	b, err := Open(t.Context(), backups[0])
	if err != nil {
		t.Fatalf("backup does not open: %v", err)
	}
	defer b.Close()
	if _, err := b.Get(t.Context(), "old"); err != nil {
		t.Errorf("backup lacks the old row: %v", err)
	}
}

// TestDiskFull_ClearErrorThenRecordingResumes puts a database on a 2 MB
// tmpfs (needs root to mount; CI runs as root).
func TestDiskFull_ClearErrorThenRecordingResumes(t *testing.T) {
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a small tmpfs here (%v: %s)", err, out)
	}
	defer exec.Command("umount", "-l", dir).Run()
	s, err := Open(t.Context(), filepath.Join(dir, "frugal.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	filler := filepath.Join(dir, "filler")
	f, _ := os.Create(filler)
	f.Write(bytes.Repeat([]byte{0}, 4<<20)) // fails part way: the disk is now full
	f.Close()
	var acked []string
	big := strings.Repeat("x", 8000)
	var full error
	for i := range 10000 {
		r := sample(fmt.Sprint("fill-", i), time.Now())
		r.Prompt = &big
		if _, err := s.Record(t.Context(), r); err != nil {
			full = err
			break
		}
		acked = append(acked, r.ID)
	}
	if !errors.Is(full, ErrDiskFull) {
		t.Fatalf("writing on a full disk: %v, want ErrDiskFull", full)
	}
	if !strings.Contains(full.Error(), "disk is full") {
		t.Errorf("error %q does not say the disk is full", full)
	}
	os.Remove(filler) // space returns
	if _, err := s.Record(t.Context(), sample("after", time.Now())); err != nil {
		t.Errorf("recording did not resume: %v", err)
	}
	for _, id := range acked {
		if _, err := s.Get(t.Context(), id); err != nil {
			t.Errorf("acknowledged %s lost: %v", id, err)
		}
	}
	if err := s.IntegrityCheck(t.Context()); err != nil {
		t.Error(err)
	}
}
