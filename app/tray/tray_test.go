package tray

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"frugal/app/i18n"
	"frugal/assets"
	"frugal/storage"
	"frugal/tracker"
)

// fakeUI records what the tray shows.
type fakeUI struct {
	mu      sync.Mutex
	icon    []byte
	tooltip string
	menu    Menu
	menus   int
}

func (f *fakeUI) SetIcon(png []byte)  { f.mu.Lock(); f.icon = png; f.mu.Unlock() }
func (f *fakeUI) SetTooltip(s string) { f.mu.Lock(); f.tooltip = s; f.mu.Unlock() }
func (f *fakeUI) SetMenu(m Menu)      { f.mu.Lock(); f.menu = m; f.menus++; f.mu.Unlock() }
func (f *fakeUI) item(id ItemID) Item {
	f.mu.Lock()
	defer f.mu.Unlock()
	it, _ := f.menu.Find(id)
	return it
}

type fakeNotifier struct {
	mu    sync.Mutex
	notes []Note
}

func (f *fakeNotifier) Notify(n Note) error {
	f.mu.Lock()
	f.notes = append(f.notes, n)
	f.mu.Unlock()
	return nil
}

func (f *fakeNotifier) types() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var ts []string
	for _, n := range f.notes {
		ts = append(ts, n.Type)
	}
	return ts
}

type fakeLauncher struct{ opened []Window }

func (f *fakeLauncher) Open(w Window) error { f.opened = append(f.opened, w); return nil }

// fakeClock is a settable time.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *fakeClock) Set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

var paris = func() *time.Location {
	l, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		return time.FixedZone("CET", 3600)
	}
	return l
}()

// newTray makes a tray over a fresh database at a fixed time (Wednesday
// 2026-11-25 10:00, Paris) with an English catalogue.
func newTray(t *testing.T) (*Tray, *storage.Store, *fakeUI, *fakeNotifier, *fakeClock) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "frugal.db")
	st, err := storage.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.UpdateSettings(t.Context(), func(s *tracker.Settings) error { s.Language = "en"; return nil }); err != nil {
		t.Fatal(err)
	}
	conn, err := st.DB().Conn(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	c := &fakeClock{t: time.Date(2026, 11, 25, 10, 0, 0, 0, paris)}
	ui, n := &fakeUI{}, &fakeNotifier{}
	tr := &Tray{UI: ui, Notifier: n, Launcher: &fakeLauncher{}, Store: st, Changes: &DataVersion{Conn: conn},
		Memory: LoadMemory(filepath.Join(t.TempDir(), "tray.json")), Limits: DefaultLimits(), Now: c.Now, Loc: paris}
	return tr, st, ui, n, c
}

var seq int

// record stores a request at time at with energy wh (0: not estimated).
func record(t *testing.T, st *storage.Store, at time.Time, wh float64, mod func(*tracker.Request)) {
	t.Helper()
	seq++
	text := "what is the capital of France?"
	r := tracker.Request{ID: fmt.Sprintf("r%04d", seq), At: at, Source: tracker.SourceCLI, Site: "chatgpt",
		Kind: tracker.KindText, Prompt: &text, PromptChars: len(text), Outcome: tracker.OutcomeSent}
	if wh > 0 {
		r.Footprint = &tracker.Footprint{EnergyWh: tracker.Range{Low: wh / 2, Central: wh, High: wh * 2},
			CO2Grams: tracker.Range{Low: 1, Central: 2, High: 3}, WaterML: tracker.Range{Low: 1, Central: 2, High: 3},
			Method: "test"}
	}
	if mod != nil {
		mod(&r)
	}
	if _, err := st.Record(t.Context(), r); err != nil {
		t.Fatal(err)
	}
}

