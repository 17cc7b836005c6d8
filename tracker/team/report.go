package team

import (
	"encoding/csv"
	"io"
	"sort"
	"strconv"
)

// MinGroupFloor is the smallest group size a report accepts; DefaultMinGroup
// is the one it uses unless told otherwise.
const (
	MinGroupFloor   = 3
	DefaultMinGroup = 5
)

// Totals sums shares. People counts distinct install ids.
type Totals struct {
	People    int
	Requests  int64
	Trivial   int64
	Followed  int64
	Images    int64
	Videos    int64
	Estimated int64
	EnergyWh  Range
	CO2eG     Range
	WaterML   Range
}

func (t *Totals) add(a Assistant) {
	t.Requests += a.Requests
	t.Trivial += a.Trivial
	t.Followed += a.Followed
	t.Images += a.Images
	t.Videos += a.Videos
	t.Estimated += a.Estimated
	t.EnergyWh = t.EnergyWh.add(a.EnergyWh)
	t.CO2eG = t.CO2eG.add(a.CO2eG)
	t.WaterML = t.WaterML.add(a.WaterML)
}

// TrivialShare is the share of sent requests a lighter tool would have
// answered (0 with no request).
func (t Totals) TrivialShare() float64 {
	if t.Requests == 0 {
		return 0
	}
	return float64(t.Trivial) / float64(t.Requests)
}

// Group is the totals of a team, an assistant or a week.
type Group struct {
	Key string
	Totals
}

// Row is one line of the CSV: a team in a week on one assistant. People is
// the size of the team that week (everyone in it, whichever assistant they
// used).
type Row struct {
	Week, Team, Assistant string
	Totals
}

// LeftOut is a week with fewer people than the minimum group: it is not in
// the report at all, since its totals would be a few people's.
type LeftOut struct {
	Week   string
	People int
}

// Report is everything the HTML page and the CSV show.
type Report struct {
	MinGroup    int
	Files       int // files looked at
	Total       Totals
	Weeks       []Group // by week, oldest first
	Teams       []Group // by team, largest first, Other last
	ByAssistant []Group // in Slots order, only those used
	Rows        []Row   // week, then team, then assistant (Slots order)
	LeftOut     []LeftOut
	Merged      int // team-weeks merged into Other for privacy
	Methods     []string
	Scopes      []string
	Skipped     []Skipped
}

