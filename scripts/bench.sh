#!/usr/bin/env bash
# bench.sh runs every speed benchmark the issues ask for and writes
# BENCHMARKS.md: each figure next to its goal and its comparison, with the
# machine and the date. Run it with `make bench`.
#
#   scripts/bench.sh [PART...]   PART: storage code browser capture desktop team (all by default),
#                                or report (only put the table together again)
#
# Each part writes its rows into build/bench-PART.md; BENCHMARKS.md is put
# together from the ones there, so a part can be measured again alone.
# QUICK=1 idles the desktop part for 60 s instead of 10 minutes.
set -euo pipefail
shopt -s inherit_errexit
cd "$(dirname "$0")/.."
export PATH=/usr/local/go/bin:$PATH
out=BENCHMARKS.md
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export FRUGAL_BENCH_DB=${FRUGAL_BENCH_DB:-${TMPDIR:-/tmp}/frugal-bench-1m-v2.db}
parts=("$@")
((${#parts[@]})) || parts=(storage code browser capture desktop team)
mkdir -p build

# ns/op of one benchmark line in a go test output file
nsop() { awk -v n="$2" '$1 ~ "^"n"(-[0-9]+)?$" {for (i=2;i<=NF;i++) if ($(i+1)=="ns/op") print $i}' "$1" | tail -n1; }
# a custom metric (e.g. p50-ns) of one benchmark line
metric() { awk -v n="$2" -v m="$3" '$1 ~ "^"n"(-[0-9]+)?$" {for (i=2;i<=NF;i++) if ($(i+1)==m) print $i}' "$1" | tail -n1; }
# a duration in nanoseconds, in the unit that reads best
dur() { awk -v x="$1" 'BEGIN {if (x >= 1e9) printf "%.2f s", x/1e9; else if (x >= 1e6) printf "%.1f ms", x/1e6; else printf "%.2f µs", x/1e3}'; }
verdict() { awk -v a="$1" -v b="$2" 'BEGIN {print (a <= b) ? "✅ met" : "❌ missed"}'; }
# need VALUE WHAT: a benchmark that printed nothing stops the report
need() { [[ -n $1 ]] || { echo "bench.sh: no figure for $2" >&2; exit 1; }; }

storage() {
  echo "storage benchmarks on 1,000,000 requests (the first run builds the database)…" >&2
  go test -run '^$' -bench 'WeekSummary1M' -benchtime 20x ./storage/ | tee "$tmp/week.txt" >&2
  go test -run '^$' -bench 'Export1M' -benchtime 3x ./storage/ | tee "$tmp/export.txt" >&2
  go test -run '^$' -bench 'Import1M' -benchtime 2x -timeout 60m ./storage/ | tee "$tmp/import.txt" >&2
  go test -run '^$' -bench 'Reestimate1M' -benchtime 1x -timeout 30m ./storage/ | tee "$tmp/reestimate.txt" >&2
  # sqlite3's own CSV dump of the same table from the same file, best of 3
  local best= t t0
  for _ in 1 2 3; do
    t0=$(date +%s%N)
    sqlite3 -csv -header "$FRUGAL_BENCH_DB" 'SELECT * FROM requests' >/dev/null
    t=$(( $(date +%s%N) - t0 ))
    [[ -z $best || $t -lt $best ]] && best=$t
  done
  local week export_ns import_ns reest_ns ratio cli_import_ns import_ratio
  week=$(nsop "$tmp/week.txt" BenchmarkWeekSummary1M); need "$week" "the week summary"
  export_ns=$(nsop "$tmp/export.txt" BenchmarkExport1M); need "$export_ns" "the export"
  import_ns=$(nsop "$tmp/import.txt" BenchmarkImport1M); need "$import_ns" "the import"
  # The benchmark runs the sqlite3 CLI's import of the same CSV in turn with
  # ours, in the same loop (storage/bench_test.go, sqlite3ImportScript).
  cli_import_ns=$(metric "$tmp/import.txt" BenchmarkImport1M sqlite3-ns/op); need "$cli_import_ns" "sqlite3's import"
  import_ratio=$(metric "$tmp/import.txt" BenchmarkImport1M ratio); need "$import_ratio" "the import ratio"
  import_ratio=$(awk -v r="$import_ratio" 'BEGIN {printf "%.2f", r}')
  reest_ns=$(nsop "$tmp/reestimate.txt" BenchmarkReestimate1M); need "$reest_ns" "the re-estimation"
  ratio=$(awk -v a="$export_ns" -v b="$best" 'BEGIN {printf "%.2f", a/b}')
  {
    echo "| \`summary\` of one week, 1,000,000-request database | $(dur "$week") | ≤ 50 ms | | $(verdict "$week" 50e6) |"
    echo "| \`export\` of all 1,000,000 rows to CSV | $(dur "$export_ns") | ≤ 1.5 × sqlite3 | \`sqlite3 -csv\` same table, same file, same run: $(dur "$best") (ratio $ratio) | $(verdict "$ratio" 1.5) |"
    echo "| \`import\` of 1,000,000 rows | $(dur "$import_ns") | ≤ 2 × sqlite3 | \`sqlite3\` CLI \`.import\` of the same CSV into the same schema (staging table, then one INSERT … SELECT), in turn in the same loop: $(dur "$cli_import_ns") (ratio $import_ratio) | $(verdict "$import_ratio" 2) |"
    echo "| re-estimation of 1,000,000 rows made with an older method (\`frugal reestimate\`, the tray) | $(dur "$reest_ns") | ≤ 60 s | | $(verdict "$reest_ns" 60e9) |"
  } >build/bench-1-storage.md
}

code() {
  echo "estimator and classifier benchmarks…" >&2
  go test -run '^$' -bench 'BenchmarkEstimate$' -benchtime 200000x ./tracker/estimate/ | tee "$tmp/est.txt" >&2
  go test -run '^$' -bench 'Classify_|BenchmarkNew' -benchtime 2s ./tracker/classify/ | tee "$tmp/cls.txt" >&2
  local est v row name m label goal goaltxt
  est=$(nsop "$tmp/est.txt" BenchmarkEstimate); need "$est" "the estimate"
  {
    echo "| one footprint estimate | $(dur "$est") | ≤ 5 µs | | $(verdict "$est" 5000) |"
    for row in "BenchmarkClassify_Typical:p50-ns:typical prompt, median of one call over 24 everyday prompts:100000:≤ 100 µs" \
               "BenchmarkClassify_External:p50-ns:prompts written outside the team, rules and learned model, median of one call over 528:100000:≤ 100 µs" \
               "BenchmarkClassify_Pasted50kB:ns/op:50 kB pasted text:1000000:≤ 1 ms" \
               "BenchmarkNew:load-ns:loading the classifier in a new process (package initialisation, New and first verdicts on three prompts):50000000:≤ 50 ms"; do
      IFS=: read -r name m label goal goaltxt <<<"$row"
      v=$(metric "$tmp/cls.txt" "$name" "$m"); need "$v" "$name $m"
      echo "| classifier: $label | $(dur "$v") | $goaltxt | | $(verdict "$v" "$goal") |"
    done
  } >build/bench-2-code.md
}

browser() {
  echo "browser round trip in headless Chromium…" >&2
  (cd extension && npm ci --no-audit --no-fund --prefer-offline >/dev/null && node build.mjs >/dev/null &&
    FRUGAL_BENCH_OUT="$PWD/../build/bench-3-browser.md" node --test --test-concurrency=1 --test-name-pattern 'round trip' e2e/e2e.test.mjs >&2)
}

capture() {
  echo "content-script cost while a long answer streams, headless Chromium…" >&2
  (cd extension && npm ci --no-audit --no-fund --prefer-offline >/dev/null && node build.mjs >/dev/null &&
    node e2e/bench-capture.mjs) >build/bench-3b-capture.md
}

desktop() {
  echo "desktop: tray idle and summary window…" >&2
  if [[ "${QUICK:-}" == 1 ]]; then scripts/bench-tray.sh >&2; else FULL=1 scripts/bench-tray.sh >&2; fi
  mv build/bench-desktop.md build/bench-4-desktop.md
}

team() {
  echo "team report of 52,000 share files (the first run writes them)…" >&2
  go test -run '^$' -bench 'TeamReport52k' -benchtime 3x ./tracker/team/ | tee "$tmp/team.txt" >&2
  local ns rss
  ns=$(nsop "$tmp/team.txt" BenchmarkTeamReport52k); need "$ns" "the team report"
  rss=$(metric "$tmp/team.txt" BenchmarkTeamReport52k peak-rss-MB); need "$rss" "the team report's memory"
  {
    echo "| \`team-report\` of 52,000 share files (1,000 people × 52 weeks) to HTML and CSV | $(dur "$ns") | ≤ 10 s | | $(verdict "$ns" 10e9) |"
    echo "| same: peak resident memory | $rss MB | ≤ 300 MB | | $(verdict "$rss" 300) |"
  } >build/bench-5-team.md
}

for p in "${parts[@]}"; do
  case $p in
  storage | code | browser | capture | desktop | team) rm -f build/bench-*-"$p".md; "$p" ;;
  report) ;;
  *) echo "bench.sh: unknown part '$p' (storage, code, browser, capture, desktop, team, report)" >&2; exit 2 ;;
  esac
