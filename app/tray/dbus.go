package tray

import (
	"errors"
	"fmt"
	"log"
	"sync"

	"github.com/godbus/dbus/v5"

	"frugal/app/bus"
)

const (
	notifyName      = "org.freedesktop.Notifications"
	notifyPath      = dbus.ObjectPath("/org/freedesktop/Notifications")
	notifyIface     = "org.freedesktop.Notifications"
	notifyTimeoutMs = 10000
)

// ErrRunning is returned by Claim when another tray owns the name.
var ErrRunning = errors.New("a Frugal tray is already running")

// trayService is the object the tray exports.
type trayService struct{ open func(Window) }

// Open opens a window of this kind; a second tray launch calls it with
// "summary".
func (s trayService) Open(kind string, args []string) *dbus.Error {
	go s.open(Window{Kind: kind, Args: args})
	return nil
}

// Claim makes this process the tray on the session bus: it exports the
// Open method and takes bus.TrayName. When another tray has the name, Claim
// asks it to open the summary and returns ErrRunning.
func Claim(conn *dbus.Conn, open func(Window)) error {
	if err := conn.Export(trayService{open}, bus.TrayPath, bus.TrayIface); err != nil {
		return err
	}
	reply, err := conn.RequestName(bus.TrayName, dbus.NameFlagDoNotQueue)
	if err != nil {
		return fmt.Errorf("tray: request %s: %w", bus.TrayName, err)
	}
	if reply == dbus.RequestNameReplyPrimaryOwner || reply == dbus.RequestNameReplyAlreadyOwner {
		return nil
	}
	call := conn.Object(bus.TrayName, bus.TrayPath).Call(bus.TrayIface+".Open", dbus.FlagNoAutoStart, "summary", []string{})
	if call.Err != nil {
		log.Printf("tray: asking the running tray to open the summary: %v", call.Err)
	}
	return ErrRunning
}

// DBusNotifier sends freedesktop notifications (the org.freedesktop.
// Notifications interface, which GNOME, KDE, XFCE, dunst, mako… serve)
// and opens a note's window when the person clicks it (ActionInvoked).
type DBusNotifier struct {
	conn    *dbus.Conn
	icon    string
	label   func() string
	onClick func(Window)
	mu      sync.Mutex
	windows map[uint32]Window
}

// NewDBusNotifier listens for clicks on conn. icon is a file path or an
// icon name; label gives the (localised) name of the click action.
func NewDBusNotifier(conn *dbus.Conn, icon string, label func() string, onClick func(Window)) (*DBusNotifier, error) {
	n := &DBusNotifier{conn: conn, icon: icon, label: label, onClick: onClick, windows: map[uint32]Window{}}
	if err := conn.AddMatchSignal(dbus.WithMatchInterface(notifyIface), dbus.WithMatchObjectPath(notifyPath)); err != nil {
		return nil, err
	}
	sig := make(chan *dbus.Signal, 8)
	conn.Signal(sig)
	go n.listen(sig)
	return n, nil
}

func (n *DBusNotifier) listen(sig <-chan *dbus.Signal) {
	for s := range sig {
		if s == nil || len(s.Body) < 2 {
			continue
		}
		id, ok := s.Body[0].(uint32)
		if !ok {
			continue
		}
		n.mu.Lock()
		w, known := n.windows[id]
		switch s.Name {
		case notifyIface + ".ActionInvoked":
			delete(n.windows, id)
		case notifyIface + ".NotificationClosed":
			delete(n.windows, id)
			known = false
		default:
			known = false
		}
		n.mu.Unlock()
		if known && n.onClick != nil {
			n.onClick(w)
		}
	}
}

// Notify implements Notifier.
func (n *DBusNotifier) Notify(note Note) error {
	actions := []string{}
	if note.Open.Kind != "" {
		actions = []string{"default", n.label()}
	}
	hints := map[string]dbus.Variant{
		"desktop-entry": dbus.MakeVariant("frugal"),
		"category":      dbus.MakeVariant("x-frugal." + note.Type),
		"urgency":       dbus.MakeVariant(byte(0)),
	}
	var id uint32
	err := n.conn.Object(notifyName, notifyPath).Call(notifyIface+".Notify", 0,
		"Frugal", uint32(0), n.icon, note.Title, note.Body, actions, hints, int32(notifyTimeoutMs)).Store(&id)
	if err != nil {
		return fmt.Errorf("notify: %w", err)
	}
	if note.Open.Kind != "" {
		n.mu.Lock()
		n.windows[id] = note.Open
		n.mu.Unlock()
	}
	return nil
}
