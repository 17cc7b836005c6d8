package classify

import (
	"strings"
	"testing"
)

var typical = []string{
	"what's the weather like in vancouver for the next few days", "17 % de 240", "how do you spell rhythm",
	"write a resignation letter, 2 weeks notice, keep it friendly", "combien de jours il reste avant le 14 février",
	"pourquoi les prévisions météo sont moins fiables en montagne ?", "8 km en miles", "who wrote pride and prejudice",
}

func BenchmarkClassify_Typical(b *testing.B) {
	c := New(Options{})
	for i := 0; b.Loop(); i++ {
		c.Classify(typical[i%len(typical)], "")
	}
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
