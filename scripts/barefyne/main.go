// Command barefyne is the benchmark's baseline: a bare Fyne app with a tray
// menu and no window shown, the way a Fyne tray app is usually written.
package main

import (
	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/driver/desktop"
)

func main() {
	a := fyneapp.NewWithID("app.frugal.barefyne")
	if d, ok := a.(desktop.App); ok {
		d.SetSystemTrayMenu(fyne.NewMenu("Bare",
			fyne.NewMenuItem("Today: 0 requests", nil),
			fyne.NewMenuItem("Weekly summary…", nil),
			fyne.NewMenuItem("Settings…", nil)))
	}
	a.Run()
}