func TestTodayLine(t *testing.T) {
	est := storage.Totals{Count: 4, Estimated: 4,
		Footprint: tracker.Footprint{EnergyWh: tracker.Range{Low: 1.2, Central: 2, High: 3.4}}}
	tests := []struct {
		name string
		lang string
		t    storage.Totals
		want string
	}{
		{"no request yet says zero", "en", storage.Totals{}, "Today: 0 requests · 0\u00a0Wh"},
		{"one request is singular", "en", storage.Totals{Count: 1}, "Today: 1 request · not estimated"},
		{"unestimated requests say so, never a number", "en", storage.Totals{Count: 3}, "Today: 3 requests · not estimated"},
		{"estimated requests show the range", "en", est, "Today: 4 requests · 1.2–3.4\u00a0Wh"},
		{"French uses decimal commas", "fr", est, "Aujourd'hui : 4 requêtes · 1,2–3,4\u00a0Wh"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := TodayLine(i18n.New(tc.lang), tc.t); got != tc.want {
				t.Errorf("TodayLine = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestIconState(t *testing.T) {
	tests := []struct {
		name   string
		wh     float64
		est    int
		budget float64
		want   IconState
	}{
		{"nothing estimated is under", 0, 0, 10, Under},
		{"half the budget is under", 5, 1, 10, Under},
		{"80 % of the budget is near", 8, 1, 10, Near},
		{"the whole budget is over", 10, 1, 10, Over},
		{"no budget set is under", 50, 1, 0, Under},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := Snapshot{Today: storage.Totals{Count: tc.est, Estimated: tc.est,
				Footprint: tracker.Footprint{EnergyWh: tracker.Range{Central: tc.wh}}},
				Settings: tracker.Settings{DailyBudgetWh: tc.budget}}
			if got := s.Icon(); got != tc.want {
				t.Errorf("Icon() = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestMenuHasEveryEntry(t *testing.T) {
	tr, st, ui, _, c := newTray(t)
	record(t, st, c.Now().Add(-time.Hour), 2, nil)
	if err := tr.Refresh(t.Context()); err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, it := range ui.menu {
		titles = append(titles, it.Title)
	}
	want := "Today: 1 request · 1–4\u00a0Wh||Weekly summary…|Log a request…|Pause tracking|Export CSV…|Share this week's totals…|Settings…||Quit Frugal"
	if got := strings.Join(titles, "|"); got != want {
		t.Errorf("menu = %q\nwant   %q", got, want)
	}
	if !ui.item(ItemToday).Disabled {
		t.Error("today's line is clickable, want it informational")
	}
	if !strings.Contains(ui.tooltip, "1 request") {
		t.Errorf("tooltip %q does not give today's count", ui.tooltip)
	}
	if string(ui.icon) != string(assets.TrayIcon(int(Under))) {
		t.Error("icon is not the under-budget one")
	}
}

func TestIconFollowsBudget(t *testing.T) {
	tr, st, ui, _, c := newTray(t)
	record(t, st, c.Now().Add(-time.Hour), 9, nil) // budget is 10 Wh by default
	tr.Refresh(t.Context())
	if string(ui.icon) != string(assets.TrayIcon(int(Near))) {
		t.Error("9 of 10 Wh: icon is not the near-budget one")
	}
	record(t, st, c.Now().Add(-time.Minute), 2, nil)
	tr.Refresh(t.Context())
	if string(ui.icon) != string(assets.TrayIcon(int(Over))) {
		t.Error("11 of 10 Wh: icon is not the over-budget one")
	}
}

func TestPause(t *testing.T) {
	tr, st, ui, _, c := newTray(t)
	ctx := t.Context()
	tr.Refresh(ctx)
	if it := ui.item(ItemResume); !it.Checked || !it.Disabled {
		t.Errorf("not paused: resume item = %+v, want checked and disabled", it)
	}

	t.Run("pausing for an hour stops capture and shows until when", func(t *testing.T) {
		tr.Click(ctx, ItemPauseHour)
		set, _ := st.Settings(ctx)
		if want := c.Now().Add(time.Hour).UnixMilli(); set.PausedUntilMs != want {
			t.Errorf("PausedUntilMs = %d, want %d", set.PausedUntilMs, want)
		}
		if !ui.item(ItemPauseHour).Checked || ui.item(ItemResume).Checked || ui.item(ItemResume).Disabled {
			t.Errorf("menu after pause: hour %+v, resume %+v", ui.item(ItemPauseHour), ui.item(ItemResume))
		}
		if got := ui.item(ItemPause).Title; got != "Tracking paused until 11:00" {
			t.Errorf("pause title = %q", got)
		}
		svc := &tracker.Service{Store: st, Now: c.Now}
		text := "hi"
		_, _, err := svc.Capture(ctx, tracker.Request{ID: "p1", At: c.Now(), Source: tracker.SourceCLI, Site: "x", Prompt: &text})
		if err != tracker.ErrPaused {
			t.Errorf("Capture while paused: %v, want ErrPaused", err)
		}
	})
	t.Run("pausing until tomorrow ends at midnight", func(t *testing.T) {
		tr.Click(ctx, ItemPauseTomorrow)
		set, _ := st.Settings(ctx)
		want := time.Date(2026, 11, 26, 0, 0, 0, 0, paris).UnixMilli()
		if set.PausedUntilMs != want {
			t.Errorf("PausedUntilMs = %d, want %d", set.PausedUntilMs, want)
		}
		if !ui.item(ItemPauseTomorrow).Checked || ui.item(ItemPauseHour).Checked {
			t.Error("until tomorrow is not the checked pause")
		}
	})
	t.Run("resuming clears the pause", func(t *testing.T) {
		tr.Click(ctx, ItemResume)
		set, _ := st.Settings(ctx)
		if set.PausedUntilMs != 0 {
			t.Errorf("PausedUntilMs = %d after resume", set.PausedUntilMs)
		}
		if !ui.item(ItemResume).Checked {
			t.Error("resume is not checked after resuming")
		}
	})
	t.Run("a pause that has run out shows as not paused", func(t *testing.T) {
		tr.Click(ctx, ItemPauseHour)
		c.Set(c.Now().Add(61 * time.Minute))
		tr.Refresh(ctx)
		if ui.item(ItemPauseHour).Checked || ui.item(ItemPause).Title != "Pause tracking" {
			t.Error("the pause has ended but the menu still shows it")
		}
	})
}

func TestMenuOpensWindows(t *testing.T) {
	tr, _, _, _, _ := newTray(t)
	l := tr.Launcher.(*fakeLauncher)
	for _, id := range []ItemID{ItemSummary, ItemLog, ItemExport, ItemShare, ItemSettings} {
		tr.Click(t.Context(), id)
	}
	var kinds []string
	for _, w := range l.opened {
		kinds = append(kinds, w.Kind)
	}
	if got := strings.Join(kinds, ","); got != "summary,log,export,share,settings" {
		t.Errorf("opened %s", got)
	}
	quit := false
	tr.Quit = func() { quit = true }
	tr.Click(t.Context(), ItemQuit)
	if !quit {
		t.Error("Quit did not quit")
	}
}

func TestLimits(t *testing.T) {
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, paris)
	set := tracker.DefaultSettings()
	l := DefaultLimits()

	t.Run("a type cannot repeat within its minimum interval", func(t *testing.T) {
		m := LoadMemory("")
		if !m.Allow(tracker.NotifySentAnyway, set, l, now) {
			t.Fatal("first notification refused")
		}
		if m.Allow(tracker.NotifySentAnyway, set, l, now.Add(5*time.Minute)) {
			t.Error("second within 5 minutes allowed")
		}
		if !m.Allow(tracker.NotifySentAnyway, set, l, now.Add(16*time.Minute)) {
			t.Error("second after 16 minutes refused")
		}
	})
	t.Run("the daily cap holds across types and resets the next day", func(t *testing.T) {
		m := LoadMemory("")
		l := Limits{MinInterval: map[string]time.Duration{}, DailyCap: 3}
		n := 0
		for i := 0; i < 10; i++ {
			if m.Allow([]string{tracker.NotifyGroup, tracker.NotifySentAnyway}[i%2], set, l, now.Add(time.Duration(i)*time.Hour/2)) {
				n++
			}
		}
		if n != 3 {
			t.Errorf("%d notifications in a day, want 3", n)
		}
		if !m.Allow(tracker.NotifyGroup, set, l, now.Add(24*time.Hour)) {
			t.Error("refused the next day")
		}
	})
	t.Run("a type turned off in settings never goes", func(t *testing.T) {
		m := LoadMemory("")
		off := tracker.DefaultSettings()
		off.NotifyOff[tracker.NotifyBudget] = true
		if m.Allow(tracker.NotifyBudget, off, l, now) {
			t.Error("budget notification allowed while off")
		}
	})
	t.Run("memory survives a restart", func(t *testing.T) {
		p := filepath.Join(t.TempDir(), "tray.json")
		m := LoadMemory(p)
		m.Allow(tracker.NotifyGroup, set, l, now)
		if err := m.Save(); err != nil {
			t.Fatal(err)
		}
		if LoadMemory(p).Allow(tracker.NotifyGroup, set, l, now.Add(time.Minute)) {
			t.Error("a restarted tray forgot the last group notification")
		}
	})
}

func TestNotifications(t *testing.T) {
	ctx := context.Background()

	t.Run("a trivial request sent anyway is told once, with the lighter tool", func(t *testing.T) {
		tr, st, _, n, c := newTray(t)
		record(t, st, c.Now().Add(-time.Minute), 0, func(r *tracker.Request) {
			r.Outcome = tracker.OutcomeSentAnyway // before the tray started: not news
			r.Category, r.Tool = tracker.CatCalculation, "calculator"
		})
		tr.Refresh(ctx)
		if len(n.notes) != 0 {
			t.Fatalf("notified about old requests: %v", n.types())
		}
		c.Set(c.Now().Add(time.Minute))
		record(t, st, c.Now(), 0, func(r *tracker.Request) {
			r.Outcome, r.Category, r.Tool = tracker.OutcomeSentAnyway, tracker.CatCalculation, "calculator"
			r.PromptChars = 500
		})
		tr.Refresh(ctx)
		tr.Refresh(ctx)
		if got := n.types(); len(got) != 1 || got[0] != tracker.NotifySentAnyway {
			t.Fatalf("notes = %v", got)
		}
		if b := n.notes[0].Body; !strings.Contains(b, "a calculator") {
			t.Errorf("body %q does not name the tool", b)
		}
	})
	t.Run("three short questions within five minutes are grouped", func(t *testing.T) {
		tr, st, _, n, c := newTray(t)
		tr.Refresh(ctx)
		for i := 0; i < 3; i++ {
			c.Set(c.Now().Add(time.Minute))
			record(t, st, c.Now(), 0, nil)
			tr.Refresh(ctx)
		}
		if got := n.types(); len(got) != 1 || got[0] != tracker.NotifyGroup {
			t.Fatalf("notes = %v, want one group", got)
		}
	})
	t.Run("short questions spread over an hour are not grouped", func(t *testing.T) {
		tr, st, _, n, c := newTray(t)
		tr.Refresh(ctx)
		for i := 0; i < 4; i++ {
			c.Set(c.Now().Add(20 * time.Minute))
			record(t, st, c.Now(), 0, nil)
			tr.Refresh(ctx)
		}
		if got := n.types(); len(got) != 0 {
			t.Fatalf("notes = %v, want none", got)
		}
	})
	t.Run("the budget is told once a day", func(t *testing.T) {
		tr, st, _, n, c := newTray(t)
		record(t, st, c.Now().Add(-time.Hour), 11, func(r *tracker.Request) { r.PromptChars = 900 })
		tr.Refresh(ctx)
		c.Set(c.Now().Add(3 * time.Hour))
		record(t, st, c.Now(), 5, func(r *tracker.Request) { r.PromptChars = 900 })
		tr.Refresh(ctx)
		if got := n.types(); len(got) != 1 || got[0] != tracker.NotifyBudget {
			t.Fatalf("notes = %v, want one budget", got)
		}
		c.Set(time.Date(2026, 11, 26, 9, 0, 0, 0, paris))
		record(t, st, c.Now(), 12, func(r *tracker.Request) { r.PromptChars = 900 })
		tr.Refresh(ctx)
		if got := n.types(); len(got) != 2 {
			t.Fatalf("notes = %v, want a second budget notice the next day", got)
		}
	})
	t.Run("last week's summary is told at the first start in a new week", func(t *testing.T) {
		tr, st, _, n, c := newTray(t)
		tr.Refresh(ctx) // first ever start: remembers the week, nothing to tell
		record(t, st, c.Now(), 0, func(r *tracker.Request) { r.PromptChars = 900 })
		c.Set(time.Date(2026, 11, 30, 8, 0, 0, 0, paris)) // Monday
		tr.Refresh(ctx)
		tr.Refresh(ctx)
		got := n.types()
		if len(got) != 1 || got[0] != tracker.NotifyWeekly {
			t.Fatalf("notes = %v, want one weekly", got)
		}
		if w := n.notes[0].Open; w.Kind != "summary" || strings.Join(w.Args, " ") != "--week 2026-W48" {
			t.Errorf("click opens %+v, want last week's summary", w)
		}
	})
	t.Run("notifications turned off are not sent", func(t *testing.T) {
		tr, st, _, n, c := newTray(t)
		st.UpdateSettings(ctx, func(s *tracker.Settings) error { s.NotifyOff[tracker.NotifyBudget] = true; return nil })
		record(t, st, c.Now(), 20, func(r *tracker.Request) { r.PromptChars = 900 })
		tr.Refresh(ctx)
		if got := n.types(); len(got) != 0 {
			t.Fatalf("notes = %v, want none", got)
		}
	})
}

func TestLanguageFollowsSettings(t *testing.T) {
	tr, st, ui, _, _ := newTray(t)
	st.UpdateSettings(t.Context(), func(s *tracker.Settings) error { s.Language = "fr"; return nil })
	tr.Refresh(t.Context())
	if got := ui.item(ItemSummary).Title; got != "Bilan de la semaine…" {
		t.Errorf("summary item = %q in French", got)
	}
}

// TestLiveUpdate records a request through a second connection to the same
// file, as the native host or the CLI would, and waits for the tray's
// today line to change.
func TestLiveUpdate(t *testing.T) {
	tr, st, ui, _, c := newTray(t)
	tr.Now = time.Now
	c.Set(time.Now())
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	go tr.Run(ctx, Wake(ctx, st.Path()))
	waitFor(t, 2*time.Second, func() bool { return strings.Contains(ui.item(ItemToday).Title, "0 requests") })

	other, err := storage.Open(t.Context(), st.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	start := time.Now()
	record(t, other, time.Now(), 0, nil)
	waitFor(t, 2*time.Second, func() bool { return strings.Contains(ui.item(ItemToday).Title, "1 request") })
	t.Logf("today line changed %v after the other process's write", time.Since(start).Round(time.Millisecond))
}

func waitFor(t *testing.T, d time.Duration, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("not within %v", d)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestThrottle(t *testing.T) {
	in, out := make(chan struct{}, 100), make(chan struct{}, 100)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	go throttle(ctx, in, out, 200*time.Millisecond)
	for i := 0; i < 50; i++ {
		in <- struct{}{}
		time.Sleep(5 * time.Millisecond)
	}
	time.Sleep(300 * time.Millisecond)
	// 50 events over 250 ms: one at once, then at most one per 200 ms.
	if n := len(out); n < 1 || n > 3 {
		t.Errorf("%d wake-ups for a burst of 50 events, want 1 to 3", n)
	}
}

// TestConcurrentRefresh: the Run loop's refresh and a pause clicked in the
// menu run on different goroutines; under -race they must not touch the
// notification bookkeeping at the same time.
func TestConcurrentRefresh(t *testing.T) {
	tr, st, _, _, c := newTray(t)
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 20; i++ {
				if g%2 == 0 {
					if err := tr.Refresh(t.Context()); err != nil {
						t.Error(err)
					}
				} else {
					tr.Click(t.Context(), ItemPauseHour)
					tr.Click(t.Context(), ItemResume)
				}
			}
		}()
	}
	for i := 0; i < 20; i++ {
		record(t, st, c.Now().Add(-time.Duration(i)*time.Second), 0.5, nil)
	}
	wg.Wait()
	if set, err := st.Settings(t.Context()); err != nil || set.PausedUntilMs != 0 {
		t.Fatalf("after pause/resume pairs: paused_until %d, %v", set.PausedUntilMs, err)
	}
}
