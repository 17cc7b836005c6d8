//go:build !unix

package cli

import "io"

// interruptible: on other systems the host ends when the browser closes its
// pipe, or with the process.
func interruptible(r io.Reader) io.Reader { return r }
