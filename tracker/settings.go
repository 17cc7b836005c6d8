package tracker

import (
	"fmt"

	"frugal/tracker/defs"
)

// PromptPrivacy says how much of a prompt's text is kept.
type PromptPrivacy string

const (
	KeepFull  PromptPrivacy = "full"  // the whole text
	KeepFirst PromptPrivacy = "first" // the first PromptKeepChars characters
	KeepNone  PromptPrivacy = "none"  // length only
)

// PromptKeepChars is how many characters KeepFirst keeps.
const PromptKeepChars = 200

// Apply returns the text to store for a prompt under this setting.
func (p PromptPrivacy) Apply(text *string) *string {
	if text == nil {
		return nil
	}
	switch p {
	case KeepNone:
		return nil
	case KeepFirst:
		r := []rune(*text)
		if len(r) > PromptKeepChars {
			s := string(r[:PromptKeepChars])
			return &s
		}
	}
	return text
}

// Notification types, each of which can be turned off.
const (
	NotifySentAnyway = "sent_anyway"
	NotifyGroup      = "group"
	NotifyBudget     = "budget"
	NotifyWeekly     = "weekly"
)

// Settings are the person's choices, shared by every Frugal process (they
// live in the database, so the tray, windows, the native host and the CLI
// see the same values).
type Settings struct {
	Privacy        PromptPrivacy   `json:"privacy"`
	SearchEngine   string          `json:"search_engine"`   // duckduckgo, ecosia, qwant, startpage, google, bing
	WeatherService string          `json:"weather_service"` // "" = Météo-France for French places, a general one elsewhere
	NudgesOff      map[string]bool `json:"nudges_off"`      // category → true when its nudge is off
	NotifyOff      map[string]bool `json:"notify_off"`      // notification type → true when off
	DailyBudgetWh  float64         `json:"daily_budget_wh"`
	Zone           string          `json:"zone"`          // "" = the provider's data centres; else a "what if" zone
	KeepMonths     int             `json:"keep_months"`   // 0 = keep everything
	Language       string          `json:"language"`      // "" = system, "fr", "en"
	TrackPrivate   bool            `json:"track_private"` // track incognito/private windows
	PausedUntilMs  int64           `json:"paused_until_ms"`
	// ShareID is the random install id of `frugal share` files ("" until
	// the first share; --reset-id draws a new one), ShareTeam the team label
	// last used.
	ShareID   string `json:"share_id,omitempty"`
	ShareTeam string `json:"share_team,omitempty"`
	// What estimates count (issue 13). "" is the default of each.
	CarbonScope string `json:"carbon_scope"` // "" or "location" (grid average mix), "market" (provider's own factor)
	WaterScope  string `json:"water_scope"`  // "" or "total" (on site + electricity generation), "onsite"
	EmbodiedOff bool   `json:"embodied_off"` // leave out the carbon of making the hardware
}

// DefaultSettings are what a new user starts with.
func DefaultSettings() Settings {
	return Settings{
		Privacy:       PromptPrivacy(defs.DefaultPrivacy),
		SearchEngine:  defs.DefaultSearchEngine,
		NudgesOff:     map[string]bool{},
		NotifyOff:     map[string]bool{},
		DailyBudgetWh: defs.DefaultDailyBudgetWh,
	}
}

// SearchEngines are the engines a person can choose from.
var SearchEngines = defs.SearchEngines

// Validate checks a Settings value before it is saved.
func (s Settings) Validate() error {
	switch s.Privacy {
	case KeepFull, KeepFirst, KeepNone:
	default:
		return fmt.Errorf("settings: privacy %q (want full, first or none)", s.Privacy)
	}
	ok := false
	for _, e := range SearchEngines {
		ok = ok || e == s.SearchEngine
	}
	if !ok {
		return fmt.Errorf("settings: search engine %q (want one of %v)", s.SearchEngine, SearchEngines)
	}
	if s.DailyBudgetWh < 0 || s.DailyBudgetWh != s.DailyBudgetWh {
		return fmt.Errorf("settings: daily budget must be a positive number of Wh")
	}
	if s.KeepMonths < 0 {
		return fmt.Errorf("settings: keep months must not be negative")
	}
	switch s.CarbonScope {
	case "", "location", "market":
	default:
		return fmt.Errorf("settings: carbon scope %q (want location or market)", s.CarbonScope)
	}
	switch s.WaterScope {
	case "", "total", "onsite":
	default:
		return fmt.Errorf("settings: water scope %q (want total or onsite)", s.WaterScope)
	}
	switch s.Language {
	case "", "fr", "en":
	default:
		return fmt.Errorf("settings: language %q (want fr, en or empty for the system's)", s.Language)
	}
	return nil
}
