package tray

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"frugal/tracker"
)

// Window is a window process to open: its kind (summary, settings, log,
// export, methodology) and extra arguments (e.g. --week 2026-W47).
type Window struct {
	Kind string
	Args []string
}

// Note is one notification.
type Note struct {
	Type  string // tracker.NotifySentAnyway, NotifyGroup, NotifyBudget, NotifyWeekly
	Title string
	Body  string
	Open  Window // the window a click opens
}

// Notifier shows notifications. The freedesktop implementation calls back
// when one is clicked; others may not be able to.
type Notifier interface {
	Notify(n Note) error
}

// Limits keep notifications from nagging.
type Limits struct {
	MinInterval map[string]time.Duration // per type, between two notifications
	DailyCap    int                      // all types together, per local day
}

// DefaultLimits: a nudge about a trivial request at most every 15 minutes,
// about grouping at most every 30 minutes, at most 6 notifications a day.
// The budget and weekly notices are once a day and once a week by their
// own rules.
func DefaultLimits() Limits {
	return Limits{
		MinInterval: map[string]time.Duration{
			tracker.NotifySentAnyway: 15 * time.Minute,
			tracker.NotifyGroup:      30 * time.Minute,
			tracker.NotifyBudget:     time.Hour,
			tracker.NotifyWeekly:     time.Hour,
		},
		DailyCap: 6,
	}
}

// Memory is what the tray remembers about notifications across restarts
// (a small JSON file in the user's state folder).
type Memory struct {
	Last       map[string]time.Time `json:"last"`        // last notification per type
	Day        string               `json:"day"`         // the local day Count is for
	Count      int                  `json:"count"`       // notifications sent that day
	BudgetDay  string               `json:"budget_day"`  // the day the budget notice went
	WeeklyWeek string               `json:"weekly_week"` // the ISO week the tray last started in

	path string
}

// LoadMemory reads the memory file at path; a missing or damaged file is an
// empty memory (the worst case is one repeated notification).
func LoadMemory(path string) *Memory {
	m := &Memory{path: path}
	if b, err := os.ReadFile(path); err == nil {
		json.Unmarshal(b, m)
	}
	if m.Last == nil {
		m.Last = map[string]time.Time{}
	}
	return m
}

// Save writes the memory file (atomically); an empty path saves nothing.
func (m *Memory) Save() error {
	if m.path == "" {
		return nil
	}
	b, err := json.Marshal(m)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(m.path), 0o700); err != nil {
		return err
	}
	tmp := m.path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, m.path)
}

// MemoryPath is the default memory file: $XDG_STATE_HOME/frugal/tray.json
// (~/.local/state), %LOCALAPPDATA%\Frugal\tray.json on Windows (beside the
// database), or the user config folder elsewhere.
func MemoryPath() string {
	if runtime.GOOS == "windows" {
		if d := os.Getenv("LOCALAPPDATA"); d != "" {
			return filepath.Join(d, "Frugal", "tray.json")
		}
	}
	dir := os.Getenv("XDG_STATE_HOME")
	if dir == "" {
		if home, err := os.UserHomeDir(); err == nil {
			dir = filepath.Join(home, ".local", "state")
		}
	}
	if d, err := os.UserConfigDir(); dir == "" && err == nil {
		dir = d
	}
	return filepath.Join(dir, "frugal", "tray.json")
}

// Allow reports whether a notification of type typ may go now under the
// limits and the settings, and if so counts it.
func (m *Memory) Allow(typ string, set tracker.Settings, l Limits, now time.Time) bool {
	if set.NotifyOff[typ] {
		return false
	}
	day := now.Format(time.DateOnly)
	if m.Day != day {
		m.Day, m.Count = day, 0
	}
	if l.DailyCap > 0 && m.Count >= l.DailyCap {
		return false
	}
	if last, ok := m.Last[typ]; ok && now.Sub(last) < l.MinInterval[typ] && !now.Before(last) {
		return false
	}
	m.Last[typ] = now
	m.Count++
	return true
}

// errNoNotifier is returned by the no-op notifier.
var errNoNotifier = errors.New("notifications are not available on this system")

// NopNotifier drops notifications: the fallback where no notification
// service is reachable (no D-Bus session, or a system without one).
type NopNotifier struct{}

// Notify implements Notifier.
func (NopNotifier) Notify(Note) error { return errNoNotifier }

// fileExists reports whether path exists.
func fileExists(path string) bool {
	_, err := os.Stat(path)
	return !errors.Is(err, fs.ErrNotExist)
}
