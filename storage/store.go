package storage

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// busy_timeout comes first so that the other pragmas already wait for a lock.
// DSN pragmas apply to every pooled connection. _txlock=immediate takes the
// write lock at BEGIN, so a writer waits in busy_timeout instead of failing
// half-way with SQLITE_BUSY when it upgrades a read lock.
const pragmas = "?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)" +
	"&_pragma=synchronous(NORMAL)&_txlock=immediate"

//go:embed migrations/*.sql
var embeddedMigrations embed.FS

// migrationFS is where migrations are read from; tests add a future one to
// check upgrades.
var migrationFS fs.FS = embeddedMigrations

// Errors callers can test with errors.Is.
var (
	ErrNotFound = errors.New("not found")
	ErrNewer    = errors.New("database was written by a newer Frugal")
)

// Store is one open Frugal database.
type Store struct {
	db   *sql.DB
	path string
	// Notice says what Open had to do that the person should know: a
	// damaged file set aside, a backup made before a schema upgrade.
	Notice string
}

// DefaultPath is the database file in the OS's per-user data directory:
// $XDG_DATA_HOME/frugal (~/.local/share/frugal) on Linux and BSDs,
// ~/Library/Application Support/Frugal on macOS, %LOCALAPPDATA%\Frugal on
// Windows (the records belong to this machine: Roaming AppData would be
// copied to every machine the person logs on to, and synced while open).
func DefaultPath() (string, error) {
	var dir string
	switch runtime.GOOS {
	case "windows":
		return windowsPath(os.Getenv("LOCALAPPDATA"), os.Getenv("AppData"))
	case "darwin":
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("storage: %w", err)
		}
		dir = filepath.Join(home, "Library", "Application Support", "Frugal")
	default:
		dir = os.Getenv("XDG_DATA_HOME")
		if dir == "" || !filepath.IsAbs(dir) {
			home, err := os.UserHomeDir()
			if err != nil {
				return "", fmt.Errorf("storage: %w", err)
			}
			dir = filepath.Join(home, ".local", "share")
		}
		dir = filepath.Join(dir, "frugal")
	}
	return filepath.Join(dir, "frugal.db"), nil
}

// Open opens (creating if needed) the database at path and brings its schema
// up to date. A new file is created 0600 in a 0700 folder.
//
// A file that is not a readable SQLite database is never deleted: it is
// renamed aside (frugal.db.damaged-<time>), a new database is started, and
// Store.Notice says so. Before a schema upgrade of a database that has
// rows, a backup is made beside it (frugal.db.backup-v<N>-<time>).
func Open(ctx context.Context, path string) (*Store, error) {
	s, err := open(ctx, path)
	if err == nil || !errors.Is(err, ErrDamaged) {
		return s, err
	}
	aside, rerr := setAside(path)
	if rerr != nil {
		return nil, fmt.Errorf("%w; setting it aside failed: %v", err, rerr)
	}
	s, err = open(ctx, path)
	if err != nil {
		return nil, err
	}
	s.Notice = fmt.Sprintf("The database %s was damaged; it was kept as %s and a new one was started.", path, aside)
	return s, nil
}

func open(ctx context.Context, path string) (*Store, error) {
	if path == "" {
		return nil, errors.New("storage: empty database path")
	}
	if err := mkdirPrivate(filepath.Dir(path)); err != nil {
		return nil, err
	}
	_, statErr := os.Stat(path)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("storage: open %s: %w", path, err)
	}
	f.Close()
	if errors.Is(statErr, fs.ErrNotExist) {
		// On Windows the mode bits above mean nothing: give the new
		// file an access list for its owner only.
		if err := restrictToOwner(path); err != nil {
			return nil, fmt.Errorf("storage: %w", err)
		}
	}
	db, err := sql.Open("sqlite", path+pragmas)
	if err != nil {
		return nil, fmt.Errorf("storage: open %s: %w", path, err)
	}
	s := &Store{db: db, path: path}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// Path is the database file's path.
