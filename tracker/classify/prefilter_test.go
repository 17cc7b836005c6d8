package classify

import (
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestPrefilter_DerivesLiterals(t *testing.T) {
	for _, tc := range []struct {
		expr string
		want []string // nil: no prefilter
	}{
		{`\b(?:tip|tips|tipping|pourboire)\b`, []string{"tip", "pourboire"}},
		{`\b(?:the )?(?:square root|racine carree|racine)(?: of| de| d'|)\b|\bsqrt\b`, []string{"sqrt", "racine", "square root"}},
		{`(\d)\s*x\s*(\d)`, []string{"x"}},
		{`\d+`, []string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}},
		{`\s+`, []string{"\t", "\n", "\f", "\r", " "}},
		{`.+`, nil},
		{`^(?:what is )?(?:the )?`, nil},
		{`a*b?`, nil},
		{`(?i)capital`, nil},
	} {
		got := compileRx(tc.expr).need
		if strings.Join(got, "|") != strings.Join(tc.want, "|") || (got == nil) != (tc.want == nil) {
			t.Errorf("%s: literals %q, want %q", tc.expr, got, tc.want)
		}
	}
}

func TestPrefilter_AnchoredEdges(t *testing.T) {
	for _, tc := range []struct {
		expr               string
		prefixes, suffixes []string
	}{
		{`^(?:hi|hello|ab)\s+`, []string{"hi", "ab", "hello"}, nil},
		{`^(?:the )?(?:a|b)c`, []string{"ac", "bc", "the ac", "the bc"}, nil},
		{`(?:\s*(?:=|equals?|is|\?|_+))+$`, nil, []string{"=", "?", "_", "is", "equal", "equals"}},
		{`^a|b`, nil, nil},
		{`^\s*x`, []string{"\t", "\n", "\f", "\r", " ", "x"}, nil},
		{`^.*x$`, nil, []string{"x"}},
		{`^(?:a*)b`, []string{"a", "b"}, nil},
	} {
		r := compileRx(tc.expr)
		var pre []string
		if r.prefixes != nil {
			for _, l := range r.prefixes.starts {
				for _, p := range l {
					pre = append(pre, p.text)
				}
			}
		}
		slices.Sort(pre)
		want := slices.Clone(tc.prefixes)
		slices.Sort(want)
		if !slices.Equal(pre, want) {
			t.Errorf("%s: prefixes %q, want %q", tc.expr, pre, want)
		}
		suf, wantSuf := slices.Clone(r.suffixes), slices.Clone(tc.suffixes)
		slices.Sort(suf)
		slices.Sort(wantSuf)
		if !slices.Equal(suf, wantSuf) {
			t.Errorf("%s: suffixes %q, want %q", tc.expr, suf, wantSuf)
		}
	}
}

// TestPrefilter_NeverSkipsAMatch runs every expression of the package on
// texts derived from the labelled prompts, whole and cut into pieces: where
// the expression matches, its prefilter must let the text through.
func TestPrefilter_NeverSkipsAMatch(t *testing.T) {
	var texts []string
	files := []string{filepath.Join("testdata", "heldout.jsonl")}
	if d := dataDir(t); d != "" {
		files = append(files, filepath.Join(d, "prompts-dev.jsonl"), filepath.Join(d, "prompts-public.jsonl"))
	}
	for _, f := range files {
		rows, err := ReadLabelled(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			n := normalize(r.Text)
			if p, ok := prepare(r.Text, n, r.Lang); ok {
				texts = append(texts, p.norm, p.plain, cleanCalc(p))
				if k := len(p.words); k > 2 {
					texts = append(texts, strings.Join(p.words[1:], " "), strings.Join(p.words[k/2:], " "))
				}
			}
			texts = append(texts, n, strings.ToLower(r.Text))
		}
	}
	for _, lazy := range allRx {
		r := lazy.get() // compiles every expression of the package: a bad one panics here
		for _, s := range texts {
			want := r.Regexp.MatchString(s)
			if want && !r.may(s) {
				t.Errorf("%s matches %q but its prefilter %q skips it", r, s, r.need)
			}
			if r.MatchString(s) != want {
				t.Errorf("%s on %q: MatchString %v, regexp says %v", r, s, !want, want)
			}
			if got, want := r.ReplaceAllString(s, "<>"), r.Regexp.ReplaceAllString(s, "<>"); got != want {
				t.Errorf("%s on %q: ReplaceAllString %q, regexp says %q", r, s, got, want)
			}
		}
	}
}

// TestPhraseSet_MatchesLikeRegexp compares phrase lists with regexp on
// random texts made of their own pieces, boundaries included.
func TestPhraseSet_MatchesLikeRegexp(t *testing.T) {
	exprs := []string{`\bab\b`, `\b(?:ab|a b|b)\b`, `^ab|b$`, `\d|\b(?:one|two)\b`, `\b(?:the )?a(?:b|c)?\b`,
		`^(?:a|ab)$`, `(?:\ba|b\b)`, `\b(?:l'|d')\b`, `x\b`, `\bé`, `\b(?:a|ab|a b)\b`, `(?:ab|a)(?:b|)`,
		`\b(?:the )?a\b`, `\b(?:the )??a\b`, `a(?: b)?`, `a(?: b)??`, `(?:a|a b)(?: c)?\b`}
	for _, e := range exprs {
		if compileRx(e).exact == nil {
			t.Errorf("%s: not read as a phrase list", e)
		}
	}
	if compileRx(`a\bb`).exact != nil || compileRx(`a\Bb`).exact != nil || compileRx(`a+`).exact != nil {
		t.Error("an expression that is no phrase list was read as one")
	}
	const alphabet = "ab cx1_'-élodthe"
	r := rand.New(rand.NewPCG(3, 4))
	for _, e := range exprs {
		re := compileRx(e)
		for range 20000 {
			var b []rune
			for range r.IntN(8) {
				b = append(b, []rune(alphabet)[r.IntN(len([]rune(alphabet)))])
			}
			s := string(b)
			if got, want := re.MatchString(s), re.Regexp.MatchString(s); got != want {
				t.Fatalf("%s on %q: %v, regexp says %v", e, s, got, want)
			}
			if got, want := re.ReplaceAllString(s, "<>"), re.Regexp.ReplaceAllString(s, "<>"); got != want {
				t.Fatalf("%s on %q: replaced %q, regexp says %q", e, s, got, want)
			}
		}
	}
}
