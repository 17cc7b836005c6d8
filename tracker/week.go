package tracker

import (
	"fmt"
	"time"
)

// StartOfDay returns midnight of t's day in loc.
func StartOfDay(t time.Time, loc *time.Location) time.Time {
	t = t.In(loc)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc)
}

// StartOfWeek returns Monday 00:00 of t's ISO week in loc.
func StartOfWeek(t time.Time, loc *time.Location) time.Time {
	d := StartOfDay(t, loc)
	back := (int(d.Weekday()) + 6) % 7 // Monday → 0 … Sunday → 6
	return time.Date(d.Year(), d.Month(), d.Day()-back, 0, 0, 0, 0, loc)
}

// WeekDays returns the eight boundaries of the week starting at monday:
// midnight of each day and of the next Monday. Days are 23 or 25 hours long
// across a daylight-saving change; the boundaries are always local midnights.
func WeekDays(monday time.Time) [8]time.Time {
	var b [8]time.Time
	for i := range b {
		b[i] = time.Date(monday.Year(), monday.Month(), monday.Day()+i, 0, 0, 0, 0, monday.Location())
	}
	return b
}

// ISOWeek formats the ISO week of t, e.g. "2026-W48".
func ISOWeek(t time.Time) string {
	y, w := t.ISOWeek()
	return fmt.Sprintf("%04d-W%02d", y, w)
}

// ParseISOWeek parses "2026-W48" (or "2026W48") and returns its Monday 00:00 in loc.
func ParseISOWeek(s string, loc *time.Location) (time.Time, error) {
	var y, w int
	var rest string
	n, _ := fmt.Sscanf(s, "%4d-W%2d%s", &y, &w, &rest)
	if n != 2 {
		n, _ = fmt.Sscanf(s, "%4dW%2d%s", &y, &w, &rest)
	}
	if n != 2 || len(s) < 7 || len(s) > 8 {
		return time.Time{}, fmt.Errorf("week %q: want YYYY-Www, e.g. 2026-W48", s)
	}
	if y < 1970 || y > 9999 || w < 1 || w > 53 {
		return time.Time{}, fmt.Errorf("week %q: out of range", s)
	}
	// 4 January is always in week 1.
	jan4 := time.Date(y, time.January, 4, 0, 0, 0, 0, loc)
	mon := StartOfWeek(jan4, loc)
	mon = time.Date(mon.Year(), mon.Month(), mon.Day()+7*(w-1), 0, 0, 0, 0, loc)
	if gy, gw := mon.ISOWeek(); gy != y || gw != w {
		return time.Time{}, fmt.Errorf("week %q: %d has no week %d", s, y, w)
	}
	return mon, nil
}
