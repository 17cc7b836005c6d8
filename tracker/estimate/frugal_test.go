package estimate

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"frugal/tracker"
)

func ptr[T any](v T) *T { return &v }

func newEst(t testing.TB, o Options) *Estimator {
	t.Helper()
	e, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func ordered(t *testing.T, what string, r tracker.Range) {
	t.Helper()
	if !(r.Low <= r.Central && r.Central <= r.High) || math.IsNaN(r.Central) {
		t.Errorf("%s: %+v is not ordered low ≤ central ≤ high", what, r)
	}
}

func TestEstimate_SitesResolveToRegisteredModels(t *testing.T) {
	e := newEst(t, DefaultOptions())
	for _, s := range append(Sites, Site{ID: "some-other-ai"}) {
		t.Run(s.ID, func(t *testing.T) {
			r := &tracker.Request{Site: s.ID, Kind: tracker.KindText}
			d, err := e.Explain(r)
			if err != nil {
				t.Fatalf("Explain: %v", err)
			}
			if d.Provider == "" || d.Model == "" || d.OutputTokens.Central <= 0 {
				t.Errorf("detail not filled: %+v", d)
			}
			fp, err := e.Estimate(r)
			if err != nil {
				t.Fatalf("Estimate: %v", err)
			}
			if r.Provider != d.Provider || r.Model != "" || r.OutputTokens != nil {
				t.Errorf("Estimate must fill the provider only, got %+v", r)
			}
			ordered(t, "energy", fp.EnergyWh)
			ordered(t, "co2", fp.CO2Grams)
			ordered(t, "water", fp.WaterML)
			if fp.Method != e.Method() || !strings.HasPrefix(fp.Method, MethodVersion+"; carbon=location") || fp.WhatIf {
				t.Errorf("method %q whatIf %v", fp.Method, fp.WhatIf)
			}
			if fp.EnergyWh.Low <= 0 || fp.EnergyWh.High > 100 {
				t.Errorf("energy %+v Wh out of a plausible range for a text request", fp.EnergyWh)
			}
		})
	}
}

func TestEstimate_PageModelNamesAreNormalised(t *testing.T) {
	e := newEst(t, DefaultOptions())
	for _, tc := range []struct{ site, shown, want string }{
		{"chatgpt", "GPT-4o", "gpt-4o"},
		{"chatgpt", "GPT-5 Thinking", "gpt-5"},
		{"claude", "Claude Sonnet 4.5", "claude-sonnet-4-5"},
		{"claude", "Claude 4.5 Sonnet", "claude-sonnet-4-5"},
		{"claude", "Claude Haiku 4.5", "claude-haiku-4-5"},
		{"gemini", "Gemini 2.5 Flash", "gemini-2.5-flash"},
		{"gemini", "2.5 Pro", "gemini-2.5-pro"},
		{"gemini", "Gemini Ultra 9", "gemini-3-flash-preview"}, // unknown → the site's default + warning
		{"lechat", "Mistral Medium", "mistral-medium-latest"},
		{"poe", "Claude-Sonnet-4.5", "claude-sonnet-4-5"},
	} {
		r := &tracker.Request{Site: tc.site, Model: tc.shown, OutputTokens: ptr(300)}
		d, err := e.Explain(r)
		if err != nil {
			t.Fatalf("%s %q: %v", tc.site, tc.shown, err)
		}
		if d.Model != tc.want {
			t.Errorf("site %s shows %q: model %q, want %q (warnings %q)", tc.site, tc.shown, d.Model, tc.want, d.Warnings)
		}
	}
}

func TestEstimate_UnknownModelFallsBackWithWarning(t *testing.T) {
	e := newEst(t, DefaultOptions())
	r := &tracker.Request{Site: "claude", Model: "Claude Mythical 9"}
	d, err := e.Explain(r)
	if err != nil {
		t.Fatal(err)
	}
	if d.Model != "claude-sonnet-4-5" || !strings.Contains(strings.Join(d.Warnings, "|"), "not in Frugal's label table for claude") {
		t.Errorf("model %q, warnings %q", d.Model, d.Warnings)
	}
	if _, err := e.Estimate(r); err != nil || r.Model != "Claude Mythical 9" {
		t.Errorf("Estimate changed the model as shown to %q (%v): it is the person's record", r.Model, err)
	}
}

func TestEstimate_ProxySitesSaySo(t *testing.T) {
	e := newEst(t, DefaultOptions())
	for _, s := range []string{"perplexity", "deepseek"} {
		r := &tracker.Request{Site: s}
		fp, err := e.Estimate(r)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(strings.Join(r.Warnings, "|"), "not in EcoLogits") {
			t.Errorf("%s: warnings %q", s, r.Warnings)
		}
		if s == "deepseek" && fp.Zone != "CHN" {
			t.Errorf("deepseek zone %s", fp.Zone)
		}
	}
}

func TestEstimate_MoreTokensNeverLessEnergy(t *testing.T) {
	e := newEst(t, DefaultOptions())
	for _, site := range []string{"chatgpt", "claude", "gemini", "lechat", "perplexity", "deepseek", "copilot"} {
		for _, lat := range []*time.Duration{nil, ptr(3 * time.Second)} {
			prev := tracker.Footprint{}
			for _, n := range []int{0, 1, 10, 100, 400, 1000, 5000, 50000, MaxOutputTokens} {
				fp, err := e.Estimate(&tracker.Request{Site: site, OutputTokens: ptr(n), Latency: lat})
				if err != nil {
					t.Fatal(err)
				}
				for _, p := range [][2]tracker.Range{{prev.EnergyWh, fp.EnergyWh}, {prev.CO2Grams, fp.CO2Grams}, {prev.WaterML, fp.WaterML}} {
					if p[1].Low < p[0].Low || p[1].High < p[0].High || p[1].Central < p[0].Central {
						t.Errorf("%s, %d tokens, latency %v: %+v after %+v", site, n, lat, p[1], p[0])
					}
				}
				ordered(t, site, fp.EnergyWh)
				prev = fp
			}
		}
	}
}

func TestEstimate_ZoneMovesCarbonNotEnergy(t *testing.T) {
	base := newEst(t, DefaultOptions())
	o := DefaultOptions()
	o.Zone = "fra"
	fra := newEst(t, o)
	r := tracker.Request{Site: "chatgpt", OutputTokens: ptr(500)}
	a, err := base.Estimate(&r)
	if err != nil {
		t.Fatal(err)
	}
	b, err := fra.Estimate(&r)
	if err != nil {
		t.Fatal(err)
	}
	if a.EnergyWh != b.EnergyWh {
		t.Errorf("energy moved with the zone: %+v → %+v", a.EnergyWh, b.EnergyWh)
	}
	if !(b.CO2Grams.High < a.CO2Grams.High) {
		t.Errorf("France's grid should lower carbon: %+v → %+v", a.CO2Grams, b.CO2Grams)
	}
	if a.Zone != "USA" || a.WhatIf || b.Zone != "FRA" || !b.WhatIf {
		t.Errorf("zones %s/%v and %s/%v", a.Zone, a.WhatIf, b.Zone, b.WhatIf)
	}
}

func TestNew_UnknownZoneIsAClearError(t *testing.T) {
	_, err := New(Options{Zone: "ZZZ", Extensions: true})
	if err == nil || !strings.Contains(err.Error(), `unknown zone "ZZZ"`) {
		t.Errorf("New(ZZZ) = %v", err)
	}
}

func TestEstimate_BadInputIsRefused(t *testing.T) {
	e := newEst(t, DefaultOptions())
	for name, r := range map[string]tracker.Request{
		"negative output tokens": {Site: "claude", OutputTokens: ptr(-1)},
		"absurd output tokens":   {Site: "claude", OutputTokens: ptr(MaxOutputTokens + 1)},
		"negative input tokens":  {Site: "claude", InputTokens: ptr(-5)},
		"absurd input tokens":    {Site: "claude", InputTokens: ptr(MaxInputTokens + 1)},
		"negative answer chars":  {Site: "claude", AnswerChars: ptr(-5)},
		"negative latency":       {Site: "claude", Latency: ptr(-time.Second)},
		"week-long latency":      {Site: "claude", Latency: ptr(7 * 24 * time.Hour)},
		"negative prompt":        {Site: "claude", PromptChars: -1},
		"unknown provider":       {Provider: "nope", Model: "x"},
		"unknown reasoning mode": {Site: "claude", Reasoning: "dreaming"},
	} {
		t.Run(name, func(t *testing.T) {
			before := r
			if _, err := e.Estimate(&r); err == nil {
				t.Errorf("Estimate(%+v) succeeded", before)
			} else if name != "unknown provider" && !errors.Is(err, ErrBadRequest) {
				t.Errorf("error %v does not wrap ErrBadRequest", err)
			}
		})
	}
}

// With extensions off, Estimate is EcoLogits' high-level lookup exactly.
func TestEstimate_ExtensionsOffEqualsEcoLogits(t *testing.T) {
	reg, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, zone := range []string{"", "FRA"} {
		e := newEst(t, Options{Zone: zone})
		for i, m := range reg.Models() {
			if i%7 != 0 { // a spread of models, every provider
				continue
			}
			for _, lat := range []*time.Duration{nil, ptr(4 * time.Second)} {
				r := tracker.Request{Provider: m.Provider, Model: m.Name, OutputTokens: ptr(321), Latency: lat,
					Reasoning: tracker.ReasoningThinking, WebSearch: true, Kind: tracker.KindImage, PromptChars: 90000}
				fp, err := e.Estimate(&r)
				if err != nil {
					t.Fatalf("%s/%s: %v", m.Provider, m.Name, err)
				}
				var l *float64
				if lat != nil {
					l = ptr(lat.Seconds())
				}
				var z *string
				if zone != "" {
					z = &zone
				}
				res, err := reg.LLMImpacts(m.Provider, m.Name, 321, l, z)
				if err != nil || res.Impacts == nil {
					t.Fatalf("LLMImpacts: %v %v", err, res.Errors)
				}
				want := tracker.Range{Low: res.Impacts.Energy.Min * 1000, High: res.Impacts.Energy.Max * 1000}
				if fp.EnergyWh.Low != want.Low || fp.EnergyWh.High != want.High ||
					fp.CO2Grams.Low != res.Impacts.GWP.Min*1000 || fp.CO2Grams.High != res.Impacts.GWP.Max*1000 ||
					fp.WaterML.Low != res.Impacts.WCF.Min*1000 || fp.WaterML.High != res.Impacts.WCF.Max*1000 {
					t.Errorf("%s/%s: %+v, want EcoLogits %v %v %v", m.Provider, m.Name, fp, res.Impacts.Energy, res.Impacts.GWP, res.Impacts.WCF)
				}
				if fp.Method != CoreVersion {
					t.Errorf("method %q", fp.Method)
				}
			}
		}
	}
	e := newEst(t, Options{})
	if _, err := e.Estimate(&tracker.Request{Provider: "openai", Model: "gpt-4o"}); err == nil {
		t.Error("extensions off: a request without output tokens must be refused")
	}
	if _, err := e.Estimate(&tracker.Request{Provider: "openai", Model: "GPT-Unknown", OutputTokens: ptr(3)}); err == nil ||
		!strings.Contains(err.Error(), "Could not find model `GPT-Unknown` for openai provider.") {
		t.Errorf("extensions off, unknown model: %v", err)
	}
}

func TestEstimate_ExtensionsWidenTheRange(t *testing.T) {
	e := newEst(t, DefaultOptions())
	plain, _ := e.Estimate(&tracker.Request{Site: "chatgpt", OutputTokens: ptr(400)})
	for name, r := range map[string]tracker.Request{
		"thinking":   {Site: "chatgpt", OutputTokens: ptr(400), Reasoning: tracker.ReasoningThinking},
		"web search": {Site: "chatgpt", OutputTokens: ptr(400), WebSearch: true},
		"long input": {Site: "chatgpt", OutputTokens: ptr(400), InputTokens: ptr(10000)},
		"image":      {Site: "chatgpt", OutputTokens: ptr(400), Kind: tracker.KindImage},
		"video":      {Site: "chatgpt", OutputTokens: ptr(400), Kind: tracker.KindVideo},
	} {
		fp, err := e.Estimate(&r)
		if err != nil {
			t.Fatal(err)
		}
		if fp.EnergyWh.High <= plain.EnergyWh.High {
			t.Errorf("%s: %+v not above plain %+v", name, fp.EnergyWh, plain.EnergyWh)
		}
		ordered(t, name, fp.EnergyWh)
		ordered(t, name, fp.CO2Grams)
		ordered(t, name, fp.WaterML)
	}
	// 10k input tokens: Epoch AI's extra 2.2 Wh is the high bound.
	d, _ := e.Explain(&tracker.Request{Site: "chatgpt", OutputTokens: ptr(400), InputTokens: ptr(10000)})
	if d.ExtraWh.Low != 0 || math.Abs(d.ExtraWh.High-2.2) > 1e-9 {
		t.Errorf("extra for 10k input tokens %+v, want [0, 2.2]", d.ExtraWh)
	}
	// Answer length: 4 chars per token (English), up to 15 % more tokens (French).
	d, _ = e.Explain(&tracker.Request{Site: "chatgpt", AnswerChars: ptr(4000)})
	if d.OutputTokens.Low != 1000 || math.Abs(d.OutputTokens.High-1150) > 1e-9 {
		t.Errorf("tokens from 4000 chars: %+v", d.OutputTokens)
	}
}

func BenchmarkEstimate(b *testing.B) {
	e := newEst(b, DefaultOptions())
	lat := 6 * time.Second
	for b.Loop() {
		r := tracker.Request{Site: "claude", Model: "Claude Sonnet 4.5", AnswerChars: ptr(1800), Latency: &lat, PromptChars: 120}
		if _, err := e.Estimate(&r); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCompute(b *testing.B) {
	reg, _ := Default()
	m, _ := reg.Model("openai", "gpt-4o")
	mix, _ := reg.Mix("USA")
	in := Inputs{Active: m.Active, Total: m.Total, OutputTokens: 400, Mix: mix, PUE: Scalar(1.2), WUE: Scalar(0.569), TPS: m.TPS, TTFT: m.TTFT}
	for b.Loop() {
		if _, err := Compute(in); err != nil {
			b.Fatal(err)
		}
	}
}

func TestEstimate_AnswerRecordedDropsTheStaleWarning(t *testing.T) {
	e := newEst(t, DefaultOptions())
	r := &tracker.Request{Site: "chatgpt", Kind: tracker.KindText, PromptChars: 300,
		Warnings: []string{"capture: selector fell back to the generic adapter"}}
	if _, err := e.Estimate(r); err != nil {
		t.Fatal(err)
	}
	has := func(prefix string) bool {
		for _, w := range r.Warnings {
			if strings.HasPrefix(w, prefix) {
				return true
			}
		}
		return false
	}
	if !has("answer not seen") {
		t.Fatalf("before the answer: warnings %q lack \"answer not seen\"", r.Warnings)
	}
	r.AnswerChars, r.Latency = ptr(2000), ptr(9*time.Second)
	if _, err := e.Estimate(r); err != nil {
		t.Fatal(err)
	}
	if has("answer not seen") {
		t.Errorf("after the answer: warnings %q still say \"answer not seen\"", r.Warnings)
	}
	// An earlier version's site note is an estimate warning too.
	r.Site, r.Warnings = "deepseek", append(r.Warnings, "DeepSeek is not in EcoLogits: estimated as Mistral Large 3 (675B total, 41B active, close to DeepSeek-V3's 671B/37B) on China's grid.")
	if _, err := e.Estimate(r); err != nil {
		t.Fatal(err)
	}
	if has("DeepSeek is not in EcoLogits: estimated as Mistral") {
		t.Errorf("an earlier version's note stayed: %q", r.Warnings)
	}
	if !has("capture: selector") {
		t.Errorf("a capture warning was dropped: %q", r.Warnings)
	}
}
