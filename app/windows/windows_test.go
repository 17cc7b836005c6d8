package windows

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"frugal/app/i18n"
	"frugal/storage"
	"frugal/tracker"
)

var paris = func() *time.Location {
	l, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		return time.FixedZone("CET", 3600)
	}
	return l
}()

// fixedNow is Friday 27 November 2026, 18:00 in Paris.
var fixedNow = time.Date(2026, 11, 27, 18, 0, 0, 0, paris)

func fp(wh float64) *tracker.Footprint {
	return &tracker.Footprint{
		EnergyWh: tracker.Range{Low: wh * 0.5, Central: wh, High: wh * 2},
		CO2Grams: tracker.Range{Low: wh * 0.2, Central: wh * 0.4, High: wh * 0.8},
		WaterML:  tracker.Range{Low: wh, Central: wh * 2, High: wh * 4},
		Method:   "test", Zone: "USA",
	}
}

// seed makes a database file with a known week (2026-W48) and the week
// before.
func seed(t *testing.T) *storage.Store {
	t.Helper()
	st, err := storage.Open(t.Context(), filepath.Join(t.TempDir(), "frugal.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	n := 0
	add := func(day, hour int, site string, wh float64, cat tracker.Category, tool string, out tracker.Outcome) {
		n++
		text := "prompt"
		r := tracker.Request{ID: fmt.Sprintf("s%03d", n), At: time.Date(2026, 11, day, hour, 0, 0, 0, paris),
			Source: tracker.SourceExtension, Site: site, Provider: "openai", Model: "gpt-4o", Kind: tracker.KindText,
			Prompt: &text, PromptChars: 6, Category: cat, Tool: tool, Outcome: out}
		if wh > 0 {
			r.Footprint = fp(wh)
		}
		if _, err := st.Record(t.Context(), r); err != nil {
			t.Fatal(err)
		}
	}
	// Week 48: Monday 23 … Sunday 29 November.
	add(23, 9, "chatgpt", 2, tracker.CatNone, "", tracker.OutcomeSent)
	add(23, 10, "chatgpt", 0.5, tracker.CatCalculation, "calculator", tracker.OutcomeSentAnyway)
	add(24, 11, "claude", 3, tracker.CatNone, "", tracker.OutcomeSent)
	add(25, 14, "chatgpt", 1, tracker.CatWeather, "weather", tracker.OutcomeSent)
	add(25, 15, "chatgpt", 1, tracker.CatWeather, "weather", tracker.OutcomeFollowed)
	add(26, 8, "gemini", 4, tracker.CatNone, "", tracker.OutcomeSent)
	add(27, 9, "claude", 2, tracker.CatFact, "search", tracker.OutcomeSent)
	add(27, 10, "chatgpt", 0, tracker.CatNone, "", tracker.OutcomeSent)
	// Week 47.
	add(17, 9, "chatgpt", 5, tracker.CatNone, "", tracker.OutcomeSent)
	add(18, 9, "chatgpt", 5, tracker.CatNone, "", tracker.OutcomeSent)
	return st
}

func deps(t *testing.T, st *storage.Store) Deps {
	return Deps{App: test.NewTempApp(t), Store: st, Go: func(f func()) { f() }, Now: func() time.Time { return fixedNow }, Loc: paris, Home: t.TempDir()}
}

func useLang(t *testing.T, l string) {
	t.Helper()
	t.Setenv("LANGUAGE", "")
	t.Setenv("LC_ALL", "")
	if _, err := i18n.Use(l); err != nil {
		t.Fatal(err)
	}
}

func TestSummaryMatchesGoldenMarkup(t *testing.T) {
	for _, lang := range []string{"en", "fr"} {
		for _, variant := range []string{"light", "dark"} {
			t.Run(lang+" "+variant, func(t *testing.T) {
				useLang(t, lang)
				st := seed(t)
				d := deps(t, st)
				if variant == "dark" {
					d.App.Settings().SetTheme(theme.DarkTheme())
				} else {
					d.App.Settings().SetTheme(theme.LightTheme())
				}
				s := NewSummary(d)
				s.Load()
				s.wait()
				test.AssertRendersToMarkup(t, fmt.Sprintf("summary_%s_%s.xml", lang, variant), s.Window.Canvas())
				want := map[string]string{"en": "Counted: location-based carbon", "fr": "Périmètre : carbone selon le mix moyen"}[lang]
				if !strings.Contains(test.RenderToMarkup(s.Window.Canvas()), want) {
					t.Errorf("the summary does not name the scope (%q)", want)
				}
			})
		}
	}
}

func TestSummaryEmptyWeekExplainsTheExtension(t *testing.T) {
	useLang(t, "en")
	st := seed(t)
	d := deps(t, st)
	d.App.Settings().SetTheme(theme.LightTheme())
	s := NewSummary(d)
	s.Monday = time.Date(2026, 11, 2, 0, 0, 0, 0, paris)
	s.Load()
	s.wait()
	test.AssertRendersToMarkup(t, "summary_empty_en.xml", s.Window.Canvas())
	if !strings.Contains(test.RenderToMarkup(s.Window.Canvas()), "extension") {
		t.Error("an empty week does not say how to install the extension")
	}
}

func TestSummaryNavigatesWeeks(t *testing.T) {
	useLang(t, "en")
	st := seed(t)
	s := NewSummary(deps(t, st))
	s.Load()
	s.wait()
	if !s.NextBtn.Disabled() {
		t.Error("next week is enabled on the current week")
	}
	test.Tap(s.PrevBtn)
	s.wait()
	if got := s.heading.Text; got != "Week 47 · 16 – 22 November 2026" {
		t.Errorf("heading after previous = %q", got)
	}
	markup := test.RenderToMarkup(s.Window.Canvas())
	if !strings.Contains(markup, "2 requests") {
		t.Error("week 47 does not show its 2 requests")
	}
	if s.NextBtn.Disabled() {
		t.Error("next week is disabled on last week")
	}
	test.Tap(s.NextBtn)
	s.wait()
	if !strings.HasPrefix(s.heading.Text, "Week 48") {
		t.Errorf("heading after next = %q", s.heading.Text)
	}
}

func TestSettingsPersistAndTakeEffect(t *testing.T) {
	useLang(t, "en")
	st := seed(t)
	d := deps(t, st)
	s := NewSettings(d)
	s.wait()
	if s.Budget.Text != "10" {
		t.Fatalf("budget shows %q, want the default 10", s.Budget.Text)
	}
	// The test driver runs fyne.Do on the calling goroutine, so each change
	// waits for its save before the next touches the widgets.
	for _, change := range []func(){
		func() { s.Budget.SetText("100") },
		func() { s.Notify[tracker.NotifyGroup].SetChecked(false) },
		func() { s.Nudges[tracker.CatWeather].SetChecked(false) },
		func() { s.Search.SetSelected("ecosia") },
		func() { s.Privacy.SetSelected(s.Privacy.Options[2]) },
		func() { s.Language.SetSelectedIndex(1) },
		func() { s.Keep.SetSelectedIndex(1) }, // 3 months: deletes older requests
	} {
		change()
		s.wait()
	}

	set, err := st.Settings(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if set.DailyBudgetWh != 100 || !set.NotifyOff[tracker.NotifyGroup] || !set.NudgesOff[string(tracker.CatWeather)] ||
		set.SearchEngine != "ecosia" || set.Privacy != tracker.KeepNone || set.Language != "fr" || set.KeepMonths != 3 {
		t.Errorf("saved settings = %+v", set)
	}

	t.Run("the privacy setting applies to the next capture", func(t *testing.T) {
		l := NewLog(d)
		l.Site.SetText("claude")
		l.Prompt.SetText("a secret")
		test.Tap(l.SaveBtn)
		l.wait()
		var got *string
		st.Range(t.Context(), fixedNow.Add(-time.Second), time.Time{}, func(r tracker.Request) error {
			got = r.Prompt
			return nil
		})
		if got != nil {
			t.Errorf("prompt stored as %q with privacy none", *got)
		}
	})
	t.Run("a second window shows the saved values", func(t *testing.T) {
		s2 := NewSettings(d)
		s2.wait()
		if s2.Budget.Text != "100" || s2.Search.Selected != "ecosia" || s2.Notify[tracker.NotifyGroup].Checked {
			t.Errorf("reopened: budget %q, search %q", s2.Budget.Text, s2.Search.Selected)
		}
	})
	t.Run("start at login writes and removes the autostart entry", func(t *testing.T) {
		t.Setenv("XDG_CONFIG_HOME", "")
		s.Autostart.SetChecked(true)
		if !AutostartEnabled(d.Home) {
			t.Fatal("no autostart entry written")
		}
		s.Autostart.SetChecked(false)
		if AutostartEnabled(d.Home) {
			t.Fatal("autostart entry not removed")
		}
	})
	t.Run("delete everything empties the database", func(t *testing.T) {
		s.DeleteAll()
		s.wait()
		if n, _ := st.Count(t.Context()); n != 0 {
			t.Errorf("%d requests left", n)
		}
	})
}

func TestLogRecordsFromTheTray(t *testing.T) {
	useLang(t, "en")
	st := seed(t)
	l := NewLog(deps(t, st))
	l.Site.SetText("chatgpt")
	l.Model.SetText("gpt-4o")
	l.Prompt.SetText("Write a short poem about autumn leaves falling in a quiet park.")
	test.Tap(l.SaveBtn)
	l.wait()
	var got []tracker.Request
	st.Range(t.Context(), fixedNow.Add(-time.Second), time.Time{}, func(r tracker.Request) error {
		got = append(got, r)
		return nil
	})
	if len(got) != 1 || got[0].Source != tracker.SourceTray || got[0].Site != "chatgpt" {
		t.Fatalf("recorded %+v", got)
	}
	if got[0].Footprint == nil || !strings.HasPrefix(l.Result.Text, "Recorded: ") {
		t.Errorf("result %q, footprint %v: want an estimate", l.Result.Text, got[0].Footprint)
	}

	t.Run("a missing site is refused", func(t *testing.T) {
		l.Site.SetText("")
		test.Tap(l.SaveBtn)
		l.wait()
		if l.Result.Text != "Say which service you used." {
			t.Errorf("result %q", l.Result.Text)
		}
	})
}

// memFile is an io.WriteCloser in memory.
type memFile struct {
	bytes.Buffer
	closed bool
}

func (m *memFile) Close() error { m.closed = true; return nil }

func TestExportRunsWithProgress(t *testing.T) {
	useLang(t, "en")
	st := seed(t)
	// Enough rows for several progress calls.
	for i := 0; i < 12000; i++ {
		text := "x"
		st.Record(t.Context(), tracker.Request{ID: fmt.Sprintf("b%05d", i), At: fixedNow.Add(-time.Duration(i) * time.Minute),
			Source: tracker.SourceImport, Site: "chatgpt", Kind: tracker.KindText, Prompt: &text, PromptChars: 1, Outcome: tracker.OutcomeSent})
	}
	e := NewExport(deps(t, st))
	if got := e.DefaultName(); got != "frugal-2026-11-27.csv" {
		t.Errorf("default name %q", got)
	}
	f := &memFile{}
	e.NoText.SetChecked(true)
	e.Delim.SetSelected(e.Delim.Options[1])
	e.Start(f, "test.csv")
	e.wait()
	if !f.closed {
		t.Error("file not closed")
	}
	if e.Progress.Value != 1 {
		t.Errorf("progress ends at %v, want 1", e.Progress.Value)
	}
	lines := strings.Split(strings.TrimRight(f.String(), "\r\n"), "\n")
	if len(lines) != 12011 {
		t.Errorf("%d lines, want a header and 12010 rows", len(lines))
	}
	if !strings.Contains(lines[0], ";") || strings.Contains(f.String(), "prompt\",x") {
		t.Error("not semicolon-separated or prompt text included")
	}
	if !strings.Contains(e.Status.Text, "12010 requests written") {
		t.Errorf("status %q", e.Status.Text)
	}
	if e.updates == 0 {
		t.Error("no progress was shown during the export")
	}

	t.Run("a bad date is refused before anything is written", func(t *testing.T) {
		e.From.SetText("27/11/2026")
		f := &memFile{}
		e.Start(f, "x.csv")
		e.wait()
		if f.Len() != 0 || !strings.Contains(e.Status.Text, "not a date") {
			t.Errorf("status %q, wrote %d bytes", e.Status.Text, f.Len())
		}
	})
}

func TestWants(t *testing.T) {
	tests := []struct {
		name string
		args []string
		kind string
		ok   bool
	}{
		{"summary with --window is a window", []string{"summary", "--window"}, "summary", true},
		{"settings with --window and a db is a window", []string{"settings", "--db", "x", "--window"}, "settings", true},
		{"summary without --window is the CLI", []string{"summary", "--json"}, "", false},
		{"no arguments is the tray", nil, "", false},
		{"an unknown kind is not a window", []string{"import", "--window"}, "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			k, ok := Wants(tc.args)
			if k != tc.kind || ok != tc.ok {
				t.Errorf("Wants(%q) = %q, %v; want %q, %v", tc.args, k, ok, tc.kind, tc.ok)
			}
		})
	}
}

var _ fyne.Window
