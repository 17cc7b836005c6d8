package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"frugal/storage"
	"frugal/tracker"
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
	if err := parse(fs, args, 0); err != nil {
		return err
	}
	if *window {
		return Usagef("--window needs the desktop build of frugal")
	}
	loc := time.Local
	monday := tracker.StartOfWeek(env.Now(), loc)
	if *week != "" {
		var err error
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
	printWeek(env.Stdout, w)
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

func printWeek(out io.Writer, w storage.Week) {
	last := w.End.AddDate(0, 0, -1)
	fmt.Fprintf(out, "Week %s (%s to %s, %s)\n", tracker.ISOWeek(w.Start),
		w.Start.Format("Mon 2 Jan"), last.Format("Mon 2 Jan 2006"), w.Start.Location())
	t := w.Total
	if t.Count == 0 && t.Followed == 0 {
		fmt.Fprintln(out, "No AI requests recorded this week.")
	} else {
		fmt.Fprintf(out, "Requests: %d, of which %d trivial (%s)\n", t.Count, t.Trivial, pct(t.Trivial, t.Count))
		printFootprint(out, "", t)
		if t.Followed > 0 {
			fmt.Fprintf(out, "Suggestions followed: %d\n", t.Followed)
		}
	}
	fmt.Fprintf(out, "Previous week: %s", nThings(int64(w.Previous.Count), "request", "requests"))
	if w.Previous.Count > 0 {
		fmt.Fprintf(out, " (%+d%%)", int(100*float64(t.Count-w.Previous.Count)/float64(w.Previous.Count)))
	}
	fmt.Fprintln(out)
	if t.Count == 0 {
		return
	}
	fmt.Fprintln(out, "\nBy day:")
	for i, d := range w.Days {
		fmt.Fprintf(out, "  %-10s %4d  %s\n", w.Start.AddDate(0, 0, i).Format("Mon 2 Jan"), d.Count, energy(d))
	}
	fmt.Fprintln(out, "\nBy site:")
	for _, g := range w.BySite {
		if g.Count > 0 {
			fmt.Fprintf(out, "  %-12s %4d  %s\n", g.Key, g.Count, energy(g.Totals))
		}
	}
	if len(w.ByCategory) > 0 {
		fmt.Fprintln(out, "\nBy category:")
		for _, g := range w.ByCategory {
			if g.Count > 0 {
				fmt.Fprintf(out, "  %-20s %4d  %s\n", g.Key, g.Count, energy(g.Totals))
			}
		}
	}
}

func printFootprint(out io.Writer, indent string, t storage.Totals) {
	if t.Estimated == 0 {
		fmt.Fprintf(out, "%sFootprint: not estimated\n", indent)
		return
	}
	f := t.Footprint
	note := ""
	if t.Estimated < t.Count {
		note = fmt.Sprintf(" (%d of %d requests estimated)", t.Estimated, t.Count)
	}
	fmt.Fprintf(out, "%sEnergy: %s Wh (range %s–%s)%s\n", indent, num(f.EnergyWh.Central), num(f.EnergyWh.Low), num(f.EnergyWh.High), note)
	fmt.Fprintf(out, "%sCarbon: %s g CO2e (range %s–%s)\n", indent, num(f.CO2Grams.Central), num(f.CO2Grams.Low), num(f.CO2Grams.High))
	fmt.Fprintf(out, "%sWater:  %s mL (range %s–%s)\n", indent, num(f.WaterML.Central), num(f.WaterML.Low), num(f.WaterML.High))
}

func energy(t storage.Totals) string {
	if t.Count == 0 {
		return ""
	}
	if t.Estimated == 0 {
		return "not estimated"
	}
	return num(t.Footprint.EnergyWh.Central) + " Wh"
}

func pct(a, b int) string {
	if b == 0 {
		return "–"
	}
	return fmt.Sprintf("%.0f %%", 100*float64(a)/float64(b))
}
