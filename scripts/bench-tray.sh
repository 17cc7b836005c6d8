#!/usr/bin/env bash
# bench-tray.sh: idle CPU and resident memory of the tray process against a
# bare Fyne tray app, on a 1,000,000-request database, and the summary
# window's start-to-drawn time against a bare Fyne window's. Under Xvfb with a D-Bus session and a
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
	# A free display number.
	disp=96
	while [[ -e /tmp/.X11-unix/X$disp || -e /tmp/.X$disp-lock ]]; do disp=$((disp + 1)); done
	export BENCH_TMP="$tmp" BENCH_IDLE="$idle" BENCH_DISPLAY=":$disp"
	Xvfb ":$disp" -screen 0 1280x900x24 -nolisten tcp >/dev/null 2>&1 &
	sleep 1
	DISPLAY=":$disp" dbus-run-session -- "$0" --inside 2>&1 | grep -v "fd limit"
	exit "${PIPESTATUS[0]}"
fi

tmp=$BENCH_TMP
export DISPLAY=$BENCH_DISPLAY
"$tmp/sniwatcher" -stay -timeout 1200s >/dev/null 2>&1 &
sleep 0.5
hz=$(getconf CLK_TCK)

# sample PID: "ticks rss_kB" of a process (user + system CPU ticks, resident KB)
sample() { echo "$(awk '{print $14 + $15}' /proc/$1/stat) $(awk '/VmRSS/ {print $2}' /proc/$1/status)"; }

# Both processes idle side by side over the same $BENCH_IDLE seconds, after
# 5 s to settle and the tray's start-up database check (PRAGMA quick_check,
# in the background, reported apart), so they see the same machine.
t0=$(date +%s%N)
"$tmp/frugal" >"$tmp/tray.log" 2>&1 &
tray=$!
"$tmp/barefyne" >/dev/null 2>&1 &
bare=$!
for _ in $(seq 3000); do grep -q "database check:" "$tmp/tray.log" && break; sleep 0.1; done
check=$(grep -o "database check: [^(]*([^)]*)" "$tmp/tray.log" | head -1)
check_ticks=$(awk '{print $14 + $15}' /proc/$tray/stat)
echo "tray start-up ${check:-database check: not reported}, $(( ($(date +%s%N) - t0) / 1000000 )) ms after start, tray CPU so far $(awk -v t="$check_ticks" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.2f", t / hz}') s"
sleep 5
read -r t0 _ <<<"$(sample $tray)"
read -r b0 _ <<<"$(sample $bare)"
sleep "$BENCH_IDLE"
read -r t1 trss <<<"$(sample $tray)"
read -r b1 brss <<<"$(sample $bare)"
kill $bare
pct() { awk -v d=$(($2 - $1)) -v hz="$hz" -v s="$BENCH_IDLE" 'BEGIN {printf "%.3f", 100 * d / hz / s}'; }
mb() { awk -v r="$1" 'BEGIN {printf "%.1f", r / 1024}'; }
tcpu=$(pct "$t0" "$t1"); bcpu=$(pct "$b0" "$b1")
printf '%-14s idle %4ds: %s %% of a core, %s MB resident\n' "frugal tray" "$BENCH_IDLE" "$tcpu" "$(mb "$trss")"
printf '%-14s idle %4ds: %s %% of a core, %s MB resident\n' "bare Fyne tray" "$BENCH_IDLE" "$bcpu" "$(mb "$brss")"

# Start to drawn, side by side: frugal's summary window and a bare Fyne
# window showing one label (scripts/barefyne -window), started in turns,
# each reporting on stderr when its first frame is up (FRUGAL_TRACE_STARTUP);
# measured from the moment the process is started until that line appears.
# The summary's data arrives after that ("filled"), also reported.
# drawn_ms LOG: wait for "drawn" in LOG, print ms since $start
drawn_ms() {
	for _ in $(seq 1000); do grep -q drawn "$1" 2>/dev/null && break; sleep 0.01; done
	if ! grep -q drawn "$1"; then
		echo "bench-tray.sh: no window drew ($1):" >&2
		cat "$1" >&2
		exit 1
	fi
	echo $(( ($(date +%s%N) - start) / 1000000 ))
}
drawn=() bare=() filled=()
for run in 1 2 3 4 5; do
	start=$(date +%s%N)
	"$tmp/barefyne" -window 2>"$tmp/b$run.log" &
	win=$!
	bare+=("$(drawn_ms "$tmp/b$run.log")")
	kill $win 2>/dev/null || true
	wait $win 2>/dev/null || true
	start=$(date +%s%N)
	FRUGAL_TRACE_STARTUP=1 "$tmp/frugal" summary --window 2>"$tmp/s$run.log" &
	win=$!
	drawn+=("$(drawn_ms "$tmp/s$run.log")")
	for _ in $(seq 1000); do grep -q filled "$tmp/s$run.log" 2>/dev/null && break; sleep 0.01; done
	filled+=("$(awk '/filled/ {print $(NF-3)}' "$tmp/s$run.log")")
	kill $win 2>/dev/null || true
	wait $win 2>/dev/null || true
	echo "run $run: summary window drawn ${drawn[-1]} ms (data on screen ${filled[-1]:-?} ms in-process), bare Fyne window drawn ${bare[-1]} ms"
done
kill $tray

# The rows for BENCHMARKS.md (scripts/bench.sh includes build/bench-*.md).
ok() { awk -v a="$1" -v b="$2" 'BEGIN {print (a <= b) ? "✅ met" : "❌ missed"}'; }
med() { printf '%s\n' "$@" | sort -n | sed -n 3p; }
list() { printf '%s\n' "$@" | sort -n | tr '\n' ' ' | sed 's/ $//'; }
median=$(med "${drawn[@]}") bmedian=$(med "${bare[@]}") fmedian=$(med "${filled[@]}")
ratio=$(awk -v a="$median" -v b="$bmedian" 'BEGIN {printf "%.2f", a / b}')
mkdir -p build
{
	echo "| tray process idle $BENCH_IDLE s, 1,000,000-request database: CPU | $tcpu % of a core | ≤ 0.05 % | bare Fyne tray app, same run: $bcpu % | $(ok "$tcpu" 0.05) |"
	echo "| same: resident memory | $(mb "$trss") MB | ≤ 40 MB | bare Fyne tray app: $(mb "$brss") MB | $(ok "$(mb "$trss")" 40) |"
	echo "| tray start-up database check (PRAGMA quick_check in the background, before the idle period above) | $(sed -E 's/.*\(([^)]*)\).*/\1/' <<<"$check") | reported | result: $(sed -E 's/database check: ([^(]*) \(.*/\1/' <<<"$check") | |"
	echo "| summary window, start to drawn, same database (median of 5: $(list "${drawn[@]}") ms; the week's figures on screen $fmedian ms after the window's start-up code began, median, timed inside the process) | $median ms | ≤ 1.2 × bare Fyne window | bare Fyne window with one label, started in turn in the same run: $bmedian ms (median of 5: $(list "${bare[@]}")), ratio $ratio | $(ok "$ratio" 1.2) |"
} >build/bench-desktop.md
