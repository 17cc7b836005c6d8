package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"frugal/tracker/defs"
	"frugal/tracker/nativehost"
)

func init() {
	register("install-browser", "write (or remove) the browser extension's native host manifests", runInstallBrowser)
}

// browserInfo says where one browser looks for native messaging hosts.
type browserInfo struct {
	name   string
	family string // "chromium" or "firefox"
	// dirs per OS, relative to the home directory; "" when Frugal does not
	// know where this browser looks on that OS.
	linux, darwin string
	// regKey is the HKCU key under which the browser looks hosts up on
	// Windows (the host's name is a subkey). Browsers that read the same
	// key share one manifest there, in %LOCALAPPDATA%\Frugal\NativeMessagingHosts\<regDir>.
	regKey, regDir string
}

// browsers Frugal installs into: the one list is defs.Browsers (with the
// sources of each location).
var browsers = func() []browserInfo {
	var out []browserInfo
	for _, b := range defs.Browsers {
		out = append(out, browserInfo{b.ID, b.Family, b.Linux, b.Darwin, b.RegKey, b.RegDir})
	}
	return out
}()

// browserNames lists the names install-browser accepts, for messages.
func browserNames() string {
	var names []string
	for _, b := range browsers {
		names = append(names, b.name)
	}
	return strings.Join(names, ", ")
}

