package tray

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"frugal/storage"
	"frugal/tracker"
)

// TestCheckHealth: a database with a damaged page is found by the check at
// start-up and said once, in the person's language, naming the copy kept;
// a tray started again on the same damage says nothing more.
func TestCheckHealth(t *testing.T) {
	path := filepath.Join(t.TempDir(), "frugal.db")
	st, err := storage.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	st.UpdateSettings(t.Context(), func(s *tracker.Settings) error { s.Language = "fr"; return nil })
	for i := range 600 {
		p := fmt.Sprintf("health-%04d %s", i, strings.Repeat("z", 120))
		r := tracker.Request{ID: fmt.Sprintf("h%04d", i), At: time.Date(2026, 11, 20, 9, 0, i%60, 0, time.UTC), Source: tracker.SourceCLI,
			Site: "claude", Kind: tracker.KindText, Outcome: tracker.OutcomeSent, Prompt: &p, PromptChars: len(p)}
		if _, err := st.Record(t.Context(), r); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()
	b, _ := os.ReadFile(path)
	off := bytes.Index(b, []byte("health-0300 "))
	if off < 0 {
		t.Fatal("row not in the file")
	}
	p := off / 4096
	copy(b[p*4096:(p+1)*4096], bytes.Repeat([]byte{0xEE}, 4096))
	os.WriteFile(path, b, 0o600)

	start := func() []Note {
		st, err := storage.Open(t.Context(), path)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		var notes []Note
		checkHealth(t.Context(), st, func(h storage.Health) { notes = append(notes, damageNote(st, h)) })
		return notes
	}
	first := start()
	if len(first) != 1 {
		t.Fatalf("first start: %d notes, want 1", len(first))
	}
	copies, _ := filepath.Glob(path + ".damaged-*Z")
	if len(copies) != 1 || !strings.Contains(first[0].Body, copies[0]) || !strings.Contains(first[0].Body, "frugal repair") {
		t.Errorf("note %+v should name the copy %v and frugal repair", first[0], copies)
	}
	if !strings.Contains(first[0].Title, "endommagée") {
		t.Errorf("title %q is not in French", first[0].Title)
	}
	if again := start(); len(again) != 0 {
		t.Errorf("second start said it again: %+v", again)
	}
}
