//go:build reliability

package reliability

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"
	"github.com/godbus/dbus/v5/prop"

	"frugal/app/bus"
)

// The suite is the session's StatusNotifierWatcher: the tray registers its
// item with it, which tells us the tray's bus name, from which its menu
// (com.canonical.dbusmenu) is clicked, as a panel would.

type snWatcher struct {
	conn  *dbus.Conn
	mu    sync.Mutex
	items chan string // senders that registered an item
}

func (w *snWatcher) RegisterStatusNotifierItem(sender dbus.Sender, service string) *dbus.Error {
	select {
	case w.items <- string(sender):
	default:
	}
	return nil
}

func (w *snWatcher) RegisterStatusNotifierHost(service string) *dbus.Error { return nil }

var (
	watcherOnce sync.Once
	watcher     *snWatcher
	watcherErr  error
)

func getWatcher(t *testing.T) *snWatcher {
	t.Helper()
	watcherOnce.Do(func() {
		conn, err := dbus.ConnectSessionBus()
		if err != nil {
			watcherErr = err
			return
		}
		w := &snWatcher{conn: conn, items: make(chan string, 16)}
		const path = "/StatusNotifierWatcher"
		const iface = "org.kde.StatusNotifierWatcher"
		conn.Export(w, path, iface)
		prop.Export(conn, path, prop.Map{iface: {
			"IsStatusNotifierHostRegistered": {Value: true},
			"ProtocolVersion":                {Value: int32(0)},
			"RegisteredStatusNotifierItems":  {Value: []string{}},
		}})
		reply, err := conn.RequestName(iface, dbus.NameFlagDoNotQueue)
		if err != nil || reply != dbus.RequestNameReplyPrimaryOwner {
			watcherErr = fmt.Errorf("cannot own %s: %v (reply %d)", iface, err, reply)
			conn.Close()
			return
		}
		watcher = w
	})
	if watcherErr != nil {
		t.Fatalf("StatusNotifierWatcher: %v", watcherErr)
	}
	return watcher
}

func stopWatcher() {
	if watcher != nil {
		watcher.conn.Close()
	}
}

// trayProc is a running tray process with its menu.
type trayProc struct {
	*proc
	conn   *dbus.Conn
	sender string
	menu   dbus.ObjectPath
}

type menuNode struct {
	ID       int32
	Props    map[string]dbus.Variant
	Children []dbus.Variant
}

// startTray starts the tray and waits until its menu is on the bus.
func (w *world) startTray() *trayProc {
	w.t.Helper()
	wt := getWatcher(w.t)
	// A tray from an earlier test or round must be gone: one tray per session.
	waitFor(w.t, 10*time.Second, "the previous tray to leave the bus", func() bool {
		var has bool
		wt.conn.BusObject().Call("org.freedesktop.DBus.NameHasOwner", 0, bus.TrayName).Store(&has)
		return !has
	})
	for len(wt.items) > 0 {
		<-wt.items
	}
	p := w.start("tray")
	select {
	case sender := <-wt.items:
		tp := &trayProc{proc: p, conn: wt.conn, sender: sender}
		v, err := wt.conn.Object(sender, "/StatusNotifierItem").GetProperty("org.kde.StatusNotifierItem.Menu")
		if err != nil {
			w.t.Fatalf("tray menu path: %v", err)
		}
		tp.menu, _ = v.Value().(dbus.ObjectPath)
		return tp
	case <-p.done:
		w.t.Fatalf("the tray exited before showing its menu: %v\n%s", p.err, p.output())
	case <-time.After(20 * time.Second):
		w.t.Fatalf("the tray did not register its menu in 20 s\n%s", p.output())
	}
	return nil
}

// layout reads the menu tree under parent.
func (tp *trayProc) layout(parent int32) (menuNode, error) {
	var rev uint32
	var root menuNode
	call := tp.conn.Object(tp.sender, tp.menu).Call("com.canonical.dbusmenu.GetLayout", 0, parent, int32(-1), []string{})
	if call.Err != nil {
		return root, call.Err
	}
	return root, call.Store(&rev, &root)
}

