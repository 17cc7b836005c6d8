#!/usr/bin/env bash
# wine-test.sh: the Windows checks, under Wine 8 (Debian's wine + wine64) in
# a throwaway prefix and a private Xvfb display. `make test-windows` runs it.
#
#   1. the command line (frugal.exe): version, log, summary, export,
#      estimate, classify, a bad command; three writers at once lose nothing
#   2. install-browser: every browser's key read back with `wine reg query`,
#      the manifest it names, --list, an unknown browser's error
#   3. the native host (frugalw.exe, GUI subsystem) answers a framed ping
#      started as Chrome starts it
#   4. the installer: silent install (files, Start-menu shortcut, Run entry,
#      Apps & features key, host keys), a second install over a running
#      tray (asked to quit), silent uninstall over a running tray that
#      keeps the records
#   5. the tray in Wine's taskbar: its icon, its start-up notice for a
#      damaged database shown as a notification, its menu; screenshots of
#      those and of the installer (into docs/screenshots/ with SHOTS=docs/screenshots)
#
# What it runs: by default a cgo-free build (-tags nowindows: no Fyne
# windows, which the Wine checks do not open; a cold cross-compile of Fyne's
# driver takes minutes) of both programs with the same resources as the
# release, and an uncompressed installer (-DFAST). BIN=DIR checks the
# frugal.exe and frugalw.exe in DIR instead (e.g. make dist's), SETUP=FILE an
# installer already built.
#
# Wine 8 lacks bcryptprimitives.dll, where Go >= 1.24 programs find
# ProcessPrng: shim/bcryptprimitives.c, built here with MinGW, goes into the
# prefix's system32. Real Windows 10 and 11 have the DLL.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../../.." && pwd)
GO=${GO:-go}
MINGW_CC=${MINGW_CC:-x86_64-w64-mingw32-gcc}
# Screenshots go to a temporary folder, so that `make test` leaves the
# checkout as it found it; SHOTS=docs/screenshots (make screenshots-windows)
# writes the committed ones.
shots=${SHOTS:-}
VERSION=${VERSION:-$(git -C "$root" describe --tags --always --dirty 2>/dev/null || echo dev)}

work=$(mktemp -d /tmp/frugal-wine-XXXXXX)
[[ -n $shots ]] || shots=$work/screenshots
export WINEPREFIX=$work/prefix WINEDEBUG=-all WINEARCH=win64
# No Mono or Gecko installer prompts in a fresh prefix, and no menu entries
# or icons written into the Linux home for the prefix's shortcuts.
export WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d"
xvfb_pid=
cleanup() {
  wineserver -k >/dev/null 2>&1 || true
  [[ -n $xvfb_pid ]] && kill "$xvfb_pid" 2>/dev/null || true
  if [[ -z ${KEEP_WINE:-} ]]; then rm -rf "$work"; else echo "kept $work"; fi
}
trap cleanup EXIT

fails=0
ok() { printf '  ok   %s\n' "$*"; }
bad() { printf '  FAIL %s\n' "$*"; fails=$((fails + 1)); }
check() {
  local what=$1; shift
  if "$@"; then ok "$what"; else bad "$what"; fi
}
has() { grep -qF -- "$2" <<<"$1"; }
no_key() { ! wine reg query "$@" >/dev/null 2>&1; }
no_tray_icon() { ! tray_icon; }
screen() { import -window root png:- 2>/dev/null | convert - -crop "$1" +repage txt:- 2>/dev/null; }
# (grep -c reads everything: grep -q would stop early and, under
# pipefail, the pipeline would fail on convert's broken pipe.)
tray_icon() { (($(screen 120x24+680+576 | grep -c '#2E7D32') > 0)); }
step() { printf '%s [%ss]\n' "$*" "$SECONDS"; }

step "build"
bin=${BIN:-}
if [[ -z $bin ]]; then
  bin=$work/bin
  mkdir -p "$bin"
  "$root/packaging/windows/resources.sh" "$VERSION" "$root/zz_frugal_windows_amd64.syso"
  trap 'rm -f "$root/zz_frugal_windows_amd64.syso"; cleanup' EXIT
  (cd "$root" &&
    CGO_ENABLED=0 GOOS=windows GOARCH=amd64 $GO build -trimpath -tags nowindows \
      -ldflags "-s -w -X frugal/app/cli.Version=$VERSION" -o "$bin/frugal.exe" . &&
    CGO_ENABLED=0 GOOS=windows GOARCH=amd64 $GO build -trimpath -tags nowindows \
      -ldflags "-s -w -H windowsgui -X frugal/app/cli.Version=$VERSION" -o "$bin/frugalw.exe" .)
  rm -f "$root/zz_frugal_windows_amd64.syso"