// hostKey is the registry key that names Frugal's host for browser b.
func (b browserInfo) hostKey() string { return b.regKey + `\` + nativehost.HostName }

// manifestDir returns the directory where browser b looks for host
// manifests on goos. home is the home directory; localAppData is used on
// Windows only.
func manifestDir(b browserInfo, goos, home, localAppData string) (string, error) {
	rel := ""
	switch goos {
	case "linux", "freebsd", "openbsd", "netbsd":
		rel = b.linux
	case "darwin":
		rel = b.darwin
	case "windows":
		if localAppData == "" {
			return "", errors.New("LOCALAPPDATA is not set")
		}
		return filepath.Join(localAppData, "Frugal", "NativeMessagingHosts", b.regDir), nil
	default:
		return "", fmt.Errorf("native messaging is not supported on %s", goos)
	}
	if rel == "" {
		return "", fmt.Errorf("%w: %s on %s", errNoLocation, b.name, goos)
	}
	return filepath.Join(home, filepath.FromSlash(rel)), nil
}

// BrowserManifest is where install-browser writes one browser's host
// manifest.
type BrowserManifest struct {
	Browser string // chrome, chromium, edge, brave, vivaldi, opera, firefox
	File    string
}

// ManifestFiles lists the manifest files install-browser writes on goos
// (home: the home directory; localAppData: %LOCALAPPDATA%, Windows only),
// for the Settings window to say which browsers are set up. On Windows the
// browsers that read one registry key share one file (see browsers);
// browsers Frugal knows no folder for on goos are left out.
func ManifestFiles(goos, home, localAppData string) []BrowserManifest {
	var out []BrowserManifest
	for _, b := range browsers {
		d, err := manifestDir(b, goos, home, localAppData)
		if err != nil {
			continue
		}
		out = append(out, BrowserManifest{Browser: b.name, File: filepath.Join(d, nativehost.HostName+".json")})
	}
	return out
}

// errNoLocation: Frugal does not know where that browser looks on this OS.
var errNoLocation = errors.New("no known native messaging folder")

// installed reports whether browser b seems to be installed for this user:
// its configuration directory (the manifest directory's parent) exists.
func installed(dir string) bool {
	_, err := os.Stat(filepath.Dir(dir))
	return err == nil
}

func runInstallBrowser(ctx context.Context, env *Env, args []string) error {
	flags := newFlags(env, "install-browser", "[--browser NAME|all] [--uninstall] [--dir DIR] [--print] [--list]")
	which := flags.String("browser", "all", "browser to install for: "+browserNames()+" or all")
	list := flags.Bool("list", false, "show where each browser's manifest (and on Windows its registry key) is, and what it holds")
	uninstall := flags.Bool("uninstall", false, "remove the manifests instead of writing them")
	dir := flags.String("dir", "", "write into `DIR` instead of the browsers' own locations (DIR/<browser>/ with --browser all); no registry change")
	print := flags.Bool("print", false, "print the manifests instead of writing them")
	hostPath := flags.String("host-path", "", "program the browser starts (default: this frugal binary)")
	if err := parse(flags, args, 0); err != nil {
		return err
	}
	var chosen []browserInfo
	name := strings.ToLower(strings.TrimSpace(*which))
	for _, b := range browsers {
		if name == "all" || name == b.name {
			chosen = append(chosen, b)
		}
	}
	if len(chosen) == 0 {
		return Usagef("unknown browser %q (want one of %s, or all)", *which, browserNames())
	}
	home, homeErr := os.UserHomeDir()
	if *list {
		// --list only looks: a flag that would change something is a
		// mistake, not something to ignore.
		var other []string
		flags.Visit(func(f *flag.Flag) {
			if f.Name != "list" && f.Name != "browser" {
				other = append(other, "--"+f.Name)
			}
		})
		if len(other) > 0 {
			return Usagef("--list only shows what is installed; it does not go with %s", strings.Join(other, ", "))
		}
		return listBrowsers(env, chosen, home)
	}
	path := *hostPath
	if path == "" {
		exe, err := os.Executable()
		if err != nil {
			return fmt.Errorf("find this program's path: %w", err)
		}
		if exe, err = filepath.EvalSymlinks(exe); err != nil {
			return fmt.Errorf("find this program's path: %w", err)
		}
		path = exe
	}
	if !filepath.IsAbs(path) {
		// Chrome resolves a relative path against the manifest's directory
		// on Windows only; be explicit everywhere.
		return Usagef("--host-path must be absolute, not %q", path)
	}
	if homeErr != nil && *dir == "" {
		return fmt.Errorf("find the home directory: %w", homeErr)
	}
	var done int
	keysDone := map[string]string{} // Windows registry key → browser that wrote it
	for _, b := range chosen {
		m, err := nativehost.NewManifest(b.family, path)
		if err != nil {
			return err
		}
		if *print {
			fmt.Fprintf(env.Stdout, "// %s\n%s", b.name, m.JSON())
			continue
		}
		d := *dir
		explicit := name != "all" || d != ""
		switch {
		case d != "" && name == "all":
			d = filepath.Join(d, b.name)
		case d == "":
			if runtime.GOOS == "windows" {
				if first, ok := keysDone[b.regKey]; ok {
					fmt.Fprintf(env.Stdout, "%s: reads the same registry key as %s (HKCU\\%s)\n", b.name, first, b.hostKey())
					continue
				}
				keysDone[b.regKey] = b.name
			}
			if d, err = manifestDir(b, runtime.GOOS, home, env.Getenv("LOCALAPPDATA")); err != nil {
				if errors.Is(err, errNoLocation) && !explicit {
					fmt.Fprintf(env.Stdout, "%s: not supported on this system, skipped\n", b.name)
					continue
				}
				return err
			}
		}
		file := filepath.Join(d, nativehost.HostName+".json")
		if *uninstall {
			if err := os.Remove(file); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return fmt.Errorf("remove %s: %w", file, err)
			}
			fmt.Fprintf(env.Stdout, "%s: removed %s\n", b.name, file)
			if *dir == "" && runtime.GOOS == "windows" {
				if err := registerHost(b, file, false); err != nil {
					return err
				}
				fmt.Fprintf(env.Stdout, "%s: removed registry key HKCU\\%s\n", b.name, b.hostKey())
			}
			done++
			continue
		}
		if !explicit && runtime.GOOS != "windows" && !installed(d) {
			fmt.Fprintf(env.Stdout, "%s: not installed, skipped\n", b.name)
			continue
		}
		if err := writeFileAtomic(file, m.JSON()); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "%s: wrote %s\n", b.name, file)
		if *dir == "" && runtime.GOOS == "windows" {
			if err := registerHost(b, file, true); err != nil {
				return err
			}
			fmt.Fprintf(env.Stdout, "%s: registry key HKCU\\%s = %s\n", b.name, b.hostKey(), file)
		}
		done++
	}
	if !*print && done == 0 {
		return errors.New("no supported browser found; name one with --browser")
	}
	return nil
}

// listBrowsers prints, per browser, where its manifest goes, whether it is
// there and which program it starts; on Windows also the registry key and
// the file it points at.
func listBrowsers(env *Env, chosen []browserInfo, home string) error {
	for _, b := range chosen {
		d, err := manifestDir(b, runtime.GOOS, home, env.Getenv("LOCALAPPDATA"))
		if err != nil {
			fmt.Fprintf(env.Stdout, "%s: %v\n", b.name, err)
			continue
		}
		file := filepath.Join(d, nativehost.HostName+".json")
		fmt.Fprintf(env.Stdout, "%s: %s: %s\n", b.name, file, describeManifest(file))
		if runtime.GOOS == "windows" {
			val, err := readHostKey(b)
			switch {
			case errors.Is(err, fs.ErrNotExist):
				fmt.Fprintf(env.Stdout, "%s: registry key HKCU\\%s: absent\n", b.name, b.hostKey())
			case err != nil:
				fmt.Fprintf(env.Stdout, "%s: registry key HKCU\\%s: %v\n", b.name, b.hostKey(), err)
			default:
				fmt.Fprintf(env.Stdout, "%s: registry key HKCU\\%s = %s\n", b.name, b.hostKey(), val)
			}
		}
	}
	return nil
}

// describeManifest says whether a manifest file is there and which program
// it names.
func describeManifest(file string) string {
	data, err := os.ReadFile(file)
	if errors.Is(err, fs.ErrNotExist) {
		return "absent"
	}
	if err != nil {
		return err.Error()
	}
	var m nativehost.Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return "not a valid manifest: " + err.Error()
	}
	return "starts " + m.Path
}

// writeFileAtomic writes data to a temporary file beside path and renames
// it, so a browser never reads half a manifest.
func writeFileAtomic(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("create %s: %w", filepath.Dir(path), err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".frugal-*.json")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Chmod(0o644); err != nil && runtime.GOOS != "windows" {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
