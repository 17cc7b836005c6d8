package windows

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// DayBar is one day of the chart: requests a lighter tool would have
// answered (trivial) and the others.
type DayBar struct {
	Label          string
	Trivial, Other int
}

// WeekChart is a stacked bar chart of requests per day, drawn with
// canvas rectangles in theme colours, so it follows light and dark themes
// and scales with the text.
type WeekChart struct {
	widget.BaseWidget
	Days []DayBar
}

// NewWeekChart returns an empty chart.
func NewWeekChart() *WeekChart {
	c := &WeekChart{}
	c.ExtendBaseWidget(c)
	return c
}

// SetDays replaces the data and redraws.
func (c *WeekChart) SetDays(days []DayBar) {
	c.Days = days
	c.Refresh()
}

// CreateRenderer implements fyne.Widget.
func (c *WeekChart) CreateRenderer() fyne.WidgetRenderer {
	r := &chartRenderer{c: c}
	r.build()
	return r
}

type chartBar struct {
	other, trivial *canvas.Rectangle
	label, count   *canvas.Text
}

type chartRenderer struct {
	c    *WeekChart
	axis *canvas.Rectangle
	bars []chartBar
	objs []fyne.CanvasObject
}

func (r *chartRenderer) build() {
	r.axis = canvas.NewRectangle(theme.Color(theme.ColorNameSeparator))
	r.objs = []fyne.CanvasObject{r.axis}
	r.bars = r.bars[:0]
	for range r.c.Days {
		b := chartBar{
			other:   canvas.NewRectangle(theme.Color(theme.ColorNamePrimary)),
			trivial: canvas.NewRectangle(theme.Color(theme.ColorNameWarning)),
			label:   canvas.NewText("", theme.Color(theme.ColorNameForeground)),
			count:   canvas.NewText("", theme.Color(theme.ColorNameForeground)),
		}
		b.label.Alignment = fyne.TextAlignCenter
		b.count.Alignment = fyne.TextAlignCenter
		b.other.CornerRadius = theme.Size(theme.SizeNameSelectionRadius)
		b.trivial.CornerRadius = theme.Size(theme.SizeNameSelectionRadius)
		r.bars = append(r.bars, b)
		r.objs = append(r.objs, b.other, b.trivial, b.label, b.count)
	}
}

func (r *chartRenderer) textSize() float32 { return theme.Size(theme.SizeNameCaptionText) }

// Layout places the bars: each day gets an equal column; the tallest
// stack fills the height left between the count above and the day below.
func (r *chartRenderer) Layout(size fyne.Size) {
	ts := r.textSize()
	lineH := fyne.MeasureText("0", ts, fyne.TextStyle{}).Height
	pad := theme.Size(theme.SizeNamePadding)
	top, bottom := lineH+pad/2, size.Height-lineH-pad/2
	plotH := bottom - top
	if plotH < 0 {
		plotH = 0
	}
	max := 0
	for _, d := range r.c.Days {
		if n := d.Trivial + d.Other; n > max {
			max = n
		}
	}
	n := len(r.bars)
	if n == 0 {
		return
	}
	col := size.Width / float32(n)
	barW := col * 0.6
	r.axis.Move(fyne.NewPos(0, bottom))
	r.axis.Resize(fyne.NewSize(size.Width, theme.Size(theme.SizeNameSeparatorThickness)))
	for i, b := range r.bars {
		d := r.c.Days[i]
		x := col*float32(i) + (col-barW)/2
		hOther, hTriv := float32(0), float32(0)
		if max > 0 {
			hOther = plotH * float32(d.Other) / float32(max)
			hTriv = plotH * float32(d.Trivial) / float32(max)
		}
		b.other.Move(fyne.NewPos(x, bottom-hOther))
		b.other.Resize(fyne.NewSize(barW, hOther))
		b.trivial.Move(fyne.NewPos(x, bottom-hOther-hTriv))
		b.trivial.Resize(fyne.NewSize(barW, hTriv))
		b.count.Move(fyne.NewPos(col*float32(i), bottom-hOther-hTriv-lineH))
		b.count.Resize(fyne.NewSize(col, lineH))
		b.label.Move(fyne.NewPos(col*float32(i), bottom+pad/2))
		b.label.Resize(fyne.NewSize(col, lineH))
	}
}

// MinSize is a few lines of text high and wide enough for the day names.
func (r *chartRenderer) MinSize() fyne.Size {
	ts := r.textSize()
	lineH := fyne.MeasureText("0", ts, fyne.TextStyle{}).Height
	w := fyne.MeasureText("Wed 25", ts, fyne.TextStyle{}).Width + theme.Size(theme.SizeNamePadding)
	return fyne.NewSize(w*float32(max(len(r.bars), 1)), lineH*8)
}

// Refresh re-reads the data and the theme's colours.
func (r *chartRenderer) Refresh() {
	if len(r.bars) != len(r.c.Days) {
		r.build()
	}
	ts := r.textSize()
	r.axis.FillColor = theme.Color(theme.ColorNameSeparator)
	for i, b := range r.bars {
		d := r.c.Days[i]
		b.other.FillColor = theme.Color(theme.ColorNamePrimary)
		b.trivial.FillColor = theme.Color(theme.ColorNameWarning)
		b.label.Text, b.label.TextSize = d.Label, ts
		b.label.Color = theme.Color(theme.ColorNameForeground)
		b.count.Text, b.count.TextSize = "", ts
		if n := d.Trivial + d.Other; n > 0 {
			b.count.Text = strconv.Itoa(n)
		}
		b.count.Color = theme.Color(theme.ColorNameForeground)
	}
	r.Layout(r.c.Size())
	canvas.Refresh(r.c)
}

func (r *chartRenderer) Objects() []fyne.CanvasObject { return r.objs }
func (r *chartRenderer) Destroy()                     {}
