package classify

import (
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"sync"
)

// Most prompts reach most expressions, and most expressions fail on them:
// "what is the capital of peru" is no date, no unit, no site. Running Go's
// regexp to find that out costs microseconds each, so every expression of
// the package carries a prefilter: literals, read from its syntax when it
// is compiled, one of which any match must contain. A text holding none of
// them cannot match, and the expression is not run. The prefilter never
// changes a result, only skips work; an expression with no usable literal
// (`\d+`, `\s+`) is always run.

// rx is an expression with its prefilter, compiled the first time it is
// used: a process that never classifies (the tray, a window) does not pay
// for the package's 120-odd expressions and their prefilters, and one that
// does pays only for those its prompts reach. Its methods are those of
// regexp.Regexp, with the same results.
type rx struct {
	expr string
	once sync.Once
	c    *rxc
}

// rxc is a compiled rx.
type rxc struct {
	*regexp.Regexp
	need []string // nil: no prefilter
	// also: for an expression that is a sequence, the literals other parts
	// need; a match holds one of each set too.
	also []*phraseIndex
	// An expression anchored by ^ (or $) matches only a text that starts
	// (ends) with one of these.
	prefixes *phraseIndex
	suffixes []string
	exact    *phraseSet // non-nil: MatchString needs no regexp at all

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

// mustRx declares an expression; it is compiled, like regexp.MustCompile
// (a bad one panics; TestPrefilter_NeverSkipsAMatch compiles them all), on first
// use.
func mustRx(expr string) *rx {
	r := &rx{expr: expr}
	allRx = append(allRx, r)
	return r
}

// get returns the compiled expression, compiling it the first time.
func (r *rx) get() *rxc {
	r.once.Do(func() { r.c = compileRx(r.expr) })
	return r.c
}

func (r *rx) MatchString(s string) bool              { return r.get().MatchString(s) }
func (r *rx) FindStringSubmatch(s string) []string   { return r.get().FindStringSubmatch(s) }
func (r *rx) FindAllString(s string, n int) []string { return r.get().FindAllString(s, n) }
func (r *rx) FindStringIndex(s string) []int         { return r.get().FindStringIndex(s) }
func (r *rx) ReplaceAllString(s, repl string) string { return r.get().ReplaceAllString(s, repl) }
func (r *rx) SubexpNames() []string                  { return r.get().SubexpNames() }
func (r *rx) FindAllStringSubmatch(s string, n int) [][]string {
	return r.get().FindAllStringSubmatch(s, n)
}

// compileRx compiles expr and derives its prefilter.
func compileRx(expr string) *rxc {
	r := &rxc{Regexp: regexp.MustCompile(expr)}
	if t, err := syntax.Parse(expr, syntax.Perl); err == nil {
		if lits, ok := necessary(t); ok {
			r.need = compactLiterals(lits)
			for _, l := range moreNecessary(t, lits) {
				x := new(phraseIndex)
				for _, lit := range compactLiterals(l) {
					x.add(phrase{text: lit})
				}
				r.also = append(r.also, x)
			}
		}
		r.exact = newPhraseSet(t)
		if anchored(t, syntax.OpBeginText) {
			if l, ok := edgeLits(t, true); ok {
				r.prefixes = new(phraseIndex)
				for _, p := range compactPrefixes(l) {
					r.prefixes.add(phrase{text: p})
				}
			}
		}
		if anchored(t, syntax.OpEndText) {
			if l, ok := edgeLits(t, false); ok {
				r.suffixes = compactSuffixes(l)
			}
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
func (r *rxc) may(s string) bool {
	if r.prefixes != nil && (s == "" || !r.prefixes.at(s, 0)) {
		return false
	}
	if r.suffixes != nil && !slices.ContainsFunc(r.suffixes, func(x string) bool { return strings.HasSuffix(s, x) }) {
		return false
	}
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
					return r.alsoIn(s)
				}
			}
		}
		return false
	}
	found := false
	for _, l := range r.need {
		if strings.Contains(s, l) {
			found = true
			break
		}
	}
	return found && r.alsoIn(s)
}

// alsoIn reports whether s holds a literal of each set of also.
func (r *rxc) alsoIn(s string) bool {
	for _, x := range r.also {
		found := false
		for i := 0; i < len(s) && !found; i++ {
			found = x.at(s, i)
		}
		if !found {
			return false
		}
	}
	return true
}

