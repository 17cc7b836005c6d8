package estimate

import (
	_ "embed"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"frugal/tracker"
)

// calibrationCSV is the table of published per-request figures Frugal is
// compared with (make credibility; data/calibration.csv says how to read it).
//
//go:embed data/calibration.csv
var calibrationCSV []byte

// Calibration is one published per-request figure and the work it measured.
type Calibration struct {
	ID, Who, Date, What string
	Site, Label         string // or Provider and Model when Site is empty
	Provider, Model     string
	Kind                tracker.Kind
	OutputTokens        *int
	InputChars          int
	LatencyS            *float64
	Metric              string // energy_wh, co2_g, water_ml, extra_wh
	Value               float64
	Scope               Scope
	Agrees              bool   // expect: agrees / disagrees
	Why                 string // why Frugal and the publication differ (disagrees)
	Source              string
	Line                int
}

var calibrationHeader = []string{"id", "who", "date", "what", "site", "label", "provider", "model", "kind",
	"output_tokens", "input_chars", "latency_s", "metric", "value", "carbon", "water", "embodied", "expect", "why", "source"}

// Metric units.
var metricUnits = map[string]string{"energy_wh": "Wh", "co2_g": "g CO2e", "water_ml": "mL", "extra_wh": "Wh"}

// ParseCalibration reads a calibration table; name is used in errors.
func ParseCalibration(name string, data []byte) ([]Calibration, error) {
	var rows []Calibration
	ids := map[string]int{}
	err := readTable(name, data, calibrationHeader, func(rec []string, line int) error {
		c := Calibration{ID: rec[0], Who: rec[1], Date: rec[2], What: rec[3], Site: rec[4], Label: rec[5],
			Provider: rec[6], Model: rec[7], Metric: rec[12], Why: rec[18], Source: rec[19], Line: line}
		if c.ID == "" {
			return errors.New("empty id")
		}
		if l, dup := ids[c.ID]; dup {
			return fmt.Errorf("id %q already on line %d", c.ID, l)
		}
		ids[c.ID] = line
		if c.Who == "" || c.What == "" || c.Source == "" {
			return errors.New("who, what and source are required")
		}
		if _, err := time.Parse("2006-01-02", c.Date); err != nil {
			return fmt.Errorf("date %q (want YYYY-MM-DD)", c.Date)
		}
		switch {
		case c.Site != "":
			if _, ok := SiteByID(c.Site); !ok {
				return fmt.Errorf("unknown site %q", c.Site)
			}
		case c.Provider == "" || c.Model == "":
			return errors.New("give a site, or a provider and a model")
		}
		k, err := tracker.ParseKind(rec[8])
		if err != nil {
			return err
		}
		c.Kind = k
		if rec[9] != "" {
			n, err := strconv.Atoi(rec[9])
			if err != nil || n < 0 || n > MaxOutputTokens {
				return fmt.Errorf("output_tokens %q (want 0 to %d)", rec[9], MaxOutputTokens)
			}
			c.OutputTokens = &n
		}
		if rec[10] != "" {
			n, err := strconv.Atoi(rec[10])
			if err != nil || n < 0 || n > MaxChars {
				return fmt.Errorf("input_chars %q (want 0 to %d)", rec[10], MaxChars)
			}
			c.InputChars = n
		}
		if rec[11] != "" {
			x, err := strconv.ParseFloat(rec[11], 64)
			if err != nil || !(x >= 0) || x > maxLatencyS {
				return fmt.Errorf("latency_s %q (want 0 to %g)", rec[11], maxLatencyS)
			}
			c.LatencyS = &x
		}
		if _, ok := metricUnits[c.Metric]; !ok {
			return fmt.Errorf("metric %q (want energy_wh, co2_g, water_ml or extra_wh)", c.Metric)
		}
		v, err := strconv.ParseFloat(rec[13], 64)
		if err != nil || !(v > 0) || math.IsInf(v, 0) {
			return fmt.Errorf("value %q is not a positive number", rec[13])
		}
		c.Value = v
		c.Scope.Carbon, c.Scope.Water = rec[14], rec[15]
		switch rec[16] {
		case "on":
		case "off":
			c.Scope.NoEmbodied = true
		default:
			return fmt.Errorf("embodied %q (want on or off)", rec[16])
		}
		if c.Scope, err = c.Scope.Normalize(); err != nil {
			return err
		}
		switch rec[17] {
		case "agrees":
			c.Agrees = true
		case "disagrees":
			if c.Why == "" {
				return errors.New("a row that disagrees must say why")
			}
		default:
			return fmt.Errorf("expect %q (want agrees or disagrees)", rec[17])
		}
		rows = append(rows, c)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, &LineError{name, 1, "no rows"}
	}
	return rows, nil
}

// LoadCalibration returns the calibration table in dir (the data folder)
// when there is a valid one, else the built-in one, with the reason a
// data-folder table was refused.
func LoadCalibration(dir string) ([]Calibration, error) {
	def, err := ParseCalibration(CalibrationFile, calibrationCSV)
	if err != nil {
		panic("estimate: built-in calibration table: " + err.Error()) // a build error, caught by the tests
	}
	if dir == "" {
		return def, nil
	}
	p := filepath.Join(dir, CalibrationFile)
	b, err := os.ReadFile(p)
	if errors.Is(err, os.ErrNotExist) {
		return def, nil
	}
	if err != nil {
		return def, fmt.Errorf("%s: %w (built-in table used)", p, err)
	}
	rows, err := ParseCalibration(p, b)
	if err != nil {
		return def, fmt.Errorf("%w (built-in table used)", err)
	}
	return rows, nil
}

// Check is one calibration row next to Frugal's estimate of the same work.
type Check struct {
	Calibration
	Model              string // the model Frugal used
	Low, Central, High float64
	Ratio              float64 // Frugal's central / published
	Contains           bool    // Low ≤ published ≤ High
	Within2x           bool    // central within a factor 2 of published
}

// Agree is what a row must show: the published value in the range and the
// central value within 2× of it.
func (c Check) Agree() bool { return c.Contains && c.Within2x }

// OK says whether the row is as the table expects: agreeing rows agree,
// disagreeing rows still disagree (else the table must be updated).
func (c Check) OK() bool { return c.Agree() == c.Agrees }

// Credibility estimates each row's work under the row's scope, with the
// extensions on and the provider's own grid.
func Credibility(rows []Calibration, dataDir string) ([]Check, error) {
	var out []Check
	ests := map[Scope]*Estimator{}
	for _, c := range rows {
		e, ok := ests[c.Scope]
		if !ok {
			var err error
			if e, err = New(Options{Extensions: true, Scope: c.Scope, DataDir: dataDir}); err != nil {
				return nil, err
			}
			ests[c.Scope] = e
		}
		r := &tracker.Request{Site: c.Site, Model: c.Label, Kind: c.Kind, OutputTokens: c.OutputTokens,
			PromptChars: c.InputChars, Source: tracker.SourceCLI}
		if c.Site == "" {
			r.Provider, r.Model = c.Provider, c.Model
		}
		if c.LatencyS != nil {
			d := time.Duration(*c.LatencyS * float64(time.Second))
			r.Latency = &d
		}
		d, err := e.Explain(r)
		if err != nil {
			return nil, fmt.Errorf("calibration %s (line %d): %w", c.ID, c.Line, err)
		}
		var rg tracker.Range
		switch c.Metric {
		case "energy_wh":
			rg = d.Footprint.EnergyWh
		case "co2_g":
			rg = d.Footprint.CO2Grams
		case "water_ml":
			rg = d.Footprint.WaterML
		case "extra_wh":
			rg = d.ExtraWh
		}
		ch := Check{Calibration: c, Model: d.Model, Low: rg.Low, Central: rg.Central, High: rg.High}
		ch.Ratio = rg.Central / c.Value
		// Published values carry two or three significant digits: a bound
		// equal to the value at that precision contains it.
		const eps = 1e-9
		ch.Contains = rg.Low <= c.Value*(1+eps) && c.Value <= rg.High*(1+eps)
		ch.Within2x = ch.Ratio >= 0.5 && ch.Ratio <= 2
		out = append(out, ch)
	}
	return out, nil
}

// CredibilityTable prints the checks as a Markdown table, then each
// disagreement's reason.
func CredibilityTable(checks []Check) string {
	var b strings.Builder
	b.WriteString("| id | published | who, date | scope | Frugal low – central – high (model) | central / published | agrees |\n")
	b.WriteString("|---|---|---|---|---|---|---|\n")
	g := func(x float64) string { return strconv.FormatFloat(x, 'g', 3, 64) }
	for _, c := range checks {
		scope := "energy at the plug"
		switch c.Metric {
		case "co2_g", "water_ml":
			scope = c.Scope.String()
		case "extra_wh":
			scope = "the image or video alone"
		}
		agree := "yes"
		if !c.Agree() {
			agree = "no"
			if !c.Contains {
				agree += ": outside the range"
			} else {
				agree += ": central beyond 2×"
			}
		}
		if !c.OK() {
			agree += " (UNEXPECTED)"
		}
		fmt.Fprintf(&b, "| %s | %s %s | %s, %s | %s | %s – %s – %s (%s) | %s× | %s |\n",
			c.ID, g(c.Value), metricUnits[c.Metric], c.Who, c.Date, scope,
			g(c.Low), g(c.Central), g(c.High), c.Model, strconv.FormatFloat(c.Ratio, 'f', 2, 64), agree)
	}
	b.WriteString("\n")
	for _, c := range checks {
		if c.Why != "" {
			fmt.Fprintf(&b, "- **%s**: %s\n", c.ID, c.Why)
		}
	}
	return b.String()
}
