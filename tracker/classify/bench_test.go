package classify

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// typical is a spread of everyday prompts: both languages, trivial ones of
// every category and tasks, short and a few lines long.
var typical = []string{
	"what's the weather like in vancouver for the next few days", "17 % de 240", "how do you spell rhythm",
	"write a resignation letter, 2 weeks notice, keep it friendly", "combien de jours il reste avant le 14 février",
	"pourquoi les prévisions météo sont moins fiables en montagne ?", "8 km en miles", "who wrote pride and prejudice",
	"quelle heure est-il à Tokyo", "how many ounces in a cup", "traduire « bonne chance » en anglais",
	"c'est quoi la capitale de l'Australie ?", "youtube", "what does ubiquitous mean",
	"peux-tu m'aider à organiser un voyage de 5 jours à Lisbonne avec deux enfants ?",
	"Explain the difference between TCP and UDP with examples", "météo Lyon demain", "12*37+5",
	"résume ce texte en trois phrases : la réunion de lundi est reportée à jeudi, merci de prévenir l'équipe",
	"what time is it in new york", "population of canada", "fix this error: TypeError: cannot read properties of undefined",
	"Bonjour, combien font 15 % de 80 euros stp", "give me 10 ideas for a birthday party for a 7 year old",
}

// BenchmarkClassify_Typical reports ns/op over the spread and, as p50-ns,
// the median time of one call (the goal of the classifier issue).
func BenchmarkClassify_Typical(b *testing.B) {
	c := New(Options{})
	var ds []time.Duration
	for i := 0; b.Loop(); i++ {
		t0 := time.Now()
		c.Classify(typical[i%len(typical)], "")
		if len(ds) < 1<<20 {
			ds = append(ds, time.Since(t0))
		}
	}
	slices.Sort(ds)
	b.ReportMetric(float64(ds[len(ds)/2].Nanoseconds()), "p50-ns")
}

func BenchmarkClassify_Pasted50kB(b *testing.B) {
	c := New(Options{})
	text := strings.Repeat("Voici un paragraphe collé qui parle de la pluie et du beau temps, 17 % de 240.\n", 50*1024/80)
	for b.Loop() {
		c.Classify(text, "")
	}
}

func BenchmarkNew(b *testing.B) {
	for b.Loop() {
		New(Options{})
	}
}
