#!/usr/bin/env bash
# reliability.sh: Frugal's reliability suite (reliability/, build tag
# "reliability") on real processes and files, inside an Xvfb display and a
# D-Bus session for the tray and window processes, then bounded fuzzing
# of the native messaging host, the CSV import and the classifier.
#
#   RELIABILITY_DURATION=60s   how long the writers run together
#   RELIABILITY_KILL_ROUNDS=20 SIGKILL rounds
#   FUZZ_TIME=20s              per fuzz target (0 skips fuzzing)
#   RELIABILITY_RUN=regexp     only these tests (go test -run)
#
# Needs: xvfb, dbus-x11 (dbus-run-session), xdotool. Disk-full needs root (tmpfs).
set -euo pipefail
cd "$(dirname "$0")/.."
export RELIABILITY_DURATION="${RELIABILITY_DURATION:-60s}" RELIABILITY_KILL_ROUNDS="${RELIABILITY_KILL_ROUNDS:-20}"
FUZZ_TIME="${FUZZ_TIME:-20s}"

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

fuzz=0
if [[ "$FUZZ_TIME" != "0" ]]; then
	cache=$(go env GOCACHE)/fuzz/frugal
	for target in tracker/nativehost:FuzzServe storage:FuzzImport tracker/classify:FuzzClassify; do
		pkg=${target%%:*} name=${target##*:}
		echo "reliability: fuzzing $name ($pkg) for $FUZZ_TIME"
		log=$(mktemp)
		if go test -run '^$' -fuzz "^${name}\$" -fuzztime "$FUZZ_TIME" "./$pkg/" >"$log" 2>&1; then
			tail -3 "$log"
		else
			cat "$log" # all of it: the reason may be a crash input or the fuzzer itself
			# A failing input is written to testdata/fuzz, so replaying the
			# corpus fails too; a fuzzer failure no input reproduces is said
			# but does not fail the suite.
			if go test -count=1 -run "^${name}\$" "./$pkg/"; then
				echo "reliability: WARNING: fuzzing $name failed but no kept input reproduces it (see above)" >&2
			else
				fuzz=1
				echo "reliability: $name failed on an input kept in $pkg/testdata/fuzz/$name" >&2
			fi
		fi
		rm -f "$log"
		# Keep the corpus the fuzzer grew in testdata/fuzz (files named by
		# content hash, so each is added once), up to FUZZ_KEEP files per
		# target so the repository does not grow with every run. Plain
		# go test replays them.
		keep=${FUZZ_KEEP:-500}
		if [[ -d "$cache/$pkg/$name" ]]; then
			dst="$pkg/testdata/fuzz/$name"
			mkdir -p "$dst"
			have=$(find "$dst" -type f | wc -l)
			for f in "$cache/$pkg/$name"/*; do
				(( have < keep )) || break
				[[ -e "$dst/$(basename "$f")" ]] && continue
				cp "$f" "$dst/" && have=$((have + 1))
			done
		fi
	done
fi
[[ $suite == 0 && $fuzz == 0 ]]
