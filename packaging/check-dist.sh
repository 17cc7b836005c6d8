#!/usr/bin/env bash
# check-dist.sh [DIR] checks what `make dist` wrote into DIR (default dist/):
# every artifact is there and in SHA256SUMS, the sums verify, frugal.exe is a
# PE32+ x86-64 console program and frugalw.exe a GUI one, both with their
# resources, the installer is there, the extension zips hold the built extension
# with the expected per-browser manifest differences, the Linux package holds
# install.sh and fyne's tree, and install.sh works (linux/test-install.sh).
# It needs no network and takes a few seconds.
set -euo pipefail
trap 'echo "$(basename "$0"): stopped by a failing command at line $LINENO" >&2' ERR

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
dist=$(realpath "${1:-dist}")
fails=0
ok() { printf '  ok   %s\n' "$*"; }
bad() { printf '  FAIL %s\n' "$*"; fails=$((fails + 1)); }
check() {
  local what=$1; shift
  if "$@"; then ok "$what"; else bad "$what"; fi
}

artifacts=(frugal-linux-amd64.tar.xz frugal.exe frugalw.exe frugal-windows-amd64-setup.exe frugal-chromium.zip frugal-firefox.xpi)
cd "$dist"

echo "artifacts and sums in $dist"
for a in "${artifacts[@]}"; do check "$a present" test -s "$a"; done
check "SHA256SUMS verifies" sha256sum --quiet --strict -c SHA256SUMS
listed=$(awk '{sub(/^\*/, "", $2); print $2}' SHA256SUMS | sort)
present=$(find . -maxdepth 1 -type f ! -name SHA256SUMS -printf '%f\n' | sort)
check "SHA256SUMS lists exactly the files in $dist" test "$listed" = "$present"

# MZ header; at 0x3c the PE header's offset; there "PE\0\0", the machine
# (0x8664: x86-64), and 24 bytes on the optional header's magic (0x20b: PE32+)
# with the subsystem 68 bytes further (3: console, 2: GUI).
u16() { od -An -tu2 -j"$2" -N2 "$1" | tr -d ' '; }
u32() { od -An -tu4 -j"$2" -N4 "$1" | tr -d ' '; }
check_exe() {
  local exe=$1 subsystem=$2 what=$3
  echo "$exe"
  [[ -s $exe ]] || return 0
  check "MZ header" test "$(head -c2 "$exe")" = MZ
  local pe
  pe=$(u32 "$exe" 60)
  check "PE signature" test "$(od -An -c -j"$pe" -N4 "$exe" | tr -d ' ')" = 'PE\0\0'
  check "machine is x86-64" test "$(u16 "$exe" $((pe + 4)))" = $((0x8664))
  check "PE32+ (64-bit) optional header" test "$(u16 "$exe" $((pe + 24)))" = $((0x20b))
  check "$what" test "$(u16 "$exe" $((pe + 24 + 68)))" = "$subsystem"
  # It must need no DLL that Windows lacks (MinGW's libwinpthread-1.dll or
  # libgcc_s_seh-1.dll would stop it from starting): system DLLs only.
  if command -v x86_64-w64-mingw32-objdump >/dev/null; then
    local dlls others
    dlls=$(x86_64-w64-mingw32-objdump -p "$exe" | sed -n 's/^[[:space:]]*DLL Name: //p' | sort -u | tr '\n' ' ')
    others=$(tr ' ' '\n' <<<"$dlls" | grep -viE '^(kernel32|user32|gdi32|shell32|opengl32|msvcrt|advapi32|ole32|oleaut32|ws2_32|winmm|dwmapi|imm32|comctl32|comdlg32|shcore|ntdll|bcrypt|bcryptprimitives|crypt32|secur32|userenv|version|uxtheme|setupapi|iphlpapi|dbghelp|powrprof|winspool\.drv)\.dll$' | grep . || true)
    check "imports system DLLs only ($dlls)" test -z "$others"
    # The resources from packaging/windows/resources.sh: icon, version
    # information and the DPI-aware manifest.
    check "has a resource section" bash -c "x86_64-w64-mingw32-objdump -h '$exe' | grep -q '\.rsrc'"
  fi
  check "carries the application manifest (per-monitor DPI aware)" grep -qaF 'PerMonitorV2' "$exe"
  # VERSIONINFO strings are UTF-16: "ProductName" then "Frugal".
  check "carries the version information" grep -qaP 'P\x00r\x00o\x00d\x00u\x00c\x00t\x00N\x00a\x00m\x00e\x00(\x00\x00)+F\x00r\x00u\x00g\x00a\x00l' "$exe"
}
check_exe frugal.exe 3 "console subsystem (stdin/stdout for native messaging and the CLI)"
check_exe frugalw.exe 2 "GUI subsystem (no console window for the tray, the windows and the native host)"
echo "frugal-windows-amd64-setup.exe"
if [[ -s frugal-windows-amd64-setup.exe ]]; then
  check "MZ header" test "$(head -c2 frugal-windows-amd64-setup.exe)" = MZ
  check "an NSIS installer" grep -qaF 'Nullsoft' frugal-windows-amd64-setup.exe
