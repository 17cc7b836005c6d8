package tray

import (
	"time"

	"frugal/app/i18n"
	"frugal/storage"
	"frugal/tracker"
)

// ItemID names a menu item.
type ItemID string

// The tray menu's items.
const (
	ItemToday         ItemID = "today"
	ItemSummary       ItemID = "summary"
	ItemLog           ItemID = "log"
	ItemPause         ItemID = "pause"
	ItemPauseHour     ItemID = "pause.hour"
	ItemPauseTomorrow ItemID = "pause.tomorrow"
	ItemResume        ItemID = "pause.resume"
	ItemExport        ItemID = "export"
	ItemShare         ItemID = "share"
	ItemSettings      ItemID = "settings"
	ItemQuit          ItemID = "quit"
)

// Item is one menu entry. An Item with an empty ID is a separator. The
// menu's shape never changes; only titles, checks and enabled states do.
type Item struct {
	ID        ItemID
	Title     string
	Disabled  bool
	Checkable bool
	Checked   bool
	Children  []Item
}

// Menu is the whole tray menu.
type Menu []Item

// Find returns the item with id, searching submenus.
func (m Menu) Find(id ItemID) (Item, bool) {
	for _, it := range m {
		if it.ID == id {
			return it, true
		}
		if c, ok := Menu(it.Children).Find(id); ok {
			return c, true
		}
	}
	return Item{}, false
}

// IconState is how today compares with the daily budget.
type IconState int

const (
	Under IconState = iota // below 80 % of the budget, or nothing estimated
	Near                   // 80 % of the budget or more
	Over                   // the budget reached
)

// NearShare is the share of the budget from which the icon warns.
const NearShare = 0.8

// View is what the tray shows, computed from the day's totals and the
// settings at a given time.
type View struct {
	Menu    Menu
	Icon    IconState
	Tooltip string
}

// Snapshot is the data a View is made of.
type Snapshot struct {
	Today    storage.Totals
	Settings tracker.Settings
	Now      time.Time
	Loc      *time.Location
}

// Paused reports whether tracking is paused at s.Now.
func (s Snapshot) Paused() bool { return s.Settings.PausedUntilMs > s.Now.UnixMilli() }

// Icon returns the icon state of today's energy against the budget.
func (s Snapshot) Icon() IconState {
	b := s.Settings.DailyBudgetWh
	if b <= 0 || s.Today.Estimated == 0 {
		return Under
	}
	e := s.Today.Footprint.EnergyWh.Central
	switch {
	case e >= b:
		return Over
	case e >= NearShare*b:
		return Near
	}
	return Under
}

// TodayLine is the menu's first line: "Today: 4 requests · 1.2–3.4 Wh".
func TodayLine(c i18n.Catalogue, t storage.Totals) string {
	return c.T("tray.today", map[string]any{"Requests": Requests(c, t.Count), "Energy": Energy(c, t)})
}

// Requests is "1 request", "4 requests".
func Requests(c i18n.Catalogue, n int) string {
	return c.N("requests", n, map[string]any{"N": n})
}

// Energy is the energy range of some totals, or "not estimated".
func Energy(c i18n.Catalogue, t storage.Totals) string {
	if t.Count == 0 {
		return c.Num(0) + "\u00a0Wh"
	}
	if t.Estimated == 0 {
		return c.T("not_estimated")
	}
	r := t.Footprint.EnergyWh
	return c.Range(r.Low, r.High, "Wh")
}

// Render builds the view for a snapshot in catalogue c.
func Render(c i18n.Catalogue, s Snapshot) View {
	paused := s.Paused()
	until := time.UnixMilli(s.Settings.PausedUntilMs).In(s.Loc)
	tomorrow := nextMidnight(s.Now, s.Loc)
	pauseTitle := c.T("tray.pause")
	if paused {
		pauseTitle = c.T("tray.paused_until", map[string]any{"Time": clock(c, until, s.Now, s.Loc)})
	}
	m := Menu{
		{ID: ItemToday, Title: TodayLine(c, s.Today), Disabled: true},
		{},
		{ID: ItemSummary, Title: c.T("tray.summary")},
		{ID: ItemLog, Title: c.T("tray.log")},
		{ID: ItemPause, Title: pauseTitle, Children: []Item{
			{ID: ItemPauseHour, Title: c.T("tray.pause_hour"), Checkable: true,
				Checked: paused && !until.Equal(tomorrow)},
			{ID: ItemPauseTomorrow, Title: c.T("tray.pause_tomorrow"), Checkable: true,
				Checked: paused && until.Equal(tomorrow)},
			{ID: ItemResume, Title: c.T("tray.resume"), Checkable: true, Checked: !paused, Disabled: !paused},
		}},
		{ID: ItemExport, Title: c.T("tray.export")},
		{ID: ItemShare, Title: c.T("tray.share")},
		{ID: ItemSettings, Title: c.T("tray.settings")},
		{},
		{ID: ItemQuit, Title: c.T("tray.quit")},
	}
	tip := c.T("tray.tooltip", map[string]any{"Requests": Requests(c, s.Today.Count), "Energy": Energy(c, s.Today)})
	if paused {
		tip += "\n" + pauseTitle
	}
	return View{Menu: m, Icon: s.Icon(), Tooltip: tip}
}

// clock formats a time of day, with the day when it is not today.
func clock(c i18n.Catalogue, t, now time.Time, loc *time.Location) string {
	hm := t.In(loc).Format("15:04")
	if tracker.StartOfDay(t, loc).Equal(tracker.StartOfDay(now, loc)) {
		return hm
	}
	if tracker.StartOfDay(t, loc).Equal(nextMidnight(now, loc)) {
		return c.T("tray.tomorrow_at", map[string]any{"Time": hm})
	}
	return t.In(loc).Format("2006-01-02 15:04")
}

// nextMidnight is the start of the day after now's.
func nextMidnight(now time.Time, loc *time.Location) time.Time {
	d := tracker.StartOfDay(now, loc)
	return time.Date(d.Year(), d.Month(), d.Day()+1, 0, 0, 0, 0, loc)
}
