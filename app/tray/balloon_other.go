//go:build !windows

package tray

// readyNotifier is the notifier to use once the tray is up: none outside
// Windows, where D-Bus notifications are set up before (or there are none).
func readyNotifier(func(Window)) (Notifier, error) { return nil, nil }
