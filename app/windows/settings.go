package windows

import (
	"context"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"frugal/app/i18n"
	"frugal/tracker"
	"frugal/tracker/defs"
)

// Settings is the settings window. Every change is saved at once with
// Store.UpdateSettings (read-change-write in one transaction, so the
// tray, the native host and this window never undo each other's changes);
// the tray and the browser extension pick changes up from the database.
type Settings struct {
	Window    fyne.Window
	Budget    *widget.Entry
	Notify    map[string]*widget.Check
	Nudges    map[tracker.Category]*widget.Check
	Search    *widget.Select
	Privacy   *widget.RadioGroup
	Keep      *widget.Select
	Language  *widget.Select
	Autostart *widget.Check
	DeleteBtn *widget.Button
	Browser   *widget.Label
	Install   *widget.Button
	Uninstall *widget.Button
	Status    *widget.Label

	d       Deps
	loading bool
	wg      sync.WaitGroup
}

var notifyTypes = []string{tracker.NotifySentAnyway, tracker.NotifyGroup, tracker.NotifyBudget, tracker.NotifyWeekly}

var privacyChoices = []tracker.PromptPrivacy{tracker.KeepFull, tracker.KeepFirst, tracker.KeepNone}

// keepChoices are the history lengths offered, in months (0: everything).
var keepChoices = []int{0, 3, 6, 12, 24}

var languageChoices = []string{"", "fr", "en"}

// NewSettings builds the window and loads the saved settings.
func NewSettings(d Deps) *Settings {
	s := &Settings{d: d, Notify: map[string]*widget.Check{}, Nudges: map[tracker.Category]*widget.Check{}}
	s.Window = d.App.NewWindow(i18n.X("settings.title"))
	s.loading = true

	s.Budget = widget.NewEntry()
	s.Budget.OnChanged = func(v string) {
		f, err := strconv.ParseFloat(strings.ReplaceAll(strings.TrimSpace(v), ",", "."), 64)
		if err != nil || f < 0 {
			return
		}
		s.save(func(set *tracker.Settings) { set.DailyBudgetWh = f })
	}
	var notes []fyne.CanvasObject
	for _, typ := range notifyTypes {
		typ := typ
		c := widget.NewCheck(i18n.X("settings.notify."+typ), func(on bool) {
			s.save(func(set *tracker.Settings) { set.NotifyOff[typ] = !on })
		})
		s.Notify[typ] = c
		notes = append(notes, c)
	}
	var nudges []fyne.CanvasObject
	for _, cat := range tracker.Categories {
		if !cat.Trivial() {
			continue
		}
		cat := cat
		c := widget.NewCheck(categoryName(cat), func(on bool) {
			s.save(func(set *tracker.Settings) { set.NudgesOff[string(cat)] = !on })
		})
		s.Nudges[cat] = c
		nudges = append(nudges, c)
	}
	s.Search = widget.NewSelect(tracker.SearchEngines, func(v string) {
		s.save(func(set *tracker.Settings) { set.SearchEngine = v })
	})
	var privNames []string
	for _, p := range privacyChoices {
		privNames = append(privNames, i18n.X("settings.privacy."+string(p)))
	}
	s.Privacy = widget.NewRadioGroup(privNames, func(v string) {
		for i, n := range privNames {
			if n == v {
				s.save(func(set *tracker.Settings) { set.Privacy = privacyChoices[i] })
			}
		}
	})
	var keepNames []string
	for _, m := range keepChoices {
		if m == 0 {
			keepNames = append(keepNames, i18n.X("settings.keep.all"))
		} else {
			keepNames = append(keepNames, i18n.XN("settings.keep.months", m))
		}
	}
	s.Keep = widget.NewSelect(keepNames, func(string) {
		m := keepChoices[max(s.Keep.SelectedIndex(), 0)]
		s.save(func(set *tracker.Settings) { set.KeepMonths = m })
	})
	s.Language = widget.NewSelect([]string{i18n.X("settings.lang.system"), "Français", "English"}, func(string) {
		l := languageChoices[max(s.Language.SelectedIndex(), 0)]
		s.saveThen(func(set *tracker.Settings) { set.Language = l }, i18n.X("settings.lang.later"))
	})
	s.Autostart = widget.NewCheck(i18n.X("settings.autostart"), func(on bool) {
		if s.loading {
			return
		}
		if err := SetAutostart(s.home(), s.d.Exe, on); err != nil {
			s.Status.SetText(err.Error())
		}
	})
	s.DeleteBtn = widget.NewButton(i18n.X("settings.delete"), s.confirmDelete)
	s.DeleteBtn.Importance = widget.DangerImportance
	s.Browser = widget.NewLabel("")
	s.Browser.Wrapping = fyne.TextWrapWord
	s.Install = widget.NewButton(i18n.X("settings.browser.install"), func() { s.browser(false) })
	s.Uninstall = widget.NewButton(i18n.X("settings.browser.uninstall"), func() { s.browser(true) })
	if d.Exe == "" {
		s.Install.Disable()
		s.Uninstall.Disable()
	}
	s.Status = widget.NewLabel("")
	s.Status.Wrapping = fyne.TextWrapWord

	form := widget.NewForm(
		widget.NewFormItem(i18n.X("settings.budget"), container.NewBorder(nil, nil, nil, widget.NewLabel("Wh"), s.Budget)),
		widget.NewFormItem(i18n.X("settings.notifications"), container.NewVBox(notes...)),
		widget.NewFormItem(i18n.X("settings.nudges"), container.NewGridWithColumns(2, nudges...)),
		widget.NewFormItem(i18n.X("settings.search"), s.Search),
		widget.NewFormItem(i18n.X("settings.privacy"), s.Privacy),
		widget.NewFormItem(i18n.X("settings.keep"), s.Keep),
		widget.NewFormItem(i18n.X("settings.language"), s.Language),
		widget.NewFormItem(i18n.X("settings.startup"), s.Autostart),
		widget.NewFormItem(i18n.X("settings.browser"), container.NewVBox(s.Browser, container.NewHBox(s.Install, s.Uninstall))),
		widget.NewFormItem(i18n.X("settings.data"), container.NewHBox(s.DeleteBtn)),
	)
	s.Window.SetContent(container.NewBorder(nil, s.Status, nil, nil, container.NewVScroll(container.NewPadded(form))))
	s.Window.Resize(fyne.NewSize(620, 760))
	s.load()
	return s
}

