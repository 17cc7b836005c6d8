package classify

import (
	"regexp"
	"testing"
)

// TestRx_AllCompile compiles every expression of the package (a bad one
// panics in mustRx's first use otherwise, in front of a person) and checks
// the lazy wrapper answers as regexp does.
func TestRx_AllCompile(t *testing.T) {
	if len(allRx) < 50 {
		t.Fatalf("only %d expressions declared", len(allRx))
	}
	for _, r := range allRx {
		re, err := regexp.Compile(r.expr)
		if err != nil {
			t.Errorf("%s: %v", r.expr, err)
			continue
		}
		for _, s := range []string{"", "what is the capital of peru", "17 % de 240", "meteo lyon demain"} {
			if r.MatchString(s) != re.MatchString(s) {
				t.Errorf("%s on %q: lazy and direct disagree", r.expr, s)
			}
		}
	}
}