fi
setup=${SETUP:-}
if [[ -z $setup ]]; then
  setup=$work/frugal-setup.exe
  makensis -V2 -DFAST -DVERSION="$VERSION" -DSRCDIR="$bin" -DOUTFILE="$setup" "$root/packaging/windows/installer.nsi"
fi
"$MINGW_CC" -shared -O2 -s -o "$work/bcryptprimitives.dll" "$here/shim/bcryptprimitives.c" -ladvapi32

step "Wine prefix"
# Xvfb picks a free display and writes its number to fd 5.
Xvfb -displayfd 5 -screen 0 800x600x24 -nolisten tcp 5>"$work/display" >/dev/null 2>&1 &
xvfb_pid=$!
for _ in $(seq 1 100); do [[ -s $work/display ]] && break; sleep 0.1; done
[[ -s $work/display ]] || { echo "wine-test: Xvfb did not start" >&2; exit 1; }
export DISPLAY=:$(head -1 "$work/display")
wineboot -i >/dev/null 2>&1
wineserver -w
# One virtual desktop with Wine's taskbar for every program of the prefix
# (winecfg's "Emulate a virtual desktop"; the name "shell" turns the
# taskbar on), as on Windows, where the installer, taskkill and the tray
# share one desktop and see each other's windows.
wine reg add 'HKCU\Software\Wine\Explorer' /v Desktop /d shell /f >/dev/null 2>&1
wine reg add 'HKCU\Software\Wine\Explorer\Desktops' /v shell /d 800x600 /f >/dev/null 2>&1
wineserver -w
cp "$work/bcryptprimitives.dll" "$WINEPREFIX/drive_c/windows/system32/"
user=$(wine cmd /c 'echo %USERNAME%' | tr -d '\r')
local_w=$(wine cmd /c 'echo %LOCALAPPDATA%' | tr -d '\r')
local_u=$WINEPREFIX/drive_c/users/$user/AppData/Local
roaming_u=$WINEPREFIX/drive_c/users/$user/AppData/Roaming
cp "$bin/frugal.exe" "$bin/frugalw.exe" "$WINEPREFIX/drive_c/"
exe='C:\frugal.exe'
exew='C:\frugalw.exe'

step "1. command line"
out=$(wine "$exe" version 2>&1) || true
check "frugal.exe version runs ($out)" has "$out" "windows/amd64"
db='C:\test.db'
out=$(wine "$exe" log --db "$db" --site chatgpt --prompt 'explain how tides work' --output-chars 1200 2>&1) || true
check "log records a request" has "$out" "recorded "
out=$(wine "$exe" summary --db "$db" 2>&1) || true
check "summary counts it" has "$out" "Requests: 1"
out=$(wine "$exe" export --db "$db" 2>&1) || true
check "export writes its CSV row" has "$out" "explain how tides work"
out=$(wine "$exe" estimate --site claude --output-chars 2000 2>&1) || true
check "estimate prints a footprint" has "$out" "Wh"
out=$(wine "$exe" classify 'what is the weather in Paris' 2>&1) || true
check "classify finds the weather" has "$out" "weather"
set +e; wine "$exe" nonsense >/dev/null 2>&1; code=$?; set -e
check "an unknown command exits 2 (got $code)" test "$code" = 2
out=$(wine "$exe" log --db 'C:\default-check.db' --site chatgpt --prompt x 2>&1; wine "$exe" log --site chatgpt --prompt 'default folder' 2>&1) || true
check "the default database is under %LOCALAPPDATA%\\Frugal" test -s "$local_u/Frugal/frugal.db"
check "nothing under Roaming AppData" test ! -e "$roaming_u/Frugal"

writers_db='C:\writers.db'
writers=()
for w in 1 2 3; do
  (for i in $(seq 1 8); do wine "$exe" log --db "$writers_db" --site chatgpt --id "w$w-$i" --prompt "writer $w request $i" >/dev/null 2>&1 || echo "writer $w request $i failed"; done) &
  writers+=($!)
done
wait "${writers[@]}"
n=$(wine "$exe" export --db "$writers_db" 2>/dev/null | grep -c '^w[123]-' || true)
check "three writers at once: 24 rows of 24 ($n)" test "$n" = 24

