// Command sniwatcher is a minimal StatusNotifierWatcher for tests: it owns
// org.kde.StatusNotifierWatcher on the session bus, records each
// RegisterStatusNotifierItem call, and checks that the registered item
// exposes its menu over com.canonical.dbusmenu. It prints one line per
// event and exits 0 after the first item whose menu it could read (or 1
// after -timeout).
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/godbus/dbus/v5"
	"github.com/godbus/dbus/v5/prop"
)

type watcher struct {
	conn  *dbus.Conn
	items chan [2]string
}

// RegisterStatusNotifierItem is called by tray items; service is a bus
// name or an object path.
func (w *watcher) RegisterStatusNotifierItem(sender dbus.Sender, service string) *dbus.Error {
	w.items <- [2]string{string(sender), service}
	return nil
}

// RegisterStatusNotifierHost accepts hosts (none here).
func (w *watcher) RegisterStatusNotifierHost(service string) *dbus.Error { return nil }

// menuItem is a dbusmenu layout node: (id, properties, children).
type menuItem struct {
	ID       int32
	Props    map[string]dbus.Variant
	Children []dbus.Variant
}

func labels(v menuItem, out *[]string) {
	if l, ok := v.Props["label"]; ok {
		*out = append(*out, strings.ReplaceAll(fmt.Sprint(l.Value()), "_", ""))
	}
	for _, c := range v.Children {
		var child menuItem
		if err := dbus.Store([]any{c.Value()}, &child); err == nil {
			labels(child, out)
		}
	}
}

func main() {
	timeout := flag.Duration("timeout", 30*time.Second, "give up after this long")
	stay := flag.Bool("stay", false, "keep serving every tray until the timeout (a benchmark running two trays side by side)")
	flag.Parse()
	conn, err := dbus.ConnectSessionBus()
	if err != nil {
		fmt.Println("no session bus:", err)
		os.Exit(1)
	}
	w := &watcher{conn: conn, items: make(chan [2]string, 4)}
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
		fmt.Println("cannot own", iface, err)
		os.Exit(1)
	}
	fmt.Println("watcher: ready")
	deadline := time.After(*timeout)
	for {
		select {
		case it := <-w.items:
			sender, objPath := it[0], it[1]
			if !strings.HasPrefix(objPath, "/") {
				objPath = "/StatusNotifierItem"
			}
			fmt.Printf("registered: %s %s\n", sender, objPath)
			item := conn.Object(sender, dbus.ObjectPath(objPath))
			mp, err := item.GetProperty("org.kde.StatusNotifierItem.Menu")
			if err != nil {
				fmt.Println("no Menu property:", err)
				continue
			}
			menuPath, _ := mp.Value().(dbus.ObjectPath)
			var rev uint32
			var root menuItem
			call := conn.Object(sender, menuPath).Call("com.canonical.dbusmenu.GetLayout", 0, int32(0), int32(-1), []string{})
			if call.Err != nil || call.Store(&rev, &root) != nil {
				fmt.Println("menu not readable:", call.Err)
				continue
			}
			var ls []string
			labels(root, &ls)
			if len(ls) == 0 {
				// A tray registers before it has built its menu: read it
				// again shortly, until the timeout.
				go func() { time.Sleep(100 * time.Millisecond); w.items <- it }()
				continue
			}
			fmt.Printf("dbusmenu at %s: %d labels: %s\n", menuPath, len(ls), strings.Join(ls, " | "))
			if !*stay {
				os.Exit(0)
			}
		case <-deadline:
			if *stay {
				os.Exit(0)
			}
			fmt.Println("no tray registered its menu in time")
			os.Exit(1)
		}
	}
}
