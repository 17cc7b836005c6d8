// Command frugal records a person's AI requests and their footprint on their
// own machine. This main dispatches the native messaging host mode (when a
// browser starts it) and the terminal subcommands.
//
// The tray and window processes are wired here by the app branch; this file
// is the minimal dispatcher the extension branch needs.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"frugal/app/cli"
	"frugal/tracker/nativehost"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	args := os.Args[1:]
	code := run(ctx, args)
	stop()
	os.Exit(code)
}

func run(ctx context.Context, args []string) int {
	env := cli.OSEnv()
	// Host mode first: the browser's arguments look like nothing else.
	if nativehost.IsHostInvocation(args) {
		return cli.RunHost(ctx, env, args)
	}
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		cli.Help(env.Stdout)
		return cli.ExitOK
	}
	return cli.Run(ctx, env, args[0], args[1:])
}
