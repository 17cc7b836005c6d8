package estimate

import (
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"frugal/tracker"
	"frugal/tracker/defs"
)

// MethodVersion names the method and data behind a footprint. It changes
// whenever a number or rule below changes, so stored estimates can be
// recomputed (frugal reestimate).
//
// frugal-2: label → model table (data/labels.csv), image low bound 0.63 Wh,
// scopes (carbon location/market, water total/on-site, embodied on/off).
// frugal-3: an unseen answer is 129–500 output tokens (the median of
// Azure's production chat trace, was LMSYS's mean 214.5); GPT-4o's size
// range spans Microsoft researchers' 200B estimate to EcoLogits' 440B.
const MethodVersion = "ecologits-0.11.2+frugal-3"

// CoreVersion is the method version when extensions are off.
const CoreVersion = "ecologits-0.11.2"

// Site is what Frugal assumes for an assistant's web site.
type Site struct {
	ID       string
	Provider string // EcoLogits provider
	Model    string // registered model used when the page shows none
	Zone     string // "" = the provider's datacenter zone
	Note     string // warning added to every estimate for this site ("" = none)
}

// Sites maps the extension's site IDs to providers. Which model a page's
// label stands for, and each site's default, are in data/labels.csv.
var Sites = []Site{
	{ID: "chatgpt", Provider: "openai"},
	{ID: "claude", Provider: "anthropic"},
	{ID: "gemini", Provider: "google_genai"},
	// Microsoft Copilot runs OpenAI models on Azure; EcoLogits' openai
	// assumptions (PUE 1.2, WUE 0.569, USA grid) apply.
	{ID: "copilot", Provider: "openai",
		Note: "Copilot: estimated as OpenAI's model on OpenAI's datacenter assumptions (Microsoft does not publish Copilot's model or datacenters per request)."},
	{ID: "lechat", Provider: "mistralai"},
	{ID: "perplexity", Provider: "huggingface_hub",
		Note: "Perplexity is not in EcoLogits: Sonar is estimated as Llama 3.3 70B (Perplexity, Feb 2025) with Hugging Face's datacenter assumptions."},
	// DeepSeek's privacy policy says it stores data on servers in the
	// People's Republic of China: Chinese grid.
	{ID: "deepseek", Provider: "huggingface_hub", Zone: "CHN",
		Note: "DeepSeek is not in EcoLogits: estimated with DeepSeek-V3's published size (671B total, 37B active) on China's grid."},
}

// genericSite is used for AI sites Frugal has no adapter for. GPT-4o is the
// model Epoch AI took as a "typical" chatbot query (Feb 2025).
var genericSite = Site{ID: "", Provider: "openai", Model: "gpt-4o"}

// SiteByID finds a site by ID or alias (case-insensitive).
func SiteByID(id string) (Site, bool) {
	// Other names people and pages use for the same sites are in defs.Sites.
	id = strings.ToLower(defs.CanonicalSite(id))
	for _, s := range Sites {
		if s.ID == id {
			return s, true
		}
	}
	return Site{}, false
}

// Options configure an Estimator.
type Options struct {
	// Zone is a "what if" grid zone (ISO 3166-1 alpha-3, or WOR for the
	// world average); "" uses each provider's datacenter zone.
	Zone string
	// Extensions turns on Frugal's documented extensions. With them off the
	// numbers are EcoLogits' exactly, and a request must name a registered
	// model and its output tokens. The zero Options has them off: start from
	// DefaultOptions.
	Extensions bool
	// Scope chooses what carbon and water count (zero = the default).
	Scope Scope
	// DataDir is the data folder (next to the database). A labels.csv or
	// calibration.csv there replaces the built-in table; a malformed one
	// is refused (see Estimator.Problems) and the built-in one is used.
	DataDir string
}

// DefaultOptions are what the app uses: provider zones, extensions on.
func DefaultOptions() Options { return Options{Extensions: true} }

