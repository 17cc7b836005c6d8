package tray

import (
	"context"
	"errors"
	"log"
	"os"
	"path/filepath"

	"fyne.io/systray"
	"github.com/godbus/dbus/v5"

	"frugal/app/core"
	"frugal/assets"
	"frugal/storage"
	"frugal/tracker"
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

	// One tray per login (the session bus name, when there is a session
	// bus) and one per data folder (a lock file next to the database, the
	// only guard on Windows).
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
		log.Printf("tray: no D-Bus session bus (%v): no notifications", err)
	}
	release, err := storage.Lock(storage.LockPath(o.DBPath))
	if errors.Is(err, storage.ErrLocked) {
		log.Printf("tray: another tray uses %s", o.DBPath)
		if conn == nil {
			open(Window{Kind: "summary"})
		}
		return nil
	}
	if err != nil {
		return err
	}
	defer release()

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

	svc := core.NewService(st)
	ui := &Systray{}
	t := &Tray{
		UI: ui, Launcher: launcher, Store: serviceStore{st, svc}, Changes: &DataVersion{Conn: sqlConn},
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
	// Stored requests follow the method: re-estimated in the background at
	// start and whenever the method changes (the Service's one rule).
	reestimateInBackground(ctx, st, func(ctx context.Context, _ *storage.Store, progress func(done, left int64)) error {
		_, err := svc.Reestimate(ctx, false, progress)
		return err
	}, func(ctx context.Context, _ *storage.Store) (string, error) { return svc.CurrentMethod(ctx) }, reestimateEvery)
	// PRAGMA quick_check at start-up (in the background) and once a day:
	// damage found is said once, through the same path as the notice above.
	go WatchHealth(ctx, st, func(h storage.Health) {
		note := damageNote(st, h)
		log.Printf("tray: the database is damaged (%s); a copy was kept as %s; frugal repair saves every readable request", h.Problems[0], h.Copy)
		if err := t.Notifier.Notify(note); err != nil {
			log.Printf("tray: notify: %v", err)
		}
	})
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

// serviceStore is the database as the tray sees it, with the settings read
// and changed through the request path's Service, as every other process
// does.
type serviceStore struct {
	*storage.Store
	svc *tracker.Service
}

func (s serviceStore) Settings(ctx context.Context) (tracker.Settings, error) {
	return s.svc.Settings(ctx)
}

func (s serviceStore) UpdateSettings(ctx context.Context, change func(*tracker.Settings) error) (tracker.Settings, error) {
	return s.svc.UpdateSettings(ctx, change)
}
