// Package tray is Frugal's tray process: the menu in the notification area,
// the icon that shows today against the daily budget, notifications, and
// the watch on the database that notices requests recorded by other
// processes (the browser's native host, the CLI).
//
// The tray runs on fyne.io/systray alone and never starts Fyne's driver,
// whose loop ticks 60 times a second even with no window shown. Windows are
// separate processes (frugal summary --window, …) started on demand.
//
// The logic (Tray) talks to the outside through small interfaces — UI over
// systray, Notifier over freedesktop notifications, Launcher over window
// processes, Store over the database — so menus, icon states, pausing and
// notification limits are tested without a display.
package tray
