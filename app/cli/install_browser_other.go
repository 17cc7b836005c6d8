//go:build !windows

package cli

import "errors"

// registerHost does nothing outside Windows: browsers find the manifest by
// its directory.
func registerHost(b browserInfo, manifest string, install bool) error { return nil }

// readHostKey: there is no registry outside Windows.
func readHostKey(b browserInfo) (string, error) { return "", errors.ErrUnsupported }
