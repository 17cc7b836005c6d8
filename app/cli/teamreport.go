package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"frugal/app/core"
	"frugal/tracker/team"
)

func init() {
	register("team-report", "merge share files into an HTML report and a CSV (aggregates only)", runTeamReport)
}

// maxListed is how many skipped files are listed one by one.
const maxListed = 100

func runTeamReport(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "team-report", "FILES|DIRS… [--out report.html] [--csv totals.csv] [--min-group 5] [--lang fr|en]")
	out := fs.String("out", "team-report.html", "HTML report `file`")
	csvPath := fs.String("csv", "", "also write one row per team × week × assistant to this CSV `file`")
	minGroup := fs.Int("min-group", team.DefaultMinGroup, fmt.Sprintf("smallest group shown on its own (at least %d)", team.MinGroupFloor))
	lang := fs.String("lang", "", "report language: fr or en (default: from $LANG)")
	// Flags may come after the files: parse again after each positional.
	var inputs []string
	rest := args
	for {
		if err := parse(fs, rest, 1<<30); err != nil {
			return err
		}
		if fs.NArg() == 0 {
			break
		}
		inputs = append(inputs, fs.Arg(0))
		rest = fs.Args()[1:]
	}
	if len(inputs) == 0 {
		return Usagef("give share files or folders of them")
	}
	if *minGroup < team.MinGroupFloor {
		return Usagef("--min-group %d: at least %d, so no one can be singled out", *minGroup, team.MinGroupFloor)
	}
	cat, err := catalogue(env, *lang)
	if err != nil {
		return err
	}
	l := cat.Lang

	files, bad, err := team.Files(inputs)
	if err != nil {
		return err
	}
	var o team.ReadOptions
	if env.IsTerminal && len(files) > 0 {
		o.Progress = func(done, total int) {
			const width = 30
			n := width * done / total
			fmt.Fprintf(env.Stderr, "\r[%s%s] %d/%d files", strings.Repeat("#", n), strings.Repeat(".", width-n), done, total)
		}
	}
	c, err := team.Read(ctx, files, o)
	if o.Progress != nil {
		fmt.Fprintln(env.Stderr)
	}
	if err != nil {
		return err
	}
	rep := team.Build(c, *minGroup)
	rep.Skipped = append(bad, rep.Skipped...)
	rep.Files += len(bad)

	for i, s := range rep.Skipped {
		if i == maxListed {
			fmt.Fprintf(env.Stderr, "… and %d more skipped files\n", len(rep.Skipped)-maxListed)
			break
		}
		fmt.Fprintf(env.Stderr, "skipped %s: %s\n", s.Path, s.Reason)
	}
	if c.Shares() == 0 {
		return errors.New("no usable share file was read; no report written")
	}
	var html, csvData bytes.Buffer
	if err := rep.WriteHTML(&html, l); err != nil {
		return err
	}
	if *csvPath != "" {
		if err := rep.WriteCSV(&csvData); err != nil {
			return err
		}
		// Both folders are checked first: a --csv that cannot be written
		// must not leave a new report behind an error.
		for _, p := range []string{*out, *csvPath} {
			if fi, err := os.Stat(filepath.Dir(p)); err != nil || !fi.IsDir() {
				return fmt.Errorf("write %s: no such folder %s; nothing written", p, filepath.Dir(p))
			}
		}
	}
	if err := core.WriteFileAtomic(*out, html.Bytes(), 0o644); err != nil {
		return err
	}
	if *csvPath != "" {
		if err := core.WriteFileAtomic(*csvPath, csvData.Bytes(), 0o644); err != nil {
			return fmt.Errorf("%w (the report %s was written)", err, *out)
		}
	}
	fmt.Fprintf(env.Stderr, "report of %d person-weeks (%d people, %d weeks) written to %s", c.Shares(), rep.Total.People, len(rep.Weeks), *out)
	if *csvPath != "" {
		fmt.Fprintf(env.Stderr, " and %s", *csvPath)
	}
	fmt.Fprintln(env.Stderr)
	for _, lo := range rep.LeftOut {
		fmt.Fprintf(env.Stderr, "week %s left out: %d people shared it, fewer than --min-group %d\n", lo.Week, lo.People, rep.MinGroup)
	}
	if n := len(rep.Skipped); n > 0 {
		fmt.Fprintln(env.Stderr, cat.N("cli.files_skipped", n))
	}
	return nil
}
