package team

import (
	"context"
	"testing"
)

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
