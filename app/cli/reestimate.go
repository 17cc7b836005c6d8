package cli

import (
	"context"
	"fmt"
)

func init() {
	register("reestimate", "recompute every stored estimate made with another method version", runReestimate)
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
	res, err := NewService(st).Reestimate(ctx, *all, func(done, left int64) {
		if env.IsTerminal {
			fmt.Fprintf(env.Stderr, "\rre-estimating: %d done, %d left", done, left)
		}
	})
	if env.IsTerminal {
		fmt.Fprintln(env.Stderr)
	}
	if err != nil {
		return fmt.Errorf("%w (%d requests were re-estimated before the error and keep their new estimate; run it again to carry on)", err, res.Changed)
	}
	fmt.Fprint(env.Stdout, c.N("cli.reestimated", int(res.Changed), map[string]any{"Of": res.Total, "Method": res.Method}))
	if res.Left > 0 {
		fmt.Fprint(env.Stdout, c.N("cli.reestimate_failed", int(res.Left)))
	}
	fmt.Fprintln(env.Stdout)
	return nil
}
