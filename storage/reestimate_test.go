package storage

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"frugal/tracker"
	"frugal/tracker/estimate"
)

// copyDB copies a database with VACUUM INTO.
func copyDB(t testing.TB, src, dst string) {
	t.Helper()
	s, err := Open(context.Background(), src)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.db.ExecContext(context.Background(), "VACUUM INTO ?", dst); err != nil {
		t.Fatal(err)
	}
}

// fakeEstimate stands for the estimator: a footprint from the answer length,
// stamped with the method.
func fakeEstimate(method string) func(*tracker.Request) error {
	return func(r *tracker.Request) error {
		if r.Site == "broken" {
			return errors.New("no model for site broken")
		}
		e := float64(*r.AnswerChars) / 1000
		r.Footprint = &tracker.Footprint{EnergyWh: tracker.Range{Low: e, Central: e, High: e}, Method: method, Zone: "USA"}
		return nil
	}
}

func fillStale(t testing.TB, s *Store, n int) {
	t.Helper()
	for i := range n {
		r := tracker.Request{ID: fmt.Sprintf("r%05d", i), At: time.UnixMilli(int64(1e12 + i)), Source: tracker.SourceExtension,
			Site: "chatgpt", Kind: tracker.KindText, PromptChars: 10, AnswerChars: ptr(1000 + i), Outcome: tracker.OutcomeSent,
			Footprint: &tracker.Footprint{Method: "old-1", Zone: "USA"}}
		if i%10 == 0 {
			r.Outcome = tracker.OutcomeCancelled
			r.Footprint = nil
		}
		if _, err := s.Record(context.Background(), r); err != nil {
			t.Fatal(err)
		}
	}
}

// A run killed after its first batch leaves committed rows new and the
// rest old; the next run carries on and nothing is left.
func TestReestimate_ResumesAfterAnInterruption(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "f.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	n := reestimateBatch*2 + 500
	fillStale(t, s, n)
	stale, _ := s.StaleCount(ctx, "new-2")
	if want := int64(n - n/10); stale != want {
		t.Fatalf("stale %d, want %d (cancelled rows have no estimate to redo)", stale, want)
	}
	cctx, cancel := context.WithCancel(ctx)
	var lefts []int64
	done, err := s.Reestimate(cctx, "new-2", fakeEstimate("new-2"), func(done, left int64) {
		lefts = append(lefts, left)
		cancel() // killed after the first committed batch
	})
	if !errors.Is(err, context.Canceled) || done != reestimateBatch {
		t.Fatalf("interrupted run: done %d, err %v", done, err)
	}
	left, _ := s.StaleCount(ctx, "new-2")
	if left != stale-reestimateBatch || lefts[0] != left {
		t.Fatalf("after the interruption %d left (progress said %v), want %d", left, lefts, stale-reestimateBatch)
	}
	done, err = s.Reestimate(ctx, "new-2", fakeEstimate("new-2"), nil)
	if err != nil || done != left {
		t.Fatalf("second run: done %d of %d, %v", done, left, err)
	}
	if left, _ := s.StaleCount(ctx, "new-2"); left != 0 {
		t.Errorf("%d rows left", left)
	}
	r, _ := s.Get(ctx, "r00003")
	if r.Footprint == nil || r.Footprint.Method != "new-2" || r.Footprint.EnergyWh.Central != 1.003 {
		t.Errorf("row r00003: %+v", r.Footprint)
	}
	if r, _ := s.Get(ctx, "r00010"); r.Footprint != nil || r.Outcome != tracker.OutcomeCancelled {
		t.Errorf("a cancelled row was estimated: %+v", r)
	}
	// Nothing to do: no row is touched.
	if done, err := s.Reestimate(ctx, "new-2", fakeEstimate("new-2"), nil); done != 0 || err != nil {
		t.Errorf("third run did %d (%v)", done, err)
	}
}

// A row that cannot be estimated keeps its old estimate and says why.
func TestReestimate_FailureKeepsTheOldEstimate(t *testing.T) {
	ctx := context.Background()
	s, _ := Open(ctx, filepath.Join(t.TempDir(), "f.db"))
	defer s.Close()
	old := &tracker.Footprint{EnergyWh: tracker.Range{Low: 1, Central: 2, High: 3}, Method: "old-1"}
	s.Record(ctx, tracker.Request{ID: "x", At: time.UnixMilli(1e12), Source: tracker.SourceCLI, Site: "broken",
		Kind: tracker.KindText, AnswerChars: ptr(10), Outcome: tracker.OutcomeSent, Footprint: old})
	if _, err := s.Reestimate(ctx, "new-2", fakeEstimate("new-2"), nil); err != nil {
		t.Fatal(err)
	}
	r, _ := s.Get(ctx, "x")
	if *r.Footprint != *old || len(r.Warnings) != 1 || r.Warnings[0] != "not re-estimated: no model for site broken" {
		t.Errorf("%+v %q", r.Footprint, r.Warnings)
	}
}

// BenchmarkReestimate1M re-estimates the 1,000,000-request benchmark
// database (every row has an old method) with the real estimator, as
// `frugal reestimate` and the tray do. Goal ≤ 60 s.
func BenchmarkReestimate1M(b *testing.B) {
	src := benchDBPath(b)
	est, err := estimate.New(estimate.DefaultOptions())
	if err != nil {
		b.Fatal(err)
	}
	fn := func(r *tracker.Request) error {
		fp, err := est.Estimate(r)
		if err != nil {
			return err
		}
		r.Footprint = &fp
		return nil
	}
	var cpu time.Duration
	for b.Loop() {
		b.StopTimer()
		dst := filepath.Join(b.TempDir(), "copy.db")
		copyDB(b, src, dst)
		s, err := Open(b.Context(), dst)
		if err != nil {
			b.Fatal(err)
		}
		c0 := cpuTime()
		b.StartTimer()
		n, err := s.Reestimate(b.Context(), est.Method(), fn, nil)
		if err != nil || n != benchRows {
			b.Fatal(n, err)
		}
		b.StopTimer()
		cpu += cpuTime() - c0
		s.Close()
		b.StartTimer()
	}
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
}