// Estimator estimates requests' footprints. It is safe for concurrent use.
type Estimator struct {
	reg    *Registry
	opts   Options
	labels *LabelTable
	method string
	// problems are the data-folder tables that were refused.
	problems []error
	// names caches page model names already normalised: pages show the
	// same few names over and over.
	names sync.Map // [2]string{provider, shown} → Model
	nameN atomic.Int32
}

const maxCachedNames = 1024

// ErrBadRequest is wrapped by every error about a request's own values.
var ErrBadRequest = errors.New("bad request")

// New returns an Estimator; it fails on an unknown zone.
func New(opts Options) (*Estimator, error) {
	reg, err := Default()
	if err != nil {
		return nil, err
	}
	opts.Zone = strings.ToUpper(strings.TrimSpace(opts.Zone))
	if opts.Zone != "" {
		if _, ok := reg.Mix(opts.Zone); !ok {
			return nil, fmt.Errorf("estimate: unknown zone %q (want an ISO 3166-1 alpha-3 code such as FRA, USA, SWE, or WOR for the world average)", opts.Zone)
		}
	}
	if opts.Scope, err = opts.Scope.Normalize(); err != nil {
		return nil, fmt.Errorf("estimate: %w", err)
	}
	e := &Estimator{reg: reg, opts: opts}
	e.labels, e.problems = loadLabels(reg, opts.DataDir)
	e.method = MethodVersion
	if e.labels.Name != LabelsFile {
		e.method += "+labels-" + e.labels.Sum
	}
	e.method += "; " + opts.Scope.String()
	if !opts.Extensions {
		// EcoLogits' own numbers: its scope, nothing to name.
		e.method = CoreVersion
	}
	return e, nil
}

// Method is the method version this estimator writes on its estimates: the
// method, a digest of a data-folder label table when one is used, and the
// scope ("ecologits-0.11.2+frugal-3; carbon=location water=total
// embodied=on"), so every stored row and CSV line names what it counts. A stored estimate whose method differs is re-estimated.
func (e *Estimator) Method() string { return e.method }

// Scope is the scope this estimator counts.
func (e *Estimator) Scope() Scope { return e.opts.Scope }

// Labels is the label table in use.
func (e *Estimator) Labels() *LabelTable { return e.labels }

// Problems are the data-folder tables that were refused, each with its
// file, line and reason; the built-in tables are used instead.
func (e *Estimator) Problems() []error { return append([]error(nil), e.problems...) }

// builtinLabels is the embedded label table, parsed once.
var builtinLabels = sync.OnceValues(func() (*LabelTable, error) {
	reg, err := Default()
	if err != nil {
		return nil, err
	}
	return ParseLabels(LabelsFile, labelsCSV, reg)
})

func loadLabels(reg *Registry, dir string) (*LabelTable, []error) {
	def, err := builtinLabels()
	if err != nil {
		panic("estimate: built-in label table: " + err.Error()) // a build error, caught by the tests
	}
	if dir == "" {
		return def, nil
	}
	p := filepath.Join(dir, LabelsFile)
	b, err := os.ReadFile(p)
	if errors.Is(err, fs.ErrNotExist) {
		return def, nil
	}
	if err != nil {
		return def, []error{fmt.Errorf("%s: %w (built-in table used)", p, err)}
	}
	t, err := ParseLabels(p, b, reg)
	if err != nil {
		return def, []error{fmt.Errorf("%w (built-in table used)", err)}
	}
	return t, nil
}

// Detail is an estimate with what went into it.
type Detail struct {
	Footprint    tracker.Footprint
	Provider     string
	Model        string
	OutputTokens tracker.Range // as used, after any reasoning factor
	InputTokens  float64
	LatencyS     *float64 // observed; nil = not seen (modelled time used)
	Zone         string
	ExtraWh      tracker.Range // energy added by extensions (input, search, image, video)
	Warnings     []string
	Core         *Impacts // EcoLogits' result for the low-token run, in its units
	// How the model was chosen: Label is the model as the page showed it;
	// Mapping is "label" (in the label table), "registry" (an EcoLogits
	// model of that name), or "default" (the site's or provider's
	// default); Why is the mapping's source.
	Label, Mapping, Why string
	Thinking            bool // the label is a reasoning mode
	Scope               Scope
}

