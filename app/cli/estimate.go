package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"frugal/app/core"
	"os"
	"path/filepath"
	"strings"
	"time"

	"frugal/tracker"
	"frugal/tracker/estimate"
)

func init() {
	register("estimate", "estimate one AI request's energy, carbon and water footprint", runEstimate)
	register("methodology", "explain how footprints are estimated, with every source", runMethodology)
}

const estimateUsage = "--site S | --provider P --model M [--output-tokens N | --output-chars N] [--input-chars N] " +
	"[--latency DURATION] [--kind text|image|video|audio|file] [--reasoning thinking|deep_research] [--web-search] " +
	"[--zone ISO3] [--carbon location|market] [--water total|onsite] [--no-embodied] [--core] [--json] [--lang fr|en]"

// lang picks "fr" or "en" from a flag value, else from the environment.
func lang(env *Env, flagValue string) (string, error) {
	switch flagValue {
	case "fr", "en":
		return flagValue, nil
	case "":
	default:
		return "", Usagef("--lang %q (want fr or en)", flagValue)
	}
	// The system locale as gettext reads it: LC_ALL, LC_MESSAGES, LANG;
	// then LANGUAGE (a list; its first entry) takes precedence unless the
	// locale is C, which means English.
	loc := ""
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if loc = env.Getenv(k); loc != "" {
			break
		}
	}
	if loc == "" || loc == "C" || loc == "POSIX" || strings.HasPrefix(loc, "C.") {
		return "en", nil
	}
	if first, _, _ := strings.Cut(env.Getenv("LANGUAGE"), ":"); first != "" {
		loc = first
	}
	if strings.HasPrefix(strings.ToLower(loc), "fr") {
		return "fr", nil
	}
	return "en", nil
}