step "2. install-browser"
out=$(wine "$exe" install-browser --host-path "$exew" 2>&1) || true
declare -A keys=(
  [chrome]='HKCU\Software\Google\Chrome\NativeMessagingHosts\app.frugal.host'
  [chromium]='HKCU\Software\Chromium\NativeMessagingHosts\app.frugal.host'
  [edge]='HKCU\Software\Microsoft\Edge\NativeMessagingHosts\app.frugal.host'
  [firefox]='HKCU\Software\Mozilla\NativeMessagingHosts\app.frugal.host'
)
for b in chrome chromium edge firefox; do
  val=$(wine reg query "${keys[$b]}" /ve 2>/dev/null | tr -d '\r' | sed -n 's/.*REG_SZ[[:space:]]*//p')
  want="$local_w\\Frugal\\NativeMessagingHosts\\$b\\app.frugal.host.json"
  check "$b: reg query ${keys[$b]} = $val" test "$val" = "$want"
  file=$local_u/Frugal/NativeMessagingHosts/$b/app.frugal.host.json
  check "$b: the manifest names frugalw.exe" grep -qF '"path": "C:\\frugalw.exe"' "$file"
done
check "Brave, Vivaldi and Opera use Chrome's key" has "$out" "brave: reads the same registry key as chrome"
check "no BraveSoftware key" no_key 'HKCU\Software\BraveSoftware'
out=$(wine "$exe" install-browser --list 2>&1) || true
check "--list shows Edge's key and its program" has "$out" "edge: $local_w\\Frugal\\NativeMessagingHosts\\edge\\app.frugal.host.json: starts C:\\frugalw.exe"
set +e; out=$(wine "$exe" install-browser --browser netscape 2>&1); code=$?; set -e
check "an unknown browser: exit 2 ($code)" test "$code" = 2
check "…and a clear message" has "$out" 'unknown browser "netscape"'
wine "$exe" install-browser --uninstall >/dev/null 2>&1 || true
check "--uninstall removes Chrome's key" no_key "${keys[chrome]}"
check "--uninstall removes Firefox's key" no_key "${keys[firefox]}"

step "3. native host"
reply=$(python3 - "$exew" <<'EOF'
import json, struct, subprocess, sys
msg = json.dumps({"v": 1, "id": "m1", "type": "ping"}).encode()
# As Chrome starts a host on Windows: its origin, then --parent-window.
p = subprocess.run(["wine", sys.argv[1], "chrome-extension://jnoknpagmmdcmjelcmanoncoijppldno/", "--parent-window=0"],
                   input=struct.pack("<I", len(msg)) + msg, capture_output=True, timeout=120, env=dict(__import__("os").environ, FRUGAL_DB="C:\\host.db"))
out = p.stdout
# The host first sends its selector table unasked ({"type": "selectors"},
# no id); the reply to the ping is the frame that carries our id.
reply = "no reply: %r" % out[:80]
while len(out) >= 4:
    n = struct.unpack("<I", out[:4])[0]
    if n <= 0 or len(out) < 4 + n:
        reply = "bad frame: %r" % out[:80]
        break
    frame = json.loads(out[4:4 + n])
    out = out[4 + n:]
    if frame.get("id") == "m1":
        reply = json.dumps(frame)
        break
print(reply)
EOF
) || true
check "frugalw.exe answers a framed ping ($reply)" has "$reply" '"ok": true'
check "…with the request's id" has "$reply" '"id": "m1"'

step "4. installer"
inst=$local_u/Programs/Frugal
lnk="$roaming_u/Microsoft/Windows/Start Menu/Programs/Frugal.lnk"
run_key='HKCU\Software\Microsoft\Windows\CurrentVersion\Run'
uninst_key='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\Frugal'
wine "$setup" /S >/dev/null 2>&1; wineserver -w
check "installed frugal.exe, frugalw.exe, Uninstall.exe" test -s "$inst/frugal.exe" -a -s "$inst/frugalw.exe" -a -s "$inst/Uninstall.exe"
check "Start-menu shortcut" test -s "$lnk"
run=$(wine reg query "$run_key" /v Frugal 2>/dev/null | tr -d '\r' || true)
check "Run entry starts frugalw.exe at login" has "$run" "$local_w\\Programs\\Frugal\\frugalw.exe"
un=$(wine reg query "$uninst_key" 2>/dev/null | tr -d '\r' || true)
check "Apps & features entry" has "$un" 'DisplayName    REG_SZ    Frugal'
check "…with its uninstaller" has "$un" 'QuietUninstallString    REG_SZ    "'"$local_w"'\Programs\Frugal\Uninstall.exe" /S'
val=$(wine reg query "${keys[edge]}" /ve 2>/dev/null | tr -d '\r' || true)
check "the installer registered the browsers' host" has "$val" 'NativeMessagingHosts\edge\app.frugal.host.json'
check "…pointing at the installed frugalw.exe" grep -qF 'Programs\\Frugal\\frugalw.exe' "$local_u/Frugal/NativeMessagingHosts/edge/app.frugal.host.json"

