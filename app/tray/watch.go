package tray

import (
	"context"
	"database/sql"
	"log"
	"path/filepath"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
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
// most once per MinCheckInterval. It watches the database's folder with
// fsnotify (inotify, kqueue, ReadDirectoryChangesW) and fires only after a
// write to the database or its -wal file, so an idle tray does not wake up
// at all. Should the system refuse a watch (the inotify limit reached), the
// tray says so and looks once per FallbackInterval instead.
func Wake(ctx context.Context, dbPath string) <-chan struct{} {
	out := make(chan struct{}, 1)
	events, err := watchFiles(ctx, dbPath)
	if err != nil {
		log.Printf("tray: cannot watch %s (%v): checking for new requests every %v", filepath.Dir(dbPath), err, FallbackInterval)
		go tick(ctx, out, FallbackInterval)
		return out
	}
	go func() {
		throttle(ctx, events, out, MinCheckInterval)
		if ctx.Err() == nil { // the system closed the watch
			log.Printf("tray: the watch on %s ended: checking for new requests every %v", filepath.Dir(dbPath), FallbackInterval)
			tick(ctx, out, FallbackInterval)
		}
	}()
	return out
}

// FallbackInterval is how often the tray looks at the database when the
// system refuses to tell it about file changes.
const FallbackInterval = time.Minute

// tick fires every d (only when no watch could be set up).
func tick(ctx context.Context, out chan<- struct{}, d time.Duration) {
	t := time.NewTicker(d)
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

// watchFiles watches the database's folder and sends on the returned
// channel when the database or its -wal file is created, written or
// renamed into place. The folder is watched rather than the files because
// SQLite creates and removes the -wal file. The channel is closed when ctx
// ends or the watch fails.
func watchFiles(ctx context.Context, dbPath string) (<-chan struct{}, error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	dir := filepath.Dir(dbPath)
	if err := w.Add(dir); err != nil {
		w.Close()
		return nil, err
	}
	base := filepath.Base(dbPath)
	out := make(chan struct{}, 1)
	go func() {
		defer close(out)
		defer w.Close()
		for {
			select {
			case <-ctx.Done():
				return
			case ev, ok := <-w.Events:
				if !ok {
					return
				}
				if !ev.Has(fsnotify.Write) && !ev.Has(fsnotify.Create) && !ev.Has(fsnotify.Rename) {
					continue
				}
				if name := filepath.Base(ev.Name); name == base || name == base+"-wal" {
					signal(out)
				}
			case err, ok := <-w.Errors:
				if !ok {
					return
				}
				// An overflowed queue lost events: one look is enough to
				// catch up.
				log.Printf("tray: file watch: %v", err)
				signal(out)
			}
		}
	}()
	return out, nil
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
