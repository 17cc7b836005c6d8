package windows

import (
	"context"
	"errors"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"frugal/app/core"
	"frugal/app/i18n"
	"frugal/tracker"
	"frugal/tracker/defs"
)

// Log is the "Log a request…" window, for AI used outside the browser.
type Log struct {
	Window  fyne.Window
	Site    *widget.SelectEntry
	Model   *widget.Entry
	Kind    *widget.Select
	Prompt  *widget.Entry
	Result  *widget.Label
	SaveBtn *widget.Button

	d  Deps
	wg sync.WaitGroup
}

// Sites offered in the site box; any other name may be typed.
var Sites = defs.SiteIDs()

var kinds = []tracker.Kind{tracker.KindText, tracker.KindImage, tracker.KindVideo, tracker.KindAudio, tracker.KindFile}

// NewLog builds the window.
func NewLog(d Deps) *Log {
	l := &Log{d: d}
	l.Window = d.App.NewWindow(i18n.X("log.title"))
	l.Site = widget.NewSelectEntry(Sites)
	l.Site.SetPlaceHolder("chatgpt")
	l.Model = widget.NewEntry()
	l.Model.SetPlaceHolder(i18n.X("log.model_hint"))
	var names []string
	for _, k := range kinds {
		names = append(names, i18n.X("kind."+string(k)))
	}
	l.Kind = widget.NewSelect(names, nil)
	l.Kind.SetSelectedIndex(0)
	l.Prompt = widget.NewMultiLineEntry()
	l.Prompt.SetPlaceHolder(i18n.X("log.prompt_hint"))
	l.Prompt.SetMinRowsVisible(5)
	l.Prompt.Wrapping = fyne.TextWrapWord
	l.Result = widget.NewLabel("")
	l.Result.Wrapping = fyne.TextWrapWord
	l.SaveBtn = widget.NewButton(i18n.X("log.save"), l.Save)
	l.SaveBtn.Importance = widget.HighImportance
	form := widget.NewForm(
		widget.NewFormItem(i18n.X("log.site"), l.Site),
		widget.NewFormItem(i18n.X("log.model"), l.Model),
		widget.NewFormItem(i18n.X("log.kind"), l.Kind),
		widget.NewFormItem(i18n.X("log.prompt"), l.Prompt),
	)
	l.Window.SetContent(container.NewPadded(container.NewVBox(form, container.NewHBox(l.SaveBtn), l.Result)))
	l.Window.Resize(fyne.NewSize(520, 420))
	if d.Drawn != nil {
		go fyne.Do(d.Drawn)
	}
	return l
}

// Save records the request through the capture service, as the CLI and
// the native host do (classify → estimate → record), with source "tray".
func (l *Log) Save() {
	site := strings.TrimSpace(l.Site.Text)
	if site == "" {
		l.Result.SetText(i18n.X("log.need_site"))
		return
	}
	text := l.Prompt.Text
	r := tracker.Request{ID: core.NewID(), At: l.d.now().UTC().Truncate(time.Millisecond), Source: tracker.SourceTray,
		Site: site, Model: strings.TrimSpace(l.Model.Text), Kind: kinds[max(l.Kind.SelectedIndex(), 0)],
		Outcome: tracker.OutcomeSent}
	if text != "" {
		r.Prompt = &text
	}
	l.SaveBtn.Disable()
	l.wg.Add(1)
	l.d.spawn(func() {
		defer l.wg.Done()
		ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
		defer cancel()
		rec, _, err := l.d.service().Capture(ctx, r)
		fyne.Do(func() {
			l.SaveBtn.Enable()
			c := i18n.Current()
			switch {
			case errors.Is(err, tracker.ErrPaused):
				l.Result.SetText(i18n.X("log.paused"))
			case err != nil:
				l.Result.SetText(i18n.X("log.failed", map[string]any{"Error": err.Error()}))
			case rec.Footprint == nil:
				l.Result.SetText(i18n.X("log.saved_unestimated"))
				l.Prompt.SetText("")
			default:
				f := rec.Footprint
				l.Result.SetText(i18n.X("log.saved", map[string]any{
					"Energy": c.Range(f.EnergyWh.Low, f.EnergyWh.High, "Wh"),
					"CO2":    c.Range(f.CO2Grams.Low, f.CO2Grams.High, "g CO₂e")}))
				l.Prompt.SetText("")
			}
		})
	})
}

// wait blocks until a save in flight is done (tests).
func (l *Log) wait() { l.wg.Wait() }
