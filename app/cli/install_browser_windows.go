//go:build windows

package cli

import (
	"errors"
	"fmt"
	"io/fs"

	"golang.org/x/sys/windows/registry"
)

// registerHost points HKCU\<browser's key>\app.frugal.host at the manifest
// (Windows browsers look hosts up in the registry, not in a directory), or
// removes that key.
func registerHost(b browserInfo, manifest string, install bool) error {
	key := b.hostKey()
	if !install {
		err := registry.DeleteKey(registry.CURRENT_USER, key)
		if err != nil && !errors.Is(err, registry.ErrNotExist) {
			return fmt.Errorf("remove registry key HKCU\\%s: %w", key, err)
		}
		return nil
	}
	k, _, err := registry.CreateKey(registry.CURRENT_USER, key, registry.SET_VALUE)
	if err != nil {
		return fmt.Errorf("create registry key HKCU\\%s: %w", key, err)
	}
	defer k.Close()
	if err := k.SetStringValue("", manifest); err != nil {
		return fmt.Errorf("set registry key HKCU\\%s: %w", key, err)
	}
	return nil
}

// readHostKey returns the default value of browser b's host key (the
// manifest path), or an error wrapping fs.ErrNotExist when there is none.
func readHostKey(b browserInfo) (string, error) {
	k, err := registry.OpenKey(registry.CURRENT_USER, b.hostKey(), registry.QUERY_VALUE)
	if errors.Is(err, registry.ErrNotExist) {
		return "", fs.ErrNotExist
	}
	if err != nil {
		return "", err
	}
	defer k.Close()
	v, _, err := k.GetStringValue("")
	if errors.Is(err, registry.ErrNotExist) {
		return "", fs.ErrNotExist
	}
	return v, err
}
