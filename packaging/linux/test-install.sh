#!/usr/bin/env bash
# test-install.sh TARBALL runs the real install.sh from the Linux package in
# a throwaway HOME (whose path has a space in it), with Chromium and Firefox
# "installed" (their settings folders exist) and Chrome not, and checks:
# the files are in place, the menu and autostart entries start the installed
# program, each host manifest names that program and it answers a ping over
# native messaging, a second install changes nothing, an update over a
# running Frugal says so (and an install of the same version leaves the
# program alone), --no-autostart turns
# start-at-login off, --uninstall stops a running host and removes every file
# but the user's data, and a second uninstall is harmless.
set -euo pipefail
trap 'echo "$(basename "$0"): stopped by a failing command at line $LINENO" >&2' ERR

tarball=$(realpath "${1:?usage: test-install.sh frugal-linux-amd64.tar.xz}")
tmp=$(mktemp -d)
host_pid= feeder_pid=
cleanup() {
  [[ -z $host_pid ]] || kill "$host_pid" 2>/dev/null || true
  [[ -z $feeder_pid ]] || kill "$feeder_pid" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

fails=0
ok() { printf '  ok   %s\n' "$*"; }
bad() { printf '  FAIL %s\n' "$*"; fails=$((fails + 1)); }
check() { # check DESCRIPTION COMMAND...
  local what=$1; shift
  if "$@"; then ok "$what"; else bad "$what"; fi
}

tar -xJf "$tarball" -C "$tmp"
pkg=$tmp/frugal
export HOME="$tmp/home dir"
unset XDG_DATA_HOME XDG_CONFIG_HOME
export FRUGAL_DB=  # the default path, inside this HOME
mkdir -p "$HOME/.config/chromium" "$HOME/.mozilla"

ID=app.frugal.desktop
prog=$HOME/.local/bin/frugal
desktop=$HOME/.local/share/applications/$ID.desktop
autostart=$HOME/.config/autostart/$ID.desktop
icon=$HOME/.local/share/icons/hicolor/256x256/apps/$ID.png
chromium_manifest=$HOME/.config/chromium/NativeMessagingHosts/app.frugal.host.json
firefox_manifest=$HOME/.mozilla/native-messaging-hosts/app.frugal.host.json
chrome_manifest=$HOME/.config/google-chrome/NativeMessagingHosts/app.frugal.host.json
# The Exec value install.sh must write for a path with a space: quoted.
want_exec="Exec=\"$prog\""

# snapshot lists every file under HOME with its checksum (manifests, entries,
# program) so that two installs can be compared.
snapshot() { (cd "$HOME" && find . -type f -print0 | sort -z | xargs -0 sha256sum); }

# ping sends one native messaging frame (32-bit little-endian length, then
# JSON) to PROGRAM started the way a browser starts it, and prints the reply
# without its length prefix.
ping() {
  local program=$1; shift
  local msg='{"v":1,"id":"install-test","type":"ping"}'
  { printf "\\x$(printf %02x ${#msg})\\x00\\x00\\x00"; printf '%s' "$msg"; } |
    "$program" "$@" | tail -c +5
}

pids_of() { # pids_of PROGRAM: the processes running PROGRAM
  local p
  for p in /proc/[0-9]*; do
    if [[ $(readlink "$p/exe" 2>/dev/null) == "$1" ]]; then echo "${p#/proc/}"; fi
  done
}

# start_host starts the installed program as a browser does (on a pipe that
# stays open) and sets host_pid.
start_host() {
  sleep 600 > >("$prog" chrome-extension://jnoknpagmmdcmjelcmanoncoijppldno/ >/dev/null 2>&1) &
  feeder_pid=$!
  host_pid=
  for _ in $(seq 50); do
    host_pid=$(pids_of "$prog" | head -1)
    [[ -z $host_pid ]] || break
    sleep 0.1
  done
}

json_field() { # json_field FILE EXPR: a value from a JSON file, via node
  node -e 'const m=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")); console.log(eval(process.argv[2]))' "$1" "$2"
}

echo "install (--autostart) into $HOME"
out=$("$pkg/install.sh" --autostart </dev/null)
printf '%s\n' "$out" | sed 's/^/    | /'
check "program installed, identical to the package's" cmp -s "$prog" "$(ls "$pkg"/usr/local/bin/frugal "$pkg"/usr/bin/frugal 2>/dev/null | head -1)"
check "program is executable and runs" "$prog" version
check "menu entry installed" test -f "$desktop"
check "menu entry starts the installed program ($want_exec)" grep -qxF "$want_exec" "$desktop"
check "menu entry names the themed icon" grep -qx "Icon=$ID" "$desktop"
check "icon installed at its size" test -f "$icon"
check "autostart entry installed" test -f "$autostart"
check "autostart entry starts the installed program" grep -qxF "$want_exec" "$autostart"
check "autostart entry enabled" grep -qx "X-GNOME-Autostart-enabled=true" "$autostart"
check "Chromium host manifest written" test -f "$chromium_manifest"
check "Firefox host manifest written" test -f "$firefox_manifest"
check "no manifest for Chrome, which is not installed" test ! -e "$chrome_manifest"
for b in Chromium Firefox; do
  m=$chromium_manifest
  [[ $b == Chromium ]] || m=$firefox_manifest
  [[ -f $m ]] || continue
  check "$b manifest names $prog" test "$(json_field "$m" m.path)" = "$prog"
done
if [[ -f $chromium_manifest ]]; then
  check "Chromium manifest allows only Frugal's extension" \
    test "$(json_field "$chromium_manifest" 'JSON.stringify(m.allowed_origins)')" = '["chrome-extension://jnoknpagmmdcmjelcmanoncoijppldno/"]'
  reply=$(ping "$(json_field "$chromium_manifest" m.path)" chrome-extension://jnoknpagmmdcmjelcmanoncoijppldno/)
  check "the host named by the Chromium manifest answers a ping ($reply)" grep -q '"id":"install-test"' <<<"$reply"
fi
if [[ -f $firefox_manifest ]]; then
  check "Firefox manifest allows only Frugal's add-on" \
    test "$(json_field "$firefox_manifest" 'JSON.stringify(m.allowed_extensions)')" = '["frugal@frugal.app"]'
  reply=$(ping "$(json_field "$firefox_manifest" m.path)" "$firefox_manifest" frugal@frugal.app)
  check "the host named by the Firefox manifest answers a ping ($reply)" grep -q '"id":"install-test"' <<<"$reply"
fi
if command -v desktop-file-validate >/dev/null; then
  check "menu entry passes desktop-file-validate" desktop-file-validate "$desktop"
fi

echo "install again (no option, not a terminal: start-at-login kept)"
before=$(snapshot)
"$pkg/install.sh" </dev/null >/dev/null
check "second install leaves every file as it was" test "$before" = "$(snapshot)"

echo "update while Frugal runs"
# An "older version": the installed program with a byte more (ELF ignores it).
printf '\n' >>"$prog"
start_host
out=$("$pkg/install.sh" </dev/null)
check "the update replaced the program" cmp -s "$prog" "$(ls "$pkg"/usr/local/bin/frugal "$pkg"/usr/bin/frugal 2>/dev/null | head -1)"
check "the update says the running Frugal is an older version" grep -q "running an older version" <<<"$out"
kill "$host_pid" "$feeder_pid" 2>/dev/null || true
host_pid= feeder_pid=
start_host
out=$("$pkg/install.sh" </dev/null)
check "not when it runs the version being installed (left in place)" test -z "$(grep "older version" <<<"$out")"
kill "$host_pid" "$feeder_pid" 2>/dev/null || true
host_pid= feeder_pid=

echo "install --no-autostart"
"$pkg/install.sh" --no-autostart </dev/null >/dev/null
check "autostart entry removed" test ! -e "$autostart"
check "program still installed" test -x "$prog"

echo "uninstall, with a host running and data recorded"
"$prog" log --site chatgpt --prompt "Quel temps fait-il à Lyon ?" >/dev/null
db=$HOME/.local/share/frugal/frugal.db
check "data recorded at the default path" test -f "$db"
start_host
check "a host is running from the installed program" test -n "$host_pid"
"$pkg/install.sh" --uninstall </dev/null | sed 's/^/    | /'
check "the running host was stopped" test -z "$(pids_of "$prog"; pids_of "$prog (deleted)")"
for f in "$prog" "$desktop" "$autostart" "$icon" "$chromium_manifest" "$firefox_manifest"; do
  check "removed ${f#"$HOME"/}" test ! -e "$f"
done
check "data kept" test -f "$db"
left=$(cd "$HOME" && find . -type f ! -path './.local/share/frugal/*' | sort)
check "nothing else left but the data${left:+ (left: $left)}" test -z "$left"
check "second uninstall succeeds" "$pkg/install.sh" --uninstall </dev/null >/dev/null

echo "reinstall after uninstall"
"$pkg/install.sh" </dev/null >/dev/null
check "program and manifests back" test -x "$prog" -a -f "$chromium_manifest" -a -f "$firefox_manifest"
check "autostart stays off" test ! -e "$autostart"

if ((fails)); then
  echo "test-install: $fails check(s) failed" >&2
  exit 1
fi
echo "test-install: all checks passed"
