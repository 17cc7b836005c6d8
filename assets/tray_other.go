//go:build !windows

package assets

// TrayIcon returns the tray icon for a budget state in the format the
// system tray takes: PNG outside Windows.
func TrayIcon(state int) []byte { return TrayPNG(state) }
