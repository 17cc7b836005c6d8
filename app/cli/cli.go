package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"
)

// Exit codes, the same for every subcommand.
const (
	ExitOK      = 0
	ExitFailure = 1
	ExitUsage   = 2
)

// Env is what a subcommand may touch of the outside world; tests replace it.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string
	Now    func() time.Time
	// IsTerminal reports whether Stderr is a terminal (progress lines are
	// only drawn there).
	IsTerminal bool
}

// OSEnv is the real process environment.
func OSEnv() *Env {
	fi, err := os.Stderr.Stat()
	return &Env{
		Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr,
		Getenv: os.Getenv, Now: time.Now,
		IsTerminal: err == nil && fi.Mode()&os.ModeCharDevice != 0,
	}
}

// UsageError is a mistake in how a command was called (exit code 2).
type UsageError struct{ msg string }

func (e *UsageError) Error() string { return e.msg }

// Usagef builds a UsageError.
func Usagef(format string, a ...any) error { return &UsageError{fmt.Sprintf(format, a...)} }

// command is one subcommand.
type command struct {
	summary string
	run     func(ctx context.Context, env *Env, args []string) error
}

// commands is the table of subcommands. Each lives in its own file.
var commands = map[string]command{}

func register(name, summary string, run func(context.Context, *Env, []string) error) {
	commands[name] = command{summary, run}
}

// Has reports whether name is a terminal subcommand.
func Has(name string) bool { _, ok := commands[name]; return ok }

// Run runs subcommand name with its arguments and returns the exit code.
// Errors are printed as one line on env.Stderr.
func Run(ctx context.Context, env *Env, name string, args []string) int {
	c, ok := commands[name]
	if !ok {
		fmt.Fprintf(env.Stderr, "frugal: unknown command %q (run 'frugal help')\n", name)
		return ExitUsage
	}
	err := c.run(ctx, env, args)
	if err == nil {
		return ExitOK
	}
	if errors.Is(err, flag.ErrHelp) {
		return ExitOK
	}
	msg := strings.ReplaceAll(err.Error(), "\n", " ")
	fmt.Fprintf(env.Stderr, "frugal %s: %s\n", name, msg)
	var ue *UsageError
	if errors.As(err, &ue) {
		return ExitUsage
	}
	return ExitFailure
}

// Help writes the list of subcommands.
func Help(w io.Writer) {
	fmt.Fprintln(w, "Frugal records your AI requests and their footprint, on your machine only.")
	fmt.Fprintln(w, "\nUsage: frugal [command] [flags]   (no command: start the tray app)")
	fmt.Fprintln(w, "\nCommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-16s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\nCommands that use the database take --db PATH (or FRUGAL_DB) to use another file.")
	fmt.Fprintln(w, "Run 'frugal COMMAND -h' for a command's flags.")
}

// newFlags makes a FlagSet that reports errors instead of exiting; its
// usage text goes to env.Stderr.
func newFlags(env *Env, name, usage string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: frugal %s %s\n", name, usage)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses args and turns flag errors into usage errors. Extra
// positional arguments are refused unless maxArgs allows them.
func parse(fs *flag.FlagSet, args []string, maxArgs int) error {
	out := fs.Output()
	fs.SetOutput(io.Discard) // a bad flag gets our one-line error, not the whole usage
	err := fs.Parse(args)
	fs.SetOutput(out)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.Usage()
			return err
		}
		return Usagef("%v", err)
	}
	if fs.NArg() > maxArgs {
		return Usagef("unexpected argument %q", fs.Arg(maxArgs))
	}
	return nil
}
