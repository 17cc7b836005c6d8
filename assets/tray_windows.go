package assets

import _ "embed"

var (
	//go:embed tray-under.ico
	trayUnderICO []byte
	//go:embed tray-near.ico
	trayNearICO []byte
	//go:embed tray-over.ico
	trayOverICO []byte
)

// TrayIcon returns the tray icon for a budget state in the format the
// system tray takes: on Windows an .ico (fyne.io/systray hands the bytes to
// LoadImage, which reads icons, not PNG), with one image per scaling step.
func TrayIcon(state int) []byte {
	switch state {
	case 1:
		return trayNearICO
	case 2:
		return trayOverICO
	}
	return trayUnderICO
}