# The tray, started the way the Run entry starts it, in Wine's desktop
# with its taskbar ("shell" turns the taskbar on), on a damaged database so
# that its start-up notice shows as a notification; then screenshots of the
# notification and of the menu.
head -c 4096 /dev/urandom >"$WINEPREFIX/drive_c/damaged.db"
FRUGAL_DB='C:\damaged.db' wine "$inst/frugalw.exe" >/dev/null 2>&1 &
tray_up=
for _ in $(seq 1 180); do
  sleep 0.5
  if tray_icon; then tray_up=1; break; fi
done
check "the tray icon shows in Wine's notification area" test -n "$tray_up"
mkdir -p "$shots"
if [[ -n $tray_up ]]; then
  # The notice: a balloon over the notification area, white on the
  # desktop's blue, with the notice's text.
  notice=
  for _ in $(seq 1 30); do
    sleep 0.5
    drawn=$(screen 800x60+0+500 | grep -c '#FFFFFF' || true)
    if ((drawn > 5000)); then notice=1; break; fi
  done
  check "the damaged-database notice shows as a notification" test -n "$notice"
  sleep 0.5
  import -window root png:- | convert - -crop 800x150+0+450 +repage "$shots/windows-notification.png"
  ok "screenshot $shots/windows-notification.png"
  sleep 11 # the balloon goes away (Wine shows it 10 s)
  xdotool mousemove 788 589 click 1
  sleep 1.5
  xdotool mousemove 500 300
  sleep 1
  import -window root png:- | convert - -crop 420x320+380+280 +repage "$shots/windows-tray.png"
  ok "screenshot $shots/windows-tray.png"
  xdotool key Escape || true
else
  import -window root "$work/tray-missing.png"
  cp "$work/tray-missing.png" "$shots/windows-tray-missing.png"
  echo "  (the screen is in $shots/windows-tray-missing.png)"
fi
set +e; wine "$setup" /S >/dev/null 2>&1; code=$?; set -e
check "a second install over the running tray succeeds (exit $code)" test "$code" = 0
sleep 1
check "…the tray was asked to quit (its icon is gone)" no_tray_icon
check "…the programs are still there" test -s "$inst/frugalw.exe"
out=$(wine "$inst/frugal.exe" export 2>&1) || true
check "…and the records too (the row logged in step 1)" has "$out" "default folder"
# The uninstaller, run while the tray runs again: it asks it to quit too.
wine "$inst/frugalw.exe" >/dev/null 2>&1 &
tray_up=
for _ in $(seq 1 120); do
  sleep 0.5
  if tray_icon; then tray_up=1; break; fi
done
check "the tray runs again before the uninstall" test -n "$tray_up"
wine "$local_u/Programs/Frugal/Uninstall.exe" /S >/dev/null 2>&1
# The uninstaller copies itself to %TEMP% and runs from there: wait for it.
for _ in $(seq 1 60); do
  [[ -e $inst/Uninstall.exe ]] || break
  sleep 0.5
done
sleep 1
check "…and the tray quit (its icon is gone)" no_tray_icon
wineserver -k >/dev/null 2>&1 || true
wineserver -w
check "uninstall removes the program" test ! -e "$inst/frugalw.exe" -a ! -e "$inst/Uninstall.exe"
check "…the shortcut" test ! -e "$lnk"
check "…the Run entry" no_key "$run_key" /v Frugal
check "…the Apps & features entry" no_key "$uninst_key"
check "…Edge's host key" no_key "${keys[edge]}"
check "…Chrome's host key" no_key "${keys[chrome]}"
check "…and keeps the records" test -s "$local_u/Frugal/frugal.db"

step "5. the installer's screenshot"
wine "$setup" >/dev/null 2>&1 &
sleep 6
xdotool key Return # Welcome → the components, with "Start Frugal when I log in"
sleep 2
mkdir -p "$shots"
import -window root "$shots/windows-installer.png"
ok "screenshot $shots/windows-installer.png"
wineserver -k >/dev/null 2>&1 || true

step "done"
if ((fails)); then
  echo "wine-test: $fails check(s) failed" >&2
  exit 1
fi
echo "wine-test: all checks passed"
