package cli

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"frugal/storage"
	"frugal/tracker"
	"frugal/tracker/estimate"
	"frugal/tracker/team"
)

func init() {
	register("share", "write this week's totals, aggregates only, for a team report", runShare)
}

// ShareWeek builds the share of the week that starts at monday: the week's
// totals per assistant and nothing else. The install id is drawn and saved
// on first use. teamLabel, when not nil, replaces the saved team label.
func ShareWeek(ctx context.Context, st *storage.Store, monday, now time.Time, teamLabel *string) (team.Share, error) {
	if teamLabel != nil {
		if err := team.CheckTeam(strings.TrimSpace(*teamLabel)); err != nil {
			return team.Share{}, &UsageError{"--team: " + err.Error()}
		}
	}
	set, err := st.UpdateSettings(ctx, func(s *tracker.Settings) error {
		if s.ShareID == "" {
			s.ShareID = team.NewInstallID()
		}
		if teamLabel != nil {
			s.ShareTeam = strings.TrimSpace(*teamLabel)
		}
		return nil
	})
	if err != nil {
		return team.Share{}, err
	}
	days := tracker.WeekDays(monday)
	var b team.Builder
	err = st.Range(ctx, days[0], days[7], func(r tracker.Request) error {
		b.Add(&r)
		return nil
	})
	if err != nil {
		return team.Share{}, err
	}
	return b.Share(set.ShareID, set.ShareTeam, monday, now, estimate.MethodVersion, team.DefaultScope), nil
}

// ResetShareID draws a new install id: later shares cannot be linked to
// earlier ones.
func ResetShareID(ctx context.Context, st *storage.Store) (string, error) {
	set, err := st.UpdateSettings(ctx, func(s *tracker.Settings) error {
		s.ShareID = team.NewInstallID()
		return nil
	})
	return set.ShareID, err
}

// WriteFileAtomic writes data next to path and renames it into place, so
// an interrupted write never leaves a half file under the name.
func WriteFileAtomic(path string, data []byte, mode os.FileMode) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".frugal-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), mode)
	}
	if err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

func runShare(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "share", "[--week 2026-W48] [--team LABEL] [--out FILE|-] [--reset-id]")
	db := dbFlag(fs, env)
	week := fs.String("week", "", "ISO week, e.g. 2026-W48 (default: this week)")
	out := fs.String("out", "", "write to `file` (default: frugal-share-WEEK.json; - for standard output)")
	teamFlag := fs.String("team", "", "team label, remembered for the next shares (--team '' removes it)")
	reset := fs.Bool("reset-id", false, "draw a new random install id, so later shares cannot be linked to earlier ones, and write nothing")
	window := fs.Bool("window", false, "open the share window")
	if err := parse(fs, args, 0); err != nil {
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
	st, err := openStore(ctx, env, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	if *reset {
		if *week != "" || *out != "" || teamLabel != nil {
			return Usagef("--reset-id writes nothing: run share again without it")
		}
		if _, err := ResetShareID(ctx, st); err != nil {
			return err
		}
		fmt.Fprintln(env.Stdout, "New install id drawn: your next shares cannot be linked to the earlier ones.")
		return nil
	}
	s, err := ShareWeek(ctx, st, monday, env.Now(), teamLabel)
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
	if err := WriteFileAtomic(path, data, 0o644); err != nil {
		return err
	}
	var n int64
	for _, a := range s.Assistants {
		n += a.Requests
	}
	fmt.Fprintf(env.Stderr, "wrote %s: totals of week %s (%s), no prompt text\n", path, s.Week, nThings(n, "request", "requests"))
	if env.Now().Before(tracker.WeekDays(monday)[7]) {
		fmt.Fprintf(env.Stderr, "note: week %s is not over; share it again after Sunday for its full totals (the newer file replaces this one in a report)\n", s.Week)
	}
	return nil
}
