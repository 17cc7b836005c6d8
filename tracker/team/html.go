package team

import (
	"fmt"
	"html/template"
	"io"
	"math"
	"strconv"
	"strings"

	"frugal/tracker/estimate"
)

// Languages the report is written in.
var Languages = []string{"en", "fr"}

// msgs are the report's strings, English then French.
var msgs = map[string][2]string{
	"title":          {"AI footprint of the team", "Empreinte IA de l'équipe"},
	"period":         {"Weeks %s to %s · %d people · %d person-weeks shared", "Semaines %s à %s · %d personnes · %d semaines-personnes partagées"},
	"none":           {"No week has enough people to be shown.", "Aucune semaine ne compte assez de personnes pour être montrée."},
	"requests":       {"Requests", "Requêtes"},
	"energy":         {"Energy", "Énergie"},
	"co2":            {"Carbon", "Carbone"},
	"water":          {"Water", "Eau"},
	"trivial":        {"Trivial requests", "Requêtes triviales"},
	"trivial_note":   {"a lighter tool (search engine, calculator, weather…) would have answered", "un outil plus léger (moteur de recherche, calculatrice, météo…) aurait suffi"},
	"followed":       {"Nudges followed", "Suggestions suivies"},
	"followed_note":  {"requests not sent because the person took the lighter tool", "requêtes non envoyées : la personne a pris l'outil plus léger"},
	"media":          {"Images / videos generated", "Images / vidéos générées"},
	"range":          {"range %s", "fourchette %s"},
	"equiv":          {"In everyday terms: about %s (central estimate).", "En termes courants : environ %s (estimation centrale)."},
	"estimated_note": {"%d of %d requests have an estimate; the others are counted but add no footprint.", "%d requêtes sur %d ont une estimation ; les autres sont comptées sans empreinte."},
	"trend":          {"Week by week", "Semaine par semaine"},
	"trend_req":      {"Requests per week (darker: trivial)", "Requêtes par semaine (plus foncé : triviales)"},
	"trend_co2":      {"Carbon per week, g CO2e (central line, band low–high)", "Carbone par semaine, g CO2e (ligne centrale, bande basse–haute)"},
	"by_assistant":   {"By assistant", "Par assistant"},
	"by_assistant_c": {"Carbon by assistant, g CO2e (bar central, line low–high)", "Carbone par assistant, g CO2e (barre centrale, trait bas–haut)"},
	"by_team":        {"By team", "Par équipe"},
	"by_team_c":      {"Requests by team", "Requêtes par équipe"},
	"team":           {"Team", "Équipe"},
	"assistant":      {"Assistant", "Assistant"},
	"week":           {"Week", "Semaine"},
	"people":         {"People", "Personnes"},
	"share_trivial":  {"Trivial share", "Part triviale"},
	"other_team":     {"Other (small teams and no team)", "Autres (petites équipes et sans équipe)"},
	"other_asst":     {"Other AI", "Autre IA"},
	"other_short":    {"Other", "Autres"},
	"method":         {"Method and scope", "Méthode et périmètre"},
	"method_text": {"Footprints are estimated on each person's machine by Frugal with the EcoLogits method (methods: %s; scope: %s). They include the data centre's electricity use and the manufacture of its hardware, with the carbon intensity of the place; water counts use only. Each figure is a central estimate with a low–high range; ranges are summed bound by bound.",
		"Les empreintes sont estimées sur la machine de chaque personne par Frugal, selon la méthode EcoLogits (méthodes : %s ; périmètre : %s). Elles comptent l'électricité du centre de données et la fabrication de son matériel, avec l'intensité carbone du lieu ; l'eau ne compte que l'usage. Chaque chiffre est une estimation centrale avec une fourchette basse–haute ; les fourchettes s'additionnent borne à borne."},
	"privacy": {"Privacy: each file holds one person's weekly totals per assistant, never a prompt. Every team, week and row stands for at least %d people: smaller teams are merged into “Other” (%d team-weeks merged).",
		"Confidentialité : chaque fichier contient les totaux d'une personne pour une semaine, par assistant, jamais une requête. Chaque équipe, semaine et ligne représente au moins %d personnes : les équipes plus petites sont regroupées dans « Autres » (%d équipes-semaines regroupées)."},
	"left_out": {"Left out, fewer than %d people shared that week: %s.", "Écartées, moins de %d personnes ont partagé ces semaines : %s."},
	"skipped":  {"%d of %d files were skipped (not share files, damaged, or duplicates); the command listed them with their reasons.", "%d fichiers sur %d ont été écartés (pas des fichiers de partage, abîmés ou en double) ; la commande les a listés avec leurs raisons."},
	"footer":   {"Made by frugal team-report from aggregate-only share files. No network was used; charts are drawn in the page.", "Produit par frugal team-report à partir de fichiers de partage agrégés. Aucun accès réseau ; les graphiques sont dessinés dans la page."},
}