// Estimate implements tracker.Estimator. It fills r.Provider when it was
// empty and appends its warnings to r.Warnings (once each). It leaves what
// was observed as it was: the model name as the page showed it, and no
// token counts derived from lengths, so that re-estimating a stored request
// with a later method starts from the same observations and gives the same
// result as estimating it fresh.
func (e *Estimator) Estimate(r *tracker.Request) (tracker.Footprint, error) {
	d, err := e.Explain(r)
	if err != nil {
		return tracker.Footprint{}, err
	}
	if r.Provider == "" {
		r.Provider = d.Provider
	}
	// The warnings of an earlier estimate describe what was known then
	// (e.g. "answer not seen" before the answer arrived): they are replaced.
	r.Warnings = slices.DeleteFunc(r.Warnings, IsEstimateWarning)
	for _, w := range d.Warnings {
		if !slices.Contains(r.Warnings, w) {
			r.Warnings = append(r.Warnings, w)
		}
	}
	return d.Footprint, nil
}

// estimateWarningPrefixes start every warning the estimator writes itself.
var estimateWarningPrefixes = []string{
	"answer not seen:", "deep research:", "web search by the assistant:", "video generation:",
	"audio:", "attachments:", "what if:", "model \"", "site \"", "not estimated:", "not re-estimated:",
	"proxy:", "market-based carbon:",
	// Site notes, this version's and earlier ones'.
	"Copilot: estimated as", "Perplexity is not in EcoLogits:", "DeepSeek is not in EcoLogits:",
}

