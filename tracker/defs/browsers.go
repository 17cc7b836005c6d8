package defs

// ChromiumExtensionID is the extension's id in Chrome, Chromium, Edge and
// Brave. It is fixed by the public key in extension/manifest.json ("key"):
// the first 32 hex digits of the SHA-256 of the DER public key, each digit
// 0-f mapped to a-p. nativehost.TestChromiumExtensionID recomputes it.
const ChromiumExtensionID = "jnoknpagmmdcmjelcmanoncoijppldno"

// GeckoID is the add-on id in Firefox (browser_specific_settings.gecko.id).
const GeckoID = "frugal@frugal.app"

// Browser families: which manifest format a browser reads.
const (
	FamilyChromium = "chromium"
	FamilyFirefox  = "firefox"
)

// Browser says where one browser looks for native messaging host manifests.
type Browser struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Family string `json:"family"`
	// Linux and Darwin are folders relative to the home directory; "" when
	// Frugal does not know where this browser looks on that OS.
	Linux  string `json:"linux"`
	Darwin string `json:"darwin"`
	// RegKey is the HKCU key (without the host name) under which the
	// browser looks the host up on Windows. Browsers that read the same key
	// share one manifest, in %LOCALAPPDATA%\Frugal\NativeMessagingHosts\<RegDir>.
	RegKey string `json:"reg_key"`
	RegDir string `json:"reg_dir"`
}

const (
	chromeKey   = `Software\Google\Chrome\NativeMessagingHosts`
	chromiumKey = `Software\Chromium\NativeMessagingHosts`
)

// Browsers Frugal installs into, in the order they are listed. Locations:
// Chrome's "Native messaging" guide
// (developer.chrome.com/docs/extensions/develop/concepts/native-messaging#native-messaging-host-location),
// Microsoft's "Native messaging" page for Edge
// (HKCU\Software\Microsoft\Edge\NativeMessagingHosts), MDN's "Native
// manifests" page for Firefox, and the browsers' own user-data folders for
// Chromium, Brave and Vivaldi on Linux and macOS.
//
// Windows keys of the browsers built from Chromium without their own: in
// Chromium's source (chrome/browser/extensions/api/messaging/
// launch_context_win.cc, GetManifestPathWithFlags) every build looks in
// HKCU\Software\Google\Chrome\NativeMessagingHosts, and a build with
// Chromium branding (Chromium itself, Brave, Vivaldi, Opera: none is
// Google-branded) first in HKCU\Software\Chromium\NativeMessagingHosts.
// brave-core overrides nothing there (no chromium_src file for it), so
// Brave reads the Chrome key and not a BraveSoftware one; Vivaldi and Opera
// likewise (keepassxc-browser issue 48 for Vivaldi).
var Browsers = []Browser{
	{"chrome", "Chrome", FamilyChromium, ".config/google-chrome/NativeMessagingHosts",
		"Library/Application Support/Google/Chrome/NativeMessagingHosts", chromeKey, "chrome"},
	{"chromium", "Chromium", FamilyChromium, ".config/chromium/NativeMessagingHosts",
		"Library/Application Support/Chromium/NativeMessagingHosts", chromiumKey, "chromium"},
	{"edge", "Edge", FamilyChromium, ".config/microsoft-edge/NativeMessagingHosts",
		"Library/Application Support/Microsoft Edge/NativeMessagingHosts",
		`Software\Microsoft\Edge\NativeMessagingHosts`, "edge"},
	{"brave", "Brave", FamilyChromium, ".config/BraveSoftware/Brave-Browser/NativeMessagingHosts",
		"Library/Application Support/BraveSoftware/Brave-Browser/NativeMessagingHosts", chromeKey, "chrome"},
	{"vivaldi", "Vivaldi", FamilyChromium, ".config/vivaldi/NativeMessagingHosts",
		"Library/Application Support/Vivaldi/NativeMessagingHosts", chromeKey, "chrome"},
	{"opera", "Opera", FamilyChromium, "", "", chromeKey, "chrome"},
	{"firefox", "Firefox", FamilyFirefox, ".mozilla/native-messaging-hosts",
		"Library/Application Support/Mozilla/NativeMessagingHosts",
		`Software\Mozilla\NativeMessagingHosts`, "firefox"},
}

// BrowserIDs lists the ids of Browsers in order.
func BrowserIDs() []string {
	ids := make([]string, len(Browsers))
	for i, b := range Browsers {
		ids[i] = b.ID
	}
	return ids
}
