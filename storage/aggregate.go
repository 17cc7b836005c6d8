package storage

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"frugal/tracker"
)

// Totals sums a set of requests. Only sent requests (sent, sent anyway)
// count in Count and Footprint: a followed suggestion was not sent, and its
// estimate is what following it avoided.
type Totals struct {
	Count     int `json:"count"`     // requests sent
	Trivial   int `json:"trivial"`   // of which a lighter tool would have done
	Estimated int `json:"estimated"` // of which have a footprint estimate
	// Footprint sums the estimated sent requests; TrivialFootprint the
	// trivial part of it.
	Footprint        tracker.Footprint `json:"footprint"`
	TrivialFootprint tracker.Footprint `json:"trivial_footprint"`
	// Followed counts suggestions followed (requests not sent), and
	// FollowedFootprint what those requests would have cost.
	Followed          int               `json:"followed"`
	FollowedFootprint tracker.Footprint `json:"followed_footprint"`
}

// Add sums two totals.
func (t Totals) Add(o Totals) Totals {
	return Totals{
		Count: t.Count + o.Count, Trivial: t.Trivial + o.Trivial, Estimated: t.Estimated + o.Estimated,
		Footprint:         t.Footprint.Add(o.Footprint),
		TrivialFootprint:  t.TrivialFootprint.Add(o.TrivialFootprint),
		Followed:          t.Followed + o.Followed,
		FollowedFootprint: t.FollowedFootprint.Add(o.FollowedFootprint),
	}
}

// Group is the totals of one site, category or tool.
type Group struct {
	Key string `json:"key"`
	Totals
}

// Week is the summary of one ISO week in a time zone.
type Week struct {
	Start      time.Time `json:"start"` // Monday 00:00, local
	End        time.Time `json:"end"`   // next Monday 00:00, local
	Total      Totals    `json:"total"`
	Days       [7]Totals `json:"days"`
	BySite     []Group   `json:"by_site"`
	ByCategory []Group   `json:"by_category"` // classified requests only
	ByTool     []Group   `json:"by_tool"`     // followed suggestions by tool
	Previous   Totals    `json:"previous"`    // the week before
}

// bucket is one row of the aggregate query.
type bucket struct {
	idx                           int
	site, category, outcome, tool string
	n, estimated                  int
	fp                            tracker.Footprint
}

// aggregate groups the requests with bounds[0] ≤ at < bounds[len-1] by
// interval (the index i such that bounds[i] ≤ at < bounds[i+1]), site,
// category, outcome and tool. The bounds are computed in Go so that days are
// local days, correct across daylight-saving changes.
func (s *Store) aggregate(ctx context.Context, bounds []time.Time) ([]bucket, error) {
	var b strings.Builder
	args := []any{}
	b.WriteString("SELECT ")
	if len(bounds) > 2 {
		b.WriteString("CASE")
		for i := 1; i < len(bounds)-1; i++ {
			fmt.Fprintf(&b, " WHEN at_ms < ? THEN %d", i-1)
			args = append(args, bounds[i].UnixMilli())
		}
		b.WriteString(" ELSE ")
	}
	fmt.Fprintf(&b, "%d", len(bounds)-2)
	if len(bounds) > 2 {
		b.WriteString(" END")
	}
	fmt.Fprintf(&b, " AS bucket, site, coalesce(category, ''), outcome, coalesce(tool, ''),"+
		" count(*), count(energy_wh),"+
		" total(energy_wh_low), total(energy_wh), total(energy_wh_high),"+
		" total(co2_g_low), total(co2_g), total(co2_g_high),"+
		" total(water_ml_low), total(water_ml), total(water_ml_high)"+
		" FROM requests WHERE at_ms >= ? AND at_ms < ? GROUP BY 1, 2, 3, 4, 5")
	args = append(args, bounds[0].UnixMilli(), bounds[len(bounds)-1].UnixMilli())
	rows, err := s.db.QueryContext(ctx, b.String(), args...)
	if err != nil {
		return nil, fmt.Errorf("storage: aggregate: %w", err)
	}
	defer rows.Close()
	var out []bucket
	for rows.Next() {
		var k bucket
		f := &k.fp
		if err := rows.Scan(&k.idx, &k.site, &k.category, &k.outcome, &k.tool, &k.n, &k.estimated,
			&f.EnergyWh.Low, &f.EnergyWh.Central, &f.EnergyWh.High,
			&f.CO2Grams.Low, &f.CO2Grams.Central, &f.CO2Grams.High,
			&f.WaterML.Low, &f.WaterML.Central, &f.WaterML.High); err != nil {
			return nil, fmt.Errorf("storage: aggregate: %w", err)
		}
		out = append(out, k)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("storage: aggregate: %w", err)
	}
	return out, nil
}

