package classify

import (
	"path/filepath"
	"testing"
	"time"

	"frugal/tracker"
	"frugal/tracker/classify/internal/ngram"
)

func TestModel_EmbeddedAndSmall(t *testing.T) {
	if len(modelBytes) > 5<<20 {
		t.Errorf("embedded model is %d bytes, over 5 MB", len(modelBytes))
	}
	m := loadModel()
	if m == nil {
		t.Fatal("the embedded model does not load (run go generate ./tracker/classify/)")
	}
	if m.Threshold < 0.5 || m.Threshold >= 1 {
		t.Errorf("threshold %v outside [0.5, 1)", m.Threshold)
	}
	var p [9]float64
	m.Probs(ngram.Features(nil, []string{"what", "is", "the", "weather", "in", "boston"}), p[:])
	if ngram.Labels[argmaxF(p[:])] != "weather" {
		t.Errorf("the model does not read a plain weather question as weather: %v", p)
	}
}

func argmaxF(p []float64) int {
	b := 0
	for i, v := range p {
		if v > p[b] {
			b = i
		}
	}
	return b
}

// TestModel_NeverRaisesFalseNudges: on every labelled set and language, the
// ordinary prompts nudged with the model stay within MaxNudgedNone, and the
// model changes no verdict the rules already gave.
func TestModel_NeverRaisesFalseNudges(t *testing.T) {
	now := func() time.Time { return time.Date(2026, 3, 10, 9, 30, 0, 0, time.UTC) }
	with := New(Options{Now: now, Location: time.UTC})
	rules := New(Options{Now: now, Location: time.UTC, RulesOnly: true})
	added := 0
	for _, f := range []string{"prompts-dev.jsonl", "prompts-public.jsonl", "heldout.jsonl", "prompts-external.jsonl"} {
		rows, err := ReadLabelled(filepath.Join("testdata", f))
		if err != nil {
			t.Fatal(err)
		}
		none, nudged := map[string]int{}, map[string]int{}
		for _, r := range rows {
			for _, lang := range []string{r.Lang, ""} {
				a, b := rules.Classify(r.Text, lang), with.Classify(r.Text, lang)
				if a.Category.Trivial() && a != b {
					t.Errorf("%s %q: the model changed the rules' verdict %+v into %+v", f, r.Text, a, b)
				}
				if r.Label != string(tracker.CatNone) || lang == "" {
					continue
				}
				none[r.Lang]++
				if b.Category.Trivial() {
					nudged[r.Lang]++
					if !a.Category.Trivial() {
						added++
						t.Logf("%s: the model nudges ordinary %q to %s", f, r.Text, b.Category)
					}
				}
			}
		}
		for lang, n := range none {
			if share := float64(nudged[lang]) / float64(n); share > MaxNudgedNone {
				t.Errorf("%s/%s: %.1f%% of ordinary prompts nudged with the model (goal ≤ %.0f%%)", f, lang, 100*share, 100*MaxNudgedNone)
			}
		}
	}
	t.Logf("ordinary prompts the model alone nudges: %d", added)
}
