package storage

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"modernc.org/sqlite"
)

// SQLite primary result codes (https://sqlite.org/rescode.html).
const (
	sqliteCorrupt = 11
	sqliteFull    = 13
	sqliteNotADB  = 26
)

// More sentinels for errors.Is.
var (
	// ErrDiskFull: the disk (or the user's quota) is full. Nothing was
	// written; the caller keeps what it was saving and tries again later.
	ErrDiskFull = errors.New("the disk is full")
	// ErrDamaged: the database file is damaged.
	ErrDamaged = errors.New("the database file is damaged")
)

func sqliteCode(err error) int {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code() & 0xff
	}
	return 0
}

// classify wraps a driver error with the sentinel that tells a person what
// happened, keeping the original text.
func classify(err error) error {
	switch sqliteCode(err) {
	case sqliteFull:
		return fmt.Errorf("%w: %w", ErrDiskFull, err)
	case sqliteCorrupt, sqliteNotADB:
		return fmt.Errorf("%w: %w", ErrDamaged, err)
	}
	return err
}

// setAside renames a damaged database (and its WAL and shared-memory files)
// out of the way, so a new one can be created, and returns the new name.
func setAside(path string) (string, error) {
	aside := fmt.Sprintf("%s.damaged-%s", path, time.Now().UTC().Format("20060102T150405Z"))
	for i := 2; ; i++ { // a copy kept by CheckHealth may have this name already
		if _, err := os.Lstat(aside); errors.Is(err, os.ErrNotExist) {
			break
		}
		aside = fmt.Sprintf("%s.damaged-%s-%d", path, time.Now().UTC().Format("20060102T150405Z"), i)
	}
	if err := os.Rename(path, aside); err != nil {
		return "", err
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(path + suffix); err == nil {
			os.Rename(path+suffix, aside+suffix)
		}
	}
	return aside, nil
}

// backup copies the database into a consistent file beside it (VACUUM INTO
// works while other processes read and write) and returns its name.
func (s *Store) backup(ctx context.Context, tag string) (string, error) {
	dst := fmt.Sprintf("%s.backup-%s-%s", s.path, tag, time.Now().UTC().Format("20060102T150405Z"))
	if _, err := s.db.ExecContext(ctx, "VACUUM INTO ?", dst); err != nil {
		return "", classify(err)
	}
	os.Chmod(dst, 0o600)
	return dst, nil
}
