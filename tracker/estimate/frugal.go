package estimate

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"frugal/tracker"
)

// MethodVersion names the method and data behind a footprint. It changes
// whenever a number or rule below changes, so stored estimates can be
// recomputed (frugal reestimate).
const MethodVersion = "ecologits-0.11.2+frugal-1"

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

// Sites maps the extension's site IDs to providers and default models.
// The defaults are registry names; a model read from the page overrides them.
var Sites = []Site{
	// chat-latest is the registry's entry for the model ChatGPT serves.
	{ID: "chatgpt", Provider: "openai", Model: "chat-latest"},
	// claude-sonnet-4-5 and -4-6 share one registry estimate (440B total, 44–132B active).
	{ID: "claude", Provider: "anthropic", Model: "claude-sonnet-4-5"},
	{ID: "gemini", Provider: "google_genai", Model: "gemini-2.5-flash"},
	// Microsoft Copilot runs OpenAI models on Azure; EcoLogits' openai
	// assumptions (PUE 1.2, WUE 0.569, USA grid) apply.
	{ID: "copilot", Provider: "openai", Model: "gpt-5",
		Note: "Copilot: estimated as OpenAI's GPT-5 on OpenAI's datacenter assumptions (Microsoft does not publish Copilot's model or datacenters per request)."},
	{ID: "lechat", Provider: "mistralai", Model: "mistral-medium-latest"},
	// Perplexity's Sonar is built on Llama 3.3 70B (Perplexity blog, "Meet
	// new Sonar", Feb 2025); the registry has Llama 3.1 70B, the same size.
	{ID: "perplexity", Provider: "huggingface_hub", Model: "meta-llama/Meta-Llama-3.1-70B-Instruct",
		Note: "Perplexity is not in EcoLogits: estimated as Llama 3.1 70B Instruct (Sonar is built on Llama 3.3 70B) with Hugging Face's datacenter assumptions."},
	// DeepSeek-V3/R1 are 671B-parameter MoE models with 37B active
	// (DeepSeek-V3 Technical Report, arXiv:2412.19437). The closest
	// registered model is Mistral Large 3 (675B total, 41B active). DeepSeek's
	// privacy policy says it stores data on servers in the People's Republic
	// of China: Chinese grid.
	{ID: "deepseek", Provider: "mistralai", Model: "mistral-large-2512", Zone: "CHN",
		Note: "DeepSeek is not in EcoLogits: estimated as Mistral Large 3 (675B total, 41B active, close to DeepSeek-V3's 671B/37B) on China's grid."},
}

// genericSite is used for AI sites Frugal has no adapter for. GPT-4o is the
// model Epoch AI took as a "typical" chatbot query (Feb 2025).
var genericSite = Site{ID: "", Provider: "openai", Model: "gpt-4o"}

// siteAliases are other names people and pages use for the same sites.
var siteAliases = map[string]string{"mistral": "lechat", "le chat": "lechat", "chat.mistral.ai": "lechat",
	"openai": "chatgpt", "anthropic": "claude", "google": "gemini", "microsoft copilot": "copilot"}

// SiteByID finds a site by ID or alias (case-insensitive).
func SiteByID(id string) (Site, bool) {
	id = strings.ToLower(strings.TrimSpace(id))
	if a, ok := siteAliases[id]; ok {
		id = a
	}
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
}

// DefaultOptions are what the app uses: provider zones, extensions on.
func DefaultOptions() Options { return Options{Extensions: true} }

// Estimator estimates requests' footprints. It is safe for concurrent use.
type Estimator struct {
	reg  *Registry
	opts Options
	// names caches page model names already normalised: pages show the
	// same few names over and over.
	names sync.Map // [2]string{provider, shown} → Model
	nameN atomic.Int32
}

const maxCachedNames = 1024

var _ tracker.Estimator = (*Estimator)(nil)

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
	return &Estimator{reg: reg, opts: opts}, nil
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
	"proxy:",
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
		switch r.Reasoning {
		case tracker.ReasoningNone:
		case tracker.ReasoningThinking, tracker.ReasoningDeep:
			nLo, nHi = nLo*reasoningFactorLow, nHi*reasoningFactorHigh
			if r.Reasoning == tracker.ReasoningDeep {
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
	fp := tracker.Footprint{Zone: zone, WhatIf: whatIf, Method: MethodVersion}
	if !e.opts.Extensions {
		fp.Method = CoreVersion
	}
	const k = 1000 // kWh→Wh, kg→g, L→mL
	fp.EnergyWh = bounds(k*lo.Energy.Min+extra.Low, k*hi.Energy.Max+extra.High)
	fp.CO2Grams = bounds(k*lo.GWP.Min+extra.Low*mix.GWP, k*hi.GWP.Max+extra.High*mix.GWP)
	fp.WaterML = bounds(k*lo.WCF.Min+extra.Low*(prov.WUE.Min/prov.PUE.Max+mix.WUE),
		k*hi.WCF.Max+extra.High*(prov.WUE.Max/prov.PUE.Min+mix.WUE))
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

// resolve picks the site and the registered model for r.
func (e *Estimator) resolve(r *tracker.Request, d *Detail) (Site, Model, error) {
	site, known := SiteByID(r.Site)
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
			return site, m, nil
		}
		if !e.opts.Extensions {
			return site, Model{}, bad("Could not find model `%s` for %s provider.", r.Model, provider)
		}
		if r.Provider == "" && !known {
			if m, ok := e.findAnyModel(r.Model); ok {
				return site, m, nil
			}
		}
	}
	def := site.Model
	if def == "" {
		for _, s := range Sites {
			if s.Provider == provider && s.Note == "" {
				def = s.Model
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
	if r.Model != "" {
		d.Warnings = append(d.Warnings, fmt.Sprintf("model %q is not in EcoLogits' registry: estimated as %s", r.Model, m.Name))
	}
	if site.Note != "" {
		d.Warnings = append(d.Warnings, site.Note)
	}
	return site, m, nil
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
