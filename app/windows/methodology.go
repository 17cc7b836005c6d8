package windows

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"frugal/app/i18n"
	"frugal/tracker/estimate"
)

// NewMethodology is the "How is this estimated?" window: the estimator's
// own account of its method and sources, in the window's language.
func NewMethodology(d Deps) fyne.Window {
	w := d.App.NewWindow(i18n.X("method.title"))
	var sc estimate.Scope
	if d.Store != nil {
		if set, err := d.Store.Settings(context.Background()); err == nil {
			sc = estimate.Scope{Carbon: set.CarbonScope, Water: set.WaterScope, NoEmbodied: set.EmbodiedOff}
		}
	}
	text := widget.NewLabel(estimate.MethodologyFor(i18n.Current().Lang, sc))
	text.Wrapping = fyne.TextWrapWord
	text.Selectable = true
	w.SetContent(container.NewVScroll(text))
	w.Resize(fyne.NewSize(720, 640))
	if d.Drawn != nil {
		go fyne.Do(d.Drawn)
	}
	return w
}
