package estimate

// The spec serialisation of results (EcoLogits spec 0.2.0): each impact is
// {type, name, value, unit} with value a number or {min, max}. SpecTree
// builds it as plain maps, slices, strings, float64 and nil, ready for
// encoding/json (finite values) or for comparison with the vectors.

func (v Value) specValue() any {
	if v.Range {
		return map[string]any{"min": v.Min, "max": v.Max}
	}
	return v.Min
}

func impact(typ, name, unit string, v Value) map[string]any {
	return map[string]any{"type": typ, "name": name, "value": v.specValue(), "unit": unit}
}

func energyI(v Value) map[string]any { return impact("energy", "Energy", "kWh", v) }
func gwpI(v Value) map[string]any    { return impact("GWP", "Global Warming Potential", "kgCO2eq", v) }
func adpeI(v Value) map[string]any {
	return impact("ADPe", "Abiotic Depletion Potential (elements)", "kgSbeq", v)
}
func peI(v Value) map[string]any  { return impact("PE", "Primary Energy", "MJ", v) }
func wcfI(v Value) map[string]any { return impact("WCF", "Water Consumption Footprint", "L", v) }

// SpecTree returns the impacts in the spec's shape.
func (i Impacts) SpecTree() map[string]any {
	return map[string]any{
		"energy": energyI(i.Energy), "gwp": gwpI(i.GWP), "adpe": adpeI(i.ADPe),
		"pe": peI(i.PE), "wcf": wcfI(i.WCF),
		"usage": map[string]any{
			"type": "usage", "name": "Usage",
			"energy": energyI(i.Usage.Energy), "gwp": gwpI(i.Usage.GWP), "adpe": adpeI(i.Usage.ADPe),
			"pe": peI(i.Usage.PE), "wcf": wcfI(i.Usage.WCF),
		},
		"embodied": map[string]any{
			"type": "embodied", "name": "Embodied",
			"gwp": gwpI(i.Embodied.GWP), "adpe": adpeI(i.Embodied.ADPe), "pe": peI(i.Embodied.PE),
		},
	}
}

func statusList(l []Status) any {
	if len(l) == 0 {
		return nil
	}
	out := make([]any, len(l))
	for i, s := range l {
		out[i] = map[string]any{"code": s.Code, "message": s.Message}
	}
	return out
}

// SpecTree returns the result in the spec's high-level shape: the seven
// impact fields (null on error), warnings and errors (null when none).
func (r Result) SpecTree() map[string]any {
	t := map[string]any{}
	if r.Impacts != nil {
		t = r.Impacts.SpecTree()
	} else {
		for _, k := range []string{"energy", "gwp", "adpe", "pe", "wcf", "usage", "embodied"} {
			t[k] = nil
		}
	}
	t["warnings"] = statusList(r.Warnings)
	t["errors"] = statusList(r.Errors)
	return t
}
