package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"frugal/tracker/nativehost"
)

func installEnv() (*Env, *bytes.Buffer, *bytes.Buffer) {
	var out, errb bytes.Buffer
	return &Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb,
		Getenv: func(string) string { return "" }, Now: time.Now}, &out, &errb
}

func readManifest(t *testing.T, path string) nativehost.Manifest {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var m nativehost.Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return m
}

func TestInstallBrowser_WritesAndRemovesManifests(t *testing.T) {
	dir := t.TempDir()
	env, out, errb := installEnv()
	if code := Run(context.Background(), env, "install-browser", []string{"--dir", dir, "--host-path", "/opt/frugal/frugal"}); code != ExitOK {
		t.Fatalf("install exit %d: %s", code, errb)
	}
	for _, b := range []string{"chrome", "chromium", "brave", "edge", "vivaldi", "opera", "firefox"} {
		file := filepath.Join(dir, b, nativehost.HostName+".json")
		m := readManifest(t, file)
		if m.Name != nativehost.HostName || m.Path != "/opt/frugal/frugal" || m.Type != "stdio" {
			t.Errorf("%s manifest = %+v", b, m)
		}
		if b == "firefox" {
			if len(m.AllowedExtensions) != 1 || m.AllowedExtensions[0] != nativehost.GeckoID || len(m.AllowedOrigins) != 0 {
				t.Errorf("firefox ids = %+v", m)
			}
		} else if len(m.AllowedOrigins) != 1 || m.AllowedOrigins[0] != "chrome-extension://"+nativehost.ChromiumExtensionID+"/" || len(m.AllowedExtensions) != 0 {
			t.Errorf("%s origins = %+v", b, m)
		}
		if !strings.Contains(out.String(), b+": wrote ") {
			t.Errorf("output does not report %s: %s", b, out)
		}
	}
	out.Reset()
	if code := Run(context.Background(), env, "install-browser", []string{"--dir", dir, "--uninstall"}); code != ExitOK {
		t.Fatalf("uninstall exit %d: %s", code, errb)
	}
	left, _ := filepath.Glob(filepath.Join(dir, "*", "*.json"))
	if len(left) != 0 {
		t.Errorf("files left after uninstall: %v", left)
	}
	// Removing what is not there is not an error.
	if code := Run(context.Background(), env, "install-browser", []string{"--dir", dir, "--uninstall"}); code != ExitOK {
		t.Errorf("second uninstall exit %d: %s", code, errb)
	}
}

func TestInstallBrowser_OneBrowserIntoDir(t *testing.T) {
	dir := t.TempDir()
	env, _, errb := installEnv()
	if code := Run(context.Background(), env, "install-browser", []string{"--browser", "chromium", "--dir", dir}); code != ExitOK {
		t.Fatalf("exit %d: %s", code, errb)
	}
	m := readManifest(t, filepath.Join(dir, nativehost.HostName+".json"))
	exe, _ := os.Executable()
	exe, _ = filepath.EvalSymlinks(exe)
	if m.Path != exe {
		t.Errorf("path = %q, want the running binary %q", m.Path, exe)
	}
}

func TestInstallBrowser_Print(t *testing.T) {
	env, out, _ := installEnv()
	dir := t.TempDir()
	if code := Run(context.Background(), env, "install-browser", []string{"--browser", "firefox", "--print", "--dir", dir, "--host-path", "/x/frugal"}); code != ExitOK {
		t.Fatalf("exit %d", code)
	}
	if !strings.Contains(out.String(), `"allowed_extensions"`) || !strings.Contains(out.String(), nativehost.GeckoID) {
		t.Errorf("--print output: %s", out)
	}
	if files, _ := os.ReadDir(dir); len(files) != 0 {
		t.Errorf("--print wrote files: %v", files)
	}
}

