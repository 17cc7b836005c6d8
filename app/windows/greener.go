package windows

import (
	"context"
	"sort"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"frugal/app/i18n"
	"frugal/storage"
	"frugal/tracker"
	"frugal/tracker/estimate"
)

// providerCost is one provider's data-centre assumptions, as the estimator
// uses them, and what the week's requests would have emitted on its grid.
type providerCost struct {
	P        estimate.Provider
	GridGCO2 float64       // g CO2e per kWh of the provider's zone
	CO2      tracker.Range // the week's requests, re-estimated on that zone
}

// greener re-estimates the requests sent in [from, to) on each provider's
// grid zone with the estimator's "what if" zone option: the same work (same
// models, same answers), only the electricity's carbon changes. Requests
// the estimator cannot estimate are left out of every line alike.
func greener(ctx context.Context, st *storage.Store, from, to time.Time) ([]providerCost, error) {
	reg, err := estimate.Default()
	if err != nil {
		return nil, err
	}
	var reqs []tracker.Request
	err = st.Range(ctx, from, to, func(r tracker.Request) error {
		if (r.Outcome == tracker.OutcomeSent || r.Outcome == tracker.OutcomeSentAnyway) && r.Footprint != nil {
			r.Footprint, r.Prompt = nil, nil
			reqs = append(reqs, r)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	ests := map[string]*estimate.Estimator{}
	var out []providerCost
	for _, p := range estimate.Providers() {
		pc := providerCost{P: p}
		if m, ok := reg.Mix(p.Zone); ok {
			pc.GridGCO2 = m.GWP * 1000
		}
		e := ests[p.Zone]
		if e == nil {
			o := estimate.DefaultOptions()
			o.Zone = p.Zone
			if e, err = estimate.New(o); err != nil {
				return nil, err
			}
			ests[p.Zone] = e
		}
		for _, r := range reqs {
			r := r
			if f, err := e.Estimate(&r); err == nil {
				pc.CO2 = pc.CO2.Add(f.CO2Grams)
			}
		}
		out = append(out, pc)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].CO2.Central < out[j].CO2.Central })
	return out, nil
}

// providerName is how a provider is shown.
func providerName(p string) string {
	names := map[string]string{"anthropic": "Anthropic", "cohere": "Cohere", "google_genai": "Google",
		"huggingface_hub": "Hugging Face", "mistralai": "Mistral AI", "openai": "OpenAI"}
	if n, ok := names[p]; ok {
		return n
	}
	return p
}

// greenerSection shows each provider's assumptions and the week re-priced
// on its grid, worded as information.
func greenerSection(c i18n.Catalogue, pcs []providerCost, t storage.Totals) []fyne.CanvasObject {
	if len(pcs) == 0 || t.Estimated == 0 {
		return nil
	}
	objs := []fyne.CanvasObject{section(i18n.X("greener.title")), wrapped(i18n.X("greener.intro"))}
	cells := []fyne.CanvasObject{
		bold(i18n.X("greener.provider")), bold(i18n.X("greener.zone")), bold(i18n.X("greener.grid")),
		bold(i18n.X("greener.pue")), bold(i18n.X("greener.wue")), bold(i18n.X("greener.week")),
	}
	for _, pc := range pcs {
		cells = append(cells,
			widget.NewLabel(providerName(pc.P.Name)), widget.NewLabel(pc.P.Zone),
			widget.NewLabel(c.Num(pc.GridGCO2)),
			widget.NewLabel(valueText(c, pc.P.PUE.Min, pc.P.PUE.Max)),
			widget.NewLabel(valueText(c, pc.P.WUE.Min, pc.P.WUE.Max)),
			widget.NewLabel(c.Num(pc.CO2.Central)+"\u00a0g"))
	}
	objs = append(objs, container.NewGridWithColumns(6, cells...))
	low := pcs[0]
	objs = append(objs, wrapped(i18n.X("greener.lightest", map[string]any{
		"Provider": providerName(low.P.Name), "Zone": low.P.Zone,
		"CO2": c.Num(low.CO2.Central), "Actual": c.Num(t.Footprint.CO2Grams.Central)})),
		wrapped(i18n.X("greener.note")))
	return objs
}

func bold(s string) *widget.Label {
	return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

func valueText(c i18n.Catalogue, lo, hi float64) string {
	if lo == hi {
		return c.Num(lo)
	}
	return c.Num(lo) + "–" + c.Num(hi)
}
