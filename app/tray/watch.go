package tray

import (
	"context"
	"database/sql"
	"sync"
	"time"
)

// MinCheckInterval is the shortest time between two looks at the database:
// however often the files change, the tray checks at most once a second.
const MinCheckInterval = time.Second

// DataVersion detects commits by other connections with PRAGMA
// data_version on one dedicated connection: a read of a counter in shared
// memory, no table is touched.
type DataVersion struct {
	Conn *sql.Conn
	mu   sync.Mutex
	last int64
	init bool
}

// Changed implements Changes.
func (d *DataVersion) Changed(ctx context.Context) (bool, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	var v int64
	if err := d.Conn.QueryRowContext(ctx, "PRAGMA data_version").Scan(&v); err != nil {
		return false, err
	}
	changed := !d.init || v != d.last
	d.last, d.init = v, true
	return changed, nil
}

// Wake returns a channel that fires when the database may have changed, at
// most once per MinCheckInterval. Where the system can tell about file
// changes (inotify on Linux) it fires only after a write to the database's
// files, so an idle tray does not wake up at all; elsewhere it fires once
// per MinCheckInterval.
func Wake(ctx context.Context, dbPath string) <-chan struct{} {
	out := make(chan struct{}, 1)
	events, err := watchFiles(ctx, dbPath)
	if err != nil {
		go tick(ctx, out)
		return out
	}
	go throttle(ctx, events, out, MinCheckInterval)
	return out
}

// tick fires every MinCheckInterval (the fallback).
func tick(ctx context.Context, out chan<- struct{}) {
	t := time.NewTicker(MinCheckInterval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			signal(out)
		}
	}
}

// throttle passes events on to out, at most one per min: an event within
// min of the last one passed is held until min has gone by, and any number
// of events in that time make one.
func throttle(ctx context.Context, in <-chan struct{}, out chan<- struct{}, min time.Duration) {
	var last time.Time
	var pending <-chan time.Time
	for {
		select {
		case <-ctx.Done():
			return
		case _, ok := <-in:
			if !ok {
				return
			}
			if pending != nil {
				continue
			}
			if wait := min - time.Since(last); wait > 0 {
				pending = time.After(wait)
				continue
			}
			last = time.Now()
			signal(out)
		case <-pending:
			pending = nil
			last = time.Now()
			signal(out)
		}
	}
}

// signal sends without blocking: one pending wake-up is enough.
func signal(c chan<- struct{}) {
	select {
	case c <- struct{}{}:
	default:
	}
}
