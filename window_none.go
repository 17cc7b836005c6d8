//go:build nowindows

package main

import (
	"context"
	"fmt"

	"frugal/app/cli"
)

// runWindow in a build without Fyne's driver (-tags nowindows, which needs
// no cgo): the Windows checks under Wine use such a build, since they test
// the command line, the native host, the tray and the installer, and a cold
// cross-compile of Fyne's GLFW driver takes minutes. Release builds never
// carry this tag.
func runWindow(_ context.Context, env *cli.Env, kind string, _ []string) int {
	fmt.Fprintf(env.Stderr, "frugal %s: this build has no windows (built with -tags nowindows)\n", kind)
	return cli.ExitFailure
}
