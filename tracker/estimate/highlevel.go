package estimate

import "fmt"

// Result is the outcome of a high-level lookup, as the reference returns
// it: impacts, or errors; warnings when the estimate is less precise.
type Result struct {
	Impacts  *Impacts // nil when Errors is not empty
	Warnings []Status // nil when none
	Errors   []Status // nil on success
	Zone     string   // the zone whose mix was used ("" on error)
	Model    Model    // the model found
}

// LLMImpacts estimates one request to a registered model, the way the
// EcoLogits high-level API does (METHOD.md §5): model lookup, zone
// fallback (explicit zone → provider's datacenter → WOR), provider
// assumptions, then Compute. Lookup failures are reported in Result.Errors
// with the reference's messages; a degenerate model returns an error.
func (r *Registry) LLMImpacts(provider, model string, outputTokens float64, latency *float64, zone *string) (Result, error) {
	m, ok := r.Model(provider, model)
	p, pok := ProviderByName(provider)
	if !ok || !pok {
		s, _ := NewError(ErrModelNotRegistered, fmt.Sprintf("Could not find model `%s` for %s provider.", model, provider))
		return Result{Errors: []Status{s}}, nil
	}
	z := "WOR"
	switch {
	case zone != nil:
		z = *zone
	case p.Zone != "":
		z = p.Zone
	}
	mix, ok := r.Mix(z)
	if !ok {
		s, _ := NewError(ErrZoneNotRegistered, fmt.Sprintf("Could not find electricity mix for `%s` zone.", z))
		return Result{Errors: []Status{s}, Model: m}, nil
	}
	imp, err := Compute(Inputs{
		Active: m.Active, Total: m.Total,
		OutputTokens: outputTokens, Latency: latency,
		Mix: mix, PUE: p.PUE, WUE: p.WUE,
		TPS: m.TPS, TTFT: m.TTFT,
	})
	if err != nil {
		return Result{}, fmt.Errorf("estimate %s/%s: %w", provider, model, err)
	}
	res := Result{Impacts: &imp, Zone: z, Model: m}
	seen := map[string]bool{}
	for _, list := range [][]string{m.Warnings, mix.Warnings} {
		for _, c := range list {
			if !seen[c] {
				seen[c] = true
				res.Warnings = append(res.Warnings, mustWarning(c))
			}
		}
	}
	return res, nil
}
