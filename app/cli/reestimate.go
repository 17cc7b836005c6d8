package cli

import (
	"context"
	"fmt"

	"frugal/app/core"
)

func init() {
	register("reestimate", "recompute every stored estimate with this version's method and data", runReestimate)
}

func runReestimate(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "reestimate", "[--all]")
	db := dbFlag(fs, env)
	all := fs.Bool("all", false, "also recompute estimates already made with this method version")
	langF := langFlag(fs)
	if err := parse(fs, args, 0); err != nil {
		return err
	}
	c, err := catalogue(env, *langF)
	if err != nil {
		return err
	}
	st, err := openStore(ctx, env, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	current := core.CurrentMethod
	if *all {
		current = nil
	}
	res, err := NewService(st).Reestimate(ctx, current, func(done, total int64) {
		if env.IsTerminal && total > 0 {
			fmt.Fprintf(env.Stderr, "\rre-estimating: %d of %d (%d %%)", done, total, 100*done/total)
		}
	})
	if env.IsTerminal {
		fmt.Fprintln(env.Stderr)
	}
	if err != nil {
		return fmt.Errorf("%w (%d requests were re-estimated before the error and keep their new estimate)", err, res.Changed)
	}
	fmt.Fprint(env.Stdout, c.N("cli.reestimated", int(res.Changed-res.Failed), map[string]any{"Of": res.Total, "Method": methodVersion()}))
	if res.Failed > 0 {
		fmt.Fprint(env.Stdout, c.N("cli.reestimate_failed", int(res.Failed)))
	}
	fmt.Fprintln(env.Stdout)
	return nil
}
