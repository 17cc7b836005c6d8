// Package bus holds the D-Bus session names Frugal's processes use to find
// each other without any listening socket: the tray owns TrayName, and each
// window process owns WindowName(kind) while it runs, so a second launch
// of either finds the first and asks it to come forward.
package bus

import (
	"fmt"

	"github.com/godbus/dbus/v5"
)

// Names, paths and interfaces.
const (
	TrayName    = "app.frugal.Tray"
	TrayPath    = dbus.ObjectPath("/app/frugal/Tray")
	TrayIface   = "app.frugal.Tray"
	WindowPath  = dbus.ObjectPath("/app/frugal/Window")
	WindowIface = "app.frugal.Window"
)

// WindowName is the bus name a window process of this kind owns.
func WindowName(kind string) string { return "app.frugal.Window." + kind }

// Raise asks the window process of this kind, if one runs, to bring its
// window forward (with the arguments it would have been started with); it
// reports whether one did.
func Raise(conn *dbus.Conn, kind string, args []string) bool {
	if conn == nil {
		return false
	}
	if args == nil {
		args = []string{}
	}
	call := conn.Object(WindowName(kind), WindowPath).Call(WindowIface+".Raise", dbus.FlagNoAutoStart, args)
	return call.Err == nil
}

type window struct{ raise func(args []string) }

// Raise is the exported D-Bus method.
func (w window) Raise(args []string) *dbus.Error {
	w.raise(args)
	return nil
}

// ServeWindow exports the Raise method and takes the window kind's name. It
// reports false when another process already owns the name: the caller
// should then Raise that one and exit.
func ServeWindow(conn *dbus.Conn, kind string, raise func(args []string)) (bool, error) {
	if err := conn.Export(window{raise}, WindowPath, WindowIface); err != nil {
		return false, err
	}
	reply, err := conn.RequestName(WindowName(kind), dbus.NameFlagDoNotQueue)
	if err != nil {
		return false, fmt.Errorf("bus: request %s: %w", WindowName(kind), err)
	}
	return reply == dbus.RequestNameReplyPrimaryOwner || reply == dbus.RequestNameReplyAlreadyOwner, nil
}
