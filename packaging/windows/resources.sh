#!/usr/bin/env bash
# resources.sh VERSION OUT.syso writes the Windows resources of frugal.exe
# and frugalw.exe (icon, version information, application manifest) as a
# COFF object that `go build` links in when it sits in the main package's
# folder with a _windows_amd64.syso name. The icon is assets/icon.ico (drawn
# by assets/gen), the manifest packaging/windows/frugal.manifest. It needs
# MinGW-w64's windres (deps.sh dist).
set -euo pipefail
version=${1:?version}
out=${2:?output .syso}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
WINDRES=${WINDRES:-x86_64-w64-mingw32-windres}

# VERSIONINFO wants four numbers: those of a vX.Y.Z tag, else 0.0.0.0;
# the text fields carry VERSION as it is (git describe).
nums=0,0,0,0
if [[ $version =~ ^v?([0-9]+)\.([0-9]+)\.([0-9]+) ]]; then
  nums="${BASH_REMATCH[1]},${BASH_REMATCH[2]},${BASH_REMATCH[3]},0"
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$root/assets/icon.ico" "$tmp/icon.ico"
cp "$here/frugal.manifest" "$tmp/frugal.manifest"
esc=${version//\"/}
cat >"$tmp/frugal.rc" <<RC
#include <winver.h>
1 ICON "icon.ico"
1 24 "frugal.manifest"
1 VERSIONINFO
FILEVERSION $nums
PRODUCTVERSION $nums
FILEOS VOS_NT_WINDOWS32
FILETYPE VFT_APP
BEGIN
  BLOCK "StringFileInfo"
  BEGIN
    BLOCK "040904B0"
    BEGIN
      VALUE "CompanyName", "Frugal"
      VALUE "FileDescription", "Frugal: the footprint of your AI requests"
      VALUE "FileVersion", "$esc"
      VALUE "InternalName", "frugal"
      VALUE "LegalCopyright", "Frugal contributors"
      VALUE "ProductName", "Frugal"
      VALUE "ProductVersion", "$esc"
    END
  END
  BLOCK "VarFileInfo"
  BEGIN
    VALUE "Translation", 0x409, 1200
  END
END
RC
(cd "$tmp" && "$WINDRES" -O coff -i frugal.rc -o out.syso)
mv "$tmp/out.syso" "$out"