type renderer struct {
	lang string
	li   int
}

func (g renderer) t(key string, a ...any) string {
	m, ok := msgs[key]
	if !ok {
		return key
	}
	if len(a) == 0 {
		return m[g.li]
	}
	return fmt.Sprintf(m[g.li], a...)
}

// num keeps three significant digits, with a decimal comma in French.
func (g renderer) num(f float64) string {
	a := math.Abs(f)
	var s string
	switch {
	case f == 0:
		s = "0"
	case a >= 100:
		s = strconv.FormatFloat(f, 'f', 0, 64)
		if len(s) > 4 {
			sep := ","
			if g.lang == "fr" {
				sep = "\u202f"
			}
			var b strings.Builder
			for i, c := range s {
				if i > 0 && (len(s)-i)%3 == 0 {
					b.WriteString(sep)
				}
				b.WriteRune(c)
			}
			s = b.String()
		}
	case a >= 0.01:
		s = strconv.FormatFloat(f, 'g', 3, 64)
	default:
		s = strconv.FormatFloat(f, 'f', 3, 64)
	}
	if g.lang == "fr" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

func (g renderer) int(n int64) string { return g.num(float64(n)) }

func (g renderer) pct(share float64) string {
	p := strconv.Itoa(int(math.Round(share * 100)))
	if g.lang == "fr" {
		return p + "\u00a0%"
	}
	return p + "%"
}

// qty scales a range to a readable unit: Wh→kWh→MWh, g→kg→t, mL→L→m³.
func (g renderer) qty(r Range, units [3]string) (central, rng string) {
	div, u := 1.0, units[0]
	switch {
	case r.Central >= 1e6:
		div, u = 1e6, units[2]
	case r.Central >= 1e3:
		div, u = 1e3, units[1]
	}
	return g.num(r.Central/div) + "\u00a0" + u, g.num(r.Low/div) + "–" + g.num(r.High/div) + "\u00a0" + u
}

var (
	unitsWh = [3]string{"Wh", "kWh", "MWh"}
	unitsG  = [3]string{"g CO2e", "kg CO2e", "t CO2e"}
	unitsML = [3]string{"mL", "L", "m³"}
	palette = []string{"#2e7d32", "#1565c0", "#6a1b9a", "#ef6c00", "#00838f", "#ad1457", "#4e342e", "#546e7a"}
)

func (g renderer) teamName(k string) string {
	if k == Other {
		return g.t("other_team")
	}
	return k
}

func (g renderer) asstName(k string) string {
	if k == Other {
		return g.t("other_asst")
	}
	return DisplayName[k]
}

type card struct{ Label, Value, Note string }

type tableRow struct {
	Name                                      string
	People, Requests, Trivial, Followed       string
	Energy, EnergyR, CO2, CO2R, Water, WaterR string
}

type page struct {
	Lang, Title, Period, None          string
	Cards                              []card
	Equiv, EstimatedNote               string
	TrendTitle, ReqChart, CO2Chart     template.HTML
	AsstTitle                          string
	AsstChart                          template.HTML
	TeamTitle                          string
	TeamChart                          template.HTML
	H                                  map[string]string
	Assistants, Teams, WeekRows        []tableRow
	MethodTitle, Method, Privacy, Left string
	Skipped, Footer                    string
	Empty                              bool
}

func (g renderer) row(name string, t Totals) tableRow {
	e, er := g.qty(t.EnergyWh, unitsWh)
	c, cr := g.qty(t.CO2eG, unitsG)
	w, wr := g.qty(t.WaterML, unitsML)
	return tableRow{Name: name, People: strconv.Itoa(t.People), Requests: g.int(t.Requests),
		Trivial: g.pct(t.TrivialShare()), Followed: g.int(t.Followed),
		Energy: e, EnergyR: er, CO2: c, CO2R: cr, Water: w, WaterR: wr}
}

// WriteHTML writes the report as one self-contained page in lang ("fr" or
// "en"): inline CSS and SVG, no script, nothing fetched.
func (r *Report) WriteHTML(w io.Writer, lang string) error {
	g := renderer{lang: "en"}
	if lang == "fr" {
		g = renderer{lang: "fr", li: 1}
	}
	p := page{Lang: g.lang, Title: g.t("title"), None: g.t("none"), Empty: len(r.Weeks) == 0, Footer: g.t("footer")}
	p.H = map[string]string{}
	for _, k := range []string{"team", "assistant", "week", "people", "requests", "share_trivial", "followed", "energy", "co2", "water"} {
		p.H[k] = g.t(k)
	}
	if !p.Empty {
		t := r.Total
		p.Period = g.t("period", r.Weeks[0].Key, r.Weeks[len(r.Weeks)-1].Key, t.People, r.personWeeks())
		e, er := g.qty(t.EnergyWh, unitsWh)
		c, cr := g.qty(t.CO2eG, unitsG)
		wa, wr := g.qty(t.WaterML, unitsML)
		p.Cards = []card{
			{g.t("requests"), g.int(t.Requests), ""},
			{g.t("energy"), e, g.t("range", er)},
			{g.t("co2"), c, g.t("range", cr)},
			{g.t("water"), wa, g.t("range", wr)},
			{g.t("trivial"), g.pct(t.TrivialShare()), g.int(t.Trivial) + " · " + g.t("trivial_note")},
			{g.t("followed"), g.int(t.Followed), g.t("followed_note")},
			{g.t("media"), g.int(t.Images) + " / " + g.int(t.Videos), ""},
		}
		if t.CO2eG.Central > 0 {
			p.Equiv = g.t("equiv", strings.TrimPrefix(estimate.Equivalent(t.CO2eG.Central, t.EnergyWh.Central, g.lang).Text, "≈ "))
		}
		if t.Estimated < t.Requests {
			p.EstimatedNote = g.t("estimated_note", t.Estimated, t.Requests)
		}
		p.TrendTitle = template.HTML(template.HTMLEscapeString(g.t("trend")))
		p.ReqChart = caption(g.t("trend_req")) + g.requestChart(r)
		p.CO2Chart = caption(g.t("trend_co2")) + g.co2Chart(r)
		p.AsstTitle = g.t("by_assistant")
		p.AsstChart = caption(g.t("by_assistant_c")) + g.asstChart(r)
		p.TeamTitle = g.t("by_team")
		p.TeamChart = caption(g.t("by_team_c")) + g.teamChart(r)
		for _, a := range r.ByAssistant {
			p.Assistants = append(p.Assistants, g.row(g.asstName(a.Key), a.Totals))
		}
		for _, tm := range r.Teams {
			p.Teams = append(p.Teams, g.row(g.teamName(tm.Key), tm.Totals))
		}
		for _, wk := range r.Weeks {
			p.WeekRows = append(p.WeekRows, g.row(wk.Key, wk.Totals))
		}
	}
	p.MethodTitle = g.t("method")
	p.Method = g.t("method_text", strings.Join(r.Methods, ", "), strings.Join(r.Scopes, ", "))
	p.Privacy = g.t("privacy", r.MinGroup, r.Merged)
	if len(r.LeftOut) > 0 {
		ws := make([]string, len(r.LeftOut))
		for i, l := range r.LeftOut {
			ws[i] = l.Week
		}
		p.Left = g.t("left_out", r.MinGroup, strings.Join(ws, ", "))
	}
	if len(r.Skipped) > 0 {
		p.Skipped = g.t("skipped", len(r.Skipped), r.Files)
	}
	return pageTmpl.Execute(w, p)
}

func (r *Report) personWeeks() int {
	n := 0
	for _, w := range r.Weeks {
		n += w.People
	}
	return n
}

// svg helpers. Every chart is an <svg> with a viewBox and width 100%, so it
// scales with the page and prints.
func esc(s string) string { return template.HTMLEscapeString(s) }

func caption(s string) template.HTML { return template.HTML(`<p class="cap">` + esc(s) + `</p>`) }

func niceMax(v float64) float64 {
	if v <= 0 {
		return 1
	}
	e := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*e >= v {
			return m * e
		}
	}
	return 10 * e
}

