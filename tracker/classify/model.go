package classify

import (
	_ "embed"
	"strings"
	"sync"

	"frugal/tracker"
	"frugal/tracker/classify/internal/ngram"
)

// The learned second opinion: a logistic regression over word and
// character n-grams (internal/ngram), trained at build time by
// internal/train on public, licensed intent data (internal/train/data,
// provenance and licences in its README) and the development set. It is
// asked only about a short prompt the rules left as CatNone without any
// task or guard word, and trusted only above the probability its trainer
// chose on held-back prompts.
//
//go:generate go run ./internal/train -out model.bin
//go:embed model.bin
var modelBytes []byte

var (
	modelOnce sync.Once
	model     *ngram.Model
)

// loadModel decodes the embedded model once, on first use; nil if it is
// unreadable (the rules then work alone).
func loadModel() *ngram.Model {
	modelOnce.Do(func() {
		if m, err := ngram.Unmarshal(modelBytes); err == nil {
			model = m
		}
	})
	return model
}

// maxModelWords: longer prompts are left to the rules alone.
const maxModelWords = 12

// reModelNot: words of opinion, explanation or importance; a prompt with
// one is an ordinary request whatever the model thinks of its topic.
var reModelNot = mustRx(`\b(?:makes?|important|importance|matter|matters|best|better|worst|should|think|opinion|feel|feeling|favorite|favourite|interesting|fun|funny|cool|like about|learn|teach|understand|work|works|happen|happens|mean to you|love|hate)\b`)

// looksEnglish: the model was trained on English prompts; a prompt said to
// be English must also read so (one English function word, no French one,
// no French elision), since the language given may be a guess or wrong.
func looksEnglish(words []string) bool {
	en := false
	for _, w := range words {
		if frWords[w] || strings.HasPrefix(w, "l'") || strings.HasPrefix(w, "d'") || strings.HasPrefix(w, "qu'") || strings.HasPrefix(w, "c'") {
			return false
		}
		en = en || enWords[w]
	}
	return en
}

// secondOpinion asks the model about p, which the rules read as CatNone.
func (c *Classifier) secondOpinion(p prompt) (tracker.Verdict, bool) {
	if c.rulesOnly || p.lang != "en" || len(p.words) < 2 || len(p.words) > maxModelWords || p.lines > 1 ||
		reSentenceish.MatchString(p.plain) || reModelNot.MatchString(p.plain) {
		return tracker.Verdict{}, false
	}
	if !looksEnglish(p.words) {
		return tracker.Verdict{}, false
	}
	m := loadModel()
	if m == nil {
		return tracker.Verdict{}, false
	}
	var buf [256]uint32
	feats := ngram.Features(buf[:0], p.words)
	var probs [16]float64
	pr := probs[:len(ngram.Labels)]
	m.Probs(feats, pr)
	best := 0
	for i, v := range pr {
		if v > pr[best] {
			best = i
		}
	}
	cat := tracker.Category(ngram.Labels[best])
	if !cat.Trivial() || pr[best] < float64(m.Threshold) {
		return tracker.Verdict{}, false
	}
	switch cat {
	case tracker.CatWeather:
		name, french := "", p.lang == "fr"
		if pl := findPlaces(p.words); len(pl) > 0 {
			name, french = displayPlace(pl[0].name), frenchZones[pl[0].zone]
		}
		return tracker.Verdict{Category: cat, Tool: ToolWeather, URL: c.weatherLink(name, french, p.lang)}, true
	case tracker.CatTranslation:
		return tracker.Verdict{Category: cat, Tool: ToolTranslator, URL: searchLink(c.settings.SearchEngine, p.plain)}, true
	}
	return c.search(cat, p.plain), true
}
