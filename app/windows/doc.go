// Package windows holds Frugal's Fyne windows: the weekly summary, settings,
// log a request, CSV export and "How is this estimated?". Each runs in a
// window process started on demand (frugal summary --window, …) that exits
// when its last window closes; the tray process never starts Fyne.
//
// Window code receives a fyne.App and never creates one (main.go does), so
// the package builds and tests with CGO_ENABLED=0 on Fyne's test driver.
// All database work runs on goroutines, and results reach widgets through
// fyne.Do.
package windows
