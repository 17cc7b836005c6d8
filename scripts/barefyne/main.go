// Command barefyne is the benchmarks' baseline: a bare Fyne app with a tray
// menu and no window shown, the way a Fyne tray app is usually written; with
// -window, a bare Fyne window that shows one label, which reports on stderr
// when it is drawn the way frugal's windows do (FRUGAL_TRACE_STARTUP).
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

func main() {
	start := time.Now()
	window := flag.Bool("window", false, "show a window with one label instead of a tray menu")
	flag.Parse()
	a := fyneapp.NewWithID("app.frugal.barefyne")
	if *window {
		w := a.NewWindow("Bare")
		w.SetContent(widget.NewLabel("Hello"))
		w.Resize(fyne.NewSize(640, 820))
		a.Lifecycle().SetOnStarted(func() {
			go fyne.Do(func() {
				fmt.Fprintf(os.Stderr, "barefyne: window drawn %d ms after start\n", time.Since(start).Milliseconds())
			})
		})
		w.ShowAndRun()
		return
	}
	if d, ok := a.(desktop.App); ok {
		d.SetSystemTrayMenu(fyne.NewMenu("Bare",
			fyne.NewMenuItem("Today: 0 requests", nil),
			fyne.NewMenuItem("Weekly summary…", nil),
			fyne.NewMenuItem("Settings…", nil)))
	}
	a.Run()
}
