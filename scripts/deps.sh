#!/usr/bin/env bash
# deps.sh GROUP... installs the Debian/Ubuntu packages a make target needs,
# only those missing, and says what it installs. Groups:
#   build   C toolchain and the X11/GL/Wayland headers Fyne's driver needs
#   test    Xvfb, D-Bus, a notification daemon, ImageMagick, sqlite3,
#           Chromium and Node.js for the headless and browser tests
#   dist    the MinGW cross-compiler and windres for frugal.exe and
#           frugalw.exe, NSIS for their installer, zip, unzip and xz for
#           the packages (make dist)
#   reliability  xdotool (the reliability suite types into a window)
#   team    PostgreSQL (the team report's CSV is loaded into a real server)
#   firefox  Firefox ESR for the Firefox end-to-end tests (make e2e-firefox)
#   windows  Wine (64-bit), NSIS, the MinGW cross-compiler and windres, Xvfb,
#            xdotool and ImageMagick for the Windows checks under Wine
#            (make test-windows)
set -euo pipefail

declare -A groups=(
  [build]="gcc pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev libwayland-dev libxkbcommon-dev"
  [test]="xvfb xauth dbus-x11 dunst imagemagick sqlite3 chromium openssl procps"
  [dist]="gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64 nsis zip unzip xz-utils"
  [reliability]="xdotool"
  [team]="postgresql"
  [firefox]="firefox-esr openssl"
  [windows]="wine wine64 nsis gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64 xdotool python3 xvfb xauth imagemagick zip unzip"
)

want=()
for g in "$@"; do
  [[ -n "${groups[$g]+x}" ]] || { echo "deps.sh: unknown group '$g' (build, test, dist, reliability, team, firefox, windows)" >&2; exit 2; }
  for p in ${groups[$g]}; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || want+=("$p")
  done
done
# Node.js and npm for the extension's tests and build, when the machine has none.
if [[ " $* " == *" test "* || " $* " == *" dist "* || " $* " == *" firefox "* ]] && ! command -v npm >/dev/null; then
  want+=(nodejs npm)
fi

if ((${#want[@]})); then
  echo "Installing missing packages: ${want[*]}"
  sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  if [[ ! -f /tmp/.frugal-apt-updated ]]; then
    $sudo apt-get update -qq && touch /tmp/.frugal-apt-updated
  fi
  $sudo apt-get install -y -qq --no-install-recommends "${want[@]}" >/dev/null
fi

if ! command -v go >/dev/null && [[ ! -x /usr/local/go/bin/go ]]; then
  echo "deps.sh: Go 1.26 is needed: install it from https://go.dev/dl/ into /usr/local/go" >&2
  exit 1
fi
