package classify

import (
	"math/rand/v2"
	"regexp"
	"testing"
)

// TestTextPasses_MatchTheirExpressions checks each hand-written pass against
// the regular expression it replaces, on random strings of the characters
// that matter to them.
func TestTextPasses_MatchTheirExpressions(t *testing.T) {
	passes := []struct {
		name string
		re   *regexp.Regexp
		rep  string
		f    func(string) string
	}{
		{"openQuotes", regexp.MustCompile(`(^|[\s(])'+`), "$1 ", openQuotes},
		{"closeQuotes", regexp.MustCompile(`'+($|[\s),.?!:;])`), " $1", closeQuotes},
		{"splitHyphens once", regexp.MustCompile(`([a-z])-([a-z])`), "$1 $2", func(s string) string { return splitHyphens(s, false) }},
		{"stripPunct", regexp.MustCompile(`[?!;"(){}\[\]]|\.\.\.|\s[-:,.]+(\s|$)|[,:.]+(\s|$)|^[-:,.]+`), " ", stripPunct},
		{"collapseSpaces", regexp.MustCompile(`\s+`), " ", collapseSpaces},
	}
	reHy := regexp.MustCompile(`([a-z])-([a-z])`)
	const alphabet = "ab'-( ).,:;?!\"{}[]1Z\t\n\r\f\vé"
	r := rand.New(rand.NewPCG(1, 2))
	for range 200000 {
		n := r.IntN(12)
		var b []rune
		for range n {
			b = append(b, []rune(alphabet)[r.IntN(len([]rune(alphabet)))])
		}
		s := string(b)
		for _, p := range passes {
			if got, want := p.f(s), p.re.ReplaceAllString(s, p.rep); got != want {
				t.Fatalf("%s(%q) = %q, want %q", p.name, s, got, want)
			}
		}
		want := reHy.ReplaceAllString(reHy.ReplaceAllString(s, "$1 $2"), "$1 $2")
		if got := splitHyphens(s, true); got != want {
			t.Fatalf("splitHyphens(%q, all) = %q, want %q", s, got, want)
		}
	}
}

func TestOneEdit_IsEditDistanceOne(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for range 200000 {
		a, b := randWord(r), randWord(r)
		if r.IntN(2) == 0 && len(a) > 0 { // near misses are the interesting case
			i := r.IntN(len(a))
			c := randWord(r) + "a"
			b = a[:i] + c[:r.IntN(2)] + a[i+r.IntN(2):]
		}
		if got, want := oneEdit(a, b), editDistance(a, b) == 1; got != want {
			t.Fatalf("oneEdit(%q, %q) = %v, editDistance %d", a, b, got, editDistance(a, b))
		}
	}
}

func randWord(r *rand.Rand) string {
	b := make([]byte, r.IntN(7))
	for i := range b {
		b[i] = "abc"[r.IntN(3)]
	}
	return string(b)
}
