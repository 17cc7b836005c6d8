package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"frugal/tracker"
)

const settingsKey = "settings.v1"

// queryer is *sql.DB or *sql.Tx.
type queryer interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func loadSettings(ctx context.Context, q queryer) (tracker.Settings, error) {
	set := tracker.DefaultSettings()
	var v string
	err := q.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = ?", settingsKey).Scan(&v)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return set, nil
	case err != nil:
		return set, fmt.Errorf("storage: settings: %w", err)
	}
	// Fields missing from the saved JSON (added by a newer release) keep
	// their defaults.
	if err := json.Unmarshal([]byte(v), &set); err != nil {
		return tracker.DefaultSettings(), fmt.Errorf("storage: settings: %w", err)
	}
	if set.NudgesOff == nil {
		set.NudgesOff = map[string]bool{}
	}
	if set.NotifyOff == nil {
		set.NotifyOff = map[string]bool{}
	}
	return set, nil
}

// Settings returns the saved settings, or the defaults for what was never set.
func (s *Store) Settings(ctx context.Context) (tracker.Settings, error) {
	return loadSettings(ctx, s.db)
}

// SaveSettings validates and saves set.
func (s *Store) SaveSettings(ctx context.Context, set tracker.Settings) error {
	_, err := s.UpdateSettings(ctx, func(cur *tracker.Settings) error { *cur = set; return nil })
	return err
}

// UpdateSettings reads, changes and saves the settings in one transaction, so
// two processes changing different settings do not undo each other. Nothing
// is saved when change returns an error or the result is not valid.
func (s *Store) UpdateSettings(ctx context.Context, change func(*tracker.Settings) error) (tracker.Settings, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return tracker.Settings{}, fmt.Errorf("storage: update settings: %w", err)
	}
	defer tx.Rollback()
	set, err := loadSettings(ctx, tx)
	if err != nil {
		return set, err
	}
	if err := change(&set); err != nil {
		return set, err
	}
	if err := set.Validate(); err != nil {
		return set, err
	}
	b, err := json.Marshal(set)
	if err != nil {
		return set, fmt.Errorf("storage: update settings: %w", err)
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO settings (key, value) VALUES (?, ?) "+
		"ON CONFLICT(key) DO UPDATE SET value = excluded.value", settingsKey, string(b)); err != nil {
		return set, fmt.Errorf("storage: update settings: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return set, fmt.Errorf("storage: update settings: %w", err)
	}
	return set, nil
}
