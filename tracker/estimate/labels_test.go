package estimate

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"frugal/tracker"
)

// The labels the seven sites show in 2026 (issue 13), in English and
// French, and the model each must be estimated as.
func TestLabels_SitesLabelsMapToModels(t *testing.T) {
	e := newEst(t, DefaultOptions())
	for _, tc := range []struct {
		site, label, model, mapping string
		thinking                    bool
	}{
		{"chatgpt", "GPT-5.2 Instant", "gpt-5.2-chat-latest", "label", false},
		{"chatgpt", "ChatGPT 5.2", "gpt-5.2-chat-latest", "label", false},
		{"chatgpt", "4o", "gpt-4o", "label", false},
		{"chatgpt", "Thinking", "gpt-5.2", "label", true},
		{"chatgpt", "réflexion", "gpt-5.2", "label", true},
		{"chatgpt", "", "gpt-5.2-chat-latest", "default", false},
		{"chatgpt", "GPT-9 Turbo", "gpt-5.2-chat-latest", "default", false},
		{"gemini", "Fast", "gemini-3-flash-preview", "label", false},
		{"gemini", "Rapide", "gemini-3-flash-preview", "label", false},
		{"gemini", "Raisonnement", "gemini-3-flash-preview", "label", true},
		{"gemini", "Pro", "gemini-3.1-pro-preview", "label", true},
		{"claude", "Sonnet 4.5", "claude-sonnet-4-5", "label", false},
		{"claude", "Opus 4.5", "claude-opus-4-5", "label", false},
		{"claude", "Haiku  4.5", "claude-haiku-4-5", "label", false},
		{"mistral", "", "mistral-medium-latest", "default", false}, // alias of lechat
		{"lechat", "Think", "magistral-medium-latest", "label", true},
		{"perplexity", "Sonar", "sonar-llama-3.3-70b", "label", false},
		{"perplexity", "Best", "sonar-llama-3.3-70b", "label", false},
		{"perplexity", "Claude Sonnet 4.5", "claude-sonnet-4-5", "label", false},
		{"copilot", "Quick response", "gpt-5.2-chat-latest", "label", false},
		{"copilot", "Think deeper", "gpt-5.2", "label", true},
		{"deepseek", "DeepThink", "deepseek-v3.2", "label", true},
		{"deepseek", "V3.2", "deepseek-v3.2", "label", false},
		{"deepseek", "", "deepseek-v3.2", "default", false},
	} {
		r := &tracker.Request{Site: tc.site, Model: tc.label, OutputTokens: ptr(400)}
		d, err := e.Explain(r)
		if err != nil {
			t.Fatalf("%s %q: %v", tc.site, tc.label, err)
		}
		if d.Model != tc.model || d.Mapping != tc.mapping || d.Thinking != tc.thinking || d.Why == "" {
			t.Errorf("%s %q: model %q mapping %q thinking %v why %q; want %q %q %v",
				tc.site, tc.label, d.Model, d.Mapping, d.Thinking, d.Why, tc.model, tc.mapping, tc.thinking)
		}
	}
}

// A thinking label costs more than the same site's instant label; a proxy
// says it is one.
func TestLabels_ThinkingAndProxyShowInTheEstimate(t *testing.T) {
	e := newEst(t, DefaultOptions())
	fast, _ := e.Explain(&tracker.Request{Site: "gemini", Model: "Fast", OutputTokens: ptr(400)})
	slow, _ := e.Explain(&tracker.Request{Site: "gemini", Model: "Thinking", OutputTokens: ptr(400)})
	if !(slow.Footprint.EnergyWh.High > 10*fast.Footprint.EnergyWh.High) {
		t.Errorf("Thinking high %g Wh is not above Fast's %g ×10", slow.Footprint.EnergyWh.High, fast.Footprint.EnergyWh.High)
	}
	d, _ := e.Explain(&tracker.Request{Site: "deepseek", OutputTokens: ptr(400)})
	if !strings.Contains(strings.Join(d.Warnings, "|"), "proxy: deepseek-v3.2") || d.Zone != "CHN" {
		t.Errorf("deepseek: zone %s, warnings %q", d.Zone, d.Warnings)
	}
}

func TestLabels_EveryBuiltInRowResolves(t *testing.T) {
	tab, err := builtinLabels()
	if err != nil {
		t.Fatal(err)
	}
	reg, _ := Default()
	for _, row := range tab.Rows() {
		m := row.model(reg)
		if m.Name == "" || m.Total.Max <= 0 || m.Active.Max > m.Total.Max {
			t.Errorf("line %d %s %q: model %+v", row.Line, row.Site, row.Label, m)
		}
	}
}