// itemID finds the menu item with this label, looking into submenus too
// (a panel asks for a submenu's layout when it opens it).
func (tp *trayProc) itemID(label string) (int32, error) {
	var seen []string
	var find func(n menuNode, depth int) (int32, bool)
	find = func(n menuNode, depth int) (int32, bool) {
		if l, ok := n.Props["label"]; ok {
			s := strings.ReplaceAll(fmt.Sprint(l.Value()), "_", "")
			if s == label {
				return n.ID, true
			}
			seen = append(seen, s)
		}
		children := n.Children
		if cd, ok := n.Props["children-display"]; ok && cd.Value() == "submenu" && len(children) == 0 && depth < 3 {
			tp.conn.Object(tp.sender, tp.menu).Call("com.canonical.dbusmenu.AboutToShow", 0, n.ID)
			if sub, err := tp.layout(n.ID); err == nil {
				children = sub.Children
			}
		}
		for _, c := range children {
			var child menuNode
			if dbus.Store([]any{c.Value()}, &child) == nil {
				if id, ok := find(child, depth+1); ok {
					return id, true
				}
			}
		}
		return 0, false
	}
	for try := 0; try < 20; try++ {
		seen = nil
		root, err := tp.layout(0)
		if err != nil {
			return 0, err
		}
		if id, ok := find(root, 0); ok {
			return id, nil
		}
		time.Sleep(100 * time.Millisecond) // the menu is being redrawn
	}
	return 0, fmt.Errorf("no menu item %q among %q", label, seen)
}

// click clicks the item with this label, as a panel does.
func (tp *trayProc) click(label string) error {
	id, err := tp.itemID(label)
	if err != nil {
		return err
	}
	return tp.conn.Object(tp.sender, tp.menu).Call("com.canonical.dbusmenu.Event", 0,
		id, "clicked", dbus.MakeVariant(""), uint32(time.Now().Unix())).Err
}

// Menu labels (English: the world sets LANGUAGE=en).
const (
	labelPauseHour = "For 1 hour"
	labelResume    = "Tracking on"
)

// startWindow starts a window process and waits until it owns its bus name
// (it has opened the database and is about to show its window).
func (w *world) startWindow(kind string) *proc {
	w.t.Helper()
	wt := getWatcher(w.t)
	p := w.start(kind+"-window", kind, "--window")
	waitFor(w.t, 20*time.Second, "the "+kind+" window to start", func() bool {
		if p.exited() {
			w.t.Fatalf("the %s window exited: %v\n%s", kind, p.err, p.output())
		}
		var has bool
		wt.conn.BusObject().Call("org.freedesktop.DBus.NameHasOwner", 0, bus.WindowName(kind)).Store(&has)
		return has
	})
	return p
}

func waitFor(t *testing.T, d time.Duration, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// xWindow finds the X window whose title contains name (xdotool).
func xWindow(name string) (string, error) {
	deadline := time.Now().Add(20 * time.Second)
	for {
		out, err := exec.Command("xdotool", "search", "--onlyvisible", "--name", name).Output()
		if f := strings.Fields(string(out)); err == nil && len(f) > 0 {
			time.Sleep(500 * time.Millisecond) // drawn
			return f[0], nil
		}
		if time.Now().After(deadline) {
			return "", fmt.Errorf("no X window %q after 20 s (%v)", name, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// storedPrompt returns the id of the request with this prompt text ("" when
// there is none yet), reading the database as another process would.
func storedPrompt(db, prompt string) (string, error) {
	h, err := sql.Open("sqlite", "file:"+db+"?mode=ro&_pragma=busy_timeout(10000)")
	if err != nil {
		return "", err
	}
	defer h.Close()
	var ids []string
	rows, err := h.Query("SELECT id FROM requests WHERE prompt = ?", prompt)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		rows.Scan(&id)
		ids = append(ids, id)
	}
	if len(ids) > 1 {
		return "", fmt.Errorf("%q stored %d times", prompt, len(ids))
	}
	if len(ids) == 1 {
		return ids[0], nil
	}
	return "", rows.Err()
}

// waitPaused waits until the saved settings say tracking is paused (want
// true) or on (false): the tray saves a click's change after the D-Bus
// call has returned.
func waitPaused(db string, want bool) error {
	h, err := sql.Open("sqlite", "file:"+db+"?mode=ro&_pragma=busy_timeout(10000)")
	if err != nil {
		return err
	}
	defer h.Close()
	deadline := time.Now().Add(10 * time.Second)
	for {
		var v string
		err := h.QueryRow("SELECT value FROM settings WHERE key = 'settings.v1'").Scan(&v)
		var set struct {
			PausedUntilMs int64 `json:"paused_until_ms"`
		}
		if err == nil && json.Unmarshal([]byte(v), &set) == nil && (set.PausedUntilMs > 0) == want {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("paused=%v not saved 10 s after the click (%s, %v)", want, v, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
