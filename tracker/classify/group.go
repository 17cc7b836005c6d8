package classify

import (
	"sync"
	"time"
	"unicode/utf8"
)

// Grouper notices several short requests in a row and suggests grouping
// them into one: each request re-sends the conversation, so three quick
// questions cost more than one with three parts.
type Grouper struct {
	Window   time.Duration // default 5 minutes
	Min      int           // short requests within Window that trigger the tip; default 3
	MaxChars int           // a request this long or shorter is "short"; default 200

	now  func() time.Time
	mu   sync.Mutex
	seen []time.Time
}

// NewGrouper returns a Grouper with the defaults and the given clock (nil =
// time.Now).
func NewGrouper(now func() time.Time) *Grouper {
	if now == nil {
		now = time.Now
	}
	return &Grouper{Window: 5 * time.Minute, Min: 3, MaxChars: 200, now: now}
}

// Add records a request sent now and returns the tip to show, or "" when
// there is none. After a tip, the count starts again, so the tip is not
// repeated for every further question.
func (g *Grouper) Add(text, lang string) string {
	g.mu.Lock()
	defer g.mu.Unlock()
	if utf8.RuneCountInString(text) > g.MaxChars {
		return ""
	}
	t := g.now()
	keep := g.seen[:0]
	for _, s := range g.seen {
		if t.Sub(s) < g.Window && !s.After(t) {
			keep = append(keep, s)
		}
	}
	g.seen = append(keep, t)
	if len(g.seen) < g.Min {
		return ""
	}
	g.seen = g.seen[:0]
	return GroupTip(lang)
}

// GroupTip is the "group your questions" suggestion.
func GroupTip(lang string) string {
	if lang == "fr" {
		return "Plusieurs petites questions coup sur coup : les regrouper en une seule demande économise des requêtes (et du temps)."
	}
	return "Several short questions in a row: grouping them into one request saves requests (and time)."
}