// moreNecessary returns, for a sequence, up to two more literal sets its
// parts need, besides primary: the most selective first.
func moreNecessary(t *syntax.Regexp, primary []string) [][]string {
	for t.Op == syntax.OpCapture {
		t = t.Sub[0]
	}
	if t.Op != syntax.OpConcat {
		return nil
	}
	var sets [][]string
	for _, c := range t.Sub {
		l, ok := necessary(c)
		if !ok || len(l) == 0 || slices.Contains(l, "") || slices.Equal(l, primary) || slices.Contains(l, " ") {
			continue
		}
		sets = append(sets, l)
	}
	slices.SortStableFunc(sets, func(a, b []string) int {
		switch {
		case better(a, b):
			return -1
		case better(b, a):
			return 1
		}
		return 0
	})
	return sets[:min(2, len(sets))]
}

func (r *rxc) MatchString(s string) bool {
	if r.exact != nil {
		return r.exact.in(s)
	}
	return r.may(s) && r.Regexp.MatchString(s)
}

func (r *rxc) FindStringSubmatch(s string) []string {
	if !r.may(s) {
		return nil
	}
	return r.Regexp.FindStringSubmatch(s)
}

func (r *rxc) FindAllStringSubmatch(s string, n int) [][]string {
	if !r.may(s) {
		return nil
	}
	return r.Regexp.FindAllStringSubmatch(s, n)
}

func (r *rxc) FindAllString(s string, n int) []string {
	if !r.may(s) {
		return nil
	}
	return r.Regexp.FindAllString(s, n)
}

func (r *rxc) FindStringIndex(s string) []int {
	if !r.may(s) {
		return nil
	}
	return r.Regexp.FindStringIndex(s)
}

