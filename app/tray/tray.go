package tray

import (
	"context"
	"log"
	"sync"
	"time"

	"frugal/app/i18n"
	"frugal/assets"
	"frugal/storage"
	"frugal/tracker"
)

// UI is the tray surface: fyne.io/systray in the app, a fake in tests.
// SetMenu is called with menus of the same shape every time; the first call
// builds the menu, later ones update titles, checks and enabled states.
// Clicks come back through Tray.Click.
type UI interface {
	SetIcon(icon []byte) // assets.TrayIcon: PNG, or ICO on Windows
	SetTooltip(text string)
	SetMenu(m Menu)
}

// Launcher opens window processes.
type Launcher interface {
	Open(w Window) error
}

// Store is what the tray reads and writes of the database.
type Store interface {
	Totals(ctx context.Context, from, to time.Time) (storage.Totals, error)
	Settings(ctx context.Context) (tracker.Settings, error)
	UpdateSettings(ctx context.Context, change func(*tracker.Settings) error) (tracker.Settings, error)
	Range(ctx context.Context, from, to time.Time, fn func(tracker.Request) error) error
}

// Changes tells whether the database changed since the last call; the
// first call reports true.
type Changes interface {
	Changed(ctx context.Context) (bool, error)
}

// Short requests in a row: GroupCount short prompts within GroupWindow make
// a "group them" notification. A short prompt is at most ShortChars
// characters.
const (
	GroupCount  = 3
	GroupWindow = 5 * time.Minute
	ShortChars  = 120
)

// Tray is the tray process's logic.
type Tray struct {
	UI       UI
	Notifier Notifier
	Launcher Launcher
	Store    Store
	Changes  Changes
	Memory   *Memory
	Limits   Limits
	Now      func() time.Time
	Loc      *time.Location
	Quit     func()

	// refreshMu serialises refreshes: the Run loop and a menu click (pause,
	// resume) both refresh, and notify's bookkeeping (seen, shorts,
	// scanned, Memory) is not shared-safe.
	refreshMu sync.Mutex
	mu        sync.Mutex
	snap      Snapshot
	cat       i18n.Catalogue
	started   bool
	icon      IconState
	iconSet   bool
	scanned   time.Time            // requests from here on were looked at
	seen      map[string]time.Time // ids looked at, with their time
	shorts    []time.Time          // recent short prompts, for grouping
}

func (t *Tray) now() time.Time {
	if t.Now != nil {
		return t.Now()
	}
	return time.Now()
}

func (t *Tray) loc() *time.Location {
	if t.Loc != nil {
		return t.Loc
	}
	return time.Local
}

// View returns what the tray shows now (for tests and the first paint).
func (t *Tray) View() View {
	t.mu.Lock()
	defer t.mu.Unlock()
	return Render(t.cat, t.snap)
}

// Catalogue is the language the tray speaks now.
func (t *Tray) Catalogue() i18n.Catalogue {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.cat
}

// Refresh reads the settings and today's totals, redraws the tray and
// sends the notifications that are due.
func (t *Tray) Refresh(ctx context.Context) error {
	t.refreshMu.Lock()
	defer t.refreshMu.Unlock()
	now := t.now()
	loc := t.loc()
	set, err := t.Store.Settings(ctx)
	if err != nil {
		return err
	}
	day := tracker.StartOfDay(now, loc)
	today, err := t.Store.Totals(ctx, day, nextMidnight(now, loc))
	if err != nil {
		return err
	}
	t.mu.Lock()
	t.snap = Snapshot{Today: today, Settings: set, Now: now, Loc: loc}
	t.cat = i18n.New(i18n.Resolve(set.Language))
	v := Render(t.cat, t.snap)
	first := !t.started
	t.started = true
	iconChanged := !t.iconSet || v.Icon != t.icon
	t.icon, t.iconSet = v.Icon, true
	t.mu.Unlock()

	if iconChanged {
		t.UI.SetIcon(assets.TrayIcon(int(v.Icon)))
	}
	t.UI.SetTooltip(v.Tooltip)
	t.UI.SetMenu(v.Menu)
	return t.notify(ctx, first)
}

