package cli

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"frugal/app/core"
	"frugal/storage"
	"frugal/tracker"
)

// dbFlag adds --db to fs; the value defaults to $FRUGAL_DB, then to the
// per-user data directory.
func dbFlag(fs *flag.FlagSet, env *Env) *string {
	return fs.String("db", env.Getenv("FRUGAL_DB"), "database `file` (default: $FRUGAL_DB, else the per-user data folder)")
}

// DBPath resolves the database path from a --db value.
func DBPath(flagValue string) (string, error) {
	if flagValue != "" {
		return flagValue, nil
	}
	return storage.DefaultPath()
}

// openStore opens the database. What Open had to do that the person should
// know (a damaged file set aside, a backup before an upgrade) is told as one
// line on standard error, never on standard output: the native host's
// stdout carries frames only, and other commands' output may be piped.
func openStore(ctx context.Context, env *Env, flagValue string) (*storage.Store, error) {
	p, err := DBPath(flagValue)
	if err != nil {
		return nil, err
	}
	st, err := storage.Open(ctx, p)
	if err == nil && st.Notice != "" {
		fmt.Fprintf(env.Stderr, "frugal: %s\n", strings.ReplaceAll(st.Notice, "\n", " "))
	}
	return st, err
}

// NewService is the request path over st (see package core).
func NewService(st *storage.Store) *tracker.Service { return core.NewService(st) }

// NewID makes a random request id (128 bits, hex).
func NewID() string { return core.NewID() }
