package tracker

// Range is an estimate with its bounds: Low ≤ Central ≤ High.
type Range struct {
	Low, Central, High float64
}

// Add returns the bound-wise sum.
func (r Range) Add(o Range) Range {
	return Range{r.Low + o.Low, r.Central + o.Central, r.High + o.High}
}

// Footprint is the estimated footprint of one request (or a sum of them).
type Footprint struct {
	EnergyWh Range
	CO2Grams Range  // g CO2e, usage + embodied, location-based
	WaterML  Range  // usage only (on-site + electricity generation)
	Method   string // e.g. "ecologits-0.11.2+frugal-1"
	Zone     string // grid zone the carbon figure used (ISO 3166-1 alpha-3 or WOR)
	WhatIf   bool   // Zone is the user's "what if" choice, not the provider's
}

// Add sums two footprints bound-wise; the method is kept when both agree.
func (f Footprint) Add(o Footprint) Footprint {
	s := Footprint{
		EnergyWh: f.EnergyWh.Add(o.EnergyWh),
		CO2Grams: f.CO2Grams.Add(o.CO2Grams),
		WaterML:  f.WaterML.Add(o.WaterML),
		Method:   f.Method,
		Zone:     f.Zone,
		WhatIf:   f.WhatIf,
	}
	if f.Method == "" {
		s.Method, s.Zone, s.WhatIf = o.Method, o.Zone, o.WhatIf
	}
	return s
}
