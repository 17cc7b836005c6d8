package estimate

import (
	"math"

	"frugal/tracker"
)

// Alternative is a lighter tool the classifier can suggest, with its own
// footprint per use.
type Alternative struct {
	Tool      string
	Footprint tracker.Footprint
	Source    string // where the numbers come from, or the assumption made
}

// webSearch: Google, "Powering a Google search" (official blog, Jan 2009):
// 0.0003 kWh (0.3 Wh) and about 0.2 g of CO2 per search. No water figure
// was given: 0 is an undercount we state.
var webSearch = tracker.Footprint{
	EnergyWh: tracker.Range{Low: 0.3, Central: 0.3, High: 0.3},
	CO2Grams: tracker.Range{Low: 0.2, Central: 0.2, High: 0.2},
	Method:   MethodVersion,
}

// local tools compute on the person's device (calculator, clock, unit
// converter) or fetch a few kilobytes (weather, dictionary, maps already
// open). We found no per-use figure; we assume ≈ 0, which makes "avoided"
// an upper bound for them.
var local = tracker.Footprint{Method: MethodVersion}

// Alternatives lists the tools Frugal suggests and what one use costs.
var Alternatives = []Alternative{
	{"search", webSearch, "Google, \"Powering a Google search\", 2009: 0.3 Wh, 0.2 g CO2 per search"},
	{"weather", local, "assumption: a weather app or site fetches a forecast of a few kB; ≈ 0"},
	{"calculator", local, "assumption: computed on the device; ≈ 0"},
	{"clock", local, "assumption: read on the device; ≈ 0"},
	{"converter", local, "assumption: computed on the device; ≈ 0"},
	{"dictionary", local, "assumption: one page of a few kB; ≈ 0"},
	{"translator", webSearch, "assumption: a short translation costs about one web search (Google, 2009: 0.3 Wh)"},
	{"maps", local, "assumption: a maps app already on the device; ≈ 0"},
}

// AlternativeFor returns a tool's footprint; an unknown tool counts as a
// web search, the costliest alternative, so "avoided" is never inflated.
func AlternativeFor(tool string) Alternative {
	for _, a := range Alternatives {
		if a.Tool == tool {
			return a
		}
	}
	return Alternative{Tool: tool, Footprint: webSearch, Source: "unknown tool: counted as one web search"}
}

// Avoided is what following the suggestion saved: the AI request's
// footprint minus the tool's, bound by bound (low = request low − tool
// high, high = request high − tool low), never below zero. Callers count
// it only when the person followed the suggestion.
func Avoided(req tracker.Footprint, tool string) tracker.Footprint {
	alt := AlternativeFor(tool).Footprint
	sub := func(a, b tracker.Range) tracker.Range {
		lo := math.Max(0, a.Low-b.High)
		hi := math.Max(0, a.High-b.Low)
		return tracker.Range{Low: lo, Central: math.Min(math.Max(central(lo, hi), lo), hi), High: hi}
	}
	return tracker.Footprint{
		EnergyWh: sub(req.EnergyWh, alt.EnergyWh),
		CO2Grams: sub(req.CO2Grams, alt.CO2Grams),
		WaterML:  sub(req.WaterML, alt.WaterML),
		Method:   req.Method, Zone: req.Zone, WhatIf: req.WhatIf,
	}
}
