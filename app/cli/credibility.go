package cli

import (
	"context"
	"encoding/json"
	"fmt"

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
	}
	rows, err := estimate.LoadCalibration(dir)
	if err != nil {
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
	return nil
}