// ReplaceAllString returns s itself when nothing can match, as
// regexp.Regexp.ReplaceAllString returns a copy of it.
func (r *rxc) ReplaceAllString(s, repl string) string {
	if r.exact != nil && r.exact.ordered != nil && !strings.Contains(repl, "$") {
		return r.exact.replace(s, repl)
	}
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

// A phraseSet is an expression that is a finite list of phrases, each
// maybe bounded by \b, ^ or $ at either end: `\b(?:why|pourquoi|tell me
// about)\b`, `\d|\b(?:one|two)\b`. Whether it matches a text is then a
// search for the phrases, with the bounds checked where one is found;
// regexp's backtracking over the alternatives at every position cost
// microseconds on such lists.
type phraseSet struct {
	// wordStart holds the phrases that begin a word (\b then a word
	// character), looked at only where a word begins; anywhere the others.
	wordStart, anywhere phraseIndex
	// ordered has all phrases in regexp's order of preference, when known:
	// it serves ReplaceAllString.
	ordered *phraseIndex
}

// phraseIndex finds phrases by their first byte.
type phraseIndex struct {
	first  [256]uint16 // byte → 1 + index in starts (0: no phrase)
	starts [][]phrase
}

func (x *phraseIndex) add(p phrase) {
	b := p.text[0]
	if x.first[b] == 0 {
		x.starts = append(x.starts, nil)
		x.first[b] = uint16(len(x.starts))
	}
	x.starts[x.first[b]-1] = append(x.starts[x.first[b]-1], p)
}

// at reports whether a phrase of x occurs at i in s, its assertions holding.
func (x *phraseIndex) at(s string, i int) bool { return x.matchAt(s, i) >= 0 }

// matchAt returns the end of the first phrase of x that occurs at i in s,
// its assertions holding, or -1.
func (x *phraseIndex) matchAt(s string, i int) int {
	g := x.first[s[i]]
	if g == 0 {
		return -1
	}
	for _, p := range x.starts[g-1] {
		end := i + len(p.text)
		if end <= len(s) && s[end-1] == p.text[len(p.text)-1] && s[i:end] == p.text &&
			holds(p.pre, s, i) && holds(p.post, s, end) {
			return end
		}
	}
	return -1
}

type phrase struct {
	text      string
	pre, post syntax.EmptyOp // the assertions at its start and end
}

// newPhraseSet returns nil when t is not such a list.
func newPhraseSet(t *syntax.Regexp) *phraseSet {
	ps, ok := phrases(t, false)
	if !ok || !supported(ps) {
		return nil
	}
	set := &phraseSet{}
	for _, p := range ps {
		if p.pre&syntax.EmptyWordBoundary != 0 && isWordByte(p.text[0]) {
			set.wordStart.add(p)
		} else {
			set.anywhere.add(p)
		}
	}
	if ps, ok := phrases(t, true); ok && supported(ps) {
		set.ordered = new(phraseIndex)
		for _, p := range ps {
			set.ordered.add(p)
		}
	}
	return set
}

// supported: every phrase has a text, and only assertions holds checks.
func supported(ps []phrase) bool {
	const known = syntax.EmptyWordBoundary | syntax.EmptyBeginText | syntax.EmptyEndText
	for _, p := range ps {
		if p.text == "" || (p.pre|p.post)&^known != 0 {
			return false
		}
	}
	return true
}

// replace is regexp's ReplaceAllString with a literal replacement: at the
// leftmost position where a phrase matches, the first phrase in order,
// then on from its end. It returns s itself when nothing matches.
func (set *phraseSet) replace(s, repl string) string {
	var b strings.Builder
	last := 0
	for i := 0; i < len(s); {
		end := set.ordered.matchAt(s, i)
		if end < 0 {
			i++
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(repl)
		i, last = end, end
	}
	if last == 0 && b.Len() == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// phrases lists the phrases t matches, when they are few and assertions
// sit only at their ends. With ordered, the list is in the order regexp
// prefers them at one position (leftmost-first, greedy), or false when
// that order is not known.
func phrases(t *syntax.Regexp, ordered bool) ([]phrase, bool) {
	switch t.Op {
	case syntax.OpWordBoundary:
		return []phrase{{pre: syntax.EmptyWordBoundary, post: syntax.EmptyWordBoundary}}, true
	case syntax.OpBeginText:
		return []phrase{{pre: syntax.EmptyBeginText, post: syntax.EmptyBeginText}}, true
	case syntax.OpEndText:
		return []phrase{{pre: syntax.EmptyEndText, post: syntax.EmptyEndText}}, true
	case syntax.OpCapture:
		return phrases(t.Sub[0], ordered)
	case syntax.OpAlternate:
		var out []phrase
		for _, s := range t.Sub {
			l, ok := phrases(s, ordered)
			if !ok || len(out)+len(l) > maxLang {
				return nil, false
			}
			out = append(out, l...)
		}
		return out, true
	case syntax.OpConcat:
		out := []phrase{{}}
		for _, s := range t.Sub {
			l, ok := phrases(s, ordered)
			if !ok || len(out)*len(l) > maxLang {
				return nil, false
			}
			next := make([]phrase, 0, len(out)*len(l))
			for _, a := range out {
				for _, b := range l {
					c, ok := joinPhrases(a, b)
					if !ok {
						return nil, false
					}
					next = append(next, c)
				}
			}
			out = next
		}
		return out, true
	case syntax.OpQuest:
		l, ok := phrases(t.Sub[0], ordered)
		if !ok {
			return nil, false
		}
		if t.Flags&syntax.NonGreedy != 0 {
			return append([]phrase{{}}, l...), true
		}
		return append(l, phrase{}), true
	}
	// Anything else without assertions: its plain language; in order only
	// for a single literal or character.
	if hasAssertion(t) || ordered && t.Op != syntax.OpLiteral && t.Op != syntax.OpCharClass {
		return nil, false
	}
	l, ok := language(t)
	if !ok {
		return nil, false
	}
	out := make([]phrase, len(l))
	for i, s := range l {
		out[i] = phrase{text: s}
	}
	return out, true
}

func hasAssertion(t *syntax.Regexp) bool {
	switch t.Op {
	case syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return true
	}
	return slices.ContainsFunc(t.Sub, hasAssertion)
}

// joinPhrases is a followed by b; false when an assertion would fall
// inside the phrase.
func joinPhrases(a, b phrase) (phrase, bool) {
	switch {
	case a.text == "" && b.text == "":
		f := a.pre | b.pre
		return phrase{pre: f, post: f}, true
	case a.text == "":
		return phrase{text: b.text, pre: a.pre | b.pre, post: b.post}, true
	case b.text == "":
		return phrase{text: a.text, pre: a.pre, post: a.post | b.pre}, true
	case a.post != 0 || b.pre != 0:
		return phrase{}, false
	}
	return phrase{text: a.text + b.text, pre: a.pre, post: b.post}, true
}

// in reports whether a phrase occurs in s with its assertions holding.
func (set *phraseSet) in(s string) bool {
	for i := 0; i < len(s); i++ {
		if (i == 0 || !isWordByte(s[i-1])) && set.wordStart.at(s, i) || set.anywhere.at(s, i) {
			return true
		}
	}
	return false
}

func isWordByte(c byte) bool { return syntax.IsWordChar(rune(c)) }

// holds checks assertions at position i of s, as regexp does: \b between
// an ASCII word character and anything else.
func holds(op syntax.EmptyOp, s string, i int) bool {
	if op&syntax.EmptyBeginText != 0 && i != 0 {
		return false
	}
	if op&syntax.EmptyEndText != 0 && i != len(s) {
		return false
	}
	if op&syntax.EmptyWordBoundary != 0 {
		before := i > 0 && isWordByte(s[i-1])
		after := i < len(s) && isWordByte(s[i])
		if before == after {
			return false
		}
	}
	return true
}

// anchored reports whether every match of t touches the start (op
// OpBeginText) or the end (OpEndText) of the text.
func anchored(t *syntax.Regexp, op syntax.Op) bool {
	switch t.Op {
	case op:
		return true
	case syntax.OpCapture:
		return anchored(t.Sub[0], op)
	case syntax.OpAlternate:
		for _, s := range t.Sub {
			if !anchored(s, op) {
				return false
			}
		}
		return true
	case syntax.OpConcat:
		if op == syntax.OpBeginText {
			return anchored(t.Sub[0], op)
		}
		return anchored(t.Sub[len(t.Sub)-1], op)
	}
	return false
}

// edgeLits returns non-empty strings one of which every match of t starts
// with (start) or ends with (!start), or false.
func edgeLits(t *syntax.Regexp, start bool) ([]string, bool) {
	if l, ok := language(t); ok && len(l) > 0 && !slices.Contains(l, "") {
		return l, true // the matches themselves: the most precise
	}
	switch t.Op {
	case syntax.OpLiteral, syntax.OpCharClass:
		l, ok := language(t)
		return l, ok && !slices.Contains(l, "")
	case syntax.OpCapture, syntax.OpPlus:
		return edgeLits(t.Sub[0], start)
	case syntax.OpRepeat:
		if t.Min >= 1 {
			return edgeLits(t.Sub[0], start)
		}
	case syntax.OpAlternate:
		var out []string
		for _, s := range t.Sub {
			l, ok := edgeLits(s, start)
			if !ok {
				return nil, false
			}
			out = append(out, l...)
		}
		return out, true
	case syntax.OpConcat:
		subs := slices.Clone(t.Sub)
		if !start {
			slices.Reverse(subs)
		}
		return edgeOfSeq(subs, start)
	}
	return nil, false
}

// edgeOfSeq is edgeLits of parts in sequence, read from the edge inwards.
func edgeOfSeq(parts []*syntax.Regexp, start bool) ([]string, bool) {
	for i, p := range parts {
		if isAssertion(p) {
			continue // empty: the edge is in what follows
		}
		if !canBeEmpty(p) {
			return edgeLits(p, start)
		}
		// p may be empty: a match starts as p does, or as the rest.
		var inner *syntax.Regexp
		switch p.Op {
		case syntax.OpQuest, syntax.OpStar:
			inner = p.Sub[0]
		case syntax.OpRepeat:
			inner = p.Sub[0]
		default:
			return nil, false
		}
		a, ok := edgeLits(inner, start)
		if !ok {
			return nil, false
		}
		b, ok := edgeOfSeq(parts[i+1:], start)
		if !ok {
			return nil, false
		}
		return append(a, b...), true
	}
	return nil, false
}

func isAssertion(t *syntax.Regexp) bool {
	switch t.Op {
	case syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary, syntax.OpEmptyMatch:
		return true
	}
	return false
}

// canBeEmpty reports whether t may match the empty string.
func canBeEmpty(t *syntax.Regexp) bool {
	switch t.Op {
	case syntax.OpLiteral, syntax.OpCharClass, syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return false
	case syntax.OpCapture, syntax.OpPlus:
		return canBeEmpty(t.Sub[0])
	case syntax.OpRepeat:
		return t.Min == 0 || canBeEmpty(t.Sub[0])
	case syntax.OpConcat:
		for _, s := range t.Sub {
			if !canBeEmpty(s) {
				return false
			}
		}
		return true
	case syntax.OpAlternate:
		return slices.ContainsFunc(t.Sub, canBeEmpty)
	}
	return true // assertions, empty match, star, quest
}

// compactPrefixes drops duplicates and any prefix that starts with another.
func compactPrefixes(l []string) []string {
	l = slices.Clone(l)
	slices.SortFunc(l, func(a, b string) int { return len(a) - len(b) })
	var out []string
	for _, x := range l {
		if !slices.ContainsFunc(out, func(o string) bool { return strings.HasPrefix(x, o) }) {
			out = append(out, x)
		}
	}
	return out
}

// compactSuffixes drops duplicates and any suffix that ends with another.
func compactSuffixes(l []string) []string {
	l = slices.Clone(l)
	slices.SortFunc(l, func(a, b string) int { return len(a) - len(b) })
	var out []string
	for _, x := range l {
		if !slices.ContainsFunc(out, func(o string) bool { return strings.HasSuffix(x, o) }) {
			out = append(out, x)
		}
	}
	return out
}
