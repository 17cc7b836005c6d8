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
	reestimateInBackground(ctx, st, func(ctx context.Context, st *storage.Store, progress func(done, left int64)) error {
		<-gate // held until the tray has gone on
		n, err := st.Reestimate(ctx, "new", func(r *tracker.Request) error {
			r.Footprint = &tracker.Footprint{Method: "new"}
			return nil
		}, progress)
		finished <- n
		return err
	})
	close(gate) // reached only because reestimateInBackground returned
	if n := <-finished; n != 1 {
		t.Fatalf("re-estimated %d rows, want 1", n)
	}
	if left, _ := st.StaleCount(ctx, "new"); left != 0 {
		t.Errorf("%d left", left)
	}
}
