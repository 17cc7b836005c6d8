package estimate

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
)

// Scope says what an estimate counts. Published figures differ in scope
// (Google's are market-based carbon and on-site water; EcoLogits' are
// location-based carbon and on-site + electricity-generation water), so
// comparing them means choosing the same scope. The zero Scope is
// Frugal's default: location-based carbon, total water, embodied counted.
type Scope struct {
	// Carbon is "location" (the grid's average mix, the default) or
	// "market" (the provider's own market-based factor, where it publishes
	// one).
	Carbon string
	// Water is "total" (on-site cooling + water consumed generating the
	// electricity, EcoLogits' WCF, the default) or "onsite" (cooling only).
	Water string
	// NoEmbodied leaves out the carbon of making the hardware.
	NoEmbodied bool
}

// Scope values.
const (
	CarbonLocation = "location"
	CarbonMarket   = "market"
	WaterTotal     = "total"
	WaterOnSite    = "onsite"
)

// Normalize fills the defaults and checks the values.
func (s Scope) Normalize() (Scope, error) {
	s.Carbon = strings.ToLower(strings.TrimSpace(s.Carbon))
	s.Water = strings.ToLower(strings.TrimSpace(s.Water))
	switch s.Carbon {
	case "", CarbonLocation, "location-based":
		s.Carbon = CarbonLocation
	case CarbonMarket, "market-based":
		s.Carbon = CarbonMarket
	default:
		return s, fmt.Errorf("carbon scope %q (want location or market)", s.Carbon)
	}
	switch s.Water {
	case "", WaterTotal, "onsite+generation", "on-site+generation":
		s.Water = WaterTotal
	case WaterOnSite, "on-site":
		s.Water = WaterOnSite
	default:
		return s, fmt.Errorf("water scope %q (want total or onsite)", s.Water)
	}
	return s, nil
}

// String is the scope's short name, part of the method version stored with
// every estimate: "carbon=location water=total embodied=on".
func (s Scope) String() string {
	s, _ = s.Normalize()
	emb := "on"
	if s.NoEmbodied {
		emb = "off"
	}
	return "carbon=" + s.Carbon + " water=" + s.Water + " embodied=" + emb
}

// Describe says the scope in words, in French when lang is "fr".
func (s Scope) Describe(lang string) string {
	s, _ = s.Normalize()
	if lang == "fr" {
		c := "carbone selon le mix moyen du réseau (location-based)"
		if s.Carbon == CarbonMarket {
			c = "carbone selon les achats d'électricité du fournisseur (market-based), là où il publie un facteur"
		}
		w := "eau sur place et pour produire l'électricité"
		if s.Water == WaterOnSite {
			w = "eau sur place seulement"
		}
		e := "fabrication du matériel comptée"
		if s.NoEmbodied {
			e = "fabrication du matériel non comptée"
		}
		return c + " ; " + w + " ; " + e
	}
	c := "location-based carbon (the grid's average mix)"
	if s.Carbon == CarbonMarket {
		c = "market-based carbon (the provider's own electricity purchases, where it publishes a factor)"
	}
	w := "water on site and for generating the electricity"
	if s.Water == WaterOnSite {
		w = "water on site only"
	}
	e := "hardware manufacture counted"
	if s.NoEmbodied {
		e = "hardware manufacture not counted"
	}
	return c + "; " + w + "; " + e
}

// marketFactor is a provider's market-based carbon factor in kg CO2e/kWh
// (= g/Wh), where one is published.
//   - google_genai: Google, "Measuring the environmental impact of
//     delivering AI at Google scale" (Elsworth et al., Aug 2025): the median
//     Gemini Apps text prompt emits 0.023 g CO2e of market-based scope 2 for
//     0.24 Wh, i.e. 0.023 / 0.24 = 0.096 g/Wh.
//
// Other providers publish no per-request market-based factor: the market
// scope falls back to the location-based mix for them, with a warning.
var marketFactor = map[string]float64{
	"google_genai": 0.023 / 0.24,
}

func digest(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:4])
}
