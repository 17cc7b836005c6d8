//go:build unix

package cli

import (
	"io"
	"os"
	"syscall"
)

// interruptible returns stdin as a file whose reads a deadline can end: the
// browser's pipe is switched to non-blocking mode, which puts it under Go's
// poller. Anything else (a test's reader, a terminal) is returned as it is.
func interruptible(r io.Reader) io.Reader {
	f, ok := r.(*os.File)
	if !ok {
		return r
	}
	st, err := f.Stat()
	if err != nil || st.Mode()&os.ModeNamedPipe == 0 {
		return r
	}
	fd := int(f.Fd())
	if err := syscall.SetNonblock(fd, true); err != nil {
		return r
	}
	return os.NewFile(uintptr(fd), f.Name())
}
