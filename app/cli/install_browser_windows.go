//go:build windows

package cli

import (
	"errors"
	"fmt"

	"golang.org/x/sys/windows/registry"
)

// registerHost points HKCU\<browser's key>\app.frugal.host at the manifest
// (Windows browsers look hosts up in the registry, not in a directory), or
// removes that key.
func registerHost(b browserInfo, manifest string, install bool) error {
	if !install {
		err := registry.DeleteKey(registry.CURRENT_USER, b.regKey)
		if err != nil && !errors.Is(err, registry.ErrNotExist) {
			return fmt.Errorf("remove registry key HKCU\\%s: %w", b.regKey, err)
		}
		return nil
	}
	k, _, err := registry.CreateKey(registry.CURRENT_USER, b.regKey, registry.SET_VALUE)
	if err != nil {
		return fmt.Errorf("create registry key HKCU\\%s: %w", b.regKey, err)
	}
	defer k.Close()
	if err := k.SetStringValue("", manifest); err != nil {
		return fmt.Errorf("set registry key HKCU\\%s: %w", b.regKey, err)
	}
	return nil
}
