package estimate

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCalibration is make credibility's check: every published figure in
// data/calibration.csv, estimated under its own scope, either agrees with
// Frugal (inside low–high, central within 2×) or is listed as a
// disagreement with its reason, and still disagrees.
func TestCalibration(t *testing.T) {
	rows, err := LoadCalibration("")
	if err != nil {
		t.Fatal(err)
	}
	checks, err := Credibility(rows, "")
	if err != nil {
		t.Fatal(err)
	}
	agree := 0
	for _, c := range checks {
		if c.Agree() {
			agree++
		}
		if !c.OK() {
			if c.Agrees {
				t.Errorf("%s (line %d): published %g %s is not matched: Frugal %g – %g – %g (%s), ratio %.2f",
					c.ID, c.Line, c.Value, metricUnits[c.Metric], c.Low, c.Central, c.High, c.Model, c.Ratio)
			} else {
				t.Errorf("%s (line %d): now agrees (Frugal %g – %g – %g): mark it agrees and drop its reason",
					c.ID, c.Line, c.Low, c.Central, c.High)
			}
		}
	}
	if testing.Verbose() {
		t.Log("\n" + CredibilityTable(checks))
	}
	if agree == 0 {
		t.Error("no row agrees")
	}
}

func TestCalibration_BadOverrideIsRefusedWithLineAndReason(t *testing.T) {
	good := string(calibrationCSV)
	for _, tc := range []struct{ name, data, want string }{
		{"bad value", strings.Replace(good, ",energy_wh,0.34,", ",energy_wh,abc,", 1), `value "abc"`},
		{"disagrees without why", good + "x,Me,2025-01-01,w,chatgpt,,,,text,,,,energy_wh,1,location,total,on,disagrees,,src\n", "must say why"},
		{"bad metric", good + "x,Me,2025-01-01,w,chatgpt,,,,text,,,,joules,1,location,total,on,agrees,,src\n", `metric "joules"`},
		{"bad scope", good + "x,Me,2025-01-01,w,chatgpt,,,,text,,,,co2_g,1,marginal,total,on,agrees,,src\n", `carbon scope "marginal"`},
		{"bad date", good + "x,Me,01/01/2025,w,chatgpt,,,,text,,,,co2_g,1,location,total,on,agrees,,src\n", "date"},
		{"duplicate id", good + "openai-energy,Me,2025-01-01,w,chatgpt,,,,text,,,,co2_g,1,location,total,on,agrees,,src\n", "already on line"},
		{"no source", good + "x,Me,2025-01-01,w,chatgpt,,,,text,,,,co2_g,1,location,total,on,agrees,,\n", "source"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			p := filepath.Join(dir, CalibrationFile)
			if err := os.WriteFile(p, []byte(tc.data), 0o600); err != nil {
				t.Fatal(err)
			}
			rows, err := LoadCalibration(dir)
			var le *LineError
			if !errors.As(err, &le) || le.File != p || le.Line <= 0 || !strings.Contains(le.Reason, tc.want) {
				t.Fatalf("error %v, want %s:<line>: …%s…", err, p, tc.want)
			}
			def, _ := LoadCalibration("")
			if len(rows) != len(def) || rows[0].ID != def[0].ID {
				t.Errorf("the built-in table must be used: %d rows", len(rows))
			}
		})
	}
}
