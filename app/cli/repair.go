package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"frugal/storage"
)

func init() {
	register("repair", "check the database and save every readable request into a new one", runRepair)
}

// runRepair checks the database with PRAGMA quick_check and, when it is
// damaged (or --force), writes a new one with every readable request: in
// place (the damaged file is kept beside it) or, with --out, into another
// file, leaving the database as it is.
func runRepair(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "repair", "[--out FILE] [--force]")
	db := dbFlag(fs, env)
	out := fs.String("out", "", "write the repaired database to `file` and leave the damaged one in place")
	force := fs.Bool("force", false, "repair even when the check finds nothing wrong")
	if err := parse(fs, args, 0); err != nil {
		return err
	}
	path, err := DBPath(*db)
	if err != nil {
		return err
	}
	if !*force {
		// Not through openStore: Open would migrate the file, or set a
		// file it cannot read aside and start an empty one, before the
		// check could say it is damaged.
		problems, err := storage.QuickCheckFile(ctx, path)
		if err != nil {
			return fmt.Errorf("check %s: %w", path, err)
		}
		if len(problems) == 0 {
			fmt.Fprintf(env.Stdout, "%s: the check found no damage; nothing to repair (--force repairs anyway)\n", path)
			return nil
		}
		fmt.Fprintf(env.Stdout, "%s is damaged: %s\n", path, strings.ReplaceAll(problems[0], "\n", " "))
	}
	var res storage.RepairResult
	var kept string
	if *out != "" {
		res, err = storage.Repair(ctx, path, *out)
	} else {
		res, kept, err = storage.RepairInPlace(ctx, path)
		if errors.Is(err, storage.ErrLocked) {
			return fmt.Errorf("the Frugal tray has %s open: quit it first, or write the repair elsewhere with --out FILE", path)
		}
	}
	if err != nil {
		return err
	}
	lost := "an unknown number of requests lost (no count could be read)"
	if n := res.Lost(); n >= 0 {
		lost = fmt.Sprintf("%d lost", n)
	}
	fmt.Fprintf(env.Stdout, "requests saved: %d, %s\n", res.Saved, lost)
	if !res.Settings {
		fmt.Fprintln(env.Stdout, "the settings could not be read: the defaults apply")
	}
	if *out != "" {
		fmt.Fprintf(env.Stdout, "repaired database: %s (%s is unchanged)\n", *out, path)
	} else {
		fmt.Fprintf(env.Stdout, "repaired database: %s; the damaged one was kept as %s\n", path, kept)
	}
	return nil
}
