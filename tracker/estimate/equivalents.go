package estimate

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// An everyday quantity with the footprint of one unit of it.
type equivalent struct {
	id         string
	perUnit    float64 // grams CO2e per unit, or Wh per unit when byEnergy
	byEnergy   bool
	en, enMany string
	fr, frMany string
}

// The equivalents, in order of preference when several read well.
var equivalents = []equivalent{
	// Luccioni et al., "Power Hungry Processing" (FAccT 2024), citing the US
	// EPA: charging a smartphone takes 0.012 kWh.
	{"phone_charge", 12, true, "phone charge", "phone charges", "recharge de téléphone", "recharges de téléphone"},
	// ADEME, Impact CO2 (impactco2.fr, transport comparator), update of
	// 4 May 2026: "voiture" (average car of the French fleet, all engines)
	// 142 g CO2e per km, manufacture included (a compact petrol car: 170 g).
	{"car_km", 142, false, "km by car (average car, ADEME 2026)", "km by car (average car, ADEME 2026)", "km en voiture (voiture moyenne, ADEME 2026)", "km en voiture (voiture moyenne, ADEME 2026)"},
	// IEA, "The carbon footprint of streaming video: fact-checking the
	// headlines" (George Kamiya, Dec 2020): one hour ≈ 0.077 kWh, ≈ 36 g CO2.
	{"streaming_hour", 36, false, "hour of video streaming", "hours of video streaming", "heure de streaming vidéo", "heures de streaming vidéo"},
	// ADEME, Impact CO2 (impactco2.fr): TGV ≈ 2.93 g CO2e per passenger-km.
	{"tgv_km", 2.93, false, "km by TGV", "km by TGV", "km en TGV", "km en TGV"},
}

// Equivalence is a footprint said in everyday terms.
type Equivalence struct {
	ID     string  // "phone_charge", "car_km", "streaming_hour", "tgv_km"
	Amount float64 // how many units
	Text   string  // e.g. "≈ 3.4 phone charges" / "≈ 3,4 recharges de téléphone"
}

// Equivalent picks the everyday quantity that makes a total readable: the
// first, in order of preference, whose amount lies between 1 and 1000;
// failing that, the one closest to that band. lang is "fr" or anything
// else for English.
func Equivalent(co2Grams, energyWh float64, lang string) Equivalence {
	best, bestDist := -1, math.Inf(1)
	amounts := make([]float64, len(equivalents))
	for i, q := range equivalents {
		x := co2Grams
		if q.byEnergy {
			x = energyWh
		}
		a := x / q.perUnit
		amounts[i] = a
		if !(a > 0) || math.IsInf(a, 0) {
			continue
		}
		d := 0.0
		if a < 1 {
			d = -math.Log10(a)
		} else if a >= 1000 {
			d = math.Log10(a / 1000)
		}
		if d < bestDist {
			best, bestDist = i, d
		}
	}
	if best < 0 {
		best = 0
	}
	q, a := equivalents[best], amounts[best]
	return Equivalence{ID: q.id, Amount: a, Text: "≈ " + formatAmount(a, lang) + " " + unitName(q, a, lang)}
}

// unitName agrees the unit with the amount as it is printed (CLDR plural
// rules): English is singular only for exactly "1"; French is singular
// below 2 ("1,7 recharge de téléphone", "0,5 heure").
func unitName(q equivalent, a float64, lang string) string {
	shown, err := strconv.ParseFloat(strings.ReplaceAll(formatAmount(a, lang), ",", "."), 64)
	if err != nil {
		shown = a
	}
	if lang == "fr" {
		if shown < 2 {
			return q.fr
		}
		return q.frMany
	}
	if shown == 1 {
		return q.en
	}
	return q.enMany
}

// formatAmount keeps two significant digits, with a decimal comma in French.
func formatAmount(a float64, lang string) string {
	var s string
	switch {
	case a >= 100:
		s = strconv.FormatFloat(math.Round(a), 'f', 0, 64)
	case a >= 10:
		s = strconv.FormatFloat(a, 'f', 0, 64)
	default:
		s = strconv.FormatFloat(a, 'g', 2, 64)
		if strings.Contains(s, "e") {
			s = fmt.Sprintf("%.2g", a)
		}
	}
	if lang == "fr" {
		s = strings.ReplaceAll(s, ".", ",")
	}
	return s
}
