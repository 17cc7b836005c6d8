package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func testEnv(vars map[string]string) (*Env, *bytes.Buffer, *bytes.Buffer) {
	var out, errb bytes.Buffer
	return &Env{
		Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb,
		Getenv: func(k string) string { return vars[k] },
		Now:    func() time.Time { return time.Date(2025, 9, 1, 12, 0, 0, 0, time.UTC) },
	}, &out, &errb
}

func TestEstimate_PrintsARangeWithItsMethod(t *testing.T) {
	env, out, errb := testEnv(nil)
	code := Run(context.Background(), env, "estimate", []string{"--site", "chatgpt", "--output-chars", "1600", "--latency", "8s"})
	if code != ExitOK {
		t.Fatalf("exit %d, stderr %q", code, errb)
	}
	for _, want := range []string{"openai/gpt-5.2-chat-latest", "zone USA", "Wh", "g CO2e", "mL", "ecologits-0.11.2+frugal-3", "location-based carbon", "the site's default — OpenAI"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestEstimate_JSONWhatIfZone(t *testing.T) {
	env, out, errb := testEnv(nil)
	code := Run(context.Background(), env, "estimate", []string{"--provider", "mistralai", "--model", "mistral-large-2512",
		"--output-tokens", "400", "--zone", "fra", "--json"})
	if code != ExitOK {
		t.Fatalf("exit %d, stderr %q", code, errb)
	}
	var got struct {
		Zone     string                               `json:"zone"`
		WhatIf   bool                                 `json:"what_if"`
		EnergyWh struct{ Low, Central, High float64 } `json:"energy_wh"`
	}
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if got.Zone != "FRA" || !got.WhatIf || !(got.EnergyWh.Low > 0 && got.EnergyWh.Low <= got.EnergyWh.Central && got.EnergyWh.Central <= got.EnergyWh.High) {
		t.Errorf("got %+v", got)
	}
}

func TestEstimate_CoreIsEcoLogits(t *testing.T) {
	env, out, errb := testEnv(nil)
	code := Run(context.Background(), env, "estimate", []string{"--provider", "cohere", "--model", "c4ai-aya-expanse-32b",
		"--output-tokens", "200", "--latency", "5s", "--core", "--json"})
	if code != ExitOK {
		t.Fatalf("exit %d, stderr %q", code, errb)
	}
	var got struct {
		Method   string
		EnergyWh struct{ Low float64 } `json:"energy_wh"`
	}
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	// EcoLogits' worked example (METHOD.md §7): 1.639303138765219e-05 kWh.
	if got.Method != "ecologits-0.11.2" || got.EnergyWh.Low != 1.639303138765219e-05*1000 {
		t.Errorf("got %+v", got)
	}
}

func TestEstimate_BadInputIsOneLine(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"site and provider", []string{"--site", "claude", "--provider", "openai", "--model", "gpt-4o"}, ExitUsage, "not both"},
		{"nothing", []string{}, ExitUsage, "--site"},
		{"negative tokens", []string{"--site", "claude", "--output-tokens", "-4"}, ExitUsage, "negative output tokens"},
		{"absurd tokens", []string{"--site", "claude", "--output-tokens", "99999999"}, ExitUsage, "beyond"},
		{"NaN tokens", []string{"--site", "claude", "--output-tokens", "NaN"}, ExitUsage, "invalid value"},
		{"unknown zone", []string{"--site", "claude", "--zone", "ZZZ"}, ExitUsage, `unknown zone "ZZZ"`},
		{"bad kind", []string{"--site", "claude", "--kind", "hologram"}, ExitUsage, "unknown kind"},
		{"negative latency", []string{"--site", "claude", "--latency", "-3s"}, ExitUsage, "latency"},
		{"tokens and chars", []string{"--site", "claude", "--output-tokens", "3", "--output-chars", "9"}, ExitUsage, "not both"},
		{"unknown provider", []string{"--provider", "nope", "--model", "x"}, ExitUsage, "unknown provider"},
		{"core without tokens", []string{"--provider", "openai", "--model", "gpt-4o", "--core"}, ExitUsage, "output tokens are required"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env, out, errb := testEnv(nil)
			code := Run(context.Background(), env, "estimate", tc.args)
			lines := strings.Count(strings.TrimRight(errb.String(), "\n"), "\n") + 1
			if code != tc.code || !strings.Contains(errb.String(), tc.want) || lines != 1 || out.Len() != 0 {
				t.Errorf("exit %d, stderr %q, stdout %q; want exit %d and one line with %q", code, errb, out, tc.code, tc.want)
			}
		})
	}
}

