package cli

import (
	"context"
	"flag"
	"fmt"
	"frugal/app/core"
	"strings"
	"time"

	"frugal/tracker"
	"frugal/tracker/team"
)

func init() {
	register("share", "write this week's totals, aggregates only, for a team report", runShare)
}

func runShare(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "share", "[--week 2026-W48] [--team LABEL] [--out FILE|-] [--reset-id] [--lang fr|en]")
	db := dbFlag(fs, env)
	week := fs.String("week", "", "ISO week, e.g. 2026-W48 (default: this week)")
	out := fs.String("out", "", "write to `file` (default: frugal-share-WEEK.json; - for standard output)")
	teamFlag := fs.String("team", "", "team label, remembered for the next shares (--team '' removes it)")
	reset := fs.Bool("reset-id", false, "draw a new random install id, so later shares cannot be linked to earlier ones, and write nothing")
	window := fs.Bool("window", false, "open the share window")
	langF := langFlag(fs)
	if err := parse(fs, args, 0); err != nil {
		return err
	}
	cat, err := catalogue(env, *langF)
	if err != nil {
		return err
	}
	if *window {
		return Usagef("--window needs the desktop build of frugal")
	}
	var teamLabel *string
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "team" {
			teamLabel = teamFlag
		}
	})
	loc := time.Local
	monday := tracker.StartOfWeek(env.Now(), loc)
	if *week != "" {
		var err error
		if monday, err = tracker.ParseISOWeek(*week, loc); err != nil {
			return Usagef("--week: %v", err)
		}
	}
	if monday.After(env.Now()) {
		return Usagef("--week %s has not started yet", tracker.ISOWeek(monday))
	}
	if *reset && (*week != "" || *out != "" || teamLabel != nil) {
		return Usagef("--reset-id writes nothing: run share again without it")
	}
	if teamLabel != nil {
		if err := team.CheckTeam(strings.TrimSpace(*teamLabel)); err != nil {
			return Usagef("--team: %v", err)
		}
	}
	st, err := openStore(ctx, env, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	if *reset {
		if _, err := core.ResetShareID(ctx, st); err != nil {
			return err
		}
		fmt.Fprintln(env.Stdout, cat.T("share.reset_done"))
		return nil
	}
	s, err := core.ShareWeek(ctx, st, monday, env.Now(), teamLabel)
	if err != nil {
		return err
	}
	data, err := s.Encode()
	if err != nil {
		return err
	}
	if *out == "-" {
		_, err := env.Stdout.Write(data)
		return err
	}
	path := *out
	if path == "" {
		path = "frugal-share-" + s.Week + ".json"
	}
	if err := core.WriteFileAtomic(path, data, 0o644); err != nil {
		return err
	}
	var n int64
	for _, a := range s.Assistants {
		n += a.Requests
	}
	fmt.Fprintln(env.Stderr, cat.N("cli.shared", int(n), map[string]any{"File": path, "Week": s.Week}))
	if env.Now().Before(tracker.WeekDays(monday)[7]) {
		fmt.Fprintln(env.Stderr, cat.T("cli.share_not_over", map[string]any{"Week": s.Week}))
	}
	return nil
}
