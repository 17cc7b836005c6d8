package tray

import (
	"sync"

	"fyne.io/systray"
)

// Systray is the UI over fyne.io/systray. Clicks are passed to OnClick one
// at a time, in the order they were made.
type Systray struct {
	OnClick func(ItemID)

	mu     sync.Mutex
	items  map[ItemID]*systray.MenuItem
	clicks chan ItemID
}

// SetIcon implements UI.
func (s *Systray) SetIcon(icon []byte) { systray.SetIcon(icon) }

// SetTooltip implements UI.
func (s *Systray) SetTooltip(text string) { systray.SetTooltip(text) }

// SetMenu implements UI: it builds the menu on the first call and updates
// it afterwards.
func (s *Systray) SetMenu(m Menu) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.items == nil {
		s.items = map[ItemID]*systray.MenuItem{}
		s.clicks = make(chan ItemID, 32)
		go s.dispatch(s.clicks)
		s.build(nil, m)
		return
	}
	s.update(m)
}

func (s *Systray) build(parent *systray.MenuItem, m Menu) {
	for _, it := range m {
		if it.ID == "" {
			if parent == nil {
				systray.AddSeparator()
			} else {
				parent.AddSeparator()
			}
			continue
		}
		var mi *systray.MenuItem
		switch {
		case parent == nil && it.Checkable:
			mi = systray.AddMenuItemCheckbox(it.Title, "", it.Checked)
		case parent == nil:
			mi = systray.AddMenuItem(it.Title, "")
		case it.Checkable:
			mi = parent.AddSubMenuItemCheckbox(it.Title, "", it.Checked)
		default:
			mi = parent.AddSubMenuItem(it.Title, "")
		}
		if it.Disabled {
			mi.Disable()
		}
		s.items[it.ID] = mi
		s.build(mi, it.Children)
		if len(it.Children) == 0 {
			go s.listen(it.ID, mi)
		}
	}
}

// listen passes an item's clicks on to the one dispatcher at once. It must
// not run OnClick itself: each item has its own listener, so "pause" then
// "resume" clicked in a row would run concurrently and the slower one (a
// write waiting for the database) would win; and fyne.io/systray drops a
// click when the item's listener is busy.
func (s *Systray) listen(id ItemID, mi *systray.MenuItem) {
	for range mi.ClickedCh {
		s.clicks <- id
	}
}

// dispatch runs OnClick for each click in order.
func (s *Systray) dispatch(clicks <-chan ItemID) {
	for id := range clicks {
		if s.OnClick != nil {
			s.OnClick(id)
		}
	}
}

func (s *Systray) update(m Menu) {
	for _, it := range m {
		mi := s.items[it.ID]
		if mi == nil {
			continue
		}
		mi.SetTitle(it.Title)
		if it.Disabled != mi.Disabled() {
			if it.Disabled {
				mi.Disable()
			} else {
				mi.Enable()
			}
		}
		if it.Checkable && it.Checked != mi.Checked() {
			if it.Checked {
				mi.Check()
			} else {
				mi.Uncheck()
			}
		}
		s.update(it.Children)
	}
}
