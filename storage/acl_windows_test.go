package storage

import (
	"path/filepath"
	"testing"
	"unsafe"

	"golang.org/x/sys/windows"
)

// TestOpen_NewDatabaseIsOwnerOnly reads back the access list of a new
// database and its new folder: protected (nothing inherited from the
// parent) and one entry, for the user running the test. On Windows only:
// Wine 8 accepts SetNamedSecurityInfo on a file but keeps nothing (read
// back, the list is the inherited default; no extended attribute, no
// change of mode), so there the test is skipped.
func TestOpen_NewDatabaseIsOwnerOnly(t *testing.T) {
	if windows.NewLazySystemDLL("ntdll.dll").NewProc("wine_get_version").Find() == nil {
		t.Skip("Wine keeps no access list on files")
	}
	dir := filepath.Join(t.TempDir(), "Frugal")
	path := filepath.Join(dir, "frugal.db")
	s, err := Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	user, err := windows.GetCurrentProcessToken().GetTokenUser()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{dir, path} {
		sd, err := windows.GetNamedSecurityInfo(p, windows.SE_FILE_OBJECT, windows.DACL_SECURITY_INFORMATION)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		control, _, err := sd.Control()
		if err != nil {
			t.Fatal(err)
		}
		if control&windows.SE_DACL_PROTECTED == 0 {
			t.Errorf("%s: the access list inherits from the parent", p)
		}
		dacl, _, err := sd.DACL()
		if err != nil || dacl == nil {
			t.Fatalf("%s: no access list: %v", p, err)
		}
		if dacl.AceCount != 1 {
			t.Errorf("%s: %d entries, want 1 (the owner)", p, dacl.AceCount)
		}
		var ace *windows.ACCESS_ALLOWED_ACE
		if err := windows.GetAce(dacl, 0, &ace); err != nil {
			t.Fatal(err)
		}
		sid := (*windows.SID)(unsafe.Pointer(&ace.SidStart))
		if !sid.Equals(user.User.Sid) {
			t.Errorf("%s: the entry is for %s, not the user %s", p, sid, user.User.Sid)
		}
	}
}
