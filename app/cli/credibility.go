package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	"frugal/tracker/estimate"
)

func init() {
	register("credibility", "compare Frugal's estimates with published per-request figures", runCredibility)
}

// runCredibility prints the calibration table: each published figure, its
// scope, Frugal's low / central / high for the same work and scope, and
// the ratio. It fails when a row is not as the table expects (make
// credibility; the same check is TestCalibration in go test).
func runCredibility(_ context.Context, env *Env, args []string) error {
	fs := newFlags(env, "credibility", "[--data-dir DIR] [--json]")
	dataDir := fs.String("data-dir", "", "folder with a calibration.csv / labels.csv override (default: the database's folder)")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := parse(fs, args, 0); err != nil {
		return err
	}
	dir := *dataDir
	if dir == "" {
		dir = defaultDataDir(env)
	} else if fi, err := os.Stat(dir); err != nil {
		return fmt.Errorf("--data-dir: %w", err)
	} else if !fi.IsDir() {
		return Usagef("--data-dir %s: not a folder", dir)
	}
	// A data-folder table that is refused is said, the built-in one is
	// checked instead, and the command fails: a check that passed on the
	// built-in table must not read as the data folder's passing.
	var refused []error
	rows, err := estimate.LoadCalibration(dir)
	if err != nil {
		refused = append(refused, err)
	}
	if est, err := estimate.New(estimate.Options{Extensions: true, DataDir: dir}); err == nil {
		refused = append(refused, est.Problems()...)
	}
	for _, err := range refused {
		fmt.Fprintf(env.Stderr, "frugal: %v\n", err)
	}
	checks, err := estimate.Credibility(rows, dir)
	if err != nil {
		return err
	}
	bad := 0
	for _, c := range checks {
		if !c.OK() {
			bad++
		}
	}
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(checks); err != nil {
			return err
		}
	} else {
		fmt.Fprint(env.Stdout, estimate.CredibilityTable(checks))
	}
	if bad > 0 {
		return fmt.Errorf("credibility: %d of %d rows are not as data/calibration.csv expects", bad, len(checks))
	}
	if len(refused) > 0 {
		return fmt.Errorf("%d table(s) of %s refused (said above); the rows shown use the built-in ones", len(refused), dir)
	}
	return nil
}
