package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"frugal/app/core"
	"sort"
	"strings"

	"frugal/app/i18n"
	"frugal/tracker"
	"frugal/tracker/estimate"
)

func init() {
	register("settings", "show or change settings (privacy, search engine, budget, nudges…)", runSettings)
}

// listFlag collects a repeatable flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

func runSettings(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "settings", "[--privacy full|first|none] [--search-engine E] [--budget WH] [--zone ISO3|provider] [--nudge-off CAT] [--nudge-on CAT] [--carbon location|market] [--water total|onsite] [--embodied on|off] [--json]")
	db := dbFlag(fs, env)
	privacy := fs.String("privacy", "", "prompt text kept: full, first (200 characters) or none")
	engine := fs.String("search-engine", "", "search engine for suggestions: "+strings.Join(tracker.SearchEngines, ", "))
	budget := fs.Float64("budget", -1, "daily budget in Wh")
	zone := fs.String("zone", "", `"what if" grid zone (ISO 3166-1 alpha-3, e.g. FRA), or "provider" for each provider's own`)
	months := fs.Int("keep-months", -1, "keep history this many months (0 = everything)")
	language := fs.String("language", "", "interface language: fr, en or system")
	carbon := fs.String("carbon", "", "carbon scope: location (grid average, default) or market (provider's own factor)")
	water := fs.String("water", "", "water scope: total (on site + electricity generation, default) or onsite")
	embodied := fs.String("embodied", "", "count the carbon of making the hardware: on (default) or off")
	var off, on listFlag
	fs.Var(&off, "nudge-off", "turn the nudge off for a category (repeatable)")
	fs.Var(&on, "nudge-on", "turn the nudge back on for a category (repeatable)")
	asJSON := fs.Bool("json", false, "print JSON")
	window := fs.Bool("window", false, "open the settings window")
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
	for _, c := range append(append([]string{}, off...), on...) {
		if cat, err := tracker.ParseCategory(c); err != nil || !cat.Trivial() {
			return Usagef("%q is not a category that has a nudge", c)
		}
	}
	if *zone != "" && *zone != "provider" {
		if _, err := estimate.New(estimate.Options{Zone: *zone}); err != nil {
			return Usagef("--zone: %v", err)
		}
	}
	changed := false
	fs.Visit(func(f *flag.Flag) { changed = changed || (f.Name != "db" && f.Name != "json") })
	st, err := openStore(ctx, env, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	svc := NewService(st)
	set, err := svc.Settings(ctx)
	if err != nil {
		return err
	}
	if changed {
		set, err = svc.UpdateSettings(ctx, func(s *tracker.Settings) error {
			if *privacy != "" {
				s.Privacy = tracker.PromptPrivacy(*privacy)
			}
			if *engine != "" {
				s.SearchEngine = *engine
			}
			if *budget >= 0 {
				s.DailyBudgetWh = *budget
			}
			switch *zone {
			case "":
			case "provider":
				s.Zone = ""
			default:
				s.Zone = strings.ToUpper(*zone)
			}
			if *months >= 0 {
				s.KeepMonths = *months
			}
			switch *language {
			case "":
			case "system":
				s.Language = ""
			default:
				s.Language = *language
			}
			if *carbon != "" {
				s.CarbonScope = *carbon
			}
			if *water != "" {
				s.WaterScope = *water
			}
			switch *embodied {
			case "":
			case "on":
				s.EmbodiedOff = false
			case "off":
				s.EmbodiedOff = true
			default:
				return fmt.Errorf("--embodied %q (want on or off)", *embodied)
			}
			for _, c := range off {
				s.NudgesOff[c] = true
			}
			for _, c := range on {
				delete(s.NudgesOff, c)
			}
			return nil
		})
		if err != nil {
			return Usagef("%v", err)
		}
	}
	if *asJSON {
		return json.NewEncoder(env.Stdout).Encode(set)
	}
	zoneText := "each provider's data centres"
	if set.Zone != "" {
		zoneText = set.Zone + " (what if)"
	}
	var offs []string
	for c, v := range set.NudgesOff {
		if v {
			offs = append(offs, c)
		}
	}
	sort.Strings(offs)
	fmt.Fprintf(env.Stdout, "prompt text kept:  %s\nsearch engine:     %s\ndaily budget:      %s Wh\ngrid zone:         %s\nkeep history:      %s\nnudges off:        %s\nscope:             %s\n",
		set.Privacy, set.SearchEngine, num(set.DailyBudgetWh), zoneText, monthsText(c, set.KeepMonths), orNone(offs), core.ScopeOf(set).String())
	return nil
}

func monthsText(c i18n.Catalogue, n int) string {
	if n == 0 {
		return c.T("cli.everything")
	}
	return c.N("cli.months", n)
}

func orNone(l []string) string {
	if len(l) == 0 {
		return "none"
	}
	return strings.Join(l, ", ")
}
