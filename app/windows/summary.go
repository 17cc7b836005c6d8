package windows

import (
	"context"
	"fmt"
	"log"
	"math"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frugal/app/i18n"
	"frugal/storage"
	"frugal/tracker"
	"frugal/tracker/defs"
	"frugal/tracker/estimate"
)

// Summary is the weekly summary window.
type Summary struct {
	Window fyne.Window
	Monday time.Time // the week shown

	d                                   Deps
	heading                             *widget.Label
	PrevBtn, NextBtn, ExportBtn, HowBtn *widget.Button
	ShareBtn                            *widget.Button
	body                                *fyne.Container
	chart                               *WeekChart
	wg                                  sync.WaitGroup
	gen                                 int
	drawn                               bool
}

// NewSummary builds the window on this week (set Monday, then Load, for
// another).
func NewSummary(d Deps) *Summary {
	s := &Summary{d: d, Monday: tracker.StartOfWeek(d.now(), d.loc())}
	s.Window = d.App.NewWindow(i18n.X("summary.title"))
	s.heading = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.PrevBtn = widget.NewButtonWithIcon(i18n.X("summary.prev"), theme.NavigateBackIcon(), func() { s.step(-1) })
	s.NextBtn = widget.NewButtonWithIcon(i18n.X("summary.next"), theme.NavigateNextIcon(), func() { s.step(1) })
	s.NextBtn.IconPlacement = widget.ButtonIconTrailingText
	s.ExportBtn = widget.NewButtonWithIcon(i18n.X("summary.export"), theme.DocumentSaveIcon(), s.export)
	s.HowBtn = widget.NewButtonWithIcon(i18n.X("summary.how"), theme.HelpIcon(), func() { NewMethodology(s.d).Show() })
	s.ShareBtn = widget.NewButtonWithIcon(i18n.X("summary.share"), theme.MailSendIcon(), s.share)
	s.chart = NewWeekChart()
	s.body = container.NewVBox(widget.NewLabel(i18n.X("loading")))
	top := container.NewBorder(nil, nil, s.PrevBtn, s.NextBtn, container.NewCenter(s.heading))
	actions := container.NewHBox(s.ExportBtn, s.ShareBtn, s.HowBtn)
	s.Window.SetContent(container.NewBorder(top, container.NewCenter(actions), nil, nil, container.NewVScroll(container.NewPadded(s.body))))
	s.Window.Resize(fyne.NewSize(640, 820))
	return s
}

// step moves by n weeks.
func (s *Summary) step(n int) {
	m := s.Monday
	s.Monday = time.Date(m.Year(), m.Month(), m.Day()+7*n, 0, 0, 0, 0, m.Location())
	s.Load()
}

// export opens the export window on the week shown.
func (s *Summary) export() {
	e := NewExport(s.d)
	e.SetRange(s.Monday, s.Monday.AddDate(0, 0, 6))
	e.Window.Show()
}

// share opens the share window on the week shown.
func (s *Summary) share() {
	sh := NewShare(s.d)
	sh.SetWeek(tracker.ISOWeek(s.Monday))
	sh.Window.Show()
}

// weekData is what one load reads.
type weekData struct {
	week    storage.Week
	greener []providerCost
	scope   estimate.Scope // what the estimates count (settings)
	err     error
}

// Load reads the week off the UI goroutine and shows it.
func (s *Summary) Load() {
	s.gen++
	gen, monday := s.gen, s.Monday
	c := i18n.Current()
	s.heading.SetText(weekTitle(c, monday))
	thisWeek := tracker.StartOfWeek(s.d.now(), s.d.loc())
	if monday.Before(thisWeek) {
		s.NextBtn.Enable()
	} else {
		s.NextBtn.Disable()
	}
	s.wg.Add(1)
	s.d.spawn(func() {
		defer s.wg.Done()
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		var wd weekData
		wd.week, wd.err = s.d.Store.Week(ctx, monday)
		if set, err := s.d.Store.Settings(ctx); err == nil {
			wd.scope = estimate.Scope{Carbon: set.CarbonScope, Water: set.WaterScope, NoEmbodied: set.EmbodiedOff}
		}
		if wd.err == nil && wd.week.Total.Count > 0 {
			wd.greener, wd.err = greener(ctx, s.d.Store, monday, monday.AddDate(0, 0, 7))
		}
		fyne.Do(func() {
			if gen != s.gen {
				return // the person moved on to another week
			}
			s.show(wd)
		})
	})
}

// wait blocks until loads in flight are shown (tests).
func (s *Summary) wait() { s.wg.Wait() }

