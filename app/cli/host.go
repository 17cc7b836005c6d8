package cli

import (
	"context"
	"errors"
	"fmt"
	"log"

	"frugal/tracker/nativehost"
)

// RunHost serves the browser extension over native messaging on stdin and
// stdout until the browser closes the port. It returns the exit code. Logs
// go to env.Stderr (Chrome shows a host's stderr in its own log); stdout
// carries frames only.
func RunHost(ctx context.Context, env *Env, args []string) int {
	logger := log.New(env.Stderr, "frugal host: ", log.LstdFlags|log.Lmicroseconds)
	deps, closeFn, err := openHost(ctx, env)
	if err != nil {
		// Still serve: classify and ping work, and every record gets an
		// "internal" error reply so the extension keeps it queued.
		logger.Printf("open: %v", err)
	}
	if closeFn != nil {
		defer closeFn()
	}
	deps.Log = logger
	err = nativehost.Serve(ctx, env.Stdin, env.Stdout, deps)
	switch {
	case err == nil:
		return ExitOK
	case errors.Is(err, nativehost.ErrFrameTooLarge):
		// Replied with an error and ended on purpose: see nativehost's doc.
		logger.Printf("%v", err)
		return ExitOK
	default:
		logger.Printf("%v", err)
		return ExitFailure
	}
}

// openHost builds the host's dependencies from the database named by
// FRUGAL_DB (or the default path).
func openHost(ctx context.Context, env *Env) (nativehost.Deps, func(), error) {
	d := nativehost.Deps{Now: env.Now}
	return d, nil, fmt.Errorf("storage not built into this binary yet")
}