const (
	chartW, chartH         = 720.0, 240.0
	padL, padR, padT, padB = 56.0, 12.0, 12.0, 36.0
)

func (g renderer) axes(b *strings.Builder, top float64, weeks []Group) {
	ih := chartH - padT - padB
	for i := 0; i <= 4; i++ {
		y := padT + ih - ih*float64(i)/4
		fmt.Fprintf(b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" class="grid"/>`, padL, y, chartW-padR, y)
		fmt.Fprintf(b, `<text x="%.1f" y="%.1f" class="ax" text-anchor="end">%s</text>`, padL-6, y+4, esc(g.num(top*float64(i)/4)))
	}
	n := len(weeks)
	iw := chartW - padL - padR
	every := max(1, (n+11)/12)
	for i, w := range weeks {
		if i%every != 0 && i != n-1 {
			continue
		}
		x := padL + iw*(float64(i)+0.5)/float64(n)
		fmt.Fprintf(b, `<text x="%.1f" y="%.1f" class="ax" text-anchor="middle">%s</text>`, x, chartH-padB+16, esc(w.Key[5:]))
	}
}

func (g renderer) requestChart(r *Report) template.HTML {
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart" viewBox="0 0 %.0f %.0f" width="100%%" role="img" aria-label="%s">`, chartW, chartH, esc(g.t("trend_req")))
	top := 0.0
	for _, w := range r.Weeks {
		top = math.Max(top, float64(w.Requests))
	}
	top = niceMax(top)
	g.axes(&b, top, r.Weeks)
	n := float64(len(r.Weeks))
	iw, ih := chartW-padL-padR, chartH-padT-padB
	bw := iw / n * 0.7
	for i, w := range r.Weeks {
		x := padL + iw*(float64(i)+0.15)/n
		h := ih * float64(w.Requests) / top
		ht := ih * float64(w.Trivial) / top
		fmt.Fprintf(&b, `<rect x="%.2f" y="%.2f" width="%.2f" height="%.2f" class="bar"><title>%s: %s</title></rect>`, x, padT+ih-h, bw, h, esc(w.Key), esc(g.int(w.Requests)))
		fmt.Fprintf(&b, `<rect x="%.2f" y="%.2f" width="%.2f" height="%.2f" class="bar-trivial"><title>%s: %s</title></rect>`, x, padT+ih-ht, bw, ht, esc(w.Key), esc(g.int(w.Trivial)))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

func (g renderer) co2Chart(r *Report) template.HTML {
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart" viewBox="0 0 %.0f %.0f" width="100%%" role="img" aria-label="%s">`, chartW, chartH, esc(g.t("trend_co2")))
	top := 0.0
	for _, w := range r.Weeks {
		top = math.Max(top, w.CO2eG.High)
	}
	top = niceMax(top)
	g.axes(&b, top, r.Weeks)
	n := float64(len(r.Weeks))
	iw, ih := chartW-padL-padR, chartH-padT-padB
	x := func(i int) float64 { return padL + iw*(float64(i)+0.5)/n }
	y := func(v float64) float64 { return padT + ih - ih*v/top }
	var band, line []string
	for i, w := range r.Weeks {
		band = append(band, fmt.Sprintf("%.2f,%.2f", x(i), y(w.CO2eG.High)))
		line = append(line, fmt.Sprintf("%.2f,%.2f", x(i), y(w.CO2eG.Central)))
	}
	for i := len(r.Weeks) - 1; i >= 0; i-- {
		band = append(band, fmt.Sprintf("%.2f,%.2f", x(i), y(r.Weeks[i].CO2eG.Low)))
	}
	fmt.Fprintf(&b, `<polygon points="%s" class="band"/>`, strings.Join(band, " "))
	fmt.Fprintf(&b, `<polyline points="%s" class="line"/>`, strings.Join(line, " "))
	for i, w := range r.Weeks {
		fmt.Fprintf(&b, `<circle cx="%.2f" cy="%.2f" r="3" class="dot"><title>%s: %s (%s–%s)</title></circle>`, x(i), y(w.CO2eG.Central),
			esc(w.Key), esc(g.num(w.CO2eG.Central)), esc(g.num(w.CO2eG.Low)), esc(g.num(w.CO2eG.High)))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// hbars draws horizontal bars, one per group, with an optional low–high whisker.
func (g renderer) hbars(label string, names []string, central, low, high []float64) template.HTML {
	var b strings.Builder
	rowH := 28.0
	h := rowH*float64(len(names)) + 28
	lw := 190.0
	fmt.Fprintf(&b, `<svg class="chart" viewBox="0 0 %.0f %.0f" width="100%%" role="img" aria-label="%s">`, chartW, h, esc(label))
	top := 0.0
	for i := range names {
		top = math.Max(top, math.Max(central[i], high[i]))
	}
	top = niceMax(top)
	iw := chartW - lw - 70
	for i, name := range names {
		y := 8 + rowH*float64(i)
		w := iw * central[i] / top
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" class="lbl" text-anchor="end">%s</text>`, lw-8, y+15, esc(name))
		fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.2f" height="18" fill="%s"><title>%s: %s</title></rect>`, lw, y+2, math.Max(w, 1), palette[i%len(palette)], esc(name), esc(g.num(central[i])))
		if high[i] > low[i] {
			fmt.Fprintf(&b, `<line x1="%.2f" y1="%.1f" x2="%.2f" y2="%.1f" class="whisker"/>`, lw+iw*low[i]/top, y+11, lw+iw*high[i]/top, y+11)
		}
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" class="val">%s</text>`, lw+math.Max(w, iw*high[i]/top)+6, y+15, esc(g.num(central[i])))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

func (g renderer) asstChart(r *Report) template.HTML {
	var names []string
	var c, lo, hi []float64
	for _, a := range r.ByAssistant {
		names = append(names, g.asstName(a.Key))
		c, lo, hi = append(c, a.CO2eG.Central), append(lo, a.CO2eG.Low), append(hi, a.CO2eG.High)
	}
	return g.hbars(g.t("by_assistant_c"), names, c, lo, hi)
}

func (g renderer) teamChart(r *Report) template.HTML {
	var names []string
	var c []float64
	for _, t := range r.Teams {
		name := t.Key
		if name == Other {
			name = g.t("other_short")
		}
		names = append(names, name)
		c = append(c, float64(t.Requests))
	}
	return g.hbars(g.t("by_team_c"), names, c, c, c)
}

var pageTmpl = template.Must(template.New("report").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>{{.Title}}</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:0 auto;max-width:960px;padding:24px;color:#1b1f1c;background:#fafaf7}
h1{font-size:1.6em;margin:0 0 4px}h2{font-size:1.2em;margin:32px 0 8px;border-bottom:1px solid #ccd;padding-bottom:4px}
.period{color:#555;margin:0 0 16px}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(200px,1fr));gap:12px}
.card{background:#fff;border:1px solid #dde;border-radius:8px;padding:12px}
.card .l{font-size:.85em;color:#555}.card .v{font-size:1.5em;font-weight:600;margin:4px 0}.card .n{font-size:.8em;color:#666}
.equiv{margin:12px 0;font-size:1.05em}
.chart{display:block;background:#fff;border:1px solid #dde;border-radius:8px;margin:8px 0 4px}
.cap{font-size:.85em;color:#555;margin:0 0 12px}
.grid{stroke:#e3e3e8;stroke-width:1}.ax{font-size:11px;fill:#555}.lbl{font-size:13px;fill:#222}.val{font-size:12px;fill:#333}
.bar{fill:#9ccc9c}.bar-trivial{fill:#2e7d32}.band{fill:#c8e0f4}.line{fill:none;stroke:#1565c0;stroke-width:2}.dot{fill:#1565c0}
.whisker{stroke:#222;stroke-width:2}
table{border-collapse:collapse;width:100%;background:#fff;font-size:.9em}
th,td{border:1px solid #dde;padding:4px 8px;text-align:right}td:first-child{white-space:nowrap}th:first-child,td:first-child{text-align:left}
th{background:#eef2ee}.r{color:#666;font-size:.85em}
.note{font-size:.9em;color:#444}
footer{margin-top:32px;font-size:.8em;color:#666}
@media print{body{background:#fff}}
</style>
</head>
<body>
<h1>{{.Title}}</h1>
{{if .Empty}}<p class="period">{{.None}}</p>{{else}}
<p class="period">{{.Period}}</p>
<div class="cards">{{range .Cards}}<div class="card"><div class="l">{{.Label}}</div><div class="v">{{.Value}}</div>{{if .Note}}<div class="n">{{.Note}}</div>{{end}}</div>{{end}}</div>
{{if .Equiv}}<p class="equiv">{{.Equiv}}</p>{{end}}
{{if .EstimatedNote}}<p class="note">{{.EstimatedNote}}</p>{{end}}
<h2>{{.TrendTitle}}</h2>
{{.ReqChart}}
{{.CO2Chart}}
<table><tr><th>{{.H.week}}</th><th>{{.H.people}}</th><th>{{.H.requests}}</th><th>{{.H.share_trivial}}</th><th>{{.H.followed}}</th><th>{{.H.energy}}</th><th>{{.H.co2}}</th><th>{{.H.water}}</th></tr>
{{range .WeekRows}}<tr><td>{{.Name}}</td><td>{{.People}}</td><td>{{.Requests}}</td><td>{{.Trivial}}</td><td>{{.Followed}}</td><td>{{.Energy}} <span class="r">{{.EnergyR}}</span></td><td>{{.CO2}} <span class="r">{{.CO2R}}</span></td><td>{{.Water}} <span class="r">{{.WaterR}}</span></td></tr>
{{end}}</table>
<h2>{{.AsstTitle}}</h2>
{{.AsstChart}}
<table><tr><th>{{.H.assistant}}</th><th>{{.H.people}}</th><th>{{.H.requests}}</th><th>{{.H.share_trivial}}</th><th>{{.H.followed}}</th><th>{{.H.energy}}</th><th>{{.H.co2}}</th><th>{{.H.water}}</th></tr>
{{range .Assistants}}<tr><td>{{.Name}}</td><td>{{.People}}</td><td>{{.Requests}}</td><td>{{.Trivial}}</td><td>{{.Followed}}</td><td>{{.Energy}} <span class="r">{{.EnergyR}}</span></td><td>{{.CO2}} <span class="r">{{.CO2R}}</span></td><td>{{.Water}} <span class="r">{{.WaterR}}</span></td></tr>
{{end}}</table>
<h2>{{.TeamTitle}}</h2>
{{.TeamChart}}
<table><tr><th>{{.H.team}}</th><th>{{.H.people}}</th><th>{{.H.requests}}</th><th>{{.H.share_trivial}}</th><th>{{.H.followed}}</th><th>{{.H.energy}}</th><th>{{.H.co2}}</th><th>{{.H.water}}</th></tr>
{{range .Teams}}<tr><td>{{.Name}}</td><td>{{.People}}</td><td>{{.Requests}}</td><td>{{.Trivial}}</td><td>{{.Followed}}</td><td>{{.Energy}} <span class="r">{{.EnergyR}}</span></td><td>{{.CO2}} <span class="r">{{.CO2R}}</span></td><td>{{.Water}} <span class="r">{{.WaterR}}</span></td></tr>
{{end}}</table>
{{end}}
<h2>{{.MethodTitle}}</h2>
<p class="note">{{.Method}}</p>
<p class="note">{{.Privacy}}</p>
{{if .Left}}<p class="note">{{.Left}}</p>{{end}}
{{if .Skipped}}<p class="note">{{.Skipped}}</p>{{end}}
<footer>{{.Footer}}</footer>
</body>
</html>
`))
