package tracker

import "fmt"

// Category is the classifier's verdict on a prompt. The names are fixed:
// they are stored, exported and used by the extension's settings.
type Category string

const (
	CatWeather     Category = "weather"
	CatTimeDate    Category = "time_date"
	CatCalculation Category = "calculation"
	CatConversion  Category = "conversion"
	CatDefinition  Category = "definition_spelling"
	CatTranslation Category = "translation_short"
	CatFact        Category = "fact_lookup"
	CatNavigation  Category = "navigation"
	CatNone        Category = "none"
)

// Categories lists every category, trivial ones first, CatNone last.
var Categories = []Category{CatWeather, CatTimeDate, CatCalculation, CatConversion,
	CatDefinition, CatTranslation, CatFact, CatNavigation, CatNone}

// Trivial reports whether a lighter tool answers prompts of this category.
func (c Category) Trivial() bool { return c != CatNone && c != "" }

// ParseCategory accepts exactly the names above; the empty string means
// "not classified".
func ParseCategory(s string) (Category, error) {
	if s == "" {
		return "", nil
	}
	for _, c := range Categories {
		if string(c) == s {
			return c, nil
		}
	}
	return "", fmt.Errorf("unknown category %q", s)
}

// Verdict is what the classifier says about a prompt.
type Verdict struct {
	Category Category `json:"category"`
	Tool     string   `json:"tool,omitempty"`   // e.g. "calculator", "search", "weather"
	URL      string   `json:"url,omitempty"`    // link to the tool with the query filled in
	Answer   string   `json:"answer,omitempty"` // computed locally, when possible
	Note     string   `json:"note,omitempty"`   // a tip that is not a nudge (heavy content, grouping)
}