func TestInstallBrowser_UsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"--browser", "netscape"},
		{"--host-path", "relative/frugal", "--dir", "/tmp"},
		{"extra"},
	} {
		env, _, _ := installEnv()
		if code := Run(context.Background(), env, "install-browser", args); code != ExitUsage {
			t.Errorf("install-browser %q exit %d, want %d", args, code, ExitUsage)
		}
	}
}

func TestManifestDir(t *testing.T) {
	byName := map[string]browserInfo{}
	for _, b := range browsers {
		byName[b.name] = b
	}
	for _, tc := range []struct{ browser, goos, want string }{
		{"chrome", "linux", "/home/a/.config/google-chrome/NativeMessagingHosts"},
		{"chromium", "linux", "/home/a/.config/chromium/NativeMessagingHosts"},
		{"brave", "linux", "/home/a/.config/BraveSoftware/Brave-Browser/NativeMessagingHosts"},
		{"edge", "linux", "/home/a/.config/microsoft-edge/NativeMessagingHosts"},
		{"firefox", "linux", "/home/a/.mozilla/native-messaging-hosts"},
		{"chrome", "darwin", "/home/a/Library/Application Support/Google/Chrome/NativeMessagingHosts"},
		{"edge", "darwin", "/home/a/Library/Application Support/Microsoft Edge/NativeMessagingHosts"},
		{"firefox", "darwin", "/home/a/Library/Application Support/Mozilla/NativeMessagingHosts"},
		{"chrome", "windows", filepath.Join("/appdata", "Frugal", "NativeMessagingHosts", "chrome")},
	} {
		got, err := manifestDir(byName[tc.browser], tc.goos, "/home/a", "/appdata")
		if err != nil || got != filepath.FromSlash(tc.want) {
			t.Errorf("manifestDir(%s, %s) = %q, %v; want %q", tc.browser, tc.goos, got, err, tc.want)
		}
	}
	for name, want := range map[string]string{
		"chrome":   `Software\Google\Chrome\NativeMessagingHosts\app.frugal.host`,
		"chromium": `Software\Chromium\NativeMessagingHosts\app.frugal.host`,
		"edge":     `Software\Microsoft\Edge\NativeMessagingHosts\app.frugal.host`,
		// Brave, Vivaldi and Opera read Chrome's key (see browsers).
		"brave":   `Software\Google\Chrome\NativeMessagingHosts\app.frugal.host`,
		"vivaldi": `Software\Google\Chrome\NativeMessagingHosts\app.frugal.host`,
		"opera":   `Software\Google\Chrome\NativeMessagingHosts\app.frugal.host`,
		"firefox": `Software\Mozilla\NativeMessagingHosts\app.frugal.host`,
	} {
		if got := byName[name].hostKey(); got != want {
			t.Errorf("%s registry key = %q, want %q", name, got, want)
		}
	}
	// Browsers reading one key share one manifest on Windows.
	if a, _ := manifestDir(byName["brave"], "windows", "", "/appdata"); a != filepath.Join("/appdata", "Frugal", "NativeMessagingHosts", "chrome") {
		t.Errorf("brave's Windows manifest folder = %q", a)
	}
	if _, err := manifestDir(byName["opera"], "linux", "/home/a", ""); err == nil || !strings.Contains(err.Error(), "opera on linux") {
		t.Errorf("opera on Linux: %v", err)
	}
	if _, err := manifestDir(byName["chrome"], "plan9", "/h", ""); err == nil {
		t.Error("manifestDir on plan9 succeeded")
	}
}

func TestInstallBrowser_AllSkipsBrowsersNotInstalled(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("Linux locations")
	}
	home := t.TempDir()
	t.Setenv("HOME", home)
	os.MkdirAll(filepath.Join(home, ".config", "chromium"), 0o755)
	env, out, errb := installEnv()
	if code := Run(context.Background(), env, "install-browser", []string{"--host-path", "/x/frugal"}); code != ExitOK {
		t.Fatalf("exit %d: %s", code, errb)
	}
	if _, err := os.Stat(filepath.Join(home, ".config/chromium/NativeMessagingHosts", nativehost.HostName+".json")); err != nil {
		t.Errorf("chromium manifest not written: %v", err)
	}
	if _, err := os.Stat(filepath.Join(home, ".config/google-chrome")); err == nil {
		t.Error("created a directory for Chrome, which is not installed")
	}
	if !strings.Contains(out.String(), "chrome: not installed, skipped") {
		t.Errorf("output: %s", out)
	}
}

