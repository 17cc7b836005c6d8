package classify

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// dataDir finds shared/data from this file's location: the worktree sits
// beside shared/ (…/wt-classify/tracker/classify → …/shared/data).
func dataDir(t *testing.T) string {
	_, file, _, _ := runtime.Caller(0)
	dir := filepath.Dir(file)
	for range 6 {
		cand := filepath.Join(dir, "shared", "data")
		if _, err := os.Stat(filepath.Join(cand, "prompts-dev.jsonl")); err == nil {
			return cand
		}
		cand = filepath.Join(dir, "..", "shared", "data")
		if _, err := os.Stat(filepath.Join(cand, "prompts-dev.jsonl")); err == nil {
			return cand
		}
		dir = filepath.Dir(dir)
	}
	return ""
}

// TestAccuracy measures the classifier on the labelled sets and fails below
// the thresholds of issue 4, per set and language. FRUGAL_PROMPTS adds
// files (separated by the OS path list separator).
func TestAccuracy(t *testing.T) {
	sets := map[string]string{"heldout": filepath.Join("testdata", "heldout.jsonl")}
	if d := dataDir(t); d != "" {
		sets["dev"] = filepath.Join(d, "prompts-dev.jsonl")
		sets["public"] = filepath.Join(d, "prompts-public.jsonl")
	} else {
		t.Log("shared/data not found: only the held-out set is measured")
	}
	if extra := os.Getenv("FRUGAL_PROMPTS"); extra != "" {
		for _, p := range filepath.SplitList(extra) {
			sets[strings.TrimSuffix(filepath.Base(p), ".jsonl")] = p
		}
	}
	c := New(Options{Now: func() time.Time { return time.Date(2026, 3, 10, 9, 30, 0, 0, time.UTC) }, Location: time.UTC})
	var b strings.Builder
	for _, name := range []string{"dev", "public", "heldout"} {
		evalSet(t, c, name, sets[name], &b)
		delete(sets, name)
	}
	for name, path := range sets {
		evalSet(t, c, name, path, &b)
	}
	t.Log("\n" + b.String())
}

func evalSet(t *testing.T, c *Classifier, name, path string, b *strings.Builder) {
	if path == "" {
		return
	}
	rows, err := ReadLabelled(path)
	if err != nil {
		t.Errorf("read %s: %v", path, err)
		return
	}
	scores := Evaluate(c, name, rows)
	WriteReport(b, scores)
	for _, s := range scores {
		if !s.Pass() {
			t.Errorf("%s/%s below threshold: none nudged %.1f%%, recall %.1f%%, accuracy %.1f%%",
				s.Set, s.Lang, 100*s.NudgedNone(), 100*s.Recall(), 100*s.Accuracy())
		}
	}
}