// notify finds what deserves a notification since the last refresh.
func (t *Tray) notify(ctx context.Context, first bool) error {
	t.mu.Lock()
	snap, c := t.snap, t.cat
	t.mu.Unlock()
	now, loc := snap.Now, snap.Loc
	var notes []Note

	// New requests: trivial ones sent anyway, short ones in a row.
	if t.seen == nil {
		t.seen = map[string]time.Time{}
	}
	from := t.scanned.Add(-GroupWindow)
	if first {
		from = now.Add(-GroupWindow)
	}
	var anyway *tracker.Request
	grouped := 0
	err := t.Store.Range(ctx, from, time.Time{}, func(r tracker.Request) error {
		if _, ok := t.seen[r.ID]; ok {
			return nil
		}
		t.seen[r.ID] = r.At
		if first {
			return nil // what was there before the tray started is not news
		}
		if r.Outcome == tracker.OutcomeSentAnyway && r.Tool != "" {
			rr := r
			anyway = &rr
		}
		if short(r) {
			t.shorts = append(t.shorts, r.At)
			if n := countSince(t.shorts, r.At.Add(-GroupWindow)); n >= GroupCount {
				grouped = n
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	t.scanned = now
	for id, at := range t.seen {
		if at.Before(now.Add(-3 * GroupWindow)) {
			delete(t.seen, id)
		}
	}
	t.shorts = keepSince(t.shorts, now.Add(-GroupWindow))

	if anyway != nil {
		notes = append(notes, Note{Type: tracker.NotifySentAnyway,
			Title: c.T("notify.sent_anyway.title"),
			Body: c.T("notify.sent_anyway.body", map[string]any{
				"Tool": ToolName(c, anyway.Tool), "Category": CategoryName(c, anyway.Category)}),
			Open: Window{Kind: "summary"}})
	}
	if grouped > 0 {
		notes = append(notes, Note{Type: tracker.NotifyGroup,
			Title: c.T("notify.group.title"),
			Body:  c.N("notify.group.body", grouped, map[string]any{"Minutes": int(GroupWindow.Minutes())}),
			Open:  Window{Kind: "summary"}})
	}

	// The daily budget, once a day.
	today := now.In(loc).Format(time.DateOnly)
	if b := snap.Settings.DailyBudgetWh; b > 0 && snap.Today.Estimated > 0 &&
		snap.Today.Footprint.EnergyWh.Central >= b && t.Memory.BudgetDay != today {
		notes = append(notes, Note{Type: tracker.NotifyBudget,
			Title: c.T("notify.budget.title"),
			Body: c.T("notify.budget.body", map[string]any{
				"Energy": c.Num(snap.Today.Footprint.EnergyWh.Central), "Budget": c.Num(b)}),
			Open: Window{Kind: "summary"}})
	}

	// Last week's summary, on the first refresh in a new week.
	week := tracker.ISOWeek(tracker.StartOfWeek(now, loc))
	if t.Memory.WeeklyWeek != week {
		known := t.Memory.WeeklyWeek != ""
		t.Memory.WeeklyWeek = week
		mon := tracker.StartOfWeek(now, loc)
		prevMon := time.Date(mon.Year(), mon.Month(), mon.Day()-7, 0, 0, 0, 0, loc)
		prev, err := t.Store.Totals(ctx, prevMon, mon)
		if err != nil {
			return err
		}
		if known && prev.Count > 0 {
			notes = append(notes, Note{Type: tracker.NotifyWeekly,
				Title: c.T("notify.weekly.title"),
				Body: c.T("notify.weekly.body", map[string]any{
					"Requests": Requests(c, prev.Count), "Energy": Energy(c, prev)}),
				Open: Window{Kind: "summary", Args: []string{"--week", tracker.ISOWeek(prevMon)}}})
		}
		t.Memory.Save()
	}

	for _, n := range notes {
		if !t.Memory.Allow(n.Type, snap.Settings, t.Limits, now) {
			continue
		}
		if n.Type == tracker.NotifyBudget {
			t.Memory.BudgetDay = today
		}
		if n.Type == tracker.NotifyGroup {
			t.shorts = nil // these are told; count afresh
		}
		if err := t.Notifier.Notify(n); err != nil {
			log.Printf("tray: notify: %v", err)
		}
		t.Memory.Save()
	}
	return nil
}

// short reports whether r is a short text question.
func short(r tracker.Request) bool {
	return r.Kind == tracker.KindText && r.PromptChars > 0 && r.PromptChars <= ShortChars &&
		(r.Outcome == tracker.OutcomeSent || r.Outcome == tracker.OutcomeSentAnyway)
}

func countSince(ts []time.Time, since time.Time) int {
	n := 0
	for _, t := range ts {
		if !t.Before(since) {
			n++
		}
	}
	return n
}

func keepSince(ts []time.Time, since time.Time) []time.Time {
	out := ts[:0]
	for _, t := range ts {
		if !t.Before(since) {
			out = append(out, t)
		}
	}
	return out
}

// ToolName is the localised name of a suggested tool ("calculator").
func ToolName(c i18n.Catalogue, tool string) string {
	if s := c.T("tool." + tool); s != "tool."+tool {
		return s
	}
	return tool
}

// CategoryName is the localised name of a category.
func CategoryName(c i18n.Catalogue, cat tracker.Category) string {
	if s := c.T("cat." + string(cat)); s != "cat."+string(cat) {
		return s
	}
	return string(cat)
}

// Click handles a menu click.
func (t *Tray) Click(ctx context.Context, id ItemID) {
	var err error
	switch id {
	case ItemSummary:
		err = t.Launcher.Open(Window{Kind: "summary"})
	case ItemLog:
		err = t.Launcher.Open(Window{Kind: "log"})
	case ItemExport:
		err = t.Launcher.Open(Window{Kind: "export"})
	case ItemShare:
		err = t.Launcher.Open(Window{Kind: "share"})
	case ItemSettings:
		err = t.Launcher.Open(Window{Kind: "settings"})
	case ItemPauseHour:
		err = t.pause(ctx, t.now().Add(time.Hour))
	case ItemPauseTomorrow:
		err = t.pause(ctx, nextMidnight(t.now(), t.loc()))
	case ItemResume:
		err = t.pause(ctx, time.Time{})
	case ItemQuit:
		if t.Quit != nil {
			t.Quit()
		}
		return
	default:
		return
	}
	if err != nil {
		log.Printf("tray: %s: %v", id, err)
	}
}

// pause sets the end of the pause (zero resumes) and redraws.
func (t *Tray) pause(ctx context.Context, until time.Time) error {
	ms := int64(0)
	if !until.IsZero() {
		ms = until.UnixMilli()
	}
	if _, err := t.Store.UpdateSettings(ctx, func(s *tracker.Settings) error {
		s.PausedUntilMs = ms
		return nil
	}); err != nil {
		return err
	}
	return t.Refresh(ctx)
}

// nextWake is when the view changes by itself: midnight, or the end of a
// pause.
func (t *Tray) nextWake() time.Time {
	t.mu.Lock()
	defer t.mu.Unlock()
	now, loc := t.now(), t.loc()
	w := nextMidnight(now, loc)
	if p := time.UnixMilli(t.snap.Settings.PausedUntilMs); t.snap.Settings.PausedUntilMs > 0 && p.After(now) && p.Before(w) {
		w = p
	}
	return w
}

// Run refreshes the tray whenever wake fires and the database changed, and
// at midnight and the end of a pause, until ctx is done. It refreshes once
// at the start.
func (t *Tray) Run(ctx context.Context, wake <-chan struct{}) {
	if _, err := t.Changes.Changed(ctx); err != nil {
		log.Printf("tray: %v", err)
	}
	if err := t.Refresh(ctx); err != nil {
		log.Printf("tray: %v", err)
	}
	timer := time.NewTimer(time.Until(t.nextWake()))
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-wake:
			changed, err := t.Changes.Changed(ctx)
			if err != nil {
				log.Printf("tray: %v", err)
				continue
			}
			if !changed {
				continue
			}
		case <-timer.C:
		}
		if err := t.Refresh(ctx); err != nil {
			log.Printf("tray: %v", err)
		}
		timer.Reset(time.Until(t.nextWake()) + 50*time.Millisecond)
	}
}
