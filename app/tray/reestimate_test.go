package tray

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"frugal/storage"
	"frugal/tracker"
)

// The tray starts re-estimation and goes on at once; the work happens on
// another goroutine against the real store and reports its progress.
func TestReestimateInBackground_DoesNotBlockTheTray(t *testing.T) {
	ctx := t.Context()
	st, err := storage.Open(ctx, filepath.Join(t.TempDir(), "f.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	chars := 800
	st.Record(ctx, tracker.Request{ID: "a", At: time.UnixMilli(1e12), Source: tracker.SourceCLI, Site: "chatgpt",
		Kind: tracker.KindText, AnswerChars: &chars, Outcome: tracker.OutcomeSent,
		Footprint: &tracker.Footprint{Method: "old"}})
	gate, finished := make(chan struct{}), make(chan int64, 1)
	method := make(chan string, 1)
	method <- "new"
	current := "new"
	reestimateInBackground(ctx, st, func(ctx context.Context, st *storage.Store, progress func(done, left int64)) error {
		<-gate // held until the tray has gone on
		n, err := st.Reestimate(ctx, current, func(r *tracker.Request) error {
			r.Footprint = &tracker.Footprint{Method: current}
			return nil
		}, progress)
		select {
		case finished <- n:
		case <-ctx.Done():
		}
		return err
	}, func(context.Context, *storage.Store) (string, error) {
		select {
		case m := <-method:
			current = m
		default:
		}
		return current, nil
	}, time.Millisecond)
	close(gate) // reached only because reestimateInBackground returned
	if n := <-finished; n != 1 {
		t.Fatalf("re-estimated %d rows, want 1", n)
	}
	if left, _ := st.StaleCount(ctx, "new"); left != 0 {
		t.Errorf("%d left", left)
	}
	// The method changes (a scope setting): the rows are re-estimated again.
	method <- "newer"
	if n := <-finished; n != 1 {
		t.Fatalf("after the change: re-estimated %d rows, want 1", n)
	}
	r, _ := st.Get(ctx, "a")
	if r.Footprint == nil || r.Footprint.Method != "newer" {
		t.Errorf("row a: %+v", r.Footprint)
	}
}
