package windows

import (
	"context"
	"errors"
	"io"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"frugal/app/core"
	"frugal/app/i18n"
	"frugal/tracker"
	"frugal/tracker/team"
)

// Share is the "Share this week's totals" window: the week and the team
// label, the exact bytes of the share file, and a Save button that writes
// those bytes and nothing else.
type Share struct {
	Window  fyne.Window
	Week    *widget.Entry
	Team    *widget.Entry
	Preview *widget.Label // the file's content, monospace
	Status  *widget.Label
	SaveBtn *widget.Button
	ResetID *widget.Button

	d    Deps
	mu   sync.Mutex
	data []byte // what Save writes: the content shown
	week string
}

// NewShare builds the window on the current week.
func NewShare(d Deps) *Share {
	s := &Share{d: d}
	s.Window = d.App.NewWindow(i18n.X("share.title"))
	intro := widget.NewLabel(i18n.X("share.intro"))
	intro.Wrapping = fyne.TextWrapWord
	s.Week = widget.NewEntry()
	s.Week.SetText(tracker.ISOWeek(tracker.StartOfWeek(d.now(), d.loc())))
	s.Team = widget.NewEntry()
	if set, err := d.Store.Settings(context.Background()); err == nil {
		s.Team.SetText(set.ShareTeam)
	}
	s.Preview = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
	s.Status = widget.NewLabel("")
	s.Status.Wrapping = fyne.TextWrapWord
	s.SaveBtn = widget.NewButton(i18n.X("share.save"), s.chooseFile)
	s.SaveBtn.Importance = widget.HighImportance
	s.ResetID = widget.NewButton(i18n.X("share.reset_id"), s.resetID)
	s.Week.OnChanged = func(string) { s.Load() }
	s.Team.OnChanged = func(string) { s.Load() }
	form := widget.NewForm(
		widget.NewFormItem(i18n.X("share.week"), s.Week),
		widget.NewFormItem(i18n.X("share.team"), s.Team),
	)
	top := container.NewVBox(intro, form)
	bottom := container.NewVBox(s.Status, container.NewHBox(s.SaveBtn, s.ResetID))
	s.Window.SetContent(container.NewPadded(container.NewBorder(top, bottom, nil, nil, container.NewScroll(s.Preview))))
	s.Window.Resize(fyne.NewSize(560, 640))
	s.Load()
	if d.Drawn != nil {
		go fyne.Do(d.Drawn)
	}
	return s
}

// SetWeek chooses the week (e.g. 2026-W47).
func (s *Share) SetWeek(w string) { s.Week.SetText(w) }

// Load rebuilds the content for the week and team in the form.
func (s *Share) Load() {
	week, label := strings.TrimSpace(s.Week.Text), strings.TrimSpace(s.Team.Text)
	fail := func(msg string) {
		s.mu.Lock()
		s.data = nil
		s.mu.Unlock()
		s.Preview.SetText("")
		s.Status.SetText(msg)
		s.SaveBtn.Disable()
	}
	monday, err := tracker.ParseISOWeek(week, s.d.loc())
	if err != nil {
		fail(i18n.X("share.bad_week", map[string]any{"Week": week}))
		return
	}
	if monday.After(s.d.now()) {
		fail(i18n.X("share.future", map[string]any{"Week": week}))
		return
	}
	if err := team.CheckTeam(label); err != nil {
		fail(i18n.X("share.bad_team", map[string]any{"Error": err.Error()}))
		return
	}
	s.d.spawn(func() {
		sh, err := core.ShareWeek(context.Background(), s.d.Store, monday, s.d.now(), nil)
		var data []byte
		if err == nil {
			sh.Team = label
			data, err = sh.Encode()
		}
		fyne.Do(func() {
			if err != nil {
				fail(i18n.X("share.failed", map[string]any{"Error": err.Error()}))
				return
			}
			if strings.TrimSpace(s.Week.Text) != week || strings.TrimSpace(s.Team.Text) != label {
				return // the form changed meanwhile: a newer Load follows
			}
			s.mu.Lock()
			s.data, s.week = data, sh.Week
			s.mu.Unlock()
			s.Preview.SetText(string(data))
			s.Status.SetText("")
			s.SaveBtn.Enable()
		})
	})
}

// Content is what Save would write now.
func (s *Share) Content() []byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]byte(nil), s.data...)
}

// DefaultName is the file name offered: frugal-share-2026-W48.json.
func (s *Share) DefaultName() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return "frugal-share-" + s.week + ".json"
}

func (s *Share) chooseFile() {
	fd := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			s.Status.SetText(i18n.X("share.failed", map[string]any{"Error": err.Error()}))
			return
		}
		if w == nil {
			return // cancelled
		}
		s.Save(w, w.URI().Path())
	}, s.Window)
	fd.SetFileName(s.DefaultName())
	fd.SetFilter(storage.NewExtensionFileFilter([]string{".json"}))
	fd.Resize(fyne.NewSize(640, 480))
	fd.Show()
}

// Save writes the content shown to w (closed at the end) and remembers the
// team label.
func (s *Share) Save(w io.WriteCloser, name string) {
	data := s.Content()
	label := strings.TrimSpace(s.Team.Text)
	var err error
	if len(data) == 0 {
		err = errors.New(s.Status.Text)
	} else {
		_, err = w.Write(data)
	}
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		_, err = s.d.Store.UpdateSettings(context.Background(), func(set *tracker.Settings) error {
			set.ShareTeam = label
			return nil
		})
	}
	if err != nil {
		s.Status.SetText(i18n.X("share.failed", map[string]any{"Error": err.Error()}))
		return
	}
	s.Status.SetText(i18n.X("share.saved", map[string]any{"File": name}))
}

func (s *Share) resetID() {
	if _, err := core.ResetShareID(context.Background(), s.d.Store); err != nil {
		s.Status.SetText(i18n.X("share.failed", map[string]any{"Error": err.Error()}))
		return
	}
	s.Load()
	s.Status.SetText(i18n.X("share.reset_done"))
}
