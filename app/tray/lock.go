package tray

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/gofrs/flock"
)

// LockName is the single-instance lock file's name, in the data folder
// next to the database.
const LockName = "frugal-tray.lock"

// LockPath is the lock file of the tray that uses the database at dbPath:
// one tray per data folder.
func LockPath(dbPath string) string {
	return filepath.Join(filepath.Dir(dbPath), LockName)
}

// Lock takes the single-instance lock at path without waiting: an
// advisory lock held on the open file (flock on Unix, LockFileEx on
// Windows), which the system releases when the process ends, however it
// ends, so a tray that crashed leaves nothing stale. A lock held by another
// process gives ErrRunning. The file itself stays; release unlocks it.
func Lock(path string) (release func(), err error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("tray: lock: %w", err)
	}
	l := flock.New(path)
	ok, err := l.TryLock()
	if err != nil {
		return nil, fmt.Errorf("tray: lock %s: %w", path, err)
	}
	if !ok {
		return nil, ErrRunning
	}
	return func() { l.Unlock() }, nil
}
