// Command gen writes the extension's copy of package defs as an ES module.
// Run it with `go generate ./tracker/defs`.
package main

import (
	"flag"
	"fmt"
	"os"

	"frugal/tracker/defs"
)

func main() {
	out := flag.String("o", "", "file to write (default: standard output)")
	flag.Parse()
	b, err := defs.JS()
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	if *out == "" {
		os.Stdout.Write(b)
		return
	}
	if err := os.WriteFile(*out, b, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}
