#!/usr/bin/env bash
# reliability.sh: Frugal's reliability suite (reliability/, build tag
# "reliability") on real processes and files, inside an Xvfb display and a
# D-Bus session for the tray and window processes, then the fuzz targets'
# kept corpora (testdata/fuzz and their seeds) replayed as plain tests:
# deterministic, so a red run is a real failure. New fuzzing, which can
# find something new on any run, is `make fuzz` (scripts/fuzz.sh), not CI.
#
#   RELIABILITY_DURATION=60s   how long the writers run together
#   RELIABILITY_KILL_ROUNDS=20 SIGKILL rounds
#   RELIABILITY_RUN=regexp     only these tests (go test -run)
#
# Needs: xvfb, dbus-x11 (dbus-run-session), xdotool. Disk-full needs root (tmpfs).
set -euo pipefail
cd "$(dirname "$0")/.."
export RELIABILITY_DURATION="${RELIABILITY_DURATION:-60s}" RELIABILITY_KILL_ROUNDS="${RELIABILITY_KILL_ROUNDS:-20}"

if [[ "${1:-}" != "--inside" ]]; then
	for c in Xvfb dbus-run-session xdotool; do
		command -v "$c" >/dev/null || { echo "reliability: $c is missing (apt-get install xvfb dbus-x11 xdotool)" >&2; exit 1; }
	done
	start=$(date +%s)
	# A free display number.
	d=91
	while [[ -e /tmp/.X11-unix/X$d || -e /tmp/.X$d-lock ]]; do d=$((d + 1)); done
	Xvfb ":$d" -screen 0 1280x900x24 -nolisten tcp >/dev/null 2>&1 &
	xvfb=$!
	trap 'kill $xvfb 2>/dev/null || true' EXIT
	for _ in $(seq 50); do [[ -e /tmp/.X11-unix/X$d ]] && break; sleep 0.1; done
	status=0
	DISPLAY=":$d" dbus-run-session -- "$0" --inside || status=$?
	echo "reliability: $(( $(date +%s) - start )) s in all"
	exit $status
fi

# Inside the D-Bus session.
export RELIABILITY_DESKTOP=1
echo "reliability: suite (writers ${RELIABILITY_DURATION}, ${RELIABILITY_KILL_ROUNDS} kill rounds)"
# A failing suite must not stop the script here: the fuzzing still runs and
# the exit status says both.
set +e
go test -tags reliability -count=1 -timeout 15m -v -run "${RELIABILITY_RUN:-.}" ./reliability/ 2>&1 |
	grep -v -E '^=== (RUN|PAUSE|CONT)' | tee /tmp/reliability-suite.log
suite=${PIPESTATUS[0]}
set -e

# The fuzz targets' corpora, replayed: every input in testdata/fuzz/<Target>
# and every seed, once, in a fixed order.
echo "reliability: fuzz corpora replayed"
set +e
go test -count=1 -cover -run '^(FuzzServe|FuzzImport|FuzzClassify)$' -v ./tracker/nativehost/ ./storage/ ./tracker/classify/ 2>&1 |
	grep -v -E '^(=== RUN|    --- PASS)'
fuzz=${PIPESTATUS[0]}
set -e
[[ $suite == 0 && $fuzz == 0 ]]