func (s *Settings) home() string {
	if s.d.Home != "" {
		return s.d.Home
	}
	h, _ := os.UserHomeDir()
	return h
}

// load reads the settings off the UI goroutine and fills the form.
func (s *Settings) load() {
	s.wg.Add(1)
	s.d.spawn(func() {
		defer s.wg.Done()
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		set, err := s.d.service().Settings(ctx)
		status := BrowserStatus(s.home())
		fyne.Do(func() {
			if err != nil {
				s.Status.SetText(err.Error())
			}
			s.fill(set)
			s.Browser.SetText(status)
			s.loading = false
			if s.d.Drawn != nil {
				go fyne.Do(s.d.Drawn)
			}
		})
	})
}

func (s *Settings) fill(set tracker.Settings) {
	s.loading = true
	defer func() { s.loading = false }()
	s.Budget.SetText(strconv.FormatFloat(set.DailyBudgetWh, 'f', -1, 64))
	for typ, c := range s.Notify {
		c.SetChecked(!set.NotifyOff[typ])
	}
	for cat, c := range s.Nudges {
		c.SetChecked(!set.NudgesOff[string(cat)])
	}
	s.Search.SetSelected(set.SearchEngine)
	for i, p := range privacyChoices {
		if p == set.Privacy {
			s.Privacy.SetSelected(s.Privacy.Options[i])
		}
	}
	for i, m := range keepChoices {
		if m == set.KeepMonths {
			s.Keep.SetSelectedIndex(i)
		}
	}
	if s.Keep.SelectedIndex() < 0 {
		s.Keep.Options = append(s.Keep.Options, i18n.XN("settings.keep.months", set.KeepMonths))
		keepChoices = append(keepChoices, set.KeepMonths)
		s.Keep.SetSelectedIndex(len(s.Keep.Options) - 1)
	}
	for i, l := range languageChoices {
		if l == set.Language {
			s.Language.SetSelectedIndex(i)
		}
	}
	s.Autostart.SetChecked(AutostartEnabled(s.home()))
}

// save applies change to the stored settings off the UI goroutine. Values
// set while the form is being filled are not saved back.
func (s *Settings) save(change func(*tracker.Settings)) { s.saveThen(change, i18n.X("settings.saved")) }

// saveThen is save with the message to show once saved.
func (s *Settings) saveThen(change func(*tracker.Settings), done string) {
	if s.loading {
		return
	}
	s.wg.Add(1)
	s.d.spawn(func() {
		defer s.wg.Done()
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		set, err := s.d.service().UpdateSettings(ctx, func(set *tracker.Settings) error { change(set); return nil })
		if err == nil && set.KeepMonths > 0 {
			cut := s.d.now().AddDate(0, -set.KeepMonths, 0)
			_, err = s.d.Store.DeleteBefore(ctx, cut)
		}
		fyne.Do(func() {
			if err != nil {
				s.Status.SetText(i18n.X("settings.save_failed", map[string]any{"Error": err.Error()}))
			} else {
				s.Status.SetText(done)
			}
		})
	})
}

