package windows

import (
	"context"
	"errors"
	"io"
	"log"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"frugal/app/i18n"
	fstore "frugal/storage"
)

// Export is the CSV export window: a date range, the delimiter, with or
// without prompt texts, and a progress bar. The export runs on its own
// goroutine; the window stays responsive and can cancel it.
type Export struct {
	Window   fyne.Window
	From, To *widget.Entry // YYYY-MM-DD, both included; empty leaves a side open
	Delim    *widget.RadioGroup
	NoText   *widget.Check
	Progress *widget.ProgressBar
	Status   *widget.Label
	SaveBtn  *widget.Button
	Cancel   *widget.Button

	d       Deps
	updates int // progress updates shown (tests)
	mu      sync.Mutex
	cancel  context.CancelFunc
	wg      sync.WaitGroup
}

// NewExport builds the window, on everything recorded.
func NewExport(d Deps) *Export {
	e := &Export{d: d}
	e.Window = d.App.NewWindow(i18n.X("export.title"))
	e.From, e.To = widget.NewEntry(), widget.NewEntry()
	e.From.SetPlaceHolder(i18n.X("export.any"))
	e.To.SetPlaceHolder(i18n.X("export.any"))
	comma, semi := i18n.X("export.comma"), i18n.X("export.semicolon")
	e.Delim = widget.NewRadioGroup([]string{comma, semi}, nil)
	e.Delim.SetSelected(comma)
	if i18n.Current().Lang == "fr" {
		e.Delim.SetSelected(semi) // French spreadsheets split on semicolons
	}
	e.NoText = widget.NewCheck(i18n.X("export.no_text"), nil)
	e.Progress = widget.NewProgressBar()
	e.Status = widget.NewLabel("")
	e.Status.Wrapping = fyne.TextWrapWord
	e.SaveBtn = widget.NewButton(i18n.X("export.save"), e.chooseFile)
	e.SaveBtn.Importance = widget.HighImportance
	e.Cancel = widget.NewButton(i18n.X("export.cancel"), e.stop)
	e.Cancel.Disable()
	form := widget.NewForm(
		widget.NewFormItem(i18n.X("export.from"), e.From),
		widget.NewFormItem(i18n.X("export.to"), e.To),
		widget.NewFormItem(i18n.X("export.delimiter"), e.Delim),
		widget.NewFormItem("", e.NoText),
	)
	e.Window.SetContent(container.NewPadded(container.NewVBox(form, e.Progress, e.Status,
		container.NewHBox(e.SaveBtn, e.Cancel))))
	e.Window.Resize(fyne.NewSize(480, 320))
	if d.Drawn != nil {
		go fyne.Do(d.Drawn)
	}
	return e
}

// SetRange presets the days, both included.
func (e *Export) SetRange(from, to time.Time) {
	e.From.SetText(from.Format(time.DateOnly))
	e.To.SetText(to.Format(time.DateOnly))
}

// options reads the form.
func (e *Export) options() (fstore.ExportOptions, error) {
	o := fstore.ExportOptions{Delimiter: ',', NoText: e.NoText.Checked}
	if e.Delim.Selected == i18n.X("export.semicolon") {
		o.Delimiter = ';'
		o.BOM = true // Excel reads UTF-8 only with the mark
	}
	var err error
	if s := e.From.Text; s != "" {
		if o.From, err = time.ParseInLocation(time.DateOnly, s, e.d.loc()); err != nil {
			return o, errors.New(i18n.X("export.bad_date", map[string]any{"Date": s}))
		}
	}
	if s := e.To.Text; s != "" {
		if o.To, err = time.ParseInLocation(time.DateOnly, s, e.d.loc()); err != nil {
			return o, errors.New(i18n.X("export.bad_date", map[string]any{"Date": s}))
		}
		o.To = o.To.AddDate(0, 0, 1)
	}
	if !o.From.IsZero() && !o.To.IsZero() && !o.From.Before(o.To) {
		return o, errors.New(i18n.X("export.bad_range"))
	}
	return o, nil
}

// DefaultName is the file name offered: frugal-YYYY-MM-DD.csv (today).
func (e *Export) DefaultName() string {
	return "frugal-" + e.d.now().In(e.d.loc()).Format(time.DateOnly) + ".csv"
}

func (e *Export) chooseFile() {
	if _, err := e.options(); err != nil {
		e.Status.SetText(err.Error())
		return
	}
	fd := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			e.Status.SetText(err.Error())
			return
		}
		if w == nil {
			return // cancelled
		}
		e.Start(w, w.URI().Path())
	}, e.Window)
	fd.SetFileName(e.DefaultName())
	fd.SetFilter(storage.NewExtensionFileFilter([]string{".csv"}))
	fd.Resize(fyne.NewSize(640, 480))
	fd.Show()
}

// Start exports to w (closed at the end) on a goroutine, with progress.
func (e *Export) Start(w io.WriteCloser, name string) {
	o, err := e.options()
	if err != nil {
		w.Close()
		e.Status.SetText(err.Error())
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	e.mu.Lock()
	e.cancel = cancel
	e.mu.Unlock()
	e.SaveBtn.Disable()
	e.Cancel.Enable()
	e.Progress.SetValue(0)
	e.Status.SetText(i18n.X("export.counting"))
	e.wg.Add(1)
	e.d.spawn(func() {
		defer e.wg.Done()
		defer cancel()
		total, err := countRange(ctx, e.d.Store, o.From, o.To)
		if err != nil {
			log.Printf("export: count: %v", err)
		}
		last := time.Time{}
		o.Progress = func(n int64) {
			if time.Since(last) < 50*time.Millisecond {
				return
			}
			last = time.Now()
			fyne.Do(func() {
				e.updates++
				if total > 0 {
					e.Progress.SetValue(float64(n) / float64(total))
				}
				e.Status.SetText(i18n.XN("export.rows", int(n), map[string]any{"Of": total}))
			})
		}
		n, err := e.d.Store.Export(ctx, w, o)
		if cerr := w.Close(); err == nil {
			err = cerr
		}
		fyne.Do(func() {
			e.SaveBtn.Enable()
			e.Cancel.Disable()
			if err != nil {
				e.Status.SetText(i18n.X("export.failed", map[string]any{"Error": err.Error()}))
				return
			}
			e.Progress.SetValue(1)
			e.Status.SetText(i18n.XN("export.done", int(n), map[string]any{"File": name}))
		})
	})
}

// stop cancels an export in progress.
func (e *Export) stop() {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.cancel != nil {
		e.cancel()
	}
}

// wait blocks until the export in progress ends (tests).
func (e *Export) wait() { e.wg.Wait() }

// countRange counts the stored requests with from ≤ at < to, for the
// progress bar.
func countRange(ctx context.Context, st *fstore.Store, from, to time.Time) (int64, error) {
	q, args := "SELECT count(*) FROM requests WHERE 1=1", []any{}
	if !from.IsZero() {
		q += " AND at_ms >= ?"
		args = append(args, from.UnixMilli())
	}
	if !to.IsZero() {
		q += " AND at_ms < ?"
		args = append(args, to.UnixMilli())
	}
	var n int64
	err := st.DB().QueryRowContext(ctx, q, args...).Scan(&n)
	return n, err
}
