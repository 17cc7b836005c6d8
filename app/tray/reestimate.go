package tray

import (
	"context"
	"errors"
	"log"

	"frugal/storage"
)

// ReestimateFunc brings stored estimates to the current method (cli.Reestimate:
// one code path with `frugal reestimate`), reporting rows done and left.
type ReestimateFunc func(ctx context.Context, st *storage.Store, progress func(done, left int64)) error

// reestimateInBackground runs fn once, off the tray's own goroutine, so the
// menu and the refreshes never wait for it. Batches are committed as they
// go: if the tray is killed, the next start carries on with the rows left.
// Progress is logged at the start, about every tenth and at the end.
func reestimateInBackground(ctx context.Context, st *storage.Store, fn ReestimateFunc) {
	if fn == nil {
		return
	}
	go func() {
		var total, next int64
		err := fn(ctx, st, func(done, left int64) {
			if total == 0 {
				total = done + left
				log.Printf("tray: re-estimating %d stored requests made with an older method", total)
				next = total / 10
			}
			if done >= next || left == 0 {
				log.Printf("tray: re-estimation: %d done, %d left", done, left)
				next = done + total/10
			}
		})
		if err != nil && !errors.Is(err, context.Canceled) {
			log.Printf("tray: re-estimation stopped: %v (the next start carries on)", err)
		}
	}()
}
