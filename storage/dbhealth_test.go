package storage

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"frugal/tracker"
)

// damagedDB makes a database of n requests, then overwrites the page that
// holds request want[n/2] with random bytes, as a failing disk would. It
// returns the path and the requests as recorded.
func damagedDB(t *testing.T, n int) (string, []tracker.Request) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "frugal.db")
	s, err := Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	base := time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC)
	var want []tracker.Request
	for i := range n {
		r := sample(fmt.Sprintf("req-%05d", i), base.Add(time.Duration(i)*time.Minute))
		p := fmt.Sprintf("marker-%05d %s", i, strings.Repeat("x", 100))
		r.Prompt, r.PromptChars = &p, len(p)
		if _, err := s.Record(t.Context(), r); err != nil {
			t.Fatal(err)
		}
		want = append(want, r)
	}
	set, _ := s.Settings(t.Context())
	set.Language = "fr"
	if err := s.SaveSettings(t.Context(), set); err != nil {
		t.Fatal(err)
	}
	var pageSize int
	s.db.QueryRow("PRAGMA page_size").Scan(&pageSize)
	if _, err := s.db.Exec("PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	off := bytes.Index(b, fmt.Appendf(nil, "marker-%05d ", n/2))
	if off < 0 || pageSize == 0 {
		t.Fatalf("marker not in the file (page size %d)", pageSize)
	}
	page := off / pageSize
	rng := rand.New(rand.NewPCG(1, 2))
	for i := page * pageSize; i < (page+1)*pageSize; i++ {
		b[i] = byte(rng.Uint32())
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return path, want
}

func TestCheckHealth_FindsDamagedPagesOnceAndKeepsACopy(t *testing.T) {
	path, _ := damagedDB(t, 1500)
	damaged, _ := os.ReadFile(path)
	s, err := Open(t.Context(), path)
	if err != nil {
		t.Fatalf("Open: %v (the schema page is intact: Open should succeed)", err)
	}
	defer s.Close()
	h, err := s.CheckHealth(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if !h.Damaged() || !h.New || h.Copy == "" {
		t.Fatalf("first check = %+v, want new damage with a copy", h)
	}
	t.Logf("quick_check: %q", h.Problems)
	if got, err := os.ReadFile(h.Copy); err != nil || !bytes.Equal(got, damaged) {
		t.Errorf("the copy %s is not the damaged file as it was (%v)", h.Copy, err)
	}
	again, err := s.CheckHealth(t.Context())
	if err != nil || !again.Damaged() || again.New || again.Copy != h.Copy {
		t.Errorf("second check = %+v, %v: want the same damage, not new, same copy", again, err)
	}
	if copies, _ := filepath.Glob(path + ".damaged-*Z"); len(copies) != 1 {
		t.Errorf("copies kept: %v, want one", copies)
	}
}

func TestCheckHealth_SoundFile(t *testing.T) {
	s := openTemp(t)
	seed(t, s)
	h, err := s.CheckHealth(t.Context())
	if err != nil || h.Damaged() || h.New || h.Copy != "" {
		t.Fatalf("CheckHealth on a sound file = %+v, %v", h, err)
	}
	if copies, _ := filepath.Glob(s.Path() + ".damaged-*"); len(copies) != 0 {
		t.Errorf("a sound file was copied: %v", copies)
	}
}

// TestRepair_SavesEveryReadableRow: the rows on the damaged page are lost,
// every other row comes back exactly, the counts add up, and the settings
// come along.
func TestRepair_SavesEveryReadableRow(t *testing.T) {
	const n = 1500
	path, want := damagedDB(t, n)
	before, _ := os.ReadFile(path)
	dst := filepath.Join(t.TempDir(), "repaired.db")
	res, err := Repair(t.Context(), path, dst)
	if err != nil {
		t.Fatalf("Repair: %v", err)
	}
	t.Logf("saved %d of %d, lost %d", res.Saved, res.Total, res.Lost())
	if res.Total != n {
		t.Errorf("total %d, want %d (the index is intact)", res.Total, n)
	}
	// A 4 KiB page holds about 25 of these rows.
	if res.Lost() < 1 || res.Lost() > 60 || res.Saved+res.Lost() != n {
		t.Errorf("saved %d, lost %d of %d: want a page's worth lost", res.Saved, res.Lost(), n)
	}
	if !res.Settings {
		t.Error("settings not copied")
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("Repair changed the damaged file")
	}
	r, err := Open(t.Context(), dst)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if err := r.IntegrityCheck(t.Context()); err != nil {
		t.Errorf("repaired database: %v", err)
	}
	if got, _ := r.Count(t.Context()); got != res.Saved {
		t.Errorf("repaired database holds %d rows, Repair said %d", got, res.Saved)
	}
	missing := 0
	for _, w := range want {
		got, err := r.Get(t.Context(), w.ID)
		if err != nil {
			missing++
			continue
		}
		if !reflect.DeepEqual(got, w) {
			t.Errorf("%s changed in the repair:\n got %+v\nwant %+v", w.ID, got, w)
		}
	}
	if int64(missing) != res.Lost() {
		t.Errorf("%d rows missing, Repair said %d lost", missing, res.Lost())
	}
	if _, err := r.Get(t.Context(), want[n/2].ID); err == nil {
		t.Errorf("%s, on the damaged page, came back", want[n/2].ID)
	}
	if set, _ := r.Settings(t.Context()); set.Language != "fr" {
		t.Errorf("settings language %q, want fr", set.Language)
	}
	if _, err := Repair(t.Context(), path, dst); err == nil {
		t.Error("Repair over an existing file succeeded")
	}
}