func (s *Summary) show(wd weekData) {
	c := i18n.Current()
	if wd.err != nil {
		log.Printf("summary: %v", wd.err)
		s.body.Objects = []fyne.CanvasObject{widget.NewLabel(i18n.X("summary.error"))}
		s.body.Refresh()
		return
	}
	w := wd.week
	var objs []fyne.CanvasObject
	if w.Total.Count == 0 && w.Total.Followed == 0 {
		objs = append(objs, emptyWeek()...)
	} else {
		objs = append(objs, s.totals(c, w)...)
		objs = append(objs, scopeLabel(c.Lang, wd.scope))
		objs = append(objs, section(i18n.X("summary.by_day")))
		days := make([]DayBar, 7)
		for i, d := range w.Days {
			days[i] = DayBar{Label: i18n.X(fmt.Sprintf("day.%d", i)) + " " + fmt.Sprint(w.Start.AddDate(0, 0, i).Day()),
				Trivial: d.Trivial, Other: d.Count - d.Trivial}
		}
		s.chart.SetDays(days)
		objs = append(objs, s.chart, legend())
		objs = append(objs, trivialShare(c, w)...)
		objs = append(objs, comparison(c, w)...)
		objs = append(objs, section(i18n.X("summary.by_site")), groupTable(c, w.BySite, func(k string) string { return siteName(k) }))
		if len(w.ByCategory) > 0 {
			objs = append(objs, section(i18n.X("summary.by_category")),
				groupTable(c, w.ByCategory, func(k string) string { return categoryName(tracker.Category(k)) }))
		}
		objs = append(objs, greenerSection(c, wd.greener, w.Total)...)
	}
	s.body.Objects = objs
	s.body.Refresh()
	if !s.drawn && s.d.Drawn != nil {
		s.drawn = true
		// The next turn of the event loop comes after this frame is painted.
		go fyne.Do(s.d.Drawn)
	}
}

func section(title string) fyne.CanvasObject {
	l := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	return container.NewVBox(widget.NewSeparator(), l)
}

