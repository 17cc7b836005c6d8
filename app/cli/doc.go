// Package cli implements Frugal's terminal subcommands (log, summary, export,
// import, classify, estimate, …). It has no Fyne and no cgo: main dispatches
// to Run for every subcommand that does not open a window.
package cli
