package team

import (
	"bytes"
	"context"
	"os"
	"testing"
)

// benchChild is set in the child process BenchmarkTeamReport52k starts.
const benchChild = "FRUGAL_TEAM_BENCH_CHILD"

func TestMain(m *testing.M) {
	if dir := os.Getenv(benchChild); dir != "" {
		os.Exit(benchWork(dir))
	}
	os.Exit(m.Run())
}

// benchWork is what `frugal team-report DIR --out … --csv …` does.
func benchWork(dir string) int {
	files, _, err := Files([]string{dir})
	if err != nil {
		return 1
	}
	c, err := Read(context.Background(), files, ReadOptions{})
	if err != nil || c.Shares() != len(files) {
		return 1
	}
	rep := Build(c, DefaultMinGroup)
	var html, csv bytes.Buffer
	if rep.WriteHTML(&html, "en") != nil || rep.WriteCSV(&csv) != nil {
		return 1
	}
	return 0
}

// readDir reads every share file under dir into a report.
func readDir(t testing.TB, dir string, minGroup int) *Report {
	t.Helper()
	files, bad, err := Files([]string{dir})
	if err != nil || len(bad) > 0 {
		t.Fatalf("listing %s: %v %v", dir, err, bad)
	}
	c, err := Read(context.Background(), files, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return Build(c, minGroup)
}

// skip skips a test whose tool is missing, unless FRUGAL_TEAM_REQUIRE is
// set (make team-test): then a missing tool is a failure.
func skip(t *testing.T, why string) {
	t.Helper()
	if os.Getenv("FRUGAL_TEAM_REQUIRE") != "" {
		t.Fatal(why)
	}
	t.Skip(why)
}
