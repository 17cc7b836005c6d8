//go:build !windows

package storage

// restrictToOwner does nothing outside Windows: the mode bits given at
// creation (0600, 0700) already say owner only.
func restrictToOwner(string) error { return nil }
