//go:build !linux

package tray

import (
	"context"
	"errors"
)

// watchFiles is not available here: Wake falls back to a once-a-second check.
func watchFiles(ctx context.Context, dbPath string) (<-chan struct{}, error) {
	return nil, errors.New("no file watch on this system")
}
