package cli

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"

	"frugal/storage"
)

// Version is set at build time with -ldflags "-X frugal/app/cli.Version=…".
var Version = "0.1.0-dev"

func init() {
	register("version", "print the version", runVersion)
}

func runVersion(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "version", "")
	if err := parse(fs, args, 0); err != nil {
		return err
	}
	rev := ""
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				rev = " (" + s.Value[:12] + ")"
			}
		}
	}
	fmt.Fprintf(env.Stdout, "frugal %s%s, schema %d, %s/%s\n", Version, rev, storage.SchemaVersion(), runtime.GOOS, runtime.GOARCH)
	return nil
}