// IsEstimateWarning says whether w was written by an estimate (this
// version's or an earlier one's), as opposed to one about capture.
func IsEstimateWarning(w string) bool {
	for _, p := range estimateWarningPrefixes {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	for _, s := range Sites {
		if s.Note != "" && w == s.Note {
			return true
		}
	}
	for _, s := range warnings {
		if w == s.Message {
			return true
		}
	}
	return false
}

func bad(format string, a ...any) error {
	return fmt.Errorf("%w: %s", ErrBadRequest, fmt.Sprintf(format, a...))
}

func checkCount(name string, p *int, max int) error {
	if p == nil {
		return nil
	}
	if *p < 0 {
		return bad("negative %s (%d)", name, *p)
	}
	if *p > max {
		return bad("%s %d is beyond any assistant's limits (max %d)", name, *p, max)
	}
	return nil
}

// Explain estimates r without changing it and says how.
func (e *Estimator) Explain(r *tracker.Request) (Detail, error) {
	var d Detail
	if err := checkCount("output tokens", r.OutputTokens, MaxOutputTokens); err != nil {
		return d, err
	}
	if err := checkCount("input tokens", r.InputTokens, MaxInputTokens); err != nil {
		return d, err
	}
	if err := checkCount("answer length", r.AnswerChars, MaxChars); err != nil {
		return d, err
	}
	pc := r.PromptChars
	if err := checkCount("prompt length", &pc, MaxChars); err != nil {
		return d, err
	}
	if r.Latency != nil {
		s := r.Latency.Seconds()
		if s < 0 || s > maxLatencyS {
			return d, bad("latency %v out of range (0 to 24h)", *r.Latency)
		}
		d.LatencyS = &s
	}

	// Provider and model.
	site, model, err := e.resolve(r, &d)
	if err != nil {
		return d, err
	}
	d.Provider, d.Model = model.Provider, model.Name
	prov, _ := ProviderByName(model.Provider)
	if site.ID != "" && site.Provider != model.Provider && site.Zone == "" {
		// A site serving another provider's model (Perplexity, Copilot): that
		// provider's datacenter assumptions apply, as the label table says.
		site = Site{ID: site.ID}
	}

	// Zone: the user's "what if", else the site's, else the provider's.
	zone, whatIf := e.opts.Zone, e.opts.Zone != ""
	if zone == "" && e.opts.Extensions {
		zone = site.Zone
	}
	if zone == "" {
		zone = prov.Zone
	}
	if zone == "" {
		zone = "WOR"
	}
	mix, ok := e.reg.Mix(zone)
	if !ok {
		return d, fmt.Errorf("estimate: unknown zone %q", zone)
	}
	d.Zone = zone

	// Output tokens, a range when they come from an extension.
	var nLo, nHi float64
	switch {
	case r.OutputTokens != nil:
		nLo, nHi = float64(*r.OutputTokens), float64(*r.OutputTokens)
	case !e.opts.Extensions:
		return d, bad("output tokens are required when extensions are off")
	case r.AnswerChars != nil:
		c := float64(*r.AnswerChars)
		nLo, nHi = c/charsPerTokenEN, c/charsPerTokenEN*frenchTokenPremiumHigh
	default:
		nLo, nHi = defaultOutputTokensLow, defaultOutputTokensHigh
		d.Warnings = append(d.Warnings, fmt.Sprintf("answer not seen: assumed %g–%g output tokens", nLo, nHi))
	}
	extra := tracker.Range{}
	if e.opts.Extensions {
		reasoning := r.Reasoning
		if reasoning == tracker.ReasoningNone && d.Thinking {
			reasoning = tracker.ReasoningThinking // the label says so (labels.csv, mode)
		}
		switch reasoning {
		case tracker.ReasoningNone:
		case tracker.ReasoningThinking, tracker.ReasoningDeep:
			nLo, nHi = nLo*reasoningFactorLow, nHi*reasoningFactorHigh
			if reasoning == tracker.ReasoningDeep {
				d.Warnings = append(d.Warnings, "deep research: no published per-request figure; counted like a thinking request, likely an underestimate")
			}
		default:
			return d, bad("unknown reasoning mode %q", r.Reasoning)
		}
		d.InputTokens = inputTokens(r)
		extra.High += interpolate(inputExtraWh, d.InputTokens)
		if r.WebSearch {
			extra.Low += webSearchWh
			extra.High += webSearchWh
			d.Warnings = append(d.Warnings, "web search by the assistant: counted as one search (0.3 Wh); the pages it read are not counted")
		}
		switch r.Kind {
		case tracker.KindImage:
			extra.Low += imageWhLow
			extra.High += imageWhHigh
		case tracker.KindVideo:
			extra.Low += videoWhLow
			extra.High += videoWhHigh
			d.Warnings = append(d.Warnings, "video generation: counted as one clip of about 5 seconds")
		case tracker.KindAudio:
			d.Warnings = append(d.Warnings, "audio: no published per-request figure; only the text part is estimated")
		case tracker.KindFile:
			if r.Attachments > 0 {
				d.Warnings = append(d.Warnings, "attachments: their length is not seen and not counted")
			}
		}
	}
	d.OutputTokens = tracker.Range{Low: nLo, High: nHi, Central: central(nLo, nHi)}
	d.ExtraWh = extra
	d.ExtraWh.Central = central(extra.Low, extra.High)

	in := Inputs{Active: model.Active, Total: model.Total, Latency: d.LatencyS, Mix: mix,
		PUE: prov.PUE, WUE: prov.WUE, TPS: model.TPS, TTFT: model.TTFT}
	in.OutputTokens = nLo
	lo, err := Compute(in)
	if err != nil {
		return d, err
	}
	hi := lo
	if nHi != nLo {
		in.OutputTokens = nHi
		if hi, err = Compute(in); err != nil {
			return d, err
		}
	}
	d.Core = &lo

	// Extra energy is at the plug: carbon from the grid's factor (kg/kWh =
	// g/Wh), water by EcoLogits' formula on the IT share (E/PUE).
	sc := e.opts.Scope
	d.Scope = sc
	fp := tracker.Footprint{Zone: zone, WhatIf: whatIf, Method: e.method}
	const k = 1000 // kWh→Wh, kg→g, L→mL
	fp.EnergyWh = bounds(k*lo.Energy.Min+extra.Low, k*hi.Energy.Max+extra.High)

	// Carbon: EcoLogits' usage (location-based, the grid's mix) plus its
	// embodied share, or the provider's market-based factor times the
	// energy, with or without the embodied share (Scope).
	gwpFactor := mix.GWP
	usageLo, usageHi := k*lo.Usage.GWP.Min, k*hi.Usage.GWP.Max
	if sc.Carbon == CarbonMarket && !whatIf {
		if f, ok := marketFactor[model.Provider]; ok {
			gwpFactor = f
			usageLo, usageHi = k*lo.Usage.Energy.Min*f, k*hi.Usage.Energy.Max*f
		} else {
			d.Warnings = append(d.Warnings, fmt.Sprintf("market-based carbon: %s publishes no market-based factor; location-based used", model.Provider))
		}
	}
	embLo, embHi := k*lo.Embodied.GWP.Min, k*hi.Embodied.GWP.Max
	if sc.NoEmbodied {
		embLo, embHi = 0, 0
	}
	if gwpFactor == mix.GWP && !sc.NoEmbodied {
		// EcoLogits' total exactly (its own sum of usage and embodied).
		fp.CO2Grams = bounds(k*lo.GWP.Min+extra.Low*mix.GWP, k*hi.GWP.Max+extra.High*mix.GWP)
	} else {
		fp.CO2Grams = bounds(usageLo+embLo+extra.Low*gwpFactor, usageHi+embHi+extra.High*gwpFactor)
	}

	// Water: EcoLogits' WCF (on site + generating the electricity), or on
	// site only: the IT energy (E/PUE) times the datacenter's WUE.
	if sc.Water == WaterOnSite {
		fp.WaterML = bounds(
			(k*lo.Energy.Min/prov.PUE.Min+extra.Low/prov.PUE.Max)*prov.WUE.Min,
			(k*hi.Energy.Max/prov.PUE.Max+extra.High/prov.PUE.Min)*prov.WUE.Max)
	} else {
		fp.WaterML = bounds(k*lo.WCF.Min+extra.Low*(prov.WUE.Min/prov.PUE.Max+mix.WUE),
			k*hi.WCF.Max+extra.High*(prov.WUE.Max/prov.PUE.Min+mix.WUE))
	}
	d.Footprint = fp

	// EcoLogits' warnings, then ours.
	var ws []string
	var seen []string
	for _, list := range [][]string{model.Warnings, mix.Warnings} {
		for _, c := range list {
			if !slices.Contains(seen, c) {
				seen = append(seen, c)
				ws = append(ws, mustWarning(c).Message)
			}
		}
	}
	d.Warnings = append(ws, d.Warnings...)
	if whatIf {
		d.Warnings = append(d.Warnings, fmt.Sprintf("what if: carbon and water use the %s grid, not the provider's", zone))
	}
	return d, nil
}

// resolve picks the site and the model for r. With the extensions on, a
// known site's label table decides: the label as shown, else a registry
// model of that name (under the provider of the site's default), else the
// site's documented default. Without them, a registered model is required.
func (e *Estimator) resolve(r *tracker.Request, d *Detail) (Site, Model, error) {
	site, known := SiteByID(r.Site)
	d.Label = r.Model
	if known && e.opts.Extensions {
		row, found := e.labels.Find(site.ID, r.Model)
		if found {
			d.Mapping, d.Why, d.Thinking = "label", row.Source, row.Thinking
			return site, e.proxyNote(row, d), nil
		}
		if r.Model != "" {
			for _, p := range []string{r.Provider, row.Provider} {
				if p == "" {
					continue
				}
				if m, ok := e.findModel(p, r.Model); ok {
					d.Mapping, d.Why = "registry", "EcoLogits 0.11.2 registry entry "+m.Provider+"/"+m.Name
					return site, m, nil
				}
			}
		}
		d.Mapping, d.Why, d.Thinking = "default", row.Source, row.Thinking
		m := e.proxyNote(row, d)
		if r.Model != "" {
			d.Warnings = append(d.Warnings, fmt.Sprintf("model %q is not in Frugal's label table for %s: estimated as %s, the site's default (%s)", r.Model, site.ID, m.Name, row.Source))
		}
		if site.Note != "" {
			d.Warnings = append(d.Warnings, site.Note)
		}
		return site, m, nil
	}
	provider := r.Provider
	if provider == "" {
		if !known {
			if !e.opts.Extensions {
				return site, Model{}, bad("unknown site %q: give a provider and model", r.Site)
			}
			site = genericSite
			if r.Model == "" {
				d.Warnings = append(d.Warnings, fmt.Sprintf("site %q is not one Frugal knows: estimated as OpenAI's GPT-4o, a typical chatbot model", r.Site))
			}
		}
		provider = site.Provider
	} else if known && provider != site.Provider {
		site = Site{}
	}
	if _, ok := ProviderByName(provider); !ok {
		return site, Model{}, bad("unknown provider %q (want one of anthropic, cohere, google_genai, huggingface_hub, mistralai, openai)", provider)
	}
	if r.Model != "" {
		if m, ok := e.findModel(provider, r.Model); ok {
			d.Mapping, d.Why = "registry", "EcoLogits 0.11.2 registry entry "+m.Provider+"/"+m.Name
			return site, m, nil
		}
		if !e.opts.Extensions {
			return site, Model{}, bad("Could not find model `%s` for %s provider.", r.Model, provider)
		}
		if r.Provider == "" && !known {
			if m, ok := e.findAnyModel(r.Model); ok {
				d.Mapping, d.Why = "registry", "EcoLogits 0.11.2 registry entry "+m.Provider+"/"+m.Name
				return site, m, nil
			}
		}
	}
	def := site.Model
	if def == "" && e.opts.Extensions {
		// A provider named without a site: the default of the first site
		// served by that provider's own models.
		for _, s := range Sites {
			if row, ok := e.labels.Find(s.ID, "*"); !ok || row.Provider != provider || row.Proxy {
				continue
			} else {
				def = row.Model
				break
			}
		}
	}
	if def == "" {
		if r.Model == "" {
			return site, Model{}, bad("no model given for provider %s", provider)
		}
		return site, Model{}, bad("Could not find model `%s` for %s provider.", r.Model, provider)
	}
	m, ok := e.reg.Model(provider, def)
	if !ok {
		return site, Model{}, fmt.Errorf("estimate: default model %s/%s is not registered", provider, def)
	}
	d.Mapping, d.Why = "default", "default model for provider "+provider
	if r.Model != "" {
		d.Warnings = append(d.Warnings, fmt.Sprintf("model %q is not in EcoLogits' registry: estimated as %s", r.Model, m.Name))
	}
	return site, m, nil
}

// proxyNote returns row's model and, for a proxy, says so in a warning.
func (e *Estimator) proxyNote(row Label, d *Detail) Model {
	m := row.model(e.reg)
	if _, registered := e.reg.Model(row.Provider, row.Model); row.Proxy && registered {
		d.Warnings = append(d.Warnings, fmt.Sprintf("proxy: %s's size is not published; estimated with %s B active / %s B total parameters, a range spanning published estimates (%s)",
			row.Model, sizeText(row.Active), sizeText(row.Total), row.Source))
	} else if row.Proxy {
		d.Warnings = append(d.Warnings, fmt.Sprintf("proxy: %s is not in EcoLogits; estimated with %s B active / %s B total parameters and %s's datacenter assumptions (%s)",
			row.Model, sizeText(row.Active), sizeText(row.Total), row.Provider, row.Source))
	}
	return m
}

func sizeText(v Value) string {
	if v.Min == v.Max {
		return fmt.Sprintf("%g", v.Min)
	}
	return fmt.Sprintf("%g–%g", v.Min, v.Max)
}

// findModel looks a page's model name up under provider: exactly, then
// normalised ("Claude Sonnet 4.5" → claude-sonnet-4-5, "GPT-4o" → gpt-4o,
// "GPT-5 Thinking" → gpt-5).
func (e *Estimator) findModel(provider, name string) (Model, bool) {
	if m, ok := e.reg.Model(provider, name); ok {
		return m, true
	}
	key := [2]string{provider, name}
	if m, ok := e.names.Load(key); ok {
		return m.(Model), true
	}
	for _, c := range modelCandidates(name) {
		if m, ok := e.reg.Model(provider, c); ok {
			if e.nameN.Add(1) <= maxCachedNames {
				e.names.Store(key, m)
			}
			return m, true
		}
	}
	return Model{}, false
}

func (e *Estimator) findAnyModel(name string) (Model, bool) {
	for _, p := range providers {
		if m, ok := e.findModel(p.Name, name); ok {
			return m, true
		}
	}
	return Model{}, false
}

var nameSeparators = strings.NewReplacer("(", " ", ")", " ", "_", " ", "/", " ")

// modelCandidates returns registry spellings to try for a displayed name.
func modelCandidates(name string) []string {
	s := strings.ToLower(strings.TrimSpace(name))
	s = nameSeparators.Replace(s)
	words := strings.Fields(s)
	var keep []string
	for _, w := range words {
		switch w {
		case "thinking", "extended", "reasoning", "chatgpt", "new", "mode", "preview":
			continue
		}
		keep = append(keep, w)
	}
	base := strings.Join(keep, "-")
	out := []string{base, strings.ReplaceAll(base, ".", "-")}
	// "gemini-2.5-flash" style keeps dots; "claude-sonnet-4.5" uses dashes.
	if strings.HasPrefix(base, "claude-") {
		// The page may show "Claude 4.5 Sonnet"; the registry says claude-sonnet-4-5.
		parts := strings.Split(strings.ReplaceAll(base, ".", "-"), "-")
		if len(parts) >= 3 {
			var nums, names []string
			for _, p := range parts[1:] {
				if p != "" && p[0] >= '0' && p[0] <= '9' {
					nums = append(nums, p)
				} else {
					names = append(names, p)
				}
			}
			out = append(out, "claude-"+strings.Join(append(names, nums...), "-"))
		}
	}
	if strings.HasPrefix(base, "mistral-") || strings.HasPrefix(base, "magistral-") || strings.HasPrefix(base, "ministral-") {
		out = append(out, base+"-latest")
	}
	return out
}

// inputTokens is the prompt's length in tokens: counted, or from its
// characters at the English rate (the low bound of the token count).
func inputTokens(r *tracker.Request) float64 {
	if r.InputTokens != nil {
		return float64(*r.InputTokens)
	}
	return float64(r.PromptChars) / charsPerTokenEN
}

// interpolate is piecewise linear through pts, extended past the last one.
func interpolate(pts [][2]float64, x float64) float64 {
	if x <= pts[0][0] {
		return pts[0][1]
	}
	for i := 1; i < len(pts); i++ {
		if x <= pts[i][0] || i == len(pts)-1 {
			a, b := pts[i-1], pts[i]
			return a[1] + (x-a[0])*(b[1]-a[1])/(b[0]-a[0])
		}
	}
	return pts[len(pts)-1][1]
}

// central is the geometric mean of the bounds: the bounds of our ranges
// are often factors apart (×43 for reasoning, ×8 for images), and the
// geometric mean sits at the same ratio from each. With a zero bound it is
// the arithmetic mean. Either way Low ≤ Central ≤ High.
func central(lo, hi float64) float64 {
	if lo == hi {
		return lo
	}
	if lo > 0 && hi > 0 {
		c := math.Sqrt(lo * hi)
		return math.Min(math.Max(c, lo), hi) // rounding must not leave the range
	}
	return lo + (hi-lo)/2
}

func bounds(lo, hi float64) tracker.Range {
	return tracker.Range{Low: lo, Central: central(lo, hi), High: hi}
}
