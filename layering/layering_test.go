package layering

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestLayering checks that dependencies point inward (README, "Project
// layout"): tracker knows neither the database nor the UI, storage knows no
// UI, and the windows reach the request path through app/core, not through
// the command line.
func TestLayering(t *testing.T) {
	touchSources(t)
	rules := []struct {
		pkgs      string
		forbidden []string
	}{
		{"frugal/tracker/...", []string{"frugal/storage", "frugal/app"}},
		{"frugal/storage/...", []string{"frugal/app"}},
		{"frugal/app/windows/...", []string{"frugal/app/cli"}},
		{"frugal/app/tray/...", []string{"frugal/app/cli"}},
		{"frugal/app/core/...", []string{"frugal/app/cli", "frugal/app/windows", "frugal/app/tray", "fyne.io/"}},
		{"frugal/tracker/defs", []string{"frugal/"}},
	}
	for _, r := range rules {
		pkgs := list(t, r.pkgs)
		for _, p := range pkgs {
			for _, dep := range list(t, "-deps", p) {
				for _, f := range r.forbidden {
					if dep != p && (dep == f || strings.HasPrefix(dep, f+"/") || (strings.HasSuffix(f, "/") && strings.HasPrefix(dep, f))) {
						t.Errorf("%s imports %s (directly or not): %s must not depend on %s", p, dep, r.pkgs, f)
					}
				}
			}
		}
	}
}

// touchSources stats every Go file of the module, so that `go test`'s cache
// (which sees the files a test opens, not those `go list` reads) reruns
// this test when an import changes.
func touchSources(t *testing.T) {
	t.Helper()
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "node_modules" || d.Name() == ".git" || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if strings.HasSuffix(path, ".go") {
			_, err = os.ReadFile(path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func list(t *testing.T, args ...string) []string {
	t.Helper()
	out, err := exec.Command("go", append([]string{"list"}, args...)...).Output()
	if err != nil {
		t.Fatalf("go list %v: %v", args, err)
	}
	return strings.Fields(string(out))
}