func TestInstallBrowser_UnknownBrowserSaysWhichAreKnown(t *testing.T) {
	env, _, errb := installEnv()
	dir := t.TempDir()
	if code := Run(context.Background(), env, "install-browser", []string{"--browser", "netscape", "--dir", dir}); code != ExitUsage {
		t.Fatalf("exit %d", code)
	}
	if !strings.Contains(errb.String(), `unknown browser "netscape"`) || !strings.Contains(errb.String(), "chrome, chromium, edge, brave, vivaldi, opera, firefox") {
		t.Errorf("message: %s", errb)
	}
	if files, _ := os.ReadDir(dir); len(files) != 0 {
		t.Errorf("an unknown browser wrote %v", files)
	}
	// Names are not case-sensitive.
	env, _, errb = installEnv()
	if code := Run(context.Background(), env, "install-browser", []string{"--browser", "Firefox", "--dir", dir, "--host-path", "/x/frugal"}); code != ExitOK {
		t.Errorf("--browser Firefox exit %d: %s", code, errb)
	}
}

func TestInstallBrowser_List(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("Linux locations")
	}
	home := t.TempDir()
	t.Setenv("HOME", home)
	env, out, errb := installEnv()
	if code := Run(context.Background(), env, "install-browser", []string{"--browser", "firefox", "--host-path", "/x/frugal"}); code != ExitOK {
		t.Fatalf("install exit %d: %s", code, errb)
	}
	out.Reset()
	if code := Run(context.Background(), env, "install-browser", []string{"--list"}); code != ExitOK {
		t.Fatalf("--list exit %d: %s", code, errb)
	}
	ff := filepath.Join(home, ".mozilla/native-messaging-hosts", nativehost.HostName+".json")
	for _, want := range []string{
		"firefox: " + ff + ": starts /x/frugal",
		"chrome: " + filepath.Join(home, ".config/google-chrome/NativeMessagingHosts", nativehost.HostName+".json") + ": absent",
		"opera: no known native messaging folder: opera on linux",
	} {
		if !strings.Contains(out.String(), want+"\n") {
			t.Errorf("--list lacks %q:\n%s", want, out)
		}
	}
	if _, err := os.Stat(filepath.Join(home, ".config")); err == nil {
		t.Error("--list created folders")
	}
	env, _, errb = installEnv()
	if code := Run(context.Background(), env, "install-browser", []string{"--list", "--uninstall"}); code != ExitUsage || !strings.Contains(errb.String(), "--uninstall") {
		t.Errorf("--list --uninstall: exit %d, %q; want a usage error", code, errb)
	}
	if _, err := os.Stat(ff); err != nil {
		t.Errorf("--list --uninstall removed the manifest: %v", err)
	}
}

func TestManifestFiles(t *testing.T) {
	win := ManifestFiles("windows", `C:\Users\a`, `C:\Users\a\AppData\Local`)
	if len(win) != len(browsers) {
		t.Fatalf("windows: %d files, want one per browser (%d)", len(win), len(browsers))
	}
	linux := ManifestFiles("linux", "/home/a", "")
	for _, m := range linux {
		if m.Browser == "opera" {
			t.Errorf("opera listed on Linux: %s", m.File)
		}
		if m.Browser == "firefox" && m.File != filepath.FromSlash("/home/a/.mozilla/native-messaging-hosts/app.frugal.host.json") {
			t.Errorf("firefox on Linux: %s", m.File)
		}
	}
}