func TestMethodology_FollowsLanguage(t *testing.T) {
	for _, tc := range []struct {
		env  map[string]string
		args []string
		want string
	}{
		{map[string]string{"LANG": "fr_FR.UTF-8"}, nil, "Comment Frugal estime"},
		{map[string]string{"LANG": "en_GB.UTF-8"}, nil, "How Frugal estimates"},
		{map[string]string{"LANG": "fr_FR.UTF-8"}, []string{"--lang", "en"}, "How Frugal estimates"},
		{nil, []string{"--lang", "fr"}, "EcoLogits 0.11.2"},
	} {
		env, out, errb := testEnv(tc.env)
		if code := Run(context.Background(), env, "methodology", tc.args); code != ExitOK {
			t.Fatalf("exit %d: %s", code, errb)
		}
		if !strings.Contains(out.String(), tc.want) || !strings.Contains(out.String(), "https://epoch.ai") {
			t.Errorf("%v %v: output lacks %q", tc.env, tc.args, tc.want)
		}
	}
	env, _, _ := testEnv(nil)
	if code := Run(context.Background(), env, "methodology", []string{"--lang", "de"}); code != ExitUsage {
		t.Errorf("--lang de: exit %d", code)
	}
}

func TestCredibility_PrintsTheComparisonTable(t *testing.T) {
	env, out, errb := testEnv(map[string]string{"FRUGAL_DB": t.TempDir() + "/frugal.db"})
	code := Run(context.Background(), env, "credibility", nil)
	if code != ExitOK {
		t.Fatalf("exit %d, stderr %q", code, errb)
	}
	for _, want := range []string{"| openai-energy | 0.34 Wh |", "| google-co2 | 0.03 g CO2e |", "carbon=market water=onsite", "mittr-llama405b", "yes"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestCredibility_FailsOnARefusedTable(t *testing.T) {
	for _, tc := range []struct{ file, data, want string }{
		{"calibration.csv", "garbage,\"\n", "calibration.csv:1"},
		{"labels.csv", "a,b\n1,2\n", "labels.csv"},
	} {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, tc.file), []byte(tc.data), 0o600); err != nil {
			t.Fatal(err)
		}
		env, out, errb := testEnv(nil)
		code := Run(context.Background(), env, "credibility", []string{"--data-dir", dir})
		if code != ExitFailure || !strings.Contains(errb.String(), tc.want) || !strings.Contains(out.String(), "| openai-energy |") {
			t.Errorf("a bad %s: exit %d, stderr %q; want exit 1, the reason and the built-in rows", tc.file, code, errb)
		}
	}
	env, _, errb := testEnv(nil)
	if code := Run(context.Background(), env, "credibility", []string{"--data-dir", filepath.Join(t.TempDir(), "none")}); code != ExitFailure {
		t.Errorf("a missing --data-dir: exit %d, %q", code, errb)
	}
}

func TestEstimate_ScopeFlagsChangeCarbonAndWater(t *testing.T) {
	get := func(args ...string) (co2, water float64, scope string) {
		env, out, errb := testEnv(nil)
		if code := Run(context.Background(), env, "estimate", append([]string{"--site", "gemini", "--output-tokens", "400", "--json"}, args...)); code != ExitOK {
			t.Fatalf("exit %d, stderr %q", code, errb)
		}
		var got struct {
			CO2   struct{ Central float64 } `json:"co2_g"`
			Water struct{ Central float64 } `json:"water_ml"`
			Scope string                    `json:"scope"`
		}
		if err := json.Unmarshal(out.Bytes(), &got); err != nil {
			t.Fatal(err)
		}
		return got.CO2.Central, got.Water.Central, got.Scope
	}
	c0, w0, s0 := get()
	c1, w1, s1 := get("--carbon", "market", "--water", "onsite")
	c2, _, _ := get("--no-embodied")
	if s0 != "carbon=location water=total embodied=on" || s1 != "carbon=market water=onsite embodied=on" {
		t.Errorf("scopes %q, %q", s0, s1)
	}
	if !(c1 < c0/2 && w1 < w0 && c2 < c0) {
		t.Errorf("location %g g %g mL; market+onsite %g g %g mL; no embodied %g g", c0, w0, c1, w1, c2)
	}
	env, _, _ := testEnv(nil)
	if code := Run(context.Background(), env, "estimate", []string{"--site", "gemini", "--carbon", "marginal"}); code != ExitUsage {
		t.Errorf("a bad scope: exit %d, want usage error", code)
	}
}

func TestMethodology_NamesTheScopeInUse(t *testing.T) {
	db := t.TempDir() + "/f.db"
	env, out, errb := testEnv(map[string]string{"FRUGAL_DB": db})
	if code := Run(context.Background(), env, "methodology", []string{"--lang", "en"}); code != ExitOK || !strings.HasPrefix(out.String(), "Scope in use: location-based carbon") {
		t.Fatalf("exit %d %q: %s", code, errb, out.String()[:min(200, out.Len())])
	}
	env, _, _ = testEnv(map[string]string{"FRUGAL_DB": db})
	if code := Run(context.Background(), env, "settings", []string{"--carbon", "market"}); code != ExitOK {
		t.Fatal("settings")
	}
	env, out, _ = testEnv(map[string]string{"FRUGAL_DB": db})
	Run(context.Background(), env, "methodology", []string{"--lang", "fr"})
	if !strings.HasPrefix(out.String(), "Périmètre utilisé : carbone selon les achats") {
		t.Errorf("French, market: %s", out.String()[:min(200, out.Len())])
	}
}
