package tray

import (
	"errors"
	"fmt"
	"sync"
	"unsafe"

	"golang.org/x/sys/windows"
)

// BalloonNotifier shows notes as notifications of the tray icon itself
// (Shell_NotifyIconW with NIF_INFO): Windows 10 and 11 show them as toasts
// under the program's name (its version information) with its icon, and
// keep them in the notification centre; a click opens the note's window.
// It needs no COM registration, no AppUserModelID shortcut and no
// PowerShell, and Wine's notification area shows them as balloons.
//
// It works on the window fyne.io/systray made for the icon (class
// "SystrayClass", icon id 100, callback message WM_USER+1, all in
// systray_windows.go): it is found by class and process, and subclassed to
// catch NIN_BALLOONUSERCLICK, which systray ignores; every other message
// goes on to systray's own procedure.
type BalloonNotifier struct {
	hwnd windows.Handle
	open func(Window)
	icon windows.Handle
	prev uintptr

	mu   sync.Mutex
	last Window // what a click on the latest notification opens
}

const (
	systrayIconID   = 100         // fyne.io/systray: notifyIconData.ID
	wmSystray       = 0x0400 + 1  // fyne.io/systray: WM_USER + 1
	ninBalloonClick = 0x0400 + 5  // NIN_BALLOONUSERCLICK (shellapi.h)
	nifInfo         = 0x00000010  // NIF_INFO
	niifUser        = 0x00000004  // NIIF_USER: the icon in BalloonIcon
	niifLargeIcon   = 0x00000020  // NIIF_LARGE_ICON
	nimModify       = 0x00000001  // NIM_MODIFY
	gwlpWndProc     = ^uintptr(3) // GWLP_WNDPROC (-4)
	imageIcon       = 1           // IMAGE_ICON
	lrDefaultSize   = 0x00000040  // LR_DEFAULTSIZE
	lrShared        = 0x00008000  // LR_SHARED
	appIconResource = 1           // packaging/windows/resources.sh: 1 ICON "icon.ico"
	smCxIcon        = 11          // SM_CXICON
)

// notifyIconData is NOTIFYICONDATAW (shellapi.h): uTimeout and uVersion
// share one union, so the structure is 976 bytes on 64-bit Windows
// (fyne.io/systray declares them as two fields, which shifts the title by
// four bytes: harmless for it, which never sets one).
type notifyIconData struct {
	Size                       uint32
	Wnd                        windows.Handle
	ID, Flags, CallbackMessage uint32
	Icon                       windows.Handle
	Tip                        [128]uint16
	State, StateMask           uint32
	Info                       [256]uint16
	TimeoutOrVersion           uint32
	InfoTitle                  [64]uint16
	InfoFlags                  uint32
	GuidItem                   windows.GUID
	BalloonIcon                windows.Handle
}

var (
	shell32              = windows.NewLazySystemDLL("shell32.dll")
	user32               = windows.NewLazySystemDLL("user32.dll")
	kernel32             = windows.NewLazySystemDLL("kernel32.dll")
	pShellNotifyIcon     = shell32.NewProc("Shell_NotifyIconW")
	pFindWindowEx        = user32.NewProc("FindWindowExW")
	pGetWindowThreadPID  = user32.NewProc("GetWindowThreadProcessId")
	pSetWindowLongPtr    = user32.NewProc("SetWindowLongPtrW")
	pCallWindowProc      = user32.NewProc("CallWindowProcW")
	pLoadImage           = user32.NewProc("LoadImageW")
	pGetSystemMetrics    = user32.NewProc("GetSystemMetrics")
	pGetModuleHandle     = kernel32.NewProc("GetModuleHandleW")
	errNoSystrayWindow   = errors.New("the tray icon's window was not found")
	balloonMu            sync.Mutex
	balloonByWindow      = map[windows.Handle]*BalloonNotifier{}
	balloonProcCallback  uintptr
	balloonCallbackReady sync.Once
)