// totals turns a bucket into Totals.
func (k bucket) totals() Totals {
	var t Totals
	switch tracker.Outcome(k.outcome) {
	case tracker.OutcomeSent, tracker.OutcomeSentAnyway:
		t.Count, t.Estimated, t.Footprint = k.n, k.estimated, k.fp
		if tracker.Category(k.category).Trivial() {
			t.Trivial, t.TrivialFootprint = k.n, k.fp
		}
	case tracker.OutcomeFollowed:
		t.Followed, t.FollowedFootprint = k.n, k.fp
	}
	return t
}

// totalsQuery sums a range in one pass without grouping (no sort): sent,
// trivial-sent and followed requests are told apart with CASE.
const totalsQuery = `SELECT
	count(CASE WHEN outcome IN ('sent', 'sent_anyway') THEN 1 END),
	count(CASE WHEN outcome IN ('sent', 'sent_anyway') AND category IS NOT NULL AND category != 'none' THEN 1 END),
	count(CASE WHEN outcome IN ('sent', 'sent_anyway') THEN energy_wh END),
	count(CASE WHEN outcome = 'followed' THEN 1 END),
	%s, %s, %s
FROM requests WHERE at_ms >= ? AND at_ms < ?`

var totalsSQL = func() string {
	sums := func(cond string) string {
		cols := []string{"energy_wh_low", "energy_wh", "energy_wh_high", "co2_g_low", "co2_g", "co2_g_high", "water_ml_low", "water_ml", "water_ml_high"}
		parts := make([]string, len(cols))
		for i, c := range cols {
			parts[i] = fmt.Sprintf("total(CASE WHEN %s THEN %s END)", cond, c)
		}
		return strings.Join(parts, ", ")
	}
	sent := "outcome IN ('sent', 'sent_anyway')"
	return fmt.Sprintf(totalsQuery, sums(sent), sums(sent+" AND category IS NOT NULL AND category != 'none'"), sums("outcome = 'followed'"))
}()

// Totals sums the requests with from ≤ at < to.
func (s *Store) Totals(ctx context.Context, from, to time.Time) (Totals, error) {
	var t Totals
	dest := []any{&t.Count, &t.Trivial, &t.Estimated, &t.Followed}
	for _, f := range []*tracker.Footprint{&t.Footprint, &t.TrivialFootprint, &t.FollowedFootprint} {
		dest = append(dest, &f.EnergyWh.Low, &f.EnergyWh.Central, &f.EnergyWh.High,
			&f.CO2Grams.Low, &f.CO2Grams.Central, &f.CO2Grams.High,
			&f.WaterML.Low, &f.WaterML.Central, &f.WaterML.High)
	}
	if err := s.db.QueryRowContext(ctx, totalsSQL, from.UnixMilli(), to.UnixMilli()).Scan(dest...); err != nil {
		return t, fmt.Errorf("storage: totals: %w", err)
	}
	return t, nil
}

// Week returns the summary of the ISO week that starts at monday (a local
// Monday 00:00; its location is the time zone of the days).
func (s *Store) Week(ctx context.Context, monday time.Time) (Week, error) {
	days := tracker.WeekDays(monday)
	w := Week{Start: days[0], End: days[7]}
	// The previous week's totals come from a second connection meanwhile:
	// on two cores the summary takes the time of its larger query.
	prev := time.Date(monday.Year(), monday.Month(), monday.Day()-7, 0, 0, 0, 0, monday.Location())
	prevDone := make(chan error, 1)
	go func() {
		var err error
		w.Previous, err = s.Totals(ctx, prev, monday)
		prevDone <- err
	}()
	ks, err := s.aggregate(ctx, days[:])
	if perr := <-prevDone; err == nil {
		err = perr
	}
	if err != nil {
		return w, err
	}
	sites, cats, tools := map[string]Totals{}, map[string]Totals{}, map[string]Totals{}
	for _, k := range ks {
		t := k.totals()
		w.Total = w.Total.Add(t)
		w.Days[k.idx] = w.Days[k.idx].Add(t)
		sites[k.site] = sites[k.site].Add(t)
		if k.category != "" {
			cats[k.category] = cats[k.category].Add(t)
		}
		if k.outcome == string(tracker.OutcomeFollowed) {
			tools[k.tool] = tools[k.tool].Add(t)
		}
	}
	w.BySite, w.ByCategory, w.ByTool = groups(sites), groups(cats), groups(tools)
	return w, nil
}

// groups sorts a map of totals by count (then footprint, then name).
func groups(m map[string]Totals) []Group {
	gs := make([]Group, 0, len(m))
	for k, t := range m {
		if t.Count == 0 && t.Followed == 0 {
			continue
		}
		gs = append(gs, Group{k, t})
	}
	sort.Slice(gs, func(i, j int) bool {
		a, b := gs[i], gs[j]
		if a.Count+a.Followed != b.Count+b.Followed {
			return a.Count+a.Followed > b.Count+b.Followed
		}
		if a.Footprint.EnergyWh.Central != b.Footprint.EnergyWh.Central {
			return a.Footprint.EnergyWh.Central > b.Footprint.EnergyWh.Central
		}
		return a.Key < b.Key
	})
	return gs
}