func (s *Store) Path() string { return s.path }

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// DB exposes the handle for checks such as PRAGMA integrity_check in tests
// and the reliability suite.
func (s *Store) DB() *sql.DB { return s.db }

type migration struct {
	version int
	name    string
	sql     string
}

func migrations() ([]migration, error) {
	entries, err := fs.ReadDir(migrationFS, "migrations")
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 {
			return nil, fmt.Errorf("storage: migration %s: name must start with NNNN_", e.Name())
		}
		b, err := fs.ReadFile(migrationFS, "migrations/"+e.Name())
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{v, e.Name(), string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	for i, m := range ms {
		if m.version != i+1 {
			return nil, fmt.Errorf("storage: migration %s: expected number %d", m.name, i+1)
		}
	}
	return ms, nil
}

// SchemaVersion is the schema version this build writes.
func SchemaVersion() int {
	ms, _ := migrations()
	return len(ms)
}

// migrate runs each pending migration in its own transaction together with
// the user_version bump, so a crash leaves either the old or the new schema.
func (s *Store) migrate(ctx context.Context) error {
	ms, err := migrations()
	if err != nil {
		return err
	}
	var cur int
	if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&cur); err != nil {
		return fmt.Errorf("storage: read schema version of %s: %w", s.path, classify(err))
	}
	// Reading the schema catches a damaged header or first page.
	var tables int
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&tables); err != nil {
		return fmt.Errorf("storage: read schema of %s: %w", s.path, classify(err))
	}
	if cur > len(ms) {
		return fmt.Errorf("storage: %s has schema %d, this Frugal knows up to %d: %w", s.path, cur, len(ms), ErrNewer)
	}
	if cur > 0 && cur < len(ms) {
		b, err := s.backup(ctx, fmt.Sprintf("v%d", cur))
		if err != nil {
			return fmt.Errorf("storage: backup before upgrading %s: %w", s.path, err)
		}
		s.Notice = fmt.Sprintf("The database was upgraded from schema %d to %d; the old one was kept as %s.", cur, len(ms), b)
	}
	for _, m := range ms[cur:] {
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return fmt.Errorf("storage: migration %s: %w", m.name, err)
		}
		// Another process may have migrated while we waited for the lock.
		var now int
		if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&now); err != nil {
			tx.Rollback()
			return fmt.Errorf("storage: migration %s: %w", m.name, err)
		}
		if now >= m.version {
			tx.Rollback()
			continue
		}
		if _, err := tx.ExecContext(ctx, m.sql); err != nil {
			tx.Rollback()
			return fmt.Errorf("storage: migration %s: %w", m.name, classify(err))
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", m.version)); err != nil {
			tx.Rollback()
			return fmt.Errorf("storage: migration %s: %w", m.name, err)
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("storage: migration %s: %w", m.name, classify(err))
		}
	}
	return nil
}

// DataVersion changes whenever another connection commits a change to the
// database: the tray compares it to notice new rows without reading them.
// It is per connection, so it uses one dedicated connection.
func (s *Store) DataVersion(ctx context.Context, conn *sql.Conn) (int64, error) {
	var v int64
	err := conn.QueryRowContext(ctx, "PRAGMA data_version").Scan(&v)
	return v, err
}

// IntegrityCheck runs PRAGMA integrity_check and returns nil when it says ok.
func (s *Store) IntegrityCheck(ctx context.Context) error {
	rows, err := s.db.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return err
	}
	defer rows.Close()
	var msgs []string
	for rows.Next() {
		var m string
		if err := rows.Scan(&m); err != nil {
			return err
		}
		msgs = append(msgs, m)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if len(msgs) == 1 && msgs[0] == "ok" {
		return nil
	}
	return fmt.Errorf("storage: integrity check: %s", strings.Join(msgs, "; "))
}
