#!/usr/bin/env bash
# install.sh installs Frugal for the current user only (no root needed), from
# the folder this script sits in (the unpacked frugal-linux-amd64.tar.xz: the
# usr/ tree made by `fyne package -os linux`, plus this script):
#
#   ~/.local/bin/frugal                                  the program
#   ~/.local/share/applications/app.frugal.desktop.desktop   menu entry
#   ~/.local/share/icons/hicolor/SIZE/apps/app.frugal.desktop.png
#   browsers' NativeMessagingHosts/app.frugal.host.json  (frugal install-browser)
#   ~/.config/autostart/app.frugal.desktop.desktop        only if asked
#
# Usage: ./install.sh [--autostart | --no-autostart]
#        ./install.sh --uninstall
# Without --autostart or --no-autostart it asks when run in a terminal and
# otherwise leaves start-at-login as it was. Running it again updates the
# installation. --uninstall removes all of the above but keeps your data
# (~/.local/share/frugal). XDG_DATA_HOME and XDG_CONFIG_HOME are honoured.
set -euo pipefail

ID=app.frugal.desktop
EXE=frugal

usage() {
  cat <<'EOF'
Usage: ./install.sh [--autostart | --no-autostart]   install or update Frugal for you
       ./install.sh --uninstall                      remove it (your data is kept)
  --autostart     start Frugal when you log in
  --no-autostart  do not (removes the entry if an earlier install made it)
Without either, the installer asks when run in a terminal.
EOF
  exit "${1:-0}"
}

autostart=ask uninstall=0
for a in "$@"; do
  case $a in
    --autostart) autostart=yes ;;
    --no-autostart) autostart=no ;;
    --uninstall) uninstall=1 ;;
    -h | --help) usage 0 ;;
    *) echo "install.sh: unknown option '$a'" >&2; usage 2 >&2 ;;
  esac
done

[[ -n ${HOME:-} ]] || { echo "install.sh: HOME is not set" >&2; exit 1; }
bin_dir=$HOME/.local/bin
data_home=${XDG_DATA_HOME:-$HOME/.local/share}
config_home=${XDG_CONFIG_HOME:-$HOME/.config}
apps_dir=$data_home/applications
icons_dir=$data_home/icons/hicolor
autostart_file=$config_home/autostart/$ID.desktop
desktop_file=$apps_dir/$ID.desktop
program=$bin_dir/$EXE

say() { printf '%s\n' "$*"; }

# refresh_menus tells the desktop about new or removed entries; both tools
# are optional (menus also notice the change on their own, later).
refresh_menus() {
  command -v update-desktop-database >/dev/null && update-desktop-database -q "$apps_dir" 2>/dev/null || true
  command -v gtk-update-icon-cache >/dev/null && [[ -f $icons_dir/index.theme ]] &&
    gtk-update-icon-cache -q -t "$icons_dir" 2>/dev/null || true
}

