package windows

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"frugal/tracker/team"
)

// The share window shows the exact bytes it writes: a valid share of the
// week with the team label typed, no prompt text, no model or host.
func TestShareShowsExactlyWhatItWrites(t *testing.T) {
	for _, lang := range []string{"en", "fr"} {
		t.Run(lang, func(t *testing.T) {
			useLang(t, lang)
			st := seed(t)
			s := NewShare(deps(t, st))
			want := map[string]string{"en": "Frugal — share this week's totals", "fr": "Frugal — partager les totaux de la semaine"}[lang]
			if s.Window.Title() != want {
				t.Errorf("title %q", s.Window.Title())
			}
			test.Type(s.Team, "Sales")
			shown := s.Preview.Text
			sh, err := team.Decode([]byte(shown))
			if err != nil {
				t.Fatalf("the content shown is not a valid share: %v\n%s", err, shown)
			}
			if sh.Week != "2026-W48" || sh.Team != "Sales" {
				t.Errorf("week %s team %q", sh.Week, sh.Team)
			}
			var n int64
			for _, a := range sh.Assistants {
				n += a.Requests
			}
			if n != 7 { // week 48 of the seed: 8 requests, one followed
				t.Errorf("%d requests in the share, want 7", n)
			}
			for _, bad := range []string{"prompt", "gpt-4o", "openai", "calculator", "2026-11-"} {
				if strings.Contains(shown, bad) {
					t.Errorf("the share shows %q", bad)
				}
			}
			f := &memFile{}
			s.Save(f, "x.json")
			if !f.closed || f.String() != shown {
				t.Errorf("written bytes differ from the ones shown")
			}
			if set, _ := st.Settings(t.Context()); set.ShareTeam != "Sales" || set.ShareID != sh.InstallID {
				t.Errorf("settings after save: team %q id %q", set.ShareTeam, set.ShareID)
			}
			// A bad week or label: nothing to save.
			s.Week.SetText("2026-48")
			if !s.SaveBtn.Disabled() || len(s.Content()) != 0 || s.Status.Text == "" {
				t.Errorf("bad week: save enabled %v, status %q", !s.SaveBtn.Disabled(), s.Status.Text)
			}
			s.Week.SetText("2026-W47")
			if sh2, err := team.Decode(s.Content()); err != nil || sh2.Week != "2026-W47" {
				t.Errorf("week 47: %v %+v", err, sh2)
			}
			s.ResetID.OnTapped()
			if sh3, _ := team.Decode(s.Content()); sh3.InstallID == sh.InstallID || sh3.InstallID == "" {
				t.Error("a new id was not drawn")
			}
		})
	}
}

// The weekly summary's Share button opens the share window on the week shown.
func TestSummaryShareButtonOpensTheShareWindow(t *testing.T) {
	useLang(t, "en")
	st := seed(t)
	d := deps(t, st)
	s := NewSummary(d)
	s.Load()
	s.wait()
	test.Tap(s.PrevBtn)
	s.wait()
	test.Tap(s.ShareBtn)
	var found []string
	for _, w := range d.App.Driver().AllWindows() {
		if w.Title() == "Frugal — share this week's totals" {
			found = append(found, w.Title())
		}
	}
	if len(found) != 1 {
		t.Fatalf("%d share windows open, want 1", len(found))
	}
}