// A malformed table in the data folder is refused with its file, line and
// reason, and the built-in one is used.
func TestLabels_BadOverrideIsRefusedWithLineAndReason(t *testing.T) {
	good := string(labelsCSV)
	for _, tc := range []struct{ name, edit, want string }{
		{"unknown model", strings.Replace(good, "claude,Opus 4.5,anthropic,claude-opus-4-5,", "claude,Opus 4.5,anthropic,claude-opus-9,", 1), "claude-opus-9 is not in EcoLogits' registry"},
		{"no source", good + "gemini,Nano,google_genai,gemini-2.5-flash-lite,,,,\n", "no source"},
		{"bad size", good + "gemini,Nano,google_genai,nano,12,x,,\"src\"\n", "parameter count \"x\""},
		{"active above total", good + "gemini,Nano,google_genai,nano,50,10,,\"src\"\n", "exceed total"},
		{"duplicate", good + "claude,sonnet 4.5,anthropic,claude-sonnet-4-5,,,,\"src\"\n", "already on line"},
		{"wrong columns", good + "claude,x,anthropic\n", "wrong number of fields"},
		{"bad header", strings.Replace(good, "site,label,provider", "site,name,provider", 1), "header"},
		{"unknown site", good + "bard,x,google_genai,gemini-2.5-flash,,,,\"src\"\n", "unknown site"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			p := filepath.Join(dir, LabelsFile)
			if err := os.WriteFile(p, []byte(tc.edit), 0o600); err != nil {
				t.Fatal(err)
			}
			e := newEst(t, Options{Extensions: true, DataDir: dir})
			probs := e.Problems()
			if len(probs) != 1 {
				t.Fatalf("problems %v, want one", probs)
			}
			var le *LineError
			if !errors.As(probs[0], &le) || le.File != p || le.Line <= 0 || !strings.Contains(le.Reason, tc.want) {
				t.Errorf("problem %v, want %s:<line>: …%s…", probs[0], p, tc.want)
			}
			if e.Labels().Name != LabelsFile || e.Method() != MethodVersion+"; "+e.Scope().String() {
				t.Errorf("table %s, method %s: the built-in one must be used", e.Labels().Name, e.Method())
			}
		})
	}
}

// A valid table in the data folder is used, and the method version names it
// so that stored rows are re-estimated with it.
func TestLabels_GoodOverrideIsUsed(t *testing.T) {
	dir := t.TempDir()
	edited := strings.Replace(string(labelsCSV), "gemini,*,google_genai,gemini-3-flash-preview,", "gemini,*,google_genai,gemini-2.5-flash-lite,", 1)
	if err := os.WriteFile(filepath.Join(dir, LabelsFile), []byte(edited), 0o600); err != nil {
		t.Fatal(err)
	}
	e := newEst(t, Options{Extensions: true, DataDir: dir})
	if len(e.Problems()) != 0 {
		t.Fatal(e.Problems())
	}
	d, err := e.Explain(&tracker.Request{Site: "gemini", OutputTokens: ptr(100)})
	if err != nil || d.Model != "gemini-2.5-flash-lite" {
		t.Fatalf("model %q (%v)", d.Model, err)
	}
	if !strings.HasPrefix(e.Method(), MethodVersion+"+labels-") || d.Footprint.Method != e.Method() {
		t.Errorf("method %q / %q", e.Method(), d.Footprint.Method)
	}
}

// A label row that gives sizes for a registered model (GPT-4o: 200–440B
// total, a range spanning published estimates) keeps the registry's speed
// and time to first token: its high bound is EcoLogits' own, its low bound
// holds the model on 8 GPUs instead of 16, and the estimate says so.
func TestLabels_WidenedSizeKeepsRegistrySpeed(t *testing.T) {
	e := newEst(t, DefaultOptions())
	d, err := e.Explain(&tracker.Request{Site: "chatgpt", Model: "4o", OutputTokens: ptr(300)})
	if err != nil {
		t.Fatal(err)
	}
	reg, err := e.Explain(&tracker.Request{Provider: "openai", Model: "gpt-4o", OutputTokens: ptr(300)})
	if err != nil {
		t.Fatal(err)
	}
	if d.Model != "gpt-4o" || reg.Model != "gpt-4o" || reg.Mapping != "registry" || d.Mapping != "label" {
		t.Fatalf("models %s (%s), %s (%s)", d.Model, d.Mapping, reg.Model, reg.Mapping)
	}
	if d.Footprint.EnergyWh.High != reg.Footprint.EnergyWh.High {
		t.Errorf("high bound %g, want EcoLogits' %g (same sizes, speed and TTFT)", d.Footprint.EnergyWh.High, reg.Footprint.EnergyWh.High)
	}
	if !(d.Footprint.EnergyWh.Low < 0.6*reg.Footprint.EnergyWh.Low) {
		t.Errorf("low bound %g, want well below EcoLogits' %g (200B on 8 GPUs, not 440B on 16)", d.Footprint.EnergyWh.Low, reg.Footprint.EnergyWh.Low)
	}
	w := strings.Join(d.Warnings, "|")
	if !strings.Contains(w, "proxy: gpt-4o's size is not published") || !strings.Contains(w, "200–440 B total") || strings.Contains(w, "not in EcoLogits") {
		t.Errorf("warnings %q", w)
	}
}
