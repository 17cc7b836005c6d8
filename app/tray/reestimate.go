package tray

import (
	"context"
	"errors"
	"log"
	"time"

	"frugal/storage"
)

// ReestimateFunc brings stored estimates to the current method
// (tracker.Service.Reestimate: one code path with `frugal reestimate`), reporting rows done and left.
type ReestimateFunc func(ctx context.Context, st *storage.Store, progress func(done, left int64)) error

// MethodFunc is the method version estimates are made with now (it changes
// with the release, the data-folder label table and the scope settings).
type MethodFunc func(ctx context.Context, st *storage.Store) (string, error)

// reestimateEvery is how often the tray looks whether the method changed
// (one settings read): a scope changed in the settings is applied to the
// stored requests within this time.
const reestimateEvery = time.Minute

// reestimateInBackground runs fn at start and again whenever the method
// changes, off the tray's own goroutine, so the menu and the refreshes never
// wait for it. Batches are committed as they go: if the tray is killed, the
// next start carries on with the rows left. Progress is logged at the
// start, about every tenth and at the end.
func reestimateInBackground(ctx context.Context, st *storage.Store, fn ReestimateFunc, method MethodFunc, every time.Duration) {
	if fn == nil {
		return
	}
	go func() {
		last := ""
		for {
			m := ""
			if method != nil {
				var err error
				if m, err = method(ctx, st); err != nil {
					log.Printf("tray: re-estimation: %v", err)
				}
			}
			if m != last || method == nil {
				if err := runReestimate(ctx, st, fn); err == nil {
					last = m
				} else if errors.Is(err, context.Canceled) {
					return
				} else {
					log.Printf("tray: re-estimation stopped: %v (tried again later; the next start carries on)", err)
				}
			}
			if method == nil {
				return
			}
			select {
			case <-ctx.Done():
				return
			case <-time.After(every):
			}
		}
	}()
}

func runReestimate(ctx context.Context, st *storage.Store, fn ReestimateFunc) error {
	var total, next int64
	return fn(ctx, st, func(done, left int64) {
		if total == 0 {
			total = done + left
			log.Printf("tray: re-estimating %d stored requests made with another method", total)
			next = total / 10
		}
		if done >= next || left == 0 {
			log.Printf("tray: re-estimation: %d done, %d left", done, left)
			next = done + total/10
		}
	})
}
