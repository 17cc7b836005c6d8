package classify

import (
	"path/filepath"
	"sort"
	"testing"
	"time"
)

// TestMedianLatency reports the median time to classify one prompt of the
// labelled sets (reported, not enforced: CI machines vary).
func TestMedianLatency(t *testing.T) {
	if testing.Short() {
		t.Skip("timing")
	}
	d := dataDir(t)
	if d == "" {
		t.Skip("no shared/data")
	}
	rows, err := ReadLabelled(filepath.Join(d, "prompts-dev.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	c := New(Options{})
	var ds []time.Duration
	for range 5 {
		for _, r := range rows {
			t0 := time.Now()
			c.Classify(r.Text, r.Lang)
			ds = append(ds, time.Since(t0))
		}
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	t.Logf("per-prompt latency over %d runs: median %v, p90 %v, max %v", len(ds), ds[len(ds)/2], ds[len(ds)*9/10], ds[len(ds)-1])
}
