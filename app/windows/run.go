package windows

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"github.com/godbus/dbus/v5"

	"frugal/app/bus"
	"frugal/app/core"
	"frugal/app/i18n"
	"frugal/assets"
	"frugal/storage"
	"frugal/tracker"
)

// Kinds are the window kinds, each a subcommand with --window.
var Kinds = []string{"summary", "settings", "log", "export", "methodology", "share"}

// Wants reports whether args ask for a window process ("summary --window",
// …) and which kind.
func Wants(args []string) (string, bool) {
	if len(args) == 0 {
		return "", false
	}
	for _, k := range Kinds {
		if args[0] != k {
			continue
		}
		for _, a := range args[1:] {
			if a == "--window" || a == "-window" || a == "--window=true" {
				return k, true
			}
		}
	}
	return "", false
}

// Options configure a window process.
type Options struct {
	Kind   string
	DBPath string
	Week   string // ISO week for the summary and export, e.g. 2026-W47
	Exe    string // this program, for install-browser
	// TraceStartup prints to stderr when the first data is on screen (the
	// benchmark measures click-to-drawn with it).
	TraceStartup bool
}

// ParseArgs parses "KIND --window [--db FILE] [--week W]".
func ParseArgs(kind string, args []string, getenv func(string) string) (Options, error) {
	o := Options{Kind: kind}
	fs := flag.NewFlagSet(kind, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Bool("window", true, "open a window")
	fs.StringVar(&o.DBPath, "db", getenv("FRUGAL_DB"), "database file")
	fs.StringVar(&o.Week, "week", "", "ISO week, e.g. 2026-W48")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if o.DBPath == "" {
		p, err := storage.DefaultPath()
		if err != nil {
			return o, err
		}
		o.DBPath = p
	}
	if o.Week != "" {
		if _, err := tracker.ParseISOWeek(o.Week, time.Local); err != nil {
			return o, err
		}
	}
	o.TraceStartup = getenv("FRUGAL_TRACE_STARTUP") != ""
	o.Exe, _ = os.Executable()
	return o, nil
}

// Deps are what windows work with. Tests build them by hand.
type Deps struct {
	App   fyne.App
	Store *storage.Store
	Now   func() time.Time
	Loc   *time.Location
	Exe   string // for install-browser; "" disables the buttons
	Home  string // for the autostart entry; "" means the user's home
	// Drawn, when set, is called once the first data is on screen.
	Drawn func()
	// Service is the request path (app/core); nil builds one over Store.
	Service *tracker.Service
	// Go starts background work (database reads and writes); nil means a
	// new goroutine. Tests run it in line: Fyne's test driver runs fyne.Do
	// on the calling goroutine, so work on another goroutine would touch
	// widgets concurrently with the test.
	Go func(func())
}

// service is the request path the windows record and change settings
// through, the same as the CLI's and the native host's.
func (d Deps) service() *tracker.Service {
	if d.Service != nil {
		return d.Service
	}
	s := core.NewService(d.Store)
	s.Now = d.Now
	return s
}

func (d Deps) spawn(f func()) {
	if d.Go != nil {
		d.Go(f)
		return
	}
	go f()
}

func (d Deps) now() time.Time {
	if d.Now != nil {
		return d.Now()
	}
	return time.Now()
}

func (d Deps) loc() *time.Location {
	if d.Loc != nil {
		return d.Loc
	}
	return time.Local
}

// Run opens the window of kind o.Kind and returns when the person closes
// it. When a window of that kind is already open in another process, that
// one is brought forward instead.
func Run(ctx context.Context, a fyne.App, o Options) error {
	start := time.Now()
	// Three things go on at once: the database is opened, the settings read
	// and the language set; D-Bus is asked whether this window is open in
	// another process (which is then brought forward); and, once the
	// language is known, Fyne makes the window. It is shown only when no
	// other process has it open.
	type opened struct {
		st  *storage.Store
		svc *tracker.Service
		set tracker.Settings
		err error
	}
	storeCh := make(chan opened, 1)
	go func() {
		var r opened
		r.st, r.err = storage.Open(ctx, o.DBPath)
		if r.err == nil {
			var err error
			r.svc = core.NewService(r.st)
			if r.set, err = r.svc.Settings(ctx); err != nil {
				log.Printf("windows: settings: %v", err)
			}
			if _, err := i18n.Use(r.set.Language); err != nil {
				log.Printf("windows: translations: %v", err)
			}
		}
		storeCh <- r
	}()
	var (
		raiseMu sync.Mutex
		raise   func(args []string)
	)
	type claimed struct {
		conn   *dbus.Conn
		raised bool // another process has the window and brought it forward
	}
	busCh := make(chan claimed, 1)
	go func() {
		var c claimed
		conn, err := dbus.ConnectSessionBus()
		if err != nil {
			busCh <- c
			return
		}
		c.conn = conn
		owned, err := bus.ServeWindow(conn, o.Kind, func(args []string) {
			raiseMu.Lock()
			f := raise
			raiseMu.Unlock()
			if f != nil {
				f(args)
			}
		})
		if err != nil {
			log.Printf("windows: %v", err)
		} else if !owned {
			var args []string
			if o.Week != "" {
				args = []string{"--week", o.Week}
			}
			c.raised = bus.Raise(conn, o.Kind, args)
		}
		busCh <- c
	}()
	var w fyne.Window
	setRaise := func(f func(args []string)) {
		raiseMu.Lock()
		raise = f
		raiseMu.Unlock()
	}

	r := <-storeCh
	if r.err != nil {
		if c := <-busCh; c.conn != nil {
			c.conn.Close()
		}
		return r.err
	}
	st := r.st
	defer st.Close()
	if st.Notice != "" {
		log.Printf("frugal: %s", st.Notice)
	}
	a.SetIcon(assets.Icon)
	d := Deps{App: a, Store: st, Service: r.svc, Exe: o.Exe}
	// What runs once the window is up, on the UI goroutine: the window is
	// drawn first and filled in when its query returns.
	var started []func()
	if o.TraceStartup {
		// "drawn": the window's first frame, its data still loading (the
		// same moment scripts/barefyne -window reports for a window with
		// one label); "filled": the first data on screen.
		started = append(started, func() {
			fmt.Fprintf(os.Stderr, "frugal: %s drawn %d ms after start\n", o.Kind, time.Since(start).Milliseconds())
		})
		d.Drawn = func() {
			fmt.Fprintf(os.Stderr, "frugal: %s filled %d ms after start\n", o.Kind, time.Since(start).Milliseconds())
		}
	}
	a.Lifecycle().SetOnStarted(func() {
		go fyne.Do(func() {
			for _, f := range started {
				f()
			}
		})
	})
	switch o.Kind {
	case "summary":
		s := NewSummary(d)
		if o.Week != "" {
			s.Monday, _ = tracker.ParseISOWeek(o.Week, d.loc())
		}
		started = append(started, s.Load)
		w = s.Window
		setRaise(func(args []string) {
			fyne.Do(func() {
				if len(args) == 2 && args[0] == "--week" {
					if m, err := tracker.ParseISOWeek(args[1], d.loc()); err == nil {
						s.Monday = m
						s.Load()
					}
				}
				w.Show()
				w.RequestFocus()
			})
		})
	case "settings":
		w = NewSettings(d).Window
	case "log":
		w = NewLog(d).Window
	case "export":
		e := NewExport(d)
		if o.Week != "" {
			if m, err := tracker.ParseISOWeek(o.Week, d.loc()); err == nil {
				e.SetRange(m, m.AddDate(0, 0, 6))
			}
		}
		w = e.Window
	case "methodology":
		w = NewMethodology(d)
	case "share":
		s := NewShare(d)
		if o.Week != "" {
			s.SetWeek(o.Week)
		}
		w = s.Window
	default:
		return errors.New("unknown window " + o.Kind)
	}
	raiseMu.Lock()
	if raise == nil {
		raise = func([]string) { fyne.Do(func() { w.Show(); w.RequestFocus() }) }
	}
	raiseMu.Unlock()
	c := <-busCh
	if c.conn != nil {
		defer c.conn.Close()
	}
	if c.raised {
		return nil // the window made here is never shown
	}
	w.ShowAndRun()
	return nil
}
