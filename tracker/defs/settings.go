package defs

// SettingsKey is the row of the settings table (and the extension's session
// storage key) that holds the settings as one JSON object.
const SettingsKey = "settings.v1"

// Settings keys: the JSON field names of tracker.Settings.
const (
	KeyPrivacy        = "privacy"
	KeySearchEngine   = "search_engine"
	KeyWeatherService = "weather_service"
	KeyNudgesOff      = "nudges_off"
	KeyNotifyOff      = "notify_off"
	KeyDailyBudgetWh  = "daily_budget_wh"
	KeyZone           = "zone"
	KeyKeepMonths     = "keep_months"
	KeyLanguage       = "language"
	KeyTrackPrivate   = "track_private"
	KeyPausedUntilMs  = "paused_until_ms"
	KeyShareID        = "share_id"   // written once a share is made (omitted before)
	KeyShareTeam      = "share_team" // idem
	KeyCarbonScope    = "carbon_scope"
	KeyWaterScope     = "water_scope"
	KeyEmbodiedOff    = "embodied_off"
)

// Default values of the settings a new user starts with.
const (
	DefaultPrivacy       = "full"
	DefaultSearchEngine  = "duckduckgo"
	DefaultDailyBudgetWh = 10.0
)

// SearchEngines are the engines a person can choose from.
var SearchEngines = []string{"duckduckgo", "ecosia", "qwant", "startpage", "google", "bing"}

// Languages Frugal speaks; "" means the system's.
var Languages = []string{"en", "fr"}

// Setting is one settings key and its default (as JSON would write it).
type Setting struct {
	Key     string `json:"key"`
	Default any    `json:"default"`
}

// Settings lists every key with its default, in tracker.Settings' order.
// tracker.TestDefaultSettingsMatchDefs checks that DefaultSettings encodes
// to exactly this.
var Settings = []Setting{
	{KeyPrivacy, DefaultPrivacy},
	{KeySearchEngine, DefaultSearchEngine},
	{KeyWeatherService, ""},
	{KeyNudgesOff, map[string]bool{}},
	{KeyNotifyOff, map[string]bool{}},
	{KeyDailyBudgetWh, DefaultDailyBudgetWh},
	{KeyZone, ""},
	{KeyKeepMonths, 0},
	{KeyLanguage, ""},
	{KeyTrackPrivate, false},
	{KeyPausedUntilMs, 0},
	{KeyCarbonScope, ""},
	{KeyWaterScope, ""},
	{KeyEmbodiedOff, false},
}
