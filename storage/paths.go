package storage

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// windowsPath is the database path on Windows: local\Frugal\frugal.db.
// A database left by an earlier Frugal in roaming\Frugal (Roaming AppData)
// is moved there first, with its -wal, -shm and -journal files. If it
// cannot be moved (a running older Frugal has it open), the old path is
// returned, so that nothing recorded is left behind.
func windowsPath(local, roaming string) (string, error) {
	if local == "" {
		return "", errors.New("storage: %LOCALAPPDATA% is not set")
	}
	path := filepath.Join(local, "Frugal", "frugal.db")
	if roaming == "" {
		return path, nil
	}
	old := filepath.Join(roaming, "Frugal", "frugal.db")
	if _, err := os.Stat(path); !errors.Is(err, fs.ErrNotExist) {
		return path, nil
	}
	if _, err := os.Stat(old); err != nil {
		return path, nil
	}
	if err := moveDatabase(old, path); err != nil {
		return old, nil
	}
	return path, nil
}

// sqliteCompanions are the files SQLite keeps beside a database; a WAL
// file may hold committed transactions, so it moves with the database.
var sqliteCompanions = []string{"", "-wal", "-shm", "-journal"}

// moveDatabase renames the database from and its companion files to to.
// If one rename fails, those already made are undone.
func moveDatabase(from, to string) error {
	if err := mkdirPrivate(filepath.Dir(to)); err != nil {
		return err
	}
	var moved []string
	for _, suffix := range sqliteCompanions {
		if _, err := os.Lstat(from + suffix); errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err := os.Rename(from+suffix, to+suffix); err != nil {
			for _, m := range moved {
				os.Rename(to+m, from+m)
			}
			return fmt.Errorf("storage: move %s to %s: %w", from+suffix, to+suffix, err)
		}
		moved = append(moved, suffix)
	}
	return nil
}

// mkdirPrivate creates dir (and its parents) for the owner only: mode 0700,
// and on Windows an access list for the owner alone on the folder it makes.
func mkdirPrivate(dir string) error {
	_, statErr := os.Stat(dir)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("storage: create folder: %w", err)
	}
	if errors.Is(statErr, fs.ErrNotExist) {
		if err := restrictToOwner(dir); err != nil {
			return fmt.Errorf("storage: %w", err)
		}
	}
	return nil
}
