package defs

// The values a captured request may carry, as stored and as the extension
// sends them. tracker's typed constants (Kind, Outcome, Category, the
// reasoning modes) are these; tracker.TestEnumsMatchDefs checks it.
var (
	Kinds          = []string{"text", "image", "video", "audio", "file"}
	Outcomes       = []string{"sent", "sent_anyway", "followed", "cancelled"}
	ReasoningModes = []string{"", "thinking", "deep_research"}
	// Categories: the trivial ones first, "none" last.
	Categories = []string{"weather", "time_date", "calculation", "conversion",
		"definition_spelling", "translation_short", "fact_lookup", "navigation", "none"}
)

// MaxIDBytes bounds message and request ids.
const MaxIDBytes = 128
