package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"

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
	// dirs per OS, relative to the home directory (macOS, Linux) or to
	// %LOCALAPPDATA%\Frugal (Windows, where the registry points at the file).
	linux, darwin string
	// regKey is the HKCU key under which Windows browsers look the host up.
	regKey string
}

// browsers Frugal installs into: the one list is defs.Browsers (with the
// sources of each location).
var browsers = func() []browserInfo {
	var out []browserInfo
	for _, b := range defs.Browsers {
		out = append(out, browserInfo{b.ID, b.Family, b.Linux, b.Darwin, b.RegKey + `\` + defs.HostName})
	}
	return out
}()

// manifestDir returns the directory where browser b looks for host
// manifests on goos. home is the home directory; localAppData is used on
// Windows only.
func manifestDir(b browserInfo, goos, home, localAppData string) (string, error) {
	switch goos {
	case "linux", "freebsd", "openbsd", "netbsd":
		return filepath.Join(home, filepath.FromSlash(b.linux)), nil
	case "darwin":
		return filepath.Join(home, filepath.FromSlash(b.darwin)), nil
	case "windows":
		if localAppData == "" {
			return "", errors.New("LOCALAPPDATA is not set")
		}
		return filepath.Join(localAppData, "Frugal", "NativeMessagingHosts", b.name), nil
	}
	return "", fmt.Errorf("native messaging is not supported on %s", goos)
}

// installed reports whether browser b seems to be installed for this user:
// its configuration directory (the manifest directory's parent) exists.
func installed(dir string) bool {
	_, err := os.Stat(filepath.Dir(dir))
	return err == nil
}

func runInstallBrowser(ctx context.Context, env *Env, args []string) error {
	flags := newFlags(env, "install-browser", "[--browser chrome|chromium|brave|edge|firefox|all] [--uninstall] [--dir DIR] [--print]")
	which := flags.String("browser", "all", "browser to install for: chrome, chromium, brave, edge, firefox or all")
	uninstall := flags.Bool("uninstall", false, "remove the manifests instead of writing them")
	dir := flags.String("dir", "", "write into `DIR` instead of the browsers' own locations (DIR/<browser>/ with --browser all); no registry change")
	print := flags.Bool("print", false, "print the manifests instead of writing them")
	hostPath := flags.String("host-path", "", "program the browser starts (default: this frugal binary)")
	if err := parse(flags, args, 0); err != nil {
		return err
	}
	var chosen []browserInfo
	for _, b := range browsers {
		if *which == "all" || *which == b.name {
			chosen = append(chosen, b)
		}
	}
	if len(chosen) == 0 {
		return Usagef("unknown browser %q (want chrome, chromium, brave, edge, firefox or all)", *which)
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
	home, err := os.UserHomeDir()
	if err != nil && *dir == "" {
		return fmt.Errorf("find the home directory: %w", err)
	}
	var done int
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
		explicit := *which != "all" || d != ""
		switch {
		case d != "" && *which == "all":
			d = filepath.Join(d, b.name)
		case d == "":
			if d, err = manifestDir(b, runtime.GOOS, home, env.Getenv("LOCALAPPDATA")); err != nil {
				return err
			}
		}
		file := filepath.Join(d, nativehost.HostName+".json")
		if *uninstall {
			if err := os.Remove(file); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return fmt.Errorf("remove %s: %w", file, err)
			}
			if *dir == "" {
				if err := registerHost(b, file, false); err != nil {
					return err
				}
			}
			fmt.Fprintf(env.Stdout, "%s: removed %s\n", b.name, file)
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
		if *dir == "" {
			if err := registerHost(b, file, true); err != nil {
				return err
			}
		}
		fmt.Fprintf(env.Stdout, "%s: wrote %s\n", b.name, file)
		done++
	}
	if !*print && done == 0 {
		return errors.New("no supported browser found; name one with --browser")
	}
	return nil
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