// Build puts a report together. Privacy rule, for each week: a team with
// fewer than minGroup people that week is merged into Other (people without
// a team label are in Other from the start); if Other then holds fewer than
// minGroup people, the smallest named team joins it, until Other is empty
// or large enough. A week with fewer than minGroup people in all is left
// out. So every team, week and row of the report stands for minGroup people
// at least.
func Build(c *Collection, minGroup int) *Report {
	if minGroup < MinGroupFloor {
		minGroup = MinGroupFloor
	}
	r := &Report{MinGroup: minGroup, Files: c.Files, Skipped: c.Skipped()}
	type person struct {
		id string
		e  *entry
	}
	byWeek := map[string][]person{}
	for k, e := range c.entries {
		w := k[len(k)-8:]
		byWeek[w] = append(byWeek[w], person{k[:len(k)-9], e})
	}
	weeks := make([]string, 0, len(byWeek))
	for w := range byWeek {
		weeks = append(weeks, w)
	}
	sort.Strings(weeks)

	teamTotals := map[string]*Totals{}
	teamPeople := map[string]map[string]bool{}
	allPeople := map[string]bool{}
	var asst [8]Totals
	asstPeople := [8]map[string]bool{}
	methods, scopes := map[string]bool{}, map[string]bool{}

	for _, w := range weeks {
		ps := byWeek[w]
		if len(ps) < minGroup {
			r.LeftOut = append(r.LeftOut, LeftOut{w, len(ps)})
			continue
		}
		// Teams of this week and their sizes.
		size := map[string]int{}
		for _, p := range ps {
			if p.e.team != "" && p.e.team != Other {
				size[p.e.team]++
			}
		}
		named := map[string]bool{}
		others := len(ps)
		for t, n := range size {
			if n >= minGroup {
				named[t] = true
				others -= n
			}
		}
		for others > 0 && others < minGroup && len(named) > 0 {
			small := ""
			for t := range named {
				if small == "" || size[t] < size[small] || size[t] == size[small] && t > small {
					small = t
				}
			}
			delete(named, small)
			others += size[small]
		}
		r.Merged += len(size) - len(named)
		group := func(p person) string {
			if named[p.e.team] {
				return p.e.team
			}
			return Other
		}
		sort.Slice(ps, func(i, j int) bool { return ps[i].id < ps[j].id })
		wk := Group{Key: w}
		wk.People = len(ps)
		rows := map[string]*[8]Totals{}
		groupSize := map[string]int{}
		for _, p := range ps {
			g := group(p)
			groupSize[g]++
			if rows[g] == nil {
				rows[g] = &[8]Totals{}
			}
			if teamTotals[g] == nil {
				teamTotals[g], teamPeople[g] = &Totals{}, map[string]bool{}
			}
			teamPeople[g][p.id] = true
			allPeople[p.id] = true
			methods[p.e.methods], scopes[p.e.scope] = true, true
			for i, a := range p.e.slots {
				rows[g][i].add(a)
				teamTotals[g].add(a)
				wk.add(a)
				asst[i].add(a)
				if !a.empty() {
					if asstPeople[i] == nil {
						asstPeople[i] = map[string]bool{}
					}
					asstPeople[i][p.id] = true
				}
			}
		}
		r.Weeks = append(r.Weeks, wk)
		r.Total.add(Assistant{Requests: wk.Requests, Trivial: wk.Trivial, Followed: wk.Followed, Images: wk.Images,
			Videos: wk.Videos, Estimated: wk.Estimated, EnergyWh: wk.EnergyWh, CO2eG: wk.CO2eG, WaterML: wk.WaterML})
		names := make([]string, 0, len(rows))
		for g := range rows {
			names = append(names, g)
		}
		sort.Slice(names, func(i, j int) bool { return teamLess(names[i], names[j]) })
		for _, g := range names {
			for i, t := range rows[g] {
				t.People = groupSize[g]
				r.Rows = append(r.Rows, Row{Week: w, Team: g, Assistant: Slots[i], Totals: t})
			}
		}
	}
	r.Total.People = len(allPeople)
	for g, t := range teamTotals {
		t.People = len(teamPeople[g])
		r.Teams = append(r.Teams, Group{g, *t})
	}
	sort.Slice(r.Teams, func(i, j int) bool {
		a, b := r.Teams[i], r.Teams[j]
		if (a.Key == Other) != (b.Key == Other) {
			return b.Key == Other
		}
		if a.Requests != b.Requests {
			return a.Requests > b.Requests
		}
		return a.Key < b.Key
	})
	for i, t := range asst {
		if t.Requests == 0 && t.Followed == 0 {
			continue
		}
		t.People = len(asstPeople[i])
		r.ByAssistant = append(r.ByAssistant, Group{Slots[i], t})
	}
	for m := range methods {
		r.Methods = append(r.Methods, m)
	}
	for s := range scopes {
		r.Scopes = append(r.Scopes, s)
	}
	sort.Strings(r.Methods)
	sort.Strings(r.Scopes)
	return r
}

// teamLess orders teams by name, Other last.
func teamLess(a, b string) bool {
	if (a == Other) != (b == Other) {
		return b == Other
	}
	return a < b
}

// CSVHeader is the CSV's first line; docs/TEAM.md describes each column.
var CSVHeader = []string{"week", "team", "assistant", "people", "requests", "trivial_requests", "nudges_followed",
	"images", "videos", "estimated_requests",
	"energy_wh_low", "energy_wh_central", "energy_wh_high",
	"co2e_g_low", "co2e_g_central", "co2e_g_high",
	"water_ml_low", "water_ml_central", "water_ml_high"}

// WriteCSV writes the rows, one per team × week × assistant (RFC 4180,
// comma, UTF-8 without byte order mark, '.' as decimal point).
func (r *Report) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	i := strconv.FormatInt
	f := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
	for _, x := range r.Rows {
		rec := []string{x.Week, x.Team, x.Assistant, strconv.Itoa(x.People), i(x.Requests, 10), i(x.Trivial, 10), i(x.Followed, 10),
			i(x.Images, 10), i(x.Videos, 10), i(x.Estimated, 10),
			f(x.EnergyWh.Low), f(x.EnergyWh.Central), f(x.EnergyWh.High),
			f(x.CO2eG.Low), f(x.CO2eG.Central), f(x.CO2eG.High),
			f(x.WaterML.Low), f(x.WaterML.Central), f(x.WaterML.High)}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
