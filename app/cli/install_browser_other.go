//go:build !windows

package cli

// registerHost does nothing outside Windows: browsers find the manifest by
// its directory.
func registerHost(b browserInfo, manifest string, install bool) error { return nil }
