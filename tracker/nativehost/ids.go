package nativehost

// HostName is the native messaging host's name (the manifest's "name" and
// the argument of connectNative). Chrome allows lowercase letters, digits,
// dots and underscores.
const HostName = "app.frugal.host"

// ChromiumExtensionID is the extension's id in Chrome, Chromium, Edge and
// Brave. It is fixed by the public key in extension/manifest.json ("key"):
// the first 32 hex digits of the SHA-256 of the DER public key, each digit
// 0-f mapped to a-p. TestChromiumExtensionID recomputes it from the manifest.
const ChromiumExtensionID = "jnoknpagmmdcmjelcmanoncoijppldno"

// GeckoID is the add-on id in Firefox (browser_specific_settings.gecko.id).
const GeckoID = "frugal@frugal.app"
