package team

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"frugal/tracker"
)

// GenOptions describe synthetic share files: People people, each sharing
// Weeks consecutive weeks from FirstWeek, spread over Teams in turn.
type GenOptions struct {
	People, Weeks int
	FirstWeek     string   // e.g. 2026-W01
	Teams         []string // "" = no team label
}

// Generate writes synthetic share files into dir, one folder per week,
// built the way `frugal share` builds them (requests through a Builder),
// and returns the totals they hold. The figures are chosen, not measured:
// the tests and the benchmark check the report against them.
func Generate(dir string, o GenOptions) (Totals, error) {
	var sum Totals
	first, err := tracker.ParseISOWeek(o.FirstWeek, time.UTC)
	if err != nil {
		return sum, err
	}
	if len(o.Teams) == 0 {
		o.Teams = []string{""}
	}
	sum.People = o.People
	fp := func(n float64) *tracker.Footprint {
		return &tracker.Footprint{
			EnergyWh: tracker.Range{Low: 0.1 * n, Central: 0.3 * n, High: 0.9 * n},
			CO2Grams: tracker.Range{Low: 0.05 * n, Central: 0.2 * n, High: 0.8 * n},
			WaterML:  tracker.Range{Low: 0.3 * n, Central: 1 * n, High: 3 * n},
			Method:   "synthetic-1",
		}
	}
	for w := range o.Weeks {
		monday := first.AddDate(0, 0, 7*w)
		wdir := filepath.Join(dir, tracker.ISOWeek(monday))
		if err := os.MkdirAll(wdir, 0o755); err != nil {
			return sum, err
		}
		for p := range o.People {
			var b Builder
			site := append(append([]string{}, Assistants...), "my-local-llm")[(p+w)%8]
			n := 1 + (p*7+w)%10 + (w*3)%7 // a weekly pattern for the trend chart
			for i := range n {
				r := tracker.Request{Site: site, Kind: tracker.KindText, Outcome: tracker.OutcomeSent, Footprint: fp(1)}
				if i%3 == 0 {
					r.Category = tracker.CatWeather
				}
				if i == 0 && p%5 == 0 {
					r.Kind = tracker.KindImage
				}
				b.Add(&r)
			}
			for range (p + w) % 3 {
				b.Add(&tracker.Request{Site: site, Kind: tracker.KindText, Outcome: tracker.OutcomeFollowed, Footprint: fp(1)})
			}
			id := fmt.Sprintf("%032x", p+1)
			s := b.Share(id, o.Teams[p%len(o.Teams)], monday, monday.AddDate(0, 0, 7), "synthetic-1", DefaultScope)
			data, err := s.Encode()
			if err != nil {
				return sum, err
			}
			if err := os.WriteFile(filepath.Join(wdir, fmt.Sprintf("%04d.json", p)), data, 0o644); err != nil {
				return sum, err
			}
			for _, a := range s.Assistants {
				sum.add(a)
			}
		}
	}
	return sum, nil
}