func wrapped(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// emptyWeek says kindly that nothing was recorded, and how to change that.
func emptyWeek() []fyne.CanvasObject {
	return []fyne.CanvasObject{
		widget.NewLabelWithStyle(i18n.X("summary.empty.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		wrapped(i18n.X("summary.empty.body")),
		wrapped(i18n.X("summary.empty.install")),
	}
}

// totals shows the week's count and footprint ranges with an equivalent.
func (s *Summary) totals(c i18n.Catalogue, w storage.Week) []fyne.CanvasObject {
	t := w.Total
	objs := []fyne.CanvasObject{
		widget.NewLabelWithStyle(requests(c, t.Count), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
	}
	if t.Estimated == 0 {
		return append(objs, widget.NewLabel(i18n.X("summary.not_estimated")))
	}
	f := t.Footprint
	grid := container.New(layout.NewFormLayout(),
		widget.NewLabel(i18n.X("summary.energy")), widget.NewLabel(quantity(c, f.EnergyWh, "Wh")),
		widget.NewLabel(i18n.X("summary.co2")), widget.NewLabel(quantity(c, f.CO2Grams, "g CO₂e")),
		widget.NewLabel(i18n.X("summary.water")), widget.NewLabel(quantity(c, f.WaterML, "mL")),
	)
	objs = append(objs, grid)
	eq := estimate.Equivalent(f.CO2Grams.Central, f.EnergyWh.Central, c.Lang)
	objs = append(objs, widget.NewLabel(i18n.X("summary.equivalent", map[string]any{"Text": eq.Text})))
	if t.Estimated < t.Count {
		objs = append(objs, widget.NewLabel(i18n.XN("summary.partly", t.Estimated, map[string]any{"Of": t.Count})))
	}
	return objs
}

// quantity is "3.1 Wh (1.2–5.4)".
func quantity(c i18n.Catalogue, r tracker.Range, unit string) string {
	return c.Num(r.Central) + "\u00a0" + unit + "  (" + c.Num(r.Low) + "–" + c.Num(r.High) + ")"
}

func requests(c i18n.Catalogue, n int) string {
	return c.N("requests", n, map[string]any{"N": n})
}

func legend() fyne.CanvasObject {
	sw := func(name fyne.ThemeColorName) fyne.CanvasObject {
		r := canvas.NewRectangle(theme.Color(name))
		r.SetMinSize(fyne.NewSquareSize(theme.Size(theme.SizeNameInlineIcon) / 1.5))
		return container.NewCenter(r)
	}
	return container.NewHBox(sw(theme.ColorNameWarning), widget.NewLabel(i18n.X("summary.legend.trivial")),
		sw(theme.ColorNamePrimary), widget.NewLabel(i18n.X("summary.legend.rest")))
}

// trivialShare says how many requests a lighter tool would have answered,
// and what following suggestions avoided.
func trivialShare(c i18n.Catalogue, w storage.Week) []fyne.CanvasObject {
	t := w.Total
	objs := []fyne.CanvasObject{section(i18n.X("summary.lighter"))}
	if t.Count > 0 {
		objs = append(objs, wrapped(i18n.XN("summary.trivial_share", t.Trivial, map[string]any{
			"Of": t.Count, "Share": c.Percent(float64(t.Trivial) / float64(t.Count))})))
	}
	if t.Followed == 0 {
		return append(objs, wrapped(i18n.X("summary.followed_none")))
	}
	av := avoided(w.ByTool)
	if av.EnergyWh.High == 0 {
		return append(objs, wrapped(c.N("summary.followed", t.Followed, map[string]any{"N": t.Followed})))
	}
	return append(objs, wrapped(c.N("summary.avoided", t.Followed, map[string]any{
		"N": t.Followed, "Energy": c.Range(av.EnergyWh.Low, av.EnergyWh.High, "Wh"),
		"CO2": c.Range(av.CO2Grams.Low, av.CO2Grams.High, "g CO₂e")})))
}

// avoided sums what following suggestions saved, tool by tool, with the
// estimator's Avoided (request minus the tool's own footprint). A tool's
// group is taken as its average request repeated: Avoided works on one
// request at a time.
func avoided(byTool []storage.Group) tracker.Footprint {
	var sum tracker.Footprint
	for _, g := range byTool {
		if g.Followed == 0 {
			continue
		}
		n := float64(g.Followed)
		avg := scale(g.FollowedFootprint, 1/n)
		sum = sum.Add(scale(estimate.Avoided(avg, g.Key), n))
	}
	return sum
}

func scale(f tracker.Footprint, k float64) tracker.Footprint {
	r := func(x tracker.Range) tracker.Range {
		return tracker.Range{Low: x.Low * k, Central: x.Central * k, High: x.High * k}
	}
	f.EnergyWh, f.CO2Grams, f.WaterML = r(f.EnergyWh), r(f.CO2Grams), r(f.WaterML)
	return f
}

// comparison puts this week beside the one before.
func comparison(c i18n.Catalogue, w storage.Week) []fyne.CanvasObject {
	p := w.Previous
	objs := []fyne.CanvasObject{section(i18n.X("summary.vs_last"))}
	if p.Count == 0 {
		return append(objs, wrapped(i18n.X("summary.vs_none")))
	}
	line := i18n.X("summary.vs_requests", map[string]any{"Then": requests(c, p.Count), "Change": change(c, float64(w.Total.Count), float64(p.Count))})
	objs = append(objs, wrapped(line))
	if p.Estimated > 0 && w.Total.Estimated > 0 {
		objs = append(objs, wrapped(i18n.X("summary.vs_energy", map[string]any{
			"Then":   c.Num(p.Footprint.EnergyWh.Central) + "\u00a0Wh",
			"Change": change(c, w.Total.Footprint.EnergyWh.Central, p.Footprint.EnergyWh.Central)})))
	}
	return objs
}

// change is "+12 %" or "−30 %".
func change(c i18n.Catalogue, now, then float64) string {
	if then == 0 {
		return "–"
	}
	d := (now - then) / then
	s := c.Percent(math.Abs(d))
	switch {
	case d > 0.005:
		return "+" + s
	case d < -0.005:
		return "−" + s
	}
	return "±" + s
}

// groupTable lists groups: name, requests, energy.
func groupTable(c i18n.Catalogue, gs []storage.Group, name func(string) string) fyne.CanvasObject {
	var cells []fyne.CanvasObject
	for _, g := range gs {
		if g.Count == 0 {
			continue
		}
		e := c.T("not_estimated")
		if g.Estimated > 0 {
			e = c.Num(g.Footprint.EnergyWh.Central) + "\u00a0Wh"
		}
		cells = append(cells, widget.NewLabel(name(g.Key)), widget.NewLabel(requests(c, g.Count)), widget.NewLabel(e))
	}
	return container.NewGridWithColumns(3, cells...)
}

// siteName is how a site is shown.
func siteName(k string) string {
	return defs.SiteName(k)
}

func categoryName(cat tracker.Category) string {
	if s := i18n.Current().T("cat." + string(cat)); s != "cat."+string(cat) {
		return s
	}
	return string(cat)
}

// weekTitle is "Week 48 · 23–29 November 2026".
func weekTitle(c i18n.Catalogue, monday time.Time) string {
	sun := monday.AddDate(0, 0, 6)
	_, wk := monday.ISOWeek()
	from := fmt.Sprint(monday.Day())
	if monday.Month() != sun.Month() {
		from += " " + c.T(fmt.Sprintf("month.%d", monday.Month()))
	}
	if monday.Year() != sun.Year() {
		from += " " + fmt.Sprint(monday.Year())
	}
	to := fmt.Sprintf("%d %s %d", sun.Day(), c.T(fmt.Sprintf("month.%d", sun.Month())), sun.Year())
	return c.T("summary.week", map[string]any{"N": wk, "From": from, "To": to})
}

// scopeLabel names what the estimates count (issue 13): carbon
// location- or market-based, water on site or with electricity generation,
// manufacture or not.
func scopeLabel(lang string, sc estimate.Scope) *widget.Label {
	prefix := "Counted: "
	if lang == "fr" {
		prefix = "Périmètre : "
	}
	l := widget.NewLabel(prefix + sc.Describe(lang) + ".")
	l.Wrapping = fyne.TextWrapWord
	l.Importance = widget.LowImportance
	return l
}