# desktop_exec quotes a path for a desktop entry's Exec key (Desktop Entry
# Specification, "The Exec key"): as is when it has no reserved character,
# otherwise in double quotes with " ` $ \ escaped.
desktop_exec() {
  local p=$1
  if [[ $p =~ ^[A-Za-z0-9/._+,:@=-]+$ ]]; then
    printf '%s' "$p"
  else
    p=${p//\\/\\\\\\\\}
    p=${p//\"/\\\\\"}
    p=${p//\`/\\\\\`}
    p=${p//\$/\\\\\$}
    printf '"%s"' "$p"
  fi
}

# running_pids lists the processes whose program is the installed one (the
# tray, a window, a browser's native host), found by their executable.
# With --old, only those still running a program file since replaced.
running_pids() {
  local pat cur
  pat=$(printf '%s' "$program" | sed 's/[][*?\\]/\\&/g')
  cur=$pat
  [[ ${1:-} != --old ]] || cur="$pat (deleted)"
  # find fails on processes that end while it looks: not an error here.
  { find /proc -mindepth 2 -maxdepth 2 -name exe \( -lname "$cur" -o -lname "$pat (deleted)" \) 2>/dev/null || true; } |
    sed -n 's|^/proc/\([0-9]*\)/exe$|\1|p'
}

# stop_running ends them so that an uninstall leaves nothing behind: SIGTERM
# first, then SIGKILL for those still there after 3 s (an older Frugal's
# native host ignored SIGTERM while waiting on its browser; the database is
# safe either way).
stop_running() {
  local pids i
  pids=$(running_pids)
  [[ -n $pids ]] || return 0
  kill -TERM $pids 2>/dev/null || true
  for i in $(seq 30); do
    pids=$(running_pids)
    [[ -n $pids ]] || break
    sleep 0.1
  done
  [[ -z $pids ]] || kill -KILL $pids 2>/dev/null || true
  say "Stopped the running Frugal."
}

if ((uninstall)); then
  if [[ -x $program ]]; then
    "$program" install-browser --uninstall >/dev/null ||
      say "warning: $program install-browser --uninstall failed; remove app.frugal.host.json from your browsers' NativeMessagingHosts folders by hand"
  fi
  # Also when the program is gone already: the manifests' own locations
  # (the Linux folders of tracker/defs/browsers.go).
  for d in .config/google-chrome .config/chromium .config/BraveSoftware/Brave-Browser .config/microsoft-edge .config/vivaldi; do
    rm -f "$HOME/$d/NativeMessagingHosts/app.frugal.host.json"
  done
  rm -f "$HOME/.mozilla/native-messaging-hosts/app.frugal.host.json"
  stop_running
  rm -f "$program" "$desktop_file" "$autostart_file"
  rm -f "$icons_dir"/*/apps/"$ID".png
  refresh_menus
  say "Frugal is uninstalled. Your data is kept in ${XDG_DATA_HOME:-~/.local/share}/frugal;"
  say "delete that folder to remove it as well."
  exit 0
fi

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# fyne package puts the tree under usr/local when the build machine has a
# /usr/local, under usr otherwise.
src=$here/usr/local
[[ -d $src/bin ]] || src=$here/usr
for f in "$src/bin/$EXE" "$src/share/applications/$ID.desktop" "$src/share/pixmaps/$ID.png"; do
  [[ -f $f ]] || { echo "install.sh: $f is missing: run this script from the unpacked frugal-linux-amd64 folder" >&2; exit 1; }
done

if [[ $autostart == ask ]]; then
  autostart=keep
  if [[ -t 0 && -t 1 ]]; then
    read -r -p "Start Frugal when you log in? [y/N] " answer || answer=
    case $answer in [yY]*|[oO]*) autostart=yes ;; *) autostart=no ;; esac
  fi
fi

mkdir -p "$bin_dir" "$apps_dir"
if cmp -s "$src/bin/$EXE" "$program"; then
  say "$program is up to date"
else
  # Copy then rename, so that a running Frugal keeps its old file and a
  # browser never starts a half-written program.
  cp "$src/bin/$EXE" "$program.new"
  chmod 755 "$program.new"
  mv -f "$program.new" "$program"
  say "Installed $program"
fi

# The icon goes into the hicolor theme at its own size (PNG width, bytes 16-19).
icon=$src/share/pixmaps/$ID.png
read -r w1 w2 w3 w4 < <(od -An -tu1 -j16 -N4 "$icon")
size=$(((w1 << 24) | (w2 << 16) | (w3 << 8) | w4))
((size > 0 && size <= 1024)) || size=256
mkdir -p "$icons_dir/${size}x${size}/apps"
cp "$icon" "$icons_dir/${size}x${size}/apps/$ID.png"

# fyne's entry says Exec=frugal and Icon=app.frugal.desktop; name the
# program by its full path (~/.local/bin is not always on a desktop session's
# PATH) and the icon by its theme name (the same, installed above).
entry= auto_entry=
while IFS= read -r line || [[ -n $line ]]; do
  case $line in
    Exec=*) line="Exec=$(desktop_exec "$program")" ;;
    Icon=*) line="Icon=$ID" ;;
  esac
  entry+=$line$'\n'
  auto_entry+=$line$'\n'
  [[ $line != Exec=* ]] || auto_entry+=$'X-GNOME-Autostart-enabled=true\n'
done <"$src/share/applications/$ID.desktop"
printf '%s' "$entry" >"$desktop_file.new"
mv -f "$desktop_file.new" "$desktop_file"
say "Installed $desktop_file"

case $autostart in
  yes)
    mkdir -p "$(dirname "$autostart_file")"
    printf '%s' "$auto_entry" >"$autostart_file"
    say "Frugal will start when you log in ($autostart_file)"
    ;;
  no)
    if [[ -e $autostart_file ]]; then
      rm -f "$autostart_file"
      say "Frugal will no longer start when you log in"
    fi
    ;;
esac
refresh_menus

# Native messaging: frugal writes the host manifest for each browser it finds
# (its settings folder exists), naming this program as the host.
if out=$("$program" install-browser --host-path "$program" 2>&1); then
  printf '%s\n' "$out" | sed 's/^/  /'
else
  say "warning: no browser set up for the extension: $out"
  say "  Once a browser is installed and started once, run: $program install-browser"
fi

say ""
if [[ -n $(running_pids --old) ]]; then
  say "Frugal is running an older version: quit it from its tray menu and start it again."
fi
say "Done. Start Frugal from your applications menu (it lives in the system tray),"
say "then add the browser extension (see the README's Install section)."
case ":${PATH:-}:" in
  *":$bin_dir:"*) ;;
  *) say "To type 'frugal' in a terminal, add $bin_dir to your PATH." ;;
esac
