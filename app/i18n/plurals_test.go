package i18n

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/plurals.txt")

func TestPluralForm_FollowsCLDR(t *testing.T) {
	for _, tc := range []struct{ lang, shown, want string }{
		{"fr", "0", "one"}, // "0 requête"
		{"fr", "1", "one"},
		{"fr", "1,5", "one"}, // "1,5 charge"
		{"fr", "1.5", "one"},
		{"fr", "2", "other"},
		{"fr", "< 0,001", "one"},
		{"en", "0", "other"},
		{"en", "1", "one"},
		{"en", "1.0", "other"}, // CLDR: a visible decimal makes English plural
		{"en", "1.5", "other"},
		{"en", "2", "other"},
		{"en", "1000000", "other"},
		{"xx", "1", "one"}, // an unknown language reads as English
	} {
		if got := PluralForm(tc.lang, tc.shown); got != tc.want {
			t.Errorf("PluralForm(%s, %q) = %q, want %q", tc.lang, tc.shown, got, tc.want)
		}
	}
}

// countedKeys are the keys that have plural forms (key.one, key.other…).
func countedKeys(l string) []string {
	seen := map[string]bool{}
	for _, k := range Keys(l) {
		for _, f := range []string{".zero", ".one", ".two", ".few", ".many", ".other"} {
			if b, ok := strings.CutSuffix(k, f); ok {
				seen[b] = true
			}
		}
	}
	var out []string
	for k := range seen {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func TestEveryCountedStringHasOneAndOther(t *testing.T) {
	for _, l := range Languages {
		cat := catalogues()[l]
		for _, k := range countedKeys(l) {
			for _, f := range []string{".one", ".other"} {
				if _, ok := cat[k+f]; !ok {
					t.Errorf("%s: %s has no %s form", l, k, f)
				}
			}
		}
	}
}

// TestCountedStrings lists every counted string at 0, 1, 1.5 and 2 in both
// languages (testdata/plurals.txt; go test -update rewrites it), so a
// reviewer reads each form, and checks the forms French and English need.
func TestCountedStrings(t *testing.T) {
	sample := map[string]any{"Of": 7, "File": "week.csv", "Minutes": 5, "Energy": "1–2\u00a0Wh", "CO2": "0.4–0.8\u00a0g",
		"Method": "m1", "Skipped": 0, "Share": "43%", "Trivial": 1}
	var b strings.Builder
	b.WriteString("# Every counted string at 0, 1, 1.5 and 2 (TestCountedStrings; go test ./app/i18n -update rewrites it).\n")
	for _, k := range countedKeys("en") {
		fmt.Fprintf(&b, "\n%s\n", k)
		for _, l := range Languages {
			c := New(l)
			for _, x := range []float64{0, 1, 1.5, 2} {
				fmt.Fprintf(&b, "  %s %-3s %s\n", l, c.Num(x), c.NF(k, x, sample))
			}
		}
	}
	got := b.String()
	path := filepath.Join("testdata", "plurals.txt")
	if *update {
		os.MkdirAll("testdata", 0o755)
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test ./app/i18n -update writes it)", err)
	}
	if got != string(want) {
		t.Errorf("counted strings differ from %s (go test ./app/i18n -update, then review the diff):\n%s", path, got)
	}

	// The rules themselves, on the sentence everyone sees.
	for _, tc := range []struct {
		lang string
		x    float64
		want string
	}{
		{"fr", 0, "0 requête"}, {"fr", 1, "1 requête"}, {"fr", 1.5, "1,5 requête"}, {"fr", 2, "2 requêtes"},
		{"en", 0, "0 requests"}, {"en", 1, "1 request"}, {"en", 1.5, "1.5 requests"}, {"en", 2, "2 requests"},
	} {
		if got := New(tc.lang).NF("requests", tc.x); got != tc.want {
			t.Errorf("%s NF(requests, %v) = %q, want %q", tc.lang, tc.x, got, tc.want)
		}
	}
	if got := New("fr").N("requests", 0); got != "0 requête" {
		t.Errorf("fr N(requests, 0) = %q", got)
	}
}
