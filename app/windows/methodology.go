package windows

import (
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
	text := widget.NewLabel(estimate.Methodology(i18n.Current().Lang))
	text.Wrapping = fyne.TextWrapWord
	text.Selectable = true
	w.SetContent(container.NewVScroll(text))
	w.Resize(fyne.NewSize(720, 640))
	if d.Drawn != nil {
		go fyne.Do(d.Drawn)
	}
	return w
}
