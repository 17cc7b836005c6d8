#!/usr/bin/env bash
# fuzz.sh (make fuzz): new fuzzing of the native messaging host, the CSV
# import and the classifier, FUZZ_TIME each. Not part of make test: a fuzz
# run explores at random, so it may find something on one run and not the
# next; CI replays the kept corpora instead (plain go test, reliability.sh).
#
#   FUZZ_TIME=60s   per target
#   FUZZ_MINIMIZE=2s  time to shrink each new interesting input (go's default,
#                   60 s, is spent on every one: FuzzImport's short runs did
#                   nothing else, "execs" stuck at a few dozen)
#   FUZZ_SAVE=1     also copy the inputs the fuzzer found interesting (from
#                   the Go cache) into <pkg>/testdata/fuzz/<Target>, up to
#                   FUZZ_KEEP (500) files per target, for CI to replay
#
# A failing input is written by go test into <pkg>/testdata/fuzz/<Target>:
# commit it with the fix. A fuzzer failure that no kept input reproduces
# (the fuzzer itself, a timeout) is printed whole as a warning.
set -euo pipefail
cd "$(dirname "$0")/.."
FUZZ_TIME="${FUZZ_TIME:-60s}"
cache=$(go env GOCACHE)/fuzz/frugal
status=0
for target in tracker/nativehost:FuzzServe storage:FuzzImport tracker/classify:FuzzClassify; do
	pkg=${target%%:*} name=${target##*:}
	echo "fuzz: $name ($pkg) for $FUZZ_TIME"
	log=$(mktemp)
	if go test -run '^$' -fuzz "^${name}\$" -fuzztime "$FUZZ_TIME" -fuzzminimizetime "${FUZZ_MINIMIZE:-2s}" "./$pkg/" >"$log" 2>&1; then
		tail -3 "$log"
	else
		cat "$log"
		if go test -count=1 -run "^${name}\$" "./$pkg/"; then
			echo "fuzz: WARNING: fuzzing $name failed but no kept input reproduces it (see above)" >&2
		else
			status=1
			echo "fuzz: $name fails on an input kept in $pkg/testdata/fuzz/$name" >&2
		fi
	fi
	rm -f "$log"
	# What the kept corpus (testdata/fuzz and the seeds, as CI replays it)
	# reaches in the package.
	cov=$(mktemp)
	if go test -count=1 -run "^${name}\$" -coverprofile "$cov" "./$pkg/" >/dev/null 2>&1; then
		echo "fuzz: $name corpus replayed: $(go tool cover -func "$cov" | awk '/^total:/ {print $3}') of $pkg's statements"
		[[ $name == FuzzImport ]] && go tool cover -func "$cov" | grep -E '/csv(codec)?\.go:' | awk '{printf "    %-16s %s\n", $2, $3}'
	fi
	rm -f "$cov"
	if [[ "${FUZZ_SAVE:-}" == 1 && -d "$cache/$pkg/$name" ]]; then
		keep=${FUZZ_KEEP:-500}
		dst="$pkg/testdata/fuzz/$name"
		mkdir -p "$dst"
		have=$(find "$dst" -type f | wc -l)
		added=0
		for f in "$cache/$pkg/$name"/*; do
			(( have < keep )) || break
			[[ -e "$dst/$(basename "$f")" ]] && continue
			cp "$f" "$dst/" && have=$((have + 1)) added=$((added + 1))
		done
		echo "fuzz: $added new inputs kept in $dst ($have in all)"
	fi
done
exit $status
