package storage

import (
	"fmt"

	"golang.org/x/sys/windows"
)

// restrictToOwner replaces path's access list with one entry, full control
// for the user running Frugal, inherited by what a folder holds, and stops
// inheritance from the parent (PROTECTED): the Windows counterpart of mode
// 0600/0700. SDDL: "D:P(A;OICI;FA;;;<sid>)".
func restrictToOwner(path string) error {
	user, err := windows.GetCurrentProcessToken().GetTokenUser()
	if err != nil {
		return fmt.Errorf("restrict %s to its owner: %w", path, err)
	}
	sd, err := windows.SecurityDescriptorFromString("D:P(A;OICI;FA;;;" + user.User.Sid.String() + ")")
	if err != nil {
		return fmt.Errorf("restrict %s to its owner: %w", path, err)
	}
	dacl, _, err := sd.DACL()
	if err != nil {
		return fmt.Errorf("restrict %s to its owner: %w", path, err)
	}
	err = windows.SetNamedSecurityInfo(path, windows.SE_FILE_OBJECT,
		windows.DACL_SECURITY_INFORMATION|windows.PROTECTED_DACL_SECURITY_INFORMATION, nil, nil, dacl, nil)
	if err != nil {
		return fmt.Errorf("restrict %s to its owner: %w", path, err)
	}
	return nil
}
