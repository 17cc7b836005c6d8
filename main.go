// Command frugal records the AI requests a person makes and their footprint,
// on their own machine. With no arguments it starts the tray app; with a
// subcommand it runs in the terminal (frugal help); "KIND --window" opens a
// window (summary, settings, log, export, methodology).
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"frugal/app/cli"
	"frugal/app/tray"
	"frugal/app/windows"
	"frugal/tracker/nativehost"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:])
	stop()
	os.Exit(code)
}

func run(ctx context.Context, args []string) int {
	env := cli.OSEnv()
	// A browser starting its native messaging host passes arguments that
	// look like nothing else (an extension origin, or a manifest path and
	// an add-on id): check them first.
	if nativehost.IsHostInvocation(args) {
		return cli.RunHost(ctx, env, args)
	}
	if len(args) == 0 {
		return runTray(ctx, env)
	}
	if kind, ok := windows.Wants(args); ok {
		return runWindow(ctx, env, kind, args[1:])
	}
	switch args[0] {
	case "help", "-h", "--help", "-help":
		cli.Help(env.Stdout)
		return cli.ExitOK
	}
	return cli.Run(ctx, env, args[0], args[1:])
}

// runTray is the tray process: fyne.io/systray only, never Fyne's driver.
func runTray(ctx context.Context, env *cli.Env) int {
	db, err := cli.DBPath(env.Getenv("FRUGAL_DB"))
	if err == nil {
		exe, _ := os.Executable()
		err = tray.Run(ctx, tray.Options{DBPath: db, Exe: exe})
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "frugal: %v\n", err)
		return cli.ExitFailure
	}
	return cli.ExitOK
}
