package classify

import (
	"path/filepath"
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
		got := mustRx(tc.expr).need
		if strings.Join(got, "|") != strings.Join(tc.want, "|") || (got == nil) != (tc.want == nil) {
			t.Errorf("%s: literals %q, want %q", tc.expr, got, tc.want)
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
	for _, r := range allRx {
		for _, s := range texts {
			if r.Regexp.MatchString(s) && !r.may(s) {
				t.Errorf("%s matches %q but its prefilter %q skips it", r, s, r.need)
			}
		}
	}
}
