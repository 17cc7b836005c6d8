package core

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"frugal/storage"
	"frugal/tracker"
	"frugal/tracker/estimate"
	"frugal/tracker/team"
)

// ShareWeek builds the share of the week that starts at monday: the week's
// totals per assistant and nothing else. The install id is drawn and saved
// on first use. teamLabel, when not nil, replaces the saved team label.
func ShareWeek(ctx context.Context, st *storage.Store, monday, now time.Time, teamLabel *string) (team.Share, error) {
	if teamLabel != nil {
		if err := team.CheckTeam(strings.TrimSpace(*teamLabel)); err != nil {
			return team.Share{}, fmt.Errorf("team label: %w", err)
		}
	}
	set, err := st.UpdateSettings(ctx, func(s *tracker.Settings) error {
		if s.ShareID == "" {
			s.ShareID = team.NewInstallID()
		}
		if teamLabel != nil {
			s.ShareTeam = strings.TrimSpace(*teamLabel)
		}
		return nil
	})
	if err != nil {
		return team.Share{}, err
	}
	days := tracker.WeekDays(monday)
	var b team.Builder
	err = st.Range(ctx, days[0], days[7], func(r tracker.Request) error {
		b.Add(&r)
		return nil
	})
	if err != nil {
		return team.Share{}, err
	}
	return b.Share(set.ShareID, set.ShareTeam, monday, now, estimate.MethodVersion, team.DefaultScope), nil
}

// ResetShareID draws a new install id: later shares cannot be linked to
// earlier ones.
func ResetShareID(ctx context.Context, st *storage.Store) (string, error) {
	set, err := st.UpdateSettings(ctx, func(s *tracker.Settings) error {
		s.ShareID = team.NewInstallID()
		return nil
	})
	return set.ShareID, err
}

// WriteFileAtomic writes data next to path and renames it into place, so
// an interrupted write never leaves a half file under the name.
// Errors name path, not the temporary file.
func WriteFileAtomic(path string, data []byte, mode os.FileMode) error {
	fail := func(err error) error {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return fmt.Errorf("write %s: %w", path, err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".frugal-*")
	if err != nil {
		return fail(err)
	}
	defer os.Remove(tmp.Name())
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), mode)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		return fail(err)
	}
	return nil
}
