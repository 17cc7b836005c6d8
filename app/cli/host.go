package cli

import (
	"context"
	"errors"
	"log"
	"os"
	"path/filepath"
	"time"

	"frugal/storage"
	"frugal/tracker/capture"
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
	if src, err := selectorSource(env); err != nil {
		logger.Printf("selector table: %v", err)
	} else {
		if src.Rejected != "" {
			logger.Printf("selector table: %s not used: %s", src.Rejected, src.Reason)
		}
		deps.Selectors = &src
	}
	// A host waiting for the browser's next message is blocked reading
	// stdin; SIGTERM (an uninstall, a logout) ends that read through a
	// deadline. A message being handled is finished first (Serve), so the
	// host exits between messages.
	in := interruptible(env.Stdin)
	if f, ok := in.(*os.File); ok {
		defer context.AfterFunc(ctx, func() { f.SetReadDeadline(time.Now()) })()
	}
	err = nativehost.Serve(ctx, in, env.Stdout, deps)
	switch {
	case err == nil:
		return ExitOK
	case ctx.Err() != nil:
		logger.Printf("stopped: %v", context.Cause(ctx))
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
// FRUGAL_DB (or the default path), with the classifier and estimator this
// build has (nil ones leave verdicts and estimates empty).
func openHost(ctx context.Context, env *Env) (nativehost.Deps, func(), error) {
	d := nativehost.Deps{Now: env.Now, NotFound: storage.ErrNotFound, DiskFull: storage.ErrDiskFull}
	st, err := openStore(ctx, env, env.Getenv("FRUGAL_DB"))
	if err != nil {
		return d, nil, err
	}
	d.Health = st
	d.Service = NewService(st)
	d.Totals = func(ctx context.Context, from, to time.Time) (nativehost.Totals, error) {
		t, err := st.Totals(ctx, from, to)
		return nativehost.Totals{Count: t.Count, Trivial: t.Trivial, Estimated: t.Estimated, Footprint: t.Footprint}, err
	}
	return d, func() { st.Close() }, nil
}

// selectorSource loads the selector table in use: a newer valid selectors.json
// in the database's folder, else the built-in one.
func selectorSource(env *Env) (capture.Source, error) {
	p, err := DBPath(env.Getenv("FRUGAL_DB"))
	if err != nil {
		return capture.LoadDefault("")
	}
	return capture.LoadDefault(filepath.Dir(p))
}
