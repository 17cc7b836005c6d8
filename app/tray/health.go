package tray

import (
	"context"
	"log"
	"os"
	"strings"
	"time"

	"frugal/app/i18n"
	"frugal/storage"
)

// HealthEvery is how often the tray checks the database after the check
// at start-up; HealthIdle is how long the database must have gone
// unwritten for that check to run (PRAGMA quick_check reads the whole
// file, so it waits for a quiet moment).
const (
	HealthEvery = 24 * time.Hour
	HealthIdle  = 10 * time.Minute
)

// WatchHealth checks the database with storage.CheckHealth in the
// background at once, then once a day when it has been idle for HealthIdle,
// until ctx ends. Damage found for the first time is told through say
// (once: later checks of the same damage say nothing).
func WatchHealth(ctx context.Context, st *storage.Store, say func(storage.Health)) {
	check := func() { checkHealth(ctx, st, say) }
	check()
	timer := time.NewTimer(HealthEvery)
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-timer.C:
		}
		if quiet := time.Since(lastWrite(st.Path())); quiet < HealthIdle {
			timer.Reset(HealthIdle - quiet)
			continue
		}
		check()
		timer.Reset(HealthEvery)
	}
}

// checkHealth runs one check and says damage found for the first time.
// Each check is logged with its duration (scripts/bench-tray.sh waits for
// the start-up one before it measures the idle tray).
func checkHealth(ctx context.Context, st *storage.Store, say func(storage.Health)) {
	t0 := time.Now()
	h, err := st.CheckHealth(ctx)
	if err != nil {
		if ctx.Err() == nil {
			log.Printf("tray: database check: %v", err)
		}
		return
	}
	took := time.Since(t0).Round(time.Millisecond)
	if !h.Damaged() {
		log.Printf("tray: database check: no damage found (%v)", took)
	} else {
		log.Printf("tray: database check: damaged (%v): %s", took, strings.ReplaceAll(h.Problems[0], "\n", " "))
	}
	if h.New {
		say(h)
	}
}

// lastWrite is when the database or its -wal file was last modified.
func lastWrite(db string) time.Time {
	var last time.Time
	for _, p := range []string{db, db + "-wal"} {
		if fi, err := os.Stat(p); err == nil && fi.ModTime().After(last) {
			last = fi.ModTime()
		}
	}
	return last
}

// damageNote is the notification for damage found by a check.
func damageNote(st *storage.Store, h storage.Health) Note {
	lang := ""
	if set, err := st.Settings(context.Background()); err == nil {
		lang = set.Language
	}
	cat := i18n.New(i18n.Resolve(lang))
	return Note{
		Type:  "notice",
		Title: cat.T("notify.damaged.title"),
		Body:  cat.T("notify.damaged.body", map[string]string{"Copy": h.Copy}),
		Open:  Window{Kind: "summary"},
	}
}
