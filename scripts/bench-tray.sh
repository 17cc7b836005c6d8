#!/usr/bin/env bash
# bench-tray.sh: idle CPU and resident memory of the tray process against a
# bare Fyne tray app, on a 1,000,000-request database, and the summary
# window's click-to-drawn time. Under Xvfb with a D-Bus session and a
# StatusNotifier watcher. SECONDS_IDLE=60 by default; FULL=1 measures 10 min.
set -euo pipefail
cd "$(dirname "$0")/.."
idle=${SECONDS_IDLE:-60}
[[ "${FULL:-}" == 1 ]] && idle=600
rows=${ROWS:-1000000}

if [[ "${1:-}" != "--inside" ]]; then
	tmp=$(mktemp -d)
	trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$tmp" 2>/dev/null || true' EXIT
	go build -o "$tmp/frugal" .
	go build -o "$tmp/barefyne" ./scripts/barefyne
	go build -o "$tmp/sniwatcher" ./scripts/sniwatcher
	export FRUGAL_DB="$tmp/frugal.db" HOME="$tmp/home" XDG_RUNTIME_DIR="$tmp/run" LC_ALL=C.UTF-8
	mkdir -p "$HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
	# Seed: one real request, exported, then repeated over the last ~2 years
	# with new ids and times, and imported in one go.
	"$tmp/frugal" log --site chatgpt --prompt "Explain heat pumps in three paragraphs" --output-chars 1500 >/dev/null
	"$tmp/frugal" export -o "$tmp/one.csv"
	now=$(date +%s)
	awk -F, -v OFS=, -v n="$rows" -v now="$now" 'NR==1 {print; next} NR==2 {
		for (i = 0; i < n; i++) {
			$1 = sprintf("bench%07d", i)
			$2 = strftime("%Y-%m-%dT%H:%M:%S.000Z", now - 86400 - i * 60, 1)
			print
		}
	}' "$tmp/one.csv" >"$tmp/rows.csv"
	"$tmp/frugal" import "$tmp/rows.csv" >/dev/null
	echo "database: $("$tmp/frugal" summary --json | head -c 0)$(du -h "$FRUGAL_DB" | cut -f1), $((rows + 1)) requests"
	export BENCH_TMP="$tmp" BENCH_IDLE="$idle"
	Xvfb :96 -screen 0 1280x900x24 -nolisten tcp >/dev/null 2>&1 &
	sleep 1
	DISPLAY=:96 dbus-run-session -- "$0" --inside 2>&1 | grep -v "fd limit"
	exit "${PIPESTATUS[0]}"
fi

tmp=$BENCH_TMP
export DISPLAY=:96
"$tmp/sniwatcher" -timeout 600s >/dev/null 2>&1 &
sleep 0.5
hz=$(getconf CLK_TCK)

# measure PID NAME: CPU % of one core and RSS over $BENCH_IDLE seconds,
# after 5 s to settle.
measure() {
	local pid=$1 name=$2
	sleep 5
	local t0 t1 r
	t0=$(awk '{print $14 + $15}' /proc/$pid/stat)
	sleep "$BENCH_IDLE"
	t1=$(awk '{print $14 + $15}' /proc/$pid/stat)
	r=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
	awk -v n="$name" -v d=$((t1 - t0)) -v hz="$hz" -v s="$BENCH_IDLE" -v r="$r" \
		'BEGIN { printf "%-14s idle %4ds: %.3f %% of a core, %.1f MB resident\n", n, s, 100 * d / hz / s, r / 1024 }'
}

"$tmp/frugal" >/dev/null 2>&1 &
tray=$!
measure $tray "frugal tray"

"$tmp/barefyne" >/dev/null 2>&1 &
bare=$!
measure $bare "bare Fyne tray"
kill $bare

# Click to drawn: the tray is asked over D-Bus (as a menu click or a second
# launch does) to open the summary; the window process reports when its
# first data is on screen.
for run in 1 2 3; do
	start=$(date +%s%N)
	FRUGAL_TRACE_STARTUP=1 "$tmp/frugal" summary --window 2>"$tmp/s$run.log" &
	win=$!
	for _ in $(seq 300); do grep -q drawn "$tmp/s$run.log" 2>/dev/null && break; sleep 0.01; done
	echo "summary window run $run: $(( ($(date +%s%N) - start) / 1000000 )) ms from start to drawn"
	kill $win 2>/dev/null || true
	wait $win 2>/dev/null || true
done
kill $tray
