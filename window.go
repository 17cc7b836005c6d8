//go:build !nowindows

package main

import (
	"context"
	"fmt"

	fyneapp "fyne.io/fyne/v2/app"

	"frugal/app/cli"
	"frugal/app/windows"
)

// runWindow is a window process: a Fyne app for one window, which exits
// when the window closes. It is the only place a fyne.App is created.
func runWindow(ctx context.Context, env *cli.Env, kind string, args []string) int {
	o, err := windows.ParseArgs(kind, args, env.Getenv)
	if err != nil {
		fmt.Fprintf(env.Stderr, "frugal %s: %v\n", kind, err)
		return cli.ExitUsage
	}
	a := fyneapp.NewWithID("app.frugal.desktop")
	go func() {
		<-ctx.Done()
		a.Quit()
	}()
	if err := windows.Run(ctx, a, o); err != nil {
		fmt.Fprintf(env.Stderr, "frugal %s: %v\n", kind, err)
		return cli.ExitFailure
	}
	return cli.ExitOK
}
