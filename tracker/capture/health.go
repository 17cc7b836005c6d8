package capture

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"frugal/tracker/defs"
)

// HealthRow is what the extension saw on one site during one local day:
// counts are deltas when they come from the extension, totals when read back
// from the database.
type HealthRow struct {
	Day          string `json:"day"`  // YYYY-MM-DD, the browser's local day
	Site         string `json:"site"` // a site id, or generic:<hostname>
	Sends        int    `json:"sends"`
	Answers      int    `json:"answers"`
	Timeouts     int    `json:"timeouts"`
	NetOnly      int    `json:"net_only"`
	MissComposer int    `json:"miss_composer"`
	MissSend     int    `json:"miss_send"`
	MissAnswer   int    `json:"miss_answer"`
	MissStop     int    `json:"miss_stop"`
	LastSendMs   int64  `json:"last_send_ms,omitempty"`
	LastAnswerMs int64  `json:"last_answer_ms,omitempty"`
	LastMissMs   int64  `json:"last_miss_ms,omitempty"`
	LastMiss     string `json:"last_miss,omitempty"`
	// Unanswered is the number of closed sends in a row that had no answer
	// when the batch was cut; the latest report wins.
	Unanswered int `json:"unanswered"`
	// UpdatedMs is when the row last changed (set by the store).
	UpdatedMs int64 `json:"-"`
}

// HealthBatch is one batch of health deltas from the extension.
type HealthBatch struct {
	ID   string      `json:"batch"` // made when the batch was cut; applied once
	AtMs int64       `json:"at"`    // when it was cut
	Rows []HealthRow `json:"rows"`
}

// DegradedAfter is how many closed sends in a row without an answer make a
// site's capture "degraded" (defined once in defs, for the extension too).
const DegradedAfter = defs.HealthDegradedAfter

// MaxHealthRows bounds one batch (a day holds at most a few dozen sites).
const MaxHealthRows = 500

// Misses are the selector lists whose failures are counted (defs, shared
// with the extension).
var Misses = defs.HealthMisses

var (
	dayRE  = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	hostRE = regexp.MustCompile(`^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?(:[0-9]{1,5})?$`)
	idRE   = regexp.MustCompile(`^[A-Za-z0-9._:-]{1,128}$`)
)

// NormalizeSite returns the site id health is kept under: a known site
// (mistral becomes lechat), or generic:<hostname> for the generic adapter.
func NormalizeSite(s string) (string, error) {
	if s == "mistral" || s == "le chat" || s == "chat.mistral.ai" {
		return "lechat", nil
	}
	if h, ok := strings.CutPrefix(s, "generic:"); ok {
		if hostRE.MatchString(h) {
			return s, nil
		}
		return "", fmt.Errorf("bad host name in site %q", s)
	}
	if s != "generic" && knownSite(s) {
		return s, nil
	}
	return "", fmt.Errorf("unknown site %q", s)
}

// Validate checks a batch from the extension and normalizes its site ids.
// now bounds the times it may carry (a day ahead, for clocks and zones).
func (b *HealthBatch) Validate(now time.Time) error {
	if !idRE.MatchString(b.ID) {
		return fmt.Errorf("batch id %q: want 1 to 128 letters, digits or ._:-", b.ID)
	}
	if len(b.Rows) == 0 || len(b.Rows) > MaxHealthRows {
		return fmt.Errorf("batch %s: %d rows (want 1 to %d)", b.ID, len(b.Rows), MaxHealthRows)
	}
	maxMs := now.Add(24 * time.Hour).UnixMilli()
	if b.AtMs <= 0 || b.AtMs > maxMs {
		return fmt.Errorf("batch %s: bad time %d", b.ID, b.AtMs)
	}
	seen := map[string]bool{}
	for i := range b.Rows {
		r := &b.Rows[i]
		if !dayRE.MatchString(r.Day) {
			return fmt.Errorf("row %d: day %q is not YYYY-MM-DD", i, r.Day)
		}
		if _, err := time.Parse(time.DateOnly, r.Day); err != nil {
			return fmt.Errorf("row %d: day %q is not a date", i, r.Day)
		}
		site, err := NormalizeSite(r.Site)
		if err != nil {
			return fmt.Errorf("row %d: %v", i, err)
		}
		r.Site = site
		if seen[r.Day+" "+r.Site] {
			return fmt.Errorf("row %d: %s %s twice in one batch", i, r.Day, r.Site)
		}
		seen[r.Day+" "+r.Site] = true
		for _, n := range []int{r.Sends, r.Answers, r.Timeouts, r.NetOnly, r.MissComposer, r.MissSend, r.MissAnswer, r.MissStop, r.Unanswered} {
			if n < 0 || n > 1_000_000 {
				return fmt.Errorf("row %d: count %d out of range", i, n)
			}
		}
		for _, ms := range []int64{r.LastSendMs, r.LastAnswerMs, r.LastMissMs} {
			if ms < 0 || ms > maxMs {
				return fmt.Errorf("row %d: time %d out of range", i, ms)
			}
		}
		switch {
		case r.LastMiss == "" && r.LastMissMs == 0:
		case r.LastMissMs > 0 && isMiss(r.LastMiss):
		default:
			return fmt.Errorf("row %d: last_miss %q with time %d (want one of %s with a time)", i, r.LastMiss, r.LastMissMs, strings.Join(Misses, ", "))
		}
	}
	return nil
}

func isMiss(s string) bool {
	for _, m := range Misses {
		if m == s {
			return true
		}
	}
	return false
}