// wait blocks until saves in flight are done (tests).
func (s *Settings) wait() { s.wg.Wait() }

// confirmDelete asks before deleting every recorded request.
func (s *Settings) confirmDelete() {
	dialog.ShowConfirm(i18n.X("settings.delete.title"), i18n.X("settings.delete.body"), func(ok bool) {
		if ok {
			s.DeleteAll()
		}
	}, s.Window)
}

// DeleteAll deletes every request (the settings stay).
func (s *Settings) DeleteAll() {
	s.wg.Add(1)
	s.d.spawn(func() {
		defer s.wg.Done()
		n, err := s.d.Store.DeleteAll(context.Background())
		fyne.Do(func() {
			if err != nil {
				s.Status.SetText(err.Error())
				return
			}
			s.Status.SetText(i18n.XN("settings.deleted", int(n)))
		})
	})
}

// browser runs "frugal install-browser [--uninstall]", which writes or
// removes the native messaging host manifests for each installed browser.
func (s *Settings) browser(uninstall bool) {
	args := []string{"install-browser"}
	if uninstall {
		args = append(args, "--uninstall")
	}
	s.Install.Disable()
	s.Uninstall.Disable()
	s.wg.Add(1)
	s.d.spawn(func() {
		defer s.wg.Done()
		out, err := exec.Command(s.d.Exe, args...).CombinedOutput()
		msg := strings.TrimSpace(string(out))
		if err != nil {
			log.Printf("settings: install-browser: %v: %s", err, msg)
			msg = i18n.X("settings.browser.failed", map[string]any{"Error": strings.TrimSpace(msg + " " + err.Error())})
		}
		status := BrowserStatus(s.home())
		fyne.Do(func() {
			s.Install.Enable()
			s.Uninstall.Enable()
			s.Browser.SetText(status)
			s.Status.SetText(msg)
		})
	})
}

// nativeHostDirs are where browsers look for native messaging host
// manifests on this system, relative to the home folder (defs.Browsers).
func nativeHostDirs() []browserDir {
	var out []browserDir
	for _, b := range defs.Browsers {
		switch runtime.GOOS {
		case "darwin":
			out = append(out, browserDir{b.Name, b.Darwin})
		case "windows":
			return nil // the registry holds them; install-browser reports
		default:
			out = append(out, browserDir{b.Name, b.Linux})
		}
	}
	return out
}

type browserDir struct{ name, dir string }

// BrowserStatus says for which browsers a Frugal host manifest is installed.
func BrowserStatus(home string) string {
	var found []string
	for _, b := range nativeHostDirs() {
		m, _ := filepath.Glob(filepath.Join(home, b.dir, "*frugal*.json"))
		if len(m) > 0 {
			found = append(found, b.name)
		}
	}
	if len(found) == 0 {
		return i18n.X("settings.browser.none")
	}
	return i18n.X("settings.browser.installed", map[string]any{"Browsers": strings.Join(found, ", ")})
}

// autostartPath is the XDG autostart entry (Linux and BSDs). macOS would
// use a LaunchAgent and Windows the Run registry key or the Startup
// folder; those are not written yet.
func autostartPath(home string) string {
	dir := os.Getenv("XDG_CONFIG_HOME")
	if dir == "" || !filepath.IsAbs(dir) {
		dir = filepath.Join(home, ".config")
	}
	return filepath.Join(dir, "autostart", "frugal.desktop")
}

// AutostartEnabled reports whether Frugal starts at login.
func AutostartEnabled(home string) bool {
	_, err := os.Stat(autostartPath(home))
	return err == nil
}

// SetAutostart writes or removes the autostart entry that starts the tray
// (exe with no arguments) at login.
func SetAutostart(home, exe string, on bool) error {
	p := autostartPath(home)
	if !on {
		if err := os.Remove(p); err != nil && !os.IsNotExist(err) {
			return err
		}
		return nil
	}
	if exe == "" {
		exe = "frugal"
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	entry := "[Desktop Entry]\nType=Application\nName=Frugal\n" +
		"Comment=Your AI requests and their footprint, in the tray\nComment[fr]=Vos requêtes IA et leur empreinte, dans la barre des tâches\n" +
		"Exec=" + desktopQuote(exe) + "\nIcon=app.frugal.desktop\nTerminal=false\nX-GNOME-Autostart-enabled=true\n"
	return os.WriteFile(p, []byte(entry), 0o644)
}

// desktopQuote quotes a path for an Exec key (Desktop Entry spec).
func desktopQuote(s string) string {
	if !strings.ContainsAny(s, " \t\"'\\$`") {
		return s
	}
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "`", "\\`", "$", `\$`)
	return `"` + r.Replace(s) + `"`
}