done

{
  echo "# Benchmarks"
  echo
  echo "Written by \`make bench\` (scripts/bench.sh) on $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')."
  echo "Machine: $(nproc) cores, $(awk '/model name/ {sub(/.*: /,""); print; exit}' /proc/cpuinfo), $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo) RAM, $(go version | cut -d' ' -f3), $(sqlite3 --version | cut -d' ' -f1) (sqlite3 CLI)."
  echo "Load average when it finished: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo
  echo "| What | Measured | Goal | Comparison | |"
  echo "|---|---|---|---|---|"
  for f in build/bench-*-*.md; do
    [[ -f $f ]] && cat "$f"
  done
  echo
  echo "Storage figures use \`go test -bench\` on a generated 1,000,000-request database (storage/bench_test.go); the export's sqlite3 comparison is Debian's \`sqlite3 -csv\` on the same file in the same run, best of 3; the import's is the \`sqlite3\` CLI importing the same CSV into the same schema, in turn with ours inside the benchmark. The browser figure comes from extension/e2e (the real extension, the real host, 200 drafts after 20 to warm up); the content-script cost from extension/e2e/bench-capture.mjs (a V8 CPU profile of the page while the ChatGPT-shaped fixture streams the answer; every sample under a chrome-extension:// frame counts); the desktop figures from scripts/bench-tray.sh under Xvfb with a D-Bus session, the bare Fyne tray app being scripts/barefyne built and idling in the same run, and the bare Fyne window `scripts/barefyne -window` started in turn with the summary window. The team figures come from tracker/team's BenchmarkTeamReport52k (files from \`go run ./tracker/team/gen\`'s generator; each run a fresh process, its peak RSS from the kernel). Each part (storage, code, browser, capture, desktop, team) can be measured again alone with \`scripts/bench.sh PART\`: the date above is when the table was put together."
} >"$out"
cat "$out"
