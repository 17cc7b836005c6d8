package cli

import (
	"context"
	"fmt"

	"frugal/tracker"
)

func init() {
	register("reestimate", "recompute every stored estimate with this version's method and data", runReestimate)
}

func runReestimate(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "reestimate", "[--all]")
	db := dbFlag(fs, env)
	all := fs.Bool("all", false, "also recompute estimates already made with this method version")
	if err := parse(fs, args, 0); err != nil {
		return err
	}
	st, err := openStore(ctx, env, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	total, err := st.Count(ctx)
	if err != nil {
		return err
	}
	est := NewService(st).Estimator
	var failed int64
	progress := func(done int64) {
		if env.IsTerminal && total > 0 {
			fmt.Fprintf(env.Stderr, "\rre-estimating: %d of %d (%d %%)", done, total, 100*done/total)
		}
	}
	changed, err := st.Rewrite(ctx, func(r *tracker.Request) (bool, error) {
		if r.Outcome == tracker.OutcomeCancelled {
			return false, nil
		}
		if !*all && r.Footprint != nil && r.Footprint.Method == methodVersion() {
			return false, nil
		}
		// The warnings describe the estimate being replaced.
		r.Warnings = nil
		fp, err := est.Estimate(r)
		if err != nil {
			// Keep the old estimate (or none) and say why; one bad row
			// does not stop the others.
			failed++
			r.Warnings = appendOnce(r.Warnings, "not re-estimated: "+err.Error())
			return true, nil
		}
		r.Footprint = &fp
		return true, nil
	}, progress)
	if env.IsTerminal {
		fmt.Fprintln(env.Stderr)
	}
	if err != nil {
		return fmt.Errorf("%w (%d requests were re-estimated before the error and keep their new estimate)", err, changed)
	}
	fmt.Fprintf(env.Stdout, "re-estimated %d of %d requests with method %s", changed-failed, total, methodVersion())
	if failed > 0 {
		fmt.Fprintf(env.Stdout, "; %d could not be estimated (see their warnings)", failed)
	}
	fmt.Fprintln(env.Stdout)
	return nil
}

func appendOnce(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}
