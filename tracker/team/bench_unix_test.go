//go:build unix

package team

import (
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
)

// BenchmarkTeamReport52k reads 52,000 share files (1,000 people × 52
// weeks, made once by Generate and kept in $FRUGAL_BENCH_SHARES, default
// $TMPDIR/frugal-bench-shares-52k) and builds the HTML and CSV. Each run is
// a fresh process (this test binary again), so peak-rss-MB is the
// resident memory of the report alone. Goals: ≤ 10 s, ≤ 300 MB.
func BenchmarkTeamReport52k(b *testing.B) {
	dir := os.Getenv("FRUGAL_BENCH_SHARES")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "frugal-bench-shares-52k")
	}
	if _, err := os.Stat(filepath.Join(dir, "2026-W52", "0999.json")); err != nil {
		b.Logf("generating 52,000 share files in %s…", dir)
		os.RemoveAll(dir)
		if _, err := Generate(dir, GenOptions{People: 1000, Weeks: 52, FirstWeek: "2026-W01",
			Teams: []string{"Sales", "Support", "Engineering", "Finance", "Legal", "HR", "Marketing", "Ops", "", "Tiny"}}); err != nil {
			b.Fatal(err)
		}
	}
	exe, err := os.Executable()
	if err != nil {
		b.Fatal(err)
	}
	var maxRSS int64
	b.ResetTimer()
	for b.Loop() {
		cmd := exec.Command(exe)
		cmd.Env = append(os.Environ(), benchChild+"="+dir)
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("report process: %v\n%s", err, out)
		}
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			maxRSS = max(maxRSS, int64(ru.Maxrss))
		}
	}
	b.ReportMetric(float64(maxRSS)/1024, "peak-rss-MB")
	b.ReportMetric(52000*float64(b.N)/b.Elapsed().Seconds(), "files/s")
}
