package classify

import (
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
)

// Most prompts reach most expressions, and most expressions fail on them:
// "what is the capital of peru" is no date, no unit, no site. Running Go's
// regexp to find that out costs microseconds each, so every expression of
// the package carries a prefilter: literals, read from its syntax when it
// is compiled, one of which any match must contain. A text holding none of
// them cannot match, and the expression is not run. The prefilter never
// changes a result, only skips work; an expression with no usable literal
// (`\d+`, `\s+`) is always run.

// rx is a compiled expression with its prefilter. Its methods are those of
// regexp.Regexp, with the same results.
type rx struct {
	*regexp.Regexp
	need []string // nil: no prefilter

	// With many literals, need is searched in one scan of the text: first
	// gives, for a byte, 1 + the index in byFirst of the literals starting
	// with it (0: none).
	first   *[256]uint16
	byFirst [][]string
}

// allRx lists the package's expressions, for tests.
var allRx []*rx

// scanAbove: from this many literals on, one scan beats strings.Contains
// for each.
const scanAbove = 6

// mustRx compiles expr, like regexp.MustCompile, and derives its prefilter.
func mustRx(expr string) *rx {
	r := &rx{Regexp: regexp.MustCompile(expr)}
	allRx = append(allRx, r)
	if t, err := syntax.Parse(expr, syntax.Perl); err == nil {
		if lits, ok := necessary(t); ok {
			r.need = compactLiterals(lits)
		}
	}
	if len(r.need) > scanAbove {
		r.first = new([256]uint16)
		for _, l := range r.need {
			b := l[0]
			if r.first[b] == 0 {
				r.byFirst = append(r.byFirst, nil)
				r.first[b] = uint16(len(r.byFirst))
			}
			r.byFirst[r.first[b]-1] = append(r.byFirst[r.first[b]-1], l)
		}
	}
	return r
}

// may reports whether s can match: it holds one of the needed literals.
func (r *rx) may(s string) bool {
	if r.need == nil {
		return true
	}
	if r.first != nil {
		for i := 0; i < len(s); i++ {
			g := r.first[s[i]]
			if g == 0 {
				continue
			}
			for _, l := range r.byFirst[g-1] {
				if strings.HasPrefix(s[i:], l) {
					return true
				}
			}
		}
		return false
	}
	for _, l := range r.need {
		if strings.Contains(s, l) {
			return true
		}
	}
	return false
}

func (r *rx) MatchString(s string) bool { return r.may(s) && r.Regexp.MatchString(s) }

func (r *rx) FindStringSubmatch(s string) []string {
	if !r.may(s) {
		return nil
	}
	return r.Regexp.FindStringSubmatch(s)
}

func (r *rx) FindAllStringSubmatch(s string, n int) [][]string {
	if !r.may(s) {
		return nil
	}
	return r.Regexp.FindAllStringSubmatch(s, n)
}

func (r *rx) FindAllString(s string, n int) []string {
	if !r.may(s) {
		return nil
	}
	return r.Regexp.FindAllString(s, n)
}

func (r *rx) FindStringIndex(s string) []int {
	if !r.may(s) {
		return nil
	}
	return r.Regexp.FindStringIndex(s)
}

// ReplaceAllString returns s itself when nothing can match, as
// regexp.Regexp.ReplaceAllString returns a copy of it.
func (r *rx) ReplaceAllString(s, repl string) string {
	if !r.may(s) {
		return s
	}
	return r.Regexp.ReplaceAllString(s, repl)
}

// maxLang bounds the finite languages enumerated while deriving literals.
const maxLang = 512

