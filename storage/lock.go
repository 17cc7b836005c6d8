package storage

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/gofrs/flock"
)

// ErrLocked: another process holds the lock.
var ErrLocked = errors.New("locked by another Frugal process")

// LockName is the tray's single-instance lock file's name, in the data
// folder next to the database. frugal repair takes it too, so that it does
// not swap a database a running tray has open.
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
// process gives ErrLocked. The file itself stays; release unlocks it.
func Lock(path string) (release func(), err error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("storage: lock: %w", err)
	}
	l := flock.New(path)
	ok, err := l.TryLock()
	if err != nil {
		return nil, fmt.Errorf("storage: lock %s: %w", path, err)
	}
	if !ok {
		return nil, ErrLocked
	}
	return func() { l.Unlock() }, nil
}