// NewBalloonNotifier finds this process's tray window; call it once the
// tray is up (in systray's onReady).
func NewBalloonNotifier(open func(Window)) (*BalloonNotifier, error) {
	class, err := windows.UTF16PtrFromString("SystrayClass")
	if err != nil {
		return nil, err
	}
	pid := windows.GetCurrentProcessId()
	var h uintptr
	for {
		h, _, _ = pFindWindowEx.Call(0, h, uintptr(unsafe.Pointer(class)), 0)
		if h == 0 {
			return nil, errNoSystrayWindow
		}
		var owner uint32
		pGetWindowThreadPID.Call(h, uintptr(unsafe.Pointer(&owner)))
		if owner == pid {
			break
		}
	}
	n := &BalloonNotifier{hwnd: windows.Handle(h), open: open}
	// The app's icon from the program's resources, at the large size.
	if mod, _, _ := pGetModuleHandle.Call(0); mod != 0 {
		size, _, _ := pGetSystemMetrics.Call(smCxIcon)
		icon, _, _ := pLoadImage.Call(mod, appIconResource, imageIcon, size, size, lrShared)
		if icon == 0 {
			icon, _, _ = pLoadImage.Call(mod, appIconResource, imageIcon, 0, 0, lrDefaultSize|lrShared)
		}
		n.icon = windows.Handle(icon)
	}
	balloonCallbackReady.Do(func() { balloonProcCallback = windows.NewCallback(balloonWndProc) })
	balloonMu.Lock()
	balloonByWindow[n.hwnd] = n
	balloonMu.Unlock()
	prev, _, err := pSetWindowLongPtr.Call(h, gwlpWndProc, balloonProcCallback)
	if prev == 0 {
		balloonMu.Lock()
		delete(balloonByWindow, n.hwnd)
		balloonMu.Unlock()
		return nil, fmt.Errorf("subclass the tray window: %v", err)
	}
	n.prev = prev
	return n, nil
}

// balloonWndProc opens the window of the latest note when its notification
// is clicked and hands everything else to systray.
func balloonWndProc(hwnd windows.Handle, msg uint32, wParam, lParam uintptr) uintptr {
	balloonMu.Lock()
	n := balloonByWindow[hwnd]
	balloonMu.Unlock()
	if n == nil {
		return 0
	}
	if msg == wmSystray && lParam&0xffff == ninBalloonClick {
		n.mu.Lock()
		w := n.last
		n.mu.Unlock()
		if w.Kind != "" && n.open != nil {
			go n.open(w)
		}
		return 0
	}
	r, _, _ := pCallWindowProc.Call(n.prev, uintptr(hwnd), uintptr(msg), wParam, lParam)
	return r
}

// Notify implements Notifier.
func (n *BalloonNotifier) Notify(note Note) error {
	if unsafe.Sizeof(notifyIconData{}) != 976 {
		return fmt.Errorf("show a notification: NOTIFYICONDATAW is %d bytes, not 976", unsafe.Sizeof(notifyIconData{}))
	}
	nid := notifyIconData{Wnd: n.hwnd, ID: systrayIconID, Flags: nifInfo, InfoFlags: niifLargeIcon}
	nid.Size = uint32(unsafe.Sizeof(nid))
	if n.icon != 0 {
		nid.InfoFlags |= niifUser
		nid.BalloonIcon = n.icon
	}
	copyUTF16(nid.InfoTitle[:], note.Title)
	copyUTF16(nid.Info[:], note.Body)
	n.mu.Lock()
	n.last = note.Open
	n.mu.Unlock()
	if r, _, err := pShellNotifyIcon.Call(nimModify, uintptr(unsafe.Pointer(&nid))); r == 0 {
		return fmt.Errorf("show a notification: %v", err)
	}
	return nil
}

// copyUTF16 copies s into dst as UTF-16, cut to fit with its terminating
// zero (Windows cuts a title at 63 characters and a text at 255).
func copyUTF16(dst []uint16, s string) {
	u, err := windows.UTF16FromString(s)
	if err != nil { // a NUL inside: keep what comes before it
		u = []uint16{0}
	}
	if len(u) > len(dst) {
		u = append(u[:len(dst)-1:len(dst)-1], 0)
	}
	copy(dst, u)
}

// readyNotifier is the notifier to use once the tray is up: on Windows the
// tray icon's own notifications.
func readyNotifier(open func(Window)) (Notifier, error) { return NewBalloonNotifier(open) }
