package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"frugal/app/i18n"
	"frugal/storage"
	"frugal/tracker"
	"frugal/tracker/defs"
)

func init() {
	register("summary", "totals for an ISO week (default: this week)", runSummary)
}

func runSummary(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "summary", "[--week 2026-W48] [--json]")
	db := dbFlag(fs, env)
	week := fs.String("week", "", "ISO week, e.g. 2026-W48 (default: this week)")
	asJSON := fs.Bool("json", false, "print JSON")
	window := fs.Bool("window", false, "open the weekly summary window")
	langF := langFlag(fs)
	if err := parse(fs, args, 0); err != nil {
		return err
	}
	c, err := catalogue(env, *langF)
	if err != nil {
		return err
	}
	if *window {
		return Usagef("--window needs the desktop build of frugal")
	}
	loc := time.Local
	monday := tracker.StartOfWeek(env.Now(), loc)
	if *week != "" {
		if monday, err = tracker.ParseISOWeek(*week, loc); err != nil {
			return Usagef("--week: %v", err)
		}
	}
	st, err := openStore(ctx, env, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	w, err := st.Week(ctx, monday)
	if err != nil {
		return err
	}
	if *asJSON {
		return json.NewEncoder(env.Stdout).Encode(weekJSON(w))
	}
	printWeek(env.Stdout, c, w)
	return nil
}

// weekJSON is the JSON form of a week summary: the storage type plus its
// ISO name and the trivial share, with "not estimated" made explicit.
func weekJSON(w storage.Week) map[string]any {
	days := make([]map[string]any, 7)
	for i, d := range w.Days {
		days[i] = map[string]any{"date": w.Start.AddDate(0, 0, i).Format(time.DateOnly), "totals": totalsJSON(d)}
	}
	grp := func(gs []storage.Group) []map[string]any {
		out := make([]map[string]any, len(gs))
		for i, g := range gs {
			out[i] = map[string]any{"key": g.Key, "totals": totalsJSON(g.Totals)}
		}
		return out
	}
	return map[string]any{
		"week": tracker.ISOWeek(w.Start), "start": w.Start.Format(time.RFC3339), "end": w.End.Format(time.RFC3339),
		"total": totalsJSON(w.Total), "days": days,
		"by_site": grp(w.BySite), "by_category": grp(w.ByCategory), "followed_by_tool": grp(w.ByTool),
		"previous": totalsJSON(w.Previous),
	}
}

func totalsJSON(t storage.Totals) map[string]any {
	m := map[string]any{"count": t.Count, "trivial": t.Trivial, "estimated": t.Estimated, "followed": t.Followed}
	if t.Count > 0 {
		m["trivial_share"] = float64(t.Trivial) / float64(t.Count)
	}
	if t.Estimated > 0 {
		m["energy_wh"], m["co2_g"], m["water_ml"] = t.Footprint.EnergyWh, t.Footprint.CO2Grams, t.Footprint.WaterML
	} else {
		m["footprint"] = "not estimated"
	}
	return m
}

func printWeek(out io.Writer, c i18n.Catalogue, w storage.Week) {
	last := w.End.AddDate(0, 0, -1)
	fmt.Fprintln(out, c.T("cli.week", map[string]any{"Week": tracker.ISOWeek(w.Start),
		"From": w.Start.Format("2006-01-02"), "To": last.Format("2006-01-02"), "Zone": w.Start.Location().String()}))
	t := w.Total
	if t.Count == 0 && t.Followed == 0 {
		fmt.Fprintln(out, c.T("cli.empty"))
	} else {
		fmt.Fprintln(out, c.T("cli.requests", map[string]any{"N": t.Count, "Trivial": t.Trivial, "Share": pct(t.Trivial, t.Count)}))
		printFootprint(out, c, "", t)
		if t.Followed > 0 {
			fmt.Fprintln(out, c.N("cli.followed", t.Followed))
		}
	}
	line := c.T("cli.previous", map[string]any{"Requests": c.N("requests", w.Previous.Count)})
	if w.Previous.Count > 0 {
		line += fmt.Sprintf(" (%+d%%)", int(100*float64(t.Count-w.Previous.Count)/float64(w.Previous.Count)))
	}
	fmt.Fprintln(out, line)
	if t.Count == 0 {
		return
	}
	fmt.Fprintln(out, "\n"+c.T("cli.by_day"))
	for i, d := range w.Days {
		fmt.Fprintf(out, "  %-10s %4d  %s\n", w.Start.AddDate(0, 0, i).Format("2006-01-02"), d.Count, energy(c, d))
	}
	fmt.Fprintln(out, "\n"+c.T("cli.by_site"))
	for _, g := range w.BySite {
		if g.Count > 0 {
			fmt.Fprintf(out, "  %-12s %4d  %s\n", defs.SiteName(g.Key), g.Count, energy(c, g.Totals))
		}
	}
	if len(w.ByCategory) > 0 {
		fmt.Fprintln(out, "\n"+c.T("cli.by_category"))
		for _, g := range w.ByCategory {
			if g.Count > 0 {
				fmt.Fprintf(out, "  %-20s %4d  %s\n", g.Key, g.Count, energy(c, g.Totals))
			}
		}
	}
}

func printFootprint(out io.Writer, c i18n.Catalogue, indent string, t storage.Totals) {
	if t.Estimated == 0 {
		fmt.Fprintln(out, indent+c.T("cli.footprint_none"))
		return
	}
	f := t.Footprint
	note := ""
	if t.Estimated < t.Count {
		note = c.N("cli.estimated_of", t.Estimated, map[string]any{"Of": t.Count})
	}
	r := func(key string, v tracker.Range, extra string) string {
		return indent + c.T(key, map[string]any{"C": c.Num(v.Central), "Lo": c.Num(v.Low), "Hi": c.Num(v.High), "Note": extra})
	}
	fmt.Fprintln(out, r("cli.energy", f.EnergyWh, note))
	fmt.Fprintln(out, r("cli.carbon", f.CO2Grams, ""))
	fmt.Fprintln(out, r("cli.water", f.WaterML, ""))
}

func energy(c i18n.Catalogue, t storage.Totals) string {
	if t.Count == 0 {
		return ""
	}
	if t.Estimated == 0 {
		return c.T("cli.not_estimated")
	}
	return c.Num(t.Footprint.EnergyWh.Central) + "\u00a0Wh"
}

func pct(a, b int) string {
	if b == 0 {
		return "–"
	}
	return fmt.Sprintf("%.0f %%", 100*float64(a)/float64(b))
}
