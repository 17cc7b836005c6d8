package tray

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"fyne.io/systray"
	"github.com/godbus/dbus/v5"

	"frugal/assets"
	"frugal/storage"
)

// Options configure the tray process.
type Options struct {
	DBPath string // the database file
	Exe    string // this program, started with "KIND --window" to open windows
	// PassDB passes --db DBPath to window processes (when the path was
	// chosen with --db or FRUGAL_DB rather than the default).
	PassDB bool
}

// Run is the tray process: it returns when the person quits or ctx ends.
// A second tray in the same session asks the first to open the summary and
// returns at once.
func Run(ctx context.Context, o Options) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	launcher := &ExecLauncher{Exe: o.Exe}
	if o.PassDB {
		launcher.DB = o.DBPath
	}
	open := func(w Window) {
		if err := launcher.Open(w); err != nil {
			log.Printf("tray: open %s: %v", w.Kind, err)
		}
	}

	// One tray per login: the session bus name, or a lock file without one.
	conn, err := dbus.ConnectSessionBus()
	if err == nil {
		defer conn.Close()
		launcher.Conn = conn
		if err := Claim(conn, open); errors.Is(err, ErrRunning) {
			return nil
		} else if err != nil {
			return err
		}
	} else {
		log.Printf("tray: no D-Bus session bus (%v): no notifications; single instance by lock file", err)
		release, err := lockFile(lockPath())
		if errors.Is(err, ErrRunning) {
			open(Window{Kind: "summary"})
			return nil
		}
		if err != nil {
			return err
		}
		defer release()
	}

	st, err := storage.Open(ctx, o.DBPath)
	if err != nil {
		return err
	}
	defer st.Close()
	sqlConn, err := st.DB().Conn(ctx)
	if err != nil {
		return err
	}
	defer sqlConn.Close()

	ui := &Systray{}
	t := &Tray{
		UI: ui, Launcher: launcher, Store: st, Changes: &DataVersion{Conn: sqlConn},
		Memory: LoadMemory(MemoryPath()), Limits: DefaultLimits(), Notifier: NopNotifier{},
		Quit: systray.Quit,
	}
	if conn != nil {
		n, err := NewDBusNotifier(conn, iconFile(), func() string { return t.Catalogue().T("notify.open") }, open)
		if err != nil {
			log.Printf("tray: notifications: %v", err)
		} else {
			t.Notifier = n
		}
	}
	if st.Notice != "" {
		// A damaged file set aside, a backup before an upgrade: said on
		// stderr and, when a notification server is there, on screen.
		log.Printf("tray: %s", st.Notice)
		if err := t.Notifier.Notify(Note{Type: "notice", Title: "Frugal", Body: st.Notice, Open: Window{Kind: "summary"}}); err != nil {
			log.Printf("tray: notify: %v", err)
		}
	}
	ui.OnClick = func(id ItemID) { t.Click(ctx, id) }
	go func() {
		<-ctx.Done()
		systray.Quit()
	}()
	systray.Run(func() {
		systray.SetTitle("Frugal")
		// On Windows notifications go through the tray icon, which exists
		// only now; the start-up notice is sent again through it.
		if n, err := readyNotifier(open); err != nil {
			log.Printf("tray: notifications: %v", err)
		} else if n != nil {
			t.Notifier = n
			if st.Notice != "" {
				// A notification belongs to an icon that shows: the
				// first refresh would set it a moment later.
				ui.SetIcon(assets.TrayIcon(0))
				if err := n.Notify(Note{Type: "notice", Title: "Frugal", Body: st.Notice, Open: Window{Kind: "summary"}}); err != nil {
					log.Printf("tray: notify: %v", err)
				}
			}
		}
		go t.Run(ctx, Wake(ctx, o.DBPath))
	}, cancel)
	return nil
}

// iconFile writes the app icon where notification servers can read it and
// returns its path ("" when it could not).
func iconFile() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	p := filepath.Join(dir, "frugal", "icon.png")
	if b, err := os.ReadFile(p); err == nil && string(b) == string(assets.IconPNG()) {
		return p
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		return ""
	}
	if err := os.WriteFile(p, assets.IconPNG(), 0o600); err != nil {
		return ""
	}
	return p
}

// lockPath is the tray's lock file, per user.
func lockPath() string {
	dir := os.Getenv("XDG_RUNTIME_DIR")
	if dir == "" {
		dir = os.TempDir()
	}
	return filepath.Join(dir, fmt.Sprintf("frugal-tray-%d.lock", os.Getuid()))
}

// lockFile takes the lock file at path holding this process's id. A file
// left by a process that is gone is taken over; one held by a live process
// gives ErrRunning.
func lockFile(path string) (release func(), err error) {
	for try := 0; try < 2; try++ {
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err == nil {
			fmt.Fprintf(f, "%d\n", os.Getpid())
			f.Close()
			return func() { os.Remove(path) }, nil
		}
		if !errors.Is(err, os.ErrExist) {
			return nil, err
		}
		b, _ := os.ReadFile(path)
		if pid, err := strconv.Atoi(strings.TrimSpace(string(b))); err == nil && pid != os.Getpid() && processAlive(pid) {
			return nil, ErrRunning
		}
		os.Remove(path) // stale
		time.Sleep(10 * time.Millisecond)
	}
	return nil, fmt.Errorf("tray: cannot take the lock file %s", path)
}
