// Package assets holds Frugal's embedded icons. They are drawn by gen/
// (go generate ./assets) and committed as PNG files.
package assets

//go:generate go run ./gen

import (
	_ "embed"

	"fyne.io/fyne/v2"
)

var (
	//go:embed icon.png
	iconPNG []byte
	//go:embed tray-under.png
	trayUnder []byte
	//go:embed tray-near.png
	trayNear []byte
	//go:embed tray-over.png
	trayOver []byte
)

// Icon is the app icon (also named by FyneApp.toml).
var Icon = fyne.NewStaticResource("icon.png", iconPNG)

// IconPNG returns the app icon's PNG bytes (for notifications).
func IconPNG() []byte { return iconPNG }

// TrayPNG returns the tray icon for a budget state: 0 under the budget,
// 1 near it, 2 over it.
func TrayPNG(state int) []byte {
	switch state {
	case 1:
		return trayNear
	case 2:
		return trayOver
	}
	return trayUnder
}
