package estimate

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"frugal/tracker"
)

func TestAvoided_IsRequestMinusTool(t *testing.T) {
	req := tracker.Footprint{
		EnergyWh: tracker.Range{Low: 0.2, Central: 0.5, High: 1.5},
		CO2Grams: tracker.Range{Low: 0.1, Central: 0.2, High: 0.6},
		WaterML:  tracker.Range{Low: 1, Central: 2, High: 4},
	}
	got := Avoided(req, "search")
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-12 }
	if got.EnergyWh.Low != 0 || !near(got.EnergyWh.High, 1.2) {
		t.Errorf("energy avoided %+v, want [0, 1.2]", got.EnergyWh)
	}
	if got.CO2Grams.Low != 0 || !near(got.CO2Grams.High, 0.4) {
		t.Errorf("carbon avoided %+v", got.CO2Grams)
	}
	if w := Avoided(req, "weather"); w.EnergyWh != (tracker.Range{Low: 0.2, Central: w.EnergyWh.Central, High: 1.5}) {
		t.Errorf("weather avoided %+v, want the whole request", w.EnergyWh)
	}
	for _, tool := range []string{"search", "weather", "calculator", "hologram"} {
		a := Avoided(req, tool)
		for _, r := range []tracker.Range{a.EnergyWh, a.CO2Grams, a.WaterML} {
			if !(0 <= r.Low && r.Low <= r.Central && r.Central <= r.High) {
				t.Errorf("%s: %+v", tool, r)
			}
		}
	}
	if Avoided(req, "hologram").EnergyWh != Avoided(req, "search").EnergyWh {
		t.Error("an unknown tool must count as a web search")
	}
}

func TestEquivalent_PicksAReadableUnit(t *testing.T) {
	for _, tc := range []struct {
		co2, wh float64
		lang    string
		want    string
	}{
		{1.2, 3, "en", "km by TGV"},         // 0.25 charge, 0.0055 km, 0.033 h, 0.41 km by TGV: none ≥ 1, TGV closest
		{20, 60, "en", "≈ 5 phone charges"}, // a week of light use
		{20, 60, "fr", "≈ 5 recharges de téléphone"},
		{5000, 20000, "en", "≈ 35 km by car (average car, ADEME 2026)"}, // 1667 charges: too many → 35 km at 142 g/km
		{1, 20.4, "en", "≈ 1.7 phone charges"},
		{1, 20.4, "fr", "≈ 1,7 recharge de téléphone"},
		{1, 12, "en", "≈ 1 phone charge"},
		{1, 12, "fr", "≈ 1 recharge de téléphone"},
		{1, 36, "en", "≈ 3 phone charges"},
		{1, 36, "fr", "≈ 3 recharges de téléphone"},
		{72, 1e6, "en", "≈ 2 hours of video streaming"}, // 83k charges, 0.51 km by car, 2 h
		{0.9, 1.4, "fr", "km en TGV"},                   // 0.12 charge, 0.025 h, 0.31 km TGV → closest to 1
	} {
		got := Equivalent(tc.co2, tc.wh, tc.lang)
		if !strings.Contains(got.Text, tc.want) {
			t.Errorf("Equivalent(%g g, %g Wh, %s) = %q, want %q", tc.co2, tc.wh, tc.lang, got.Text, tc.want)
		}
	}
	if got := Equivalent(0, 0, "en"); got.Text == "" {
		t.Error("zero gives no text")
	}
}

// TestTypicalRequests prints the figures docs/METHODOLOGY.md compares with
// published ones (go test -run TypicalRequests -v ./tracker/estimate).
func TestTypicalRequests(t *testing.T) {
	e := newEst(t, DefaultOptions())
	for _, c := range []struct {
		name string
		r    tracker.Request
	}{
		{"ChatGPT, answer not seen", tracker.Request{Site: "chatgpt"}},
		{"ChatGPT GPT-4o, 400 tokens, 8 s", tracker.Request{Site: "chatgpt", Model: "GPT-4o", OutputTokens: ptr(400), Latency: ptr(durationT(8e9))}},
		{"Gemini 2.5 Flash, 400 tokens", tracker.Request{Site: "gemini", OutputTokens: ptr(400)}},
		{"Le Chat Mistral Large 3, 400 tokens", tracker.Request{Site: "lechat", Model: "mistral-large-latest", OutputTokens: ptr(400)}},
		{"Claude Sonnet 4.5, 400 tokens", tracker.Request{Site: "claude", OutputTokens: ptr(400)}},
		{"ChatGPT GPT-4o, 10k-token prompt", tracker.Request{Site: "chatgpt", Model: "GPT-4o", OutputTokens: ptr(400), InputTokens: ptr(10000)}},
		{"ChatGPT, thinking", tracker.Request{Site: "chatgpt", OutputTokens: ptr(400), Reasoning: tracker.ReasoningThinking}},
		{"ChatGPT, one image", tracker.Request{Site: "chatgpt", OutputTokens: ptr(50), Kind: tracker.KindImage}},
	} {
		fp, err := e.Estimate(&c.r)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("| %s | %s | %s | %s |", c.name, cell(fp.EnergyWh), cell(fp.CO2Grams), cell(fp.WaterML))
	}
}

type durationT = time.Duration

func cell(r tracker.Range) string {
	return fmt.Sprintf("%.2g (%.2g–%.2g)", r.Central, r.Low, r.High)
}