func runEstimate(_ context.Context, env *Env, args []string) error {
	fs := newFlags(env, "estimate", estimateUsage)
	site := fs.String("site", "", "assistant site: chatgpt, claude, gemini, copilot, lechat, perplexity, deepseek, or another name")
	provider := fs.String("provider", "", "EcoLogits provider: openai, anthropic, google_genai, mistralai, cohere, huggingface_hub")
	model := fs.String("model", "", "model name, as registered or as the page shows it")
	outTokens := fs.Int("output-tokens", 0, "tokens in the answer")
	outChars := fs.Int("output-chars", 0, "characters in the answer (turned into tokens)")
	inChars := fs.Int("input-chars", 0, "characters in the prompt")
	latency := fs.Duration("latency", 0, "observed streaming time, e.g. 6s")
	kind := fs.String("kind", "text", "what was generated: text, image, video, audio, file")
	reasoning := fs.String("reasoning", "", "reasoning mode: thinking or deep_research")
	webSearch := fs.Bool("web-search", false, "the assistant searched the web")
	zone := fs.String("zone", "", "what-if grid zone (ISO 3166-1 alpha-3, e.g. FRA; WOR = world)")
	carbon := fs.String("carbon", "", "carbon scope: location (the grid's average mix, default) or market (the provider's own factor)")
	water := fs.String("water", "", "water scope: total (on site + electricity generation, default) or onsite")
	noEmbodied := fs.Bool("no-embodied", false, "leave out the carbon of making the hardware")
	dataDir := fs.String("data-dir", "", "folder with labels.csv / calibration.csv overrides (default: the database's folder)")
	core := fs.Bool("core", false, "EcoLogits only: no Frugal extensions (needs --provider, --model, --output-tokens)")
	asJSON := fs.Bool("json", false, "print JSON")
	langFlag := fs.String("lang", "", "language of the text output: fr or en (default: from LANG)")
	if err := parse(fs, args, 0); err != nil {
		return err
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	lg, err := lang(env, *langFlag)
	if err != nil {
		return err
	}

	switch {
	case set["site"] && set["provider"]:
		return Usagef("give --site or --provider, not both")
	case !set["site"] && !set["provider"]:
		return Usagef("give --site S, or --provider P with --model M")
	case set["provider"] && *model == "":
		return Usagef("--provider needs --model")
	case set["output-tokens"] && set["output-chars"]:
		return Usagef("give --output-tokens or --output-chars, not both")
	case set["site"] && strings.TrimSpace(*site) == "":
		return Usagef("--site is empty")
	}
	k, err := tracker.ParseKind(*kind)
	if err != nil {
		return Usagef("%v", err)
	}
	r := tracker.Request{Site: *site, Provider: *provider, Model: *model, Kind: k,
		Reasoning: *reasoning, WebSearch: *webSearch, Source: tracker.SourceCLI}
	if set["output-tokens"] {
		r.OutputTokens = outTokens
	}
	if set["output-chars"] {
		r.AnswerChars = outChars
	}
	if set["input-chars"] {
		r.PromptChars = *inChars
	}
	if set["latency"] {
		r.Latency = latency
	}

	opts := estimate.DefaultOptions()
	opts.Zone, opts.Extensions = *zone, !*core
	opts.Scope = estimate.Scope{Carbon: *carbon, Water: *water, NoEmbodied: *noEmbodied}
	opts.DataDir = *dataDir
	if opts.DataDir == "" {
		opts.DataDir = defaultDataDir(env)
	}
	est, err := estimate.New(opts)
	if err != nil {
		return Usagef("%v", strings.TrimPrefix(err.Error(), "estimate: "))
	}
	for _, p := range est.Problems() {
		fmt.Fprintf(env.Stderr, "frugal: %v\n", p)
	}
	d, err := est.Explain(&r)
	if errors.Is(err, estimate.ErrBadRequest) {
		return Usagef("%v", err)
	}
	if err != nil {
		return err
	}
	fp := d.Footprint
	eq := estimate.Equivalent(fp.CO2Grams.Central, fp.EnergyWh.Central, lg)
	if *asJSON {
		out := estimateJSON{
			Provider: d.Provider, Model: d.Model, Zone: fp.Zone, WhatIf: fp.WhatIf, Method: fp.Method,
			EnergyWh: rangeJSON(fp.EnergyWh), CO2Grams: rangeJSON(fp.CO2Grams), WaterML: rangeJSON(fp.WaterML),
			OutputTokens: rangeJSON(d.OutputTokens), InputTokens: d.InputTokens, LatencyS: d.LatencyS,
			ExtraWh: rangeJSON(d.ExtraWh), Counts: d.Scope.Describe("en") + "; no network, no device",
			Scope: d.Scope.String(), Label: d.Label, Mapping: d.Mapping, Why: d.Why, Thinking: d.Thinking,
			Equivalent: eq, Warnings: append([]string{}, d.Warnings...),
		}
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	w := env.Stdout
	t := texts[lg]
	fmt.Fprintf(w, "%s/%s, %s %s", d.Provider, d.Model, t.zone, fp.Zone)
	if fp.WhatIf {
		fmt.Fprintf(w, " (%s)", t.whatIf)
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "  %-8s %s Wh\n", t.energy, formatRange(fp.EnergyWh, lg))
	fmt.Fprintf(w, "  %-8s %s g CO2e\n", t.carbon, formatRange(fp.CO2Grams, lg))
	fmt.Fprintf(w, "  %-8s %s mL\n", t.water, formatRange(fp.WaterML, lg))
	fmt.Fprintf(w, "  %-8s %s\n", "", eq.Text)
	fmt.Fprintf(w, "  %s %s; %s\n", t.tokens, formatRange(d.OutputTokens, lg), latencyText(d.LatencyS, t))
	fmt.Fprintf(w, "  %s %s: %s\n", t.method, fp.Method, d.Scope.Describe(lg))
	fmt.Fprintf(w, "  %s\n", modelText(d, t, lg))
	for _, wn := range d.Warnings {
		fmt.Fprintf(w, "  ! %s\n", wn)
	}
	return nil
}

type rangeOut struct {
	Low     float64 `json:"low"`
	Central float64 `json:"central"`
	High    float64 `json:"high"`
}

func rangeJSON(r tracker.Range) rangeOut { return rangeOut{r.Low, r.Central, r.High} }

type estimateJSON struct {
	Provider     string               `json:"provider"`
	Model        string               `json:"model"`
	Zone         string               `json:"zone"`
	WhatIf       bool                 `json:"what_if"`
	Method       string               `json:"method"`
	EnergyWh     rangeOut             `json:"energy_wh"`
	CO2Grams     rangeOut             `json:"co2_g"`
	WaterML      rangeOut             `json:"water_ml"`
	OutputTokens rangeOut             `json:"output_tokens"`
	InputTokens  float64              `json:"input_tokens"`
	LatencyS     *float64             `json:"latency_s"`
	ExtraWh      rangeOut             `json:"extra_wh"`
	Counts       string               `json:"counts"`
	Scope        string               `json:"scope"`
	Label        string               `json:"label"`   // the model as the page showed it
	Mapping      string               `json:"mapping"` // label, registry or default
	Why          string               `json:"why"`     // the mapping's source
	Thinking     bool                 `json:"thinking"`
	Equivalent   estimate.Equivalence `json:"equivalent"`
	Warnings     []string             `json:"warnings"`
}

type estimateTexts struct {
	zone, whatIf, energy, carbon, water, tokens, latency, noLatency, method string
	noLabel, fromLabel, fromRegistry, fromDefault, thinking                 string
}

var texts = map[string]estimateTexts{
	"en": {"zone", "what if", "energy", "carbon", "water", "output tokens", "latency", "latency not seen (modelled)",
		"method", "no model shown", "label %s → %s", "label %s → %s (EcoLogits registry)", "%s → %s, the site's default",
		"reasoning mode"},
	"fr": {"zone", "et si", "énergie", "carbone", "eau", "jetons produits", "latence", "latence non vue (modélisée)",
		"méthode", "aucun modèle affiché", "libellé %s → %s", "libellé %s → %s (registre EcoLogits)", "%s → %s, le modèle par défaut du site",
		"mode raisonnement"},
}

// modelText says which model was used for the label shown, and why.
func modelText(d estimate.Detail, t estimateTexts, lg string) string {
	label := fmt.Sprintf("%q", d.Label)
	if d.Label == "" {
		label = t.noLabel
	}
	var s string
	switch d.Mapping {
	case "label":
		s = fmt.Sprintf(t.fromLabel, label, d.Model)
	case "registry":
		s = fmt.Sprintf(t.fromRegistry, label, d.Model)
	default:
		s = fmt.Sprintf(t.fromDefault, label, d.Model)
	}
	if d.Thinking {
		s += ", " + t.thinking
	}
	if d.Why != "" {
		s += " — " + d.Why
	}
	return s
}

// defaultDataDir is the database's folder, where labels.csv and
// calibration.csv overrides live; "" when it cannot be found.
func defaultDataDir(env *Env) string {
	p, err := DBPath(env.Getenv("FRUGAL_DB"))
	if err != nil {
		return ""
	}
	return filepath.Dir(p)
}

func latencyText(s *float64, t estimateTexts) string {
	if s == nil {
		return t.noLatency
	}
	return fmt.Sprintf("%s %v", t.latency, time.Duration(*s*float64(time.Second)).Round(time.Millisecond))
}

// formatRange prints "central (low – high)" with three significant digits.
func formatRange(r tracker.Range, lg string) string {
	f := func(x float64) string {
		s := fmt.Sprintf("%.3g", x)
		if lg == "fr" {
			s = strings.ReplaceAll(s, ".", ",")
		}
		return s
	}
	if r.Low == r.High {
		return f(r.Central)
	}
	return fmt.Sprintf("%s (%s – %s)", f(r.Central), f(r.Low), f(r.High))
}

func runMethodology(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "methodology", "[--lang fr|en]")
	db := dbFlag(fs, env)
	langFlag := fs.String("lang", "", "fr or en (default: from LANG)")
	if err := parse(fs, args, 0); err != nil {
		return err
	}
	lg, err := lang(env, *langFlag)
	if err != nil {
		return err
	}
	// The scope in use is the settings'; without a database, the default.
	scope := core.ScopeOf(tracker.DefaultSettings())
	if p, err := DBPath(*db); err == nil {
		if _, err := os.Stat(p); err == nil {
			if st, err := openStore(ctx, env, p); err == nil {
				if set, err := st.Settings(ctx); err == nil {
					scope = core.ScopeOf(set)
				}
				st.Close()
			}
		}
	}
	_, err = fmt.Fprint(env.Stdout, estimate.MethodologyFor(lg, scope))
	return err
}
