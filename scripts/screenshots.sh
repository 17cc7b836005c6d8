#!/usr/bin/env bash
# screenshots.sh: a real run of the desktop side. It builds frugal, seeds a
# temporary database, starts Xvfb, a D-Bus session, dunst (notifications)
# and a StatusNotifier watcher (scripts/sniwatcher), starts the tray, checks
# that it registered its menu over D-Bus, makes it send a notification, and
# opens the weekly summary window. PNGs go to docs/screenshots/ (make
# screenshots), or with --check (make test) to a temporary folder, checked
# and removed: the shots show this week's dates, so they are not the same
# bytes from one run to the next and make test must not rewrite them.
# Needs: xvfb, dbus-x11 (dbus-run-session), dunst, imagemagick.
set -euo pipefail
cd "$(dirname "$0")/.."
out=docs/screenshots

if [[ "${1:-}" != "--inside" ]]; then
	for c in Xvfb dbus-run-session dunst import; do
		command -v "$c" >/dev/null || { echo "screenshots: $c is missing (apt-get install xvfb dbus-x11 dunst imagemagick)" >&2; exit 1; }
	done
	tmp=$(mktemp -d)
	trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$tmp" 2>/dev/null || true' EXIT
	check=
	if [[ "${1:-}" == "--check" ]]; then
		check=1 out="$tmp/shots"
	fi
	mkdir -p "$out"
	go build -o "$tmp/frugal" .
	go build -o "$tmp/sniwatcher" ./scripts/sniwatcher
	export FRUGAL_DB="$tmp/frugal.db" HOME="$tmp/home" XDG_RUNTIME_DIR="$tmp/run" LANGUAGE="${SHOT_LANG:-en}" LC_ALL=C.UTF-8
	mkdir -p "$HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
	# A week of requests: this week's days up to today, a few a day.
	monday=$(date -d "$(( $(date +%u) - 1 )) days ago" +%F)
	prompts=("Summarise this article about heat pumps for me" "What is 17% of 240?" "Write a cover letter for a bakery job"
		"What's the weather in Lyon tomorrow?" "Explain the difference between TCP and UDP" "Translate 'good morning' into Spanish")
	i=0
	for d in 0 1 2 3 4 5 6; do
		day=$(date -d "$monday + $d days" +%F)
		[[ "$day" > "$(date +%F)" ]] && break
		for h in 9 11 14 16; do
			p=${prompts[$(( (i * 7 + d) % ${#prompts[@]} ))]}
			"$tmp/frugal" log --site "$([[ $((i % 3)) == 0 ]] && echo claude || echo chatgpt)" --prompt "$p" \
				--output-chars $(( 400 + 300 * (i % 5) )) --at "${day}T$(printf %02d $h):00:00$(date +%:z)" >/dev/null
			i=$((i + 1))
		done
	done
	export SHOTS_TMP="$tmp" SHOTS_OUT="$(cd "$out" && pwd)"
	Xvfb :97 -screen 0 1280x900x24 -nolisten tcp >/dev/null 2>&1 &
	sleep 1
	DISPLAY=:97 dbus-run-session -- "$0" --inside
	if [[ -n "$check" ]]; then
		for f in notification summary; do
			size=$(stat -c %s "$out/$f.png" 2>/dev/null || echo 0)
			if (( size < 2000 )); then
				echo "screenshots: $f.png is missing or empty ($size bytes)" >&2
				exit 1
			fi
			echo "screenshots: $f.png $(identify -format '%wx%h' "$out/$f.png"), $size bytes (checked, not kept)"
		done
	fi
	exit 0
fi

# Inside the D-Bus session.
tmp=$SHOTS_TMP
export DISPLAY=:97
cat >"$tmp/dunstrc" <<'CONF'
[global]
    font = DejaVu Sans 11
    origin = top-right
    offset = 10x10
    width = 420
    frame_width = 2
    frame_color = "#2e7d32"
    show_indicators = no
[urgency_low]
    background = "#ffffff"
    foreground = "#1b1b1b"
    timeout = 60
CONF
dunst -config "$tmp/dunstrc" >/dev/null 2>&1 &
"$tmp/sniwatcher" -timeout 20s >"$tmp/watcher.log" 2>&1 &
watcher=$!
sleep 0.5
"$tmp/frugal" >"$tmp/tray.log" 2>&1 &
tray=$!
if ! wait $watcher; then
	cat "$tmp/watcher.log" "$tmp/tray.log" >&2
	echo "screenshots: the tray did not register a menu over D-Bus" >&2
	exit 1
fi
cat "$tmp/watcher.log"
grep -q "dbusmenu at" "$tmp/watcher.log"

# Three short questions in a row: the tray notices them within a second or
# two and suggests grouping them.
for q in "capital of Peru?" "capital of Chile?" "capital of Bolivia?"; do
	"$tmp/frugal" log --site chatgpt --prompt "$q" --output-chars 80 >/dev/null
done
sleep 3
import -window root "$tmp/root-notify.png"
convert "$tmp/root-notify.png" -crop 440x200+840+0 +repage -trim +repage -bordercolor black -border 8 "$SHOTS_OUT/notification.png"

# The summary window, with the notification dismissed first.
dunstctl close-all 2>/dev/null || true
start=$(date +%s%N)
FRUGAL_TRACE_STARTUP=1 "$tmp/frugal" summary --window 2>"$tmp/summary.log" &
for _ in $(seq 100); do grep -q drawn "$tmp/summary.log" 2>/dev/null && break; sleep 0.1; done
echo "summary window: $(( ($(date +%s%N) - start) / 1000000 )) ms to drawn ($(cat "$tmp/summary.log"))"
sleep 1
import -window root "$tmp/root-summary.png"
convert "$tmp/root-summary.png" -trim +repage "$SHOTS_OUT/summary.png"
kill $tray 2>/dev/null || true
echo "screenshots: wrote $SHOTS_OUT/notification.png and $SHOTS_OUT/summary.png"
