package cli

import (
	"context"
	"fmt"
	"path/filepath"

	"frugal/storage"
	"frugal/tracker"
)

func init() {
	register("reestimate", "recompute every stored estimate made with another method version", runReestimate)
}

// Reestimate is the one code path that brings stored requests to the
// current method (issue 13), used by `frugal reestimate` and by the tray
// in the background. The rule: a request whose method version differs
// from the current estimator's (method, label table, scope) is estimated
// again; all re-estimates every request. Batches are committed one by
// one: after a kill, the next run carries on with the rows still old.
// progress gets rows done and rows left after each batch.
func Reestimate(ctx context.Context, st *storage.Store, all bool, progress func(done, left int64)) (done int64, method string, err error) {
	z := &zoneEstimator{settings: st.Settings, dataDir: filepath.Dir(st.Path())}
	est, err := z.Current(ctx)
	if err != nil {
		return 0, "", err
	}
	method = est.Method()
	match := method
	if all {
		match = "" // no stored method is "": every row differs
	}
	done, err = st.Reestimate(ctx, match, func(r *tracker.Request) error {
		fp, err := est.Estimate(r)
		if err != nil {
			return err // the old estimate is kept, with the reason
		}
		r.Footprint = &fp
		return nil
	}, progress)
	return done, method, err
}

// CurrentMethod is the method version estimates are made with now, from
// the settings (scope) and the data folder (label table).
func CurrentMethod(ctx context.Context, st *storage.Store) (string, error) {
	z := &zoneEstimator{settings: st.Settings, dataDir: filepath.Dir(st.Path())}
	est, err := z.Current(ctx)
	if err != nil {
		return "", err
	}
	return est.Method(), nil
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
	progress := func(done, left int64) {
		if env.IsTerminal {
			fmt.Fprintf(env.Stderr, "\rre-estimating: %d done, %d left", done, left)
		}
	}
	done, method, err := Reestimate(ctx, st, *all, progress)
	if env.IsTerminal {
		fmt.Fprintln(env.Stderr)
	}
	if err != nil {
		return fmt.Errorf("%w (%d requests were re-estimated before the error and keep their new estimate; run it again to carry on)", err, done)
	}
	total, err := st.Count(ctx)
	if err != nil {
		return err
	}
	left, err := st.StaleCount(ctx, method)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "re-estimated %d of %d requests with method %s", done, total, method)
	if left > 0 {
		fmt.Fprintf(env.Stdout, "; %d could not be estimated (see their warnings)", left)
	}
	fmt.Fprintln(env.Stdout)
	return nil
}