// necessary returns literals one of which every match of t contains, and
// false when it finds none.
func necessary(t *syntax.Regexp) ([]string, bool) {
	if l, ok := language(t); ok {
		return l, len(l) > 0 && !slices.Contains(l, "")
	}
	switch t.Op {
	case syntax.OpCapture, syntax.OpPlus:
		return necessary(t.Sub[0])
	case syntax.OpRepeat:
		if t.Min >= 1 {
			return necessary(t.Sub[0])
		}
	case syntax.OpAlternate:
		var out []string
		for _, s := range t.Sub {
			l, ok := necessary(s)
			if !ok {
				return nil, false
			}
			out = append(out, l...)
		}
		return out, true
	case syntax.OpConcat:
		// A match is a concatenation of matches of the parts: whatever
		// one part, or a run of consecutive finite parts, must contain,
		// the whole must too. Keep the most selective candidate.
		var best []string
		found := false
		consider := func(l []string, ok bool) {
			if ok && len(l) > 0 && !slices.Contains(l, "") && (!found || better(l, best)) {
				best, found = l, true
			}
		}
		for i := 0; i < len(t.Sub); i++ {
			run := []string{""}
			j := i
			for ; j < len(t.Sub); j++ {
				l, ok := language(t.Sub[j])
				if !ok {
					break
				}
				next, ok := product(run, l)
				if !ok {
					break
				}
				run = next
			}
			if j > i {
				consider(run, true)
			}
			if j == i {
				consider(necessary(t.Sub[i]))
			} else {
				i = j - 1
			}
		}
		return best, found
	}
	return nil, false
}

// better prefers longer shortest literals (more selective), then fewer.
func better(a, b []string) bool {
	ma, mb := min(shortest(a), 4), min(shortest(b), 4)
	if ma != mb {
		return ma > mb
	}
	return len(a) < len(b)
}

func shortest(l []string) int {
	n := -1
	for _, s := range l {
		if n < 0 || len(s) < n {
			n = len(s)
		}
	}
	return n
}

// language returns every string t matches, when they are few.
func language(t *syntax.Regexp) ([]string, bool) {
	switch t.Op {
	case syntax.OpLiteral:
		if t.Flags&syntax.FoldCase != 0 {
			return nil, false
		}
		return []string{string(t.Rune)}, true
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return []string{""}, true
	case syntax.OpCapture:
		return language(t.Sub[0])
	case syntax.OpCharClass:
		var out []string
		for i := 0; i+1 < len(t.Rune); i += 2 {
			for r := t.Rune[i]; r <= t.Rune[i+1]; r++ {
				if len(out) >= 16 {
					return nil, false
				}
				out = append(out, string(r))
			}
		}
		return out, len(out) > 0
	case syntax.OpQuest:
		l, ok := language(t.Sub[0])
		if !ok {
			return nil, false
		}
		return append([]string{""}, l...), true
	case syntax.OpRepeat:
		if t.Max < 0 || t.Max > 4 {
			return nil, false
		}
		l, ok := language(t.Sub[0])
		if !ok {
			return nil, false
		}
		var out []string
		cur := []string{""}
		for k := 0; k <= t.Max; k++ {
			if k >= t.Min {
				out = append(out, cur...)
			}
			if cur, ok = product(cur, l); !ok {
				return nil, false
			}
		}
		return out, len(out) <= maxLang
	case syntax.OpConcat:
		out := []string{""}
		for _, s := range t.Sub {
			l, ok := language(s)
			if !ok {
				return nil, false
			}
			if out, ok = product(out, l); !ok {
				return nil, false
			}
		}
		return out, true
	case syntax.OpAlternate:
		var out []string
		for _, s := range t.Sub {
			l, ok := language(s)
			if !ok {
				return nil, false
			}
			out = append(out, l...)
			if len(out) > maxLang {
				return nil, false
			}
		}
		return out, true
	}
	return nil, false
}

func product(a, b []string) ([]string, bool) {
	if len(a)*len(b) > maxLang {
		return nil, false
	}
	out := make([]string, 0, len(a)*len(b))
	for _, x := range a {
		for _, y := range b {
			out = append(out, x+y)
		}
	}
	return out, true
}

// compactLiterals drops duplicates and any literal that contains another
// (a text holding it holds the shorter one too), shortest first.
func compactLiterals(lits []string) []string {
	lits = slices.Clone(lits)
	slices.SortFunc(lits, func(a, b string) int {
		if len(a) != len(b) {
			return len(a) - len(b)
		}
		return strings.Compare(a, b)
	})
	var out []string
	for _, l := range lits {
		if !slices.ContainsFunc(out, func(o string) bool { return strings.Contains(l, o) }) {
			out = append(out, l)
		}
	}
	return out
}
