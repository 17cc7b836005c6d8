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
// Locations: Chrome's "Native messaging" guide
// (https://developer.chrome.com/docs/extensions/develop/concepts/native-messaging#native-messaging-host-location),
// MDN's "Native manifests" page for Firefox, and the browsers' own user-data
// directories for Chromium, Brave and Edge.
type Browser struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Family string `json:"family"`
	// Linux and Darwin are folders relative to the home directory.
	Linux  string `json:"linux"`
	Darwin string `json:"darwin"`
	// RegKey is the HKCU key (without the host name) under which the
	// browser looks the host up on Windows.
	RegKey string `json:"reg_key"`
}

// Browsers Frugal installs into, in the order they are listed.
var Browsers = []Browser{
	{"chrome", "Chrome", FamilyChromium, ".config/google-chrome/NativeMessagingHosts",
		"Library/Application Support/Google/Chrome/NativeMessagingHosts", `Software\Google\Chrome\NativeMessagingHosts`},
	{"chromium", "Chromium", FamilyChromium, ".config/chromium/NativeMessagingHosts",
		"Library/Application Support/Chromium/NativeMessagingHosts", `Software\Chromium\NativeMessagingHosts`},
	{"brave", "Brave", FamilyChromium, ".config/BraveSoftware/Brave-Browser/NativeMessagingHosts",
		"Library/Application Support/BraveSoftware/Brave-Browser/NativeMessagingHosts", `Software\BraveSoftware\Brave-Browser\NativeMessagingHosts`},
	{"edge", "Edge", FamilyChromium, ".config/microsoft-edge/NativeMessagingHosts",
		"Library/Application Support/Microsoft Edge/NativeMessagingHosts", `Software\Microsoft\Edge\NativeMessagingHosts`},
	{"firefox", "Firefox", FamilyFirefox, ".mozilla/native-messaging-hosts",
		"Library/Application Support/Mozilla/NativeMessagingHosts", `Software\Mozilla\NativeMessagingHosts`},
}

// BrowserIDs lists the ids of Browsers in order.
func BrowserIDs() []string {
	ids := make([]string, len(Browsers))
	for i, b := range Browsers {
		ids[i] = b.ID
	}
	return ids
}