fi

echo "extension zips"
tmp_ext=$(mktemp -d)
trap 'rm -rf "$tmp_ext"' EXIT
for z in frugal-chromium.zip frugal-firefox.xpi; do
  b=${z#frugal-}; b=${b%.*}
  [[ -s $z ]] || continue
  check "$z is a valid zip" unzip -tqq "$z"
  names=$(unzip -Z1 "$z")
  for f in manifest.json src/background/main.js src/content/loader.js src/content/selectors.json src/popup/popup.html; do
    check "$z has $f at its root" grep -qxF "$f" <<<"$names"
  done
  mkdir -p "$tmp_ext/$b"
  unzip -q "$z" -d "$tmp_ext/$b"
done
if [[ -d $tmp_ext/chromium && -d $tmp_ext/firefox ]]; then
  check "both zips hold the same files but the manifest" \
    diff <(cd "$tmp_ext/chromium" && find . -type f ! -name manifest.json -exec sha256sum {} + | sort) \
    <(cd "$tmp_ext/firefox" && find . -type f ! -name manifest.json -exec sha256sum {} + | sort)
  # The manifests differ only where build.mjs says: Chromium keeps "key",
  # minimum_chrome_version and a service worker; Firefox gets an event page,
  # its gecko id and no key. Everything else must be equal.
  if node - "$tmp_ext/chromium/manifest.json" "$tmp_ext/firefox/manifest.json" <<'EOF'; then ok "manifest differences are the expected ones"; else bad "manifest differences"; fi
const fs = require('fs');
const [c, f] = process.argv.slice(2).map((p) => JSON.parse(fs.readFileSync(p, 'utf8')));
const problems = [];
const expect = (cond, what) => { if (!cond) problems.push(what); };
expect(typeof c.key === 'string' && c.key.length > 100, 'chromium: key');
expect(c.background && c.background.service_worker === 'src/background/main.js', 'chromium: service worker');
expect(!('browser_specific_settings' in c), 'chromium: no browser_specific_settings');
expect(!('key' in f), 'firefox: no key');
expect(!('minimum_chrome_version' in f), 'firefox: no minimum_chrome_version');
expect(f.background && JSON.stringify(f.background.scripts) === '["src/background/main.js"]' && !f.background.service_worker, 'firefox: event page');
expect(f.browser_specific_settings && f.browser_specific_settings.gecko && f.browser_specific_settings.gecko.id === 'frugal@frugal.app', 'firefox: gecko id');
const rest = (m) => { const o = { ...m }; for (const k of ['key', 'minimum_chrome_version', 'background', 'browser_specific_settings']) delete o[k]; return JSON.stringify(o); };
expect(rest(c) === rest(f), 'other fields equal');
expect(c.manifest_version === 3 && f.manifest_version === 3, 'manifest_version 3');
if (problems.length) { console.error('    ' + problems.join('\n    ')); process.exit(1); }
EOF
fi

echo "frugal-linux-amd64.tar.xz"
tarball=frugal-linux-amd64.tar.xz
if [[ -s $tarball ]]; then
  names=$(tar -tJf "$tarball")
  check "install.sh at frugal/install.sh" grep -qxF frugal/install.sh <<<"$names"
  check "program under frugal/usr/" grep -qE '^frugal/usr/(local/)?bin/frugal$' <<<"$names"
  check "desktop entry under frugal/usr/" grep -qE '^frugal/usr/(local/)?share/applications/app\.frugal\.desktop\.desktop$' <<<"$names"
  check "icon under frugal/usr/" grep -qE '^frugal/usr/(local/)?share/pixmaps/app\.frugal\.desktop\.png$' <<<"$names"
  check "nothing outside frugal/" test -z "$(grep -v '^frugal/' <<<"$names" || true)"
  # Both programs carry the same version: the Linux one says it, and the
  # string set by -X is in frugal.exe too.
  tar -xJOf "$tarball" "$(grep -E '^frugal/usr/(local/)?bin/frugal$' <<<"$names" | head -1)" >"$tmp_ext/frugal"
  chmod +x "$tmp_ext/frugal"
  v=$("$tmp_ext/frugal" version | awk '{print $2; exit}' | tr -d ,)
  check "the Linux program runs and has a version ($v)" test -n "$v"
  check "frugal.exe carries the same version" grep -qaF "$v" frugal.exe
  check "frugalw.exe carries the same version" grep -qaF "$v" frugalw.exe
  if "$here/linux/test-install.sh" "$tarball"; then ok "install.sh test"; else bad "install.sh test"; fi
fi

if ((fails)); then
  echo "check-dist: $fails check(s) failed" >&2
  exit 1
fi
echo "check-dist: all checks passed"
