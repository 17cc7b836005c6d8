//go:build unix

package storage

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time (user + system) this process has used: on a
// shared machine a benchmark's wall time depends on the load, its CPU time
// much less.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
