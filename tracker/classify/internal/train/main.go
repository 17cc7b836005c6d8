// Command train fits the classifier's learned second opinion (package
// internal/ngram) on public, licensed intent data kept in data/ (see
// data/README.md) and the team's development set, and writes the model the
// classify package embeds. It runs from `go generate ./tracker/classify/`,
// needs no network, and is deterministic: the same data gives the same
// bytes.
//
// Prompts of the evaluation files (public, held-out, external) are never
// trained on: any training text that reads the same as one of them
// (lowercased, accents and punctuation removed) is dropped.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"frugal/tracker/classify"
	"frugal/tracker/classify/internal/ngram"
)

type example struct {
	feats []uint32
	label int
	text  string
}

func main() {
	out := flag.String("out", "model.bin", "model file to write")
	dir := flag.String("dir", ".", "the classify package's folder")
	epochs := flag.Int("epochs", 8, "passes over the data")
	maxNudge := flag.Float64("max-nudge", 0.005, "largest share of held-back ordinary prompts the threshold may nudge")
	flag.Parse()

	exclude := map[string]bool{}
	for _, f := range []string{"prompts-public.jsonl", "heldout.jsonl", "prompts-external.jsonl"} {
		for _, l := range readJSONL(filepath.Join(*dir, "testdata", f)) {
			exclude[key(l.Text)] = true
		}
	}
	label := map[string]int{}
	for i, l := range ngram.Labels {
		label[l] = i
	}
	var all []example
	add := func(lab, text, lang string) {
		k := key(text)
		if k == "" || exclude[k] {
			return
		}
		i, ok := label[lab]
		if !ok {
			log.Fatalf("unknown label %q", lab)
		}
		w := classify.Words(text, lang)
		if len(w) == 0 {
			return
		}
		all = append(all, example{feats: ngram.Features(nil, w), label: i, text: text})
	}
	for _, f := range []string{"clinc150-train.tsv", "slurp-devel.tsv"} {
		fh, err := os.Open(filepath.Join(*dir, "internal", "train", "data", f))
		if err != nil {
			log.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		for sc.Scan() {
			parts := strings.SplitN(sc.Text(), "\t", 3)
			if len(parts) == 3 {
				add(parts[0], parts[2], "en")
			}
		}
		fh.Close()
	}
	for _, l := range readJSONL(filepath.Join(*dir, "testdata", "prompts-dev.jsonl")) {
		add(l.Label, l.Text, l.Lang)
	}

	// One example in ten is held back to choose the threshold.
	r := rand.New(rand.NewPCG(14, 4))
	r.Shuffle(len(all), func(i, j int) { all[i], all[j] = all[j], all[i] })
	var train, held []example
	for i, e := range all {
		if i%10 == 0 {
			held = append(held, e)
		} else {
			train = append(train, e)
		}
	}
	m := ngram.New()
	p := make([]float64, len(ngram.Labels))
	none := label["none"]
	for ep := range *epochs {
		r.Shuffle(len(train), func(i, j int) { train[i], train[j] = train[j], train[i] })
		lr := 0.2 / (1 + float64(ep))
		for _, e := range train {
			m.Step(e.feats, e.label, lr, 1e-6, p)
		}
	}

	// Threshold: the lowest probability at which trivial verdicts on
	// held-back ordinary prompts stay within max-nudge.
	var noneTop []float64
	type trivial struct {
		prob     float64
		ok, flag bool // right category; flagged trivial at all
	}
	var triv []trivial
	for _, e := range held {
		m.Probs(e.feats, p)
		best := argmax(p)
		if e.label == none {
			if best != none {
				noneTop = append(noneTop, p[best])
			}
			continue
		}
		triv = append(triv, trivial{p[best], best == e.label, best != none})
		if os.Getenv("TRAIN_VERBOSE") != "" && best != e.label {
			fmt.Fprintf(os.Stderr, "  %s → %s %.2f %q\n", ngram.Labels[e.label], ngram.Labels[best], p[best], e.text)
		}
	}
	nNone := 0
	for _, e := range held {
		if e.label == none {
			nNone++
		}
	}
	sort.Sort(sort.Reverse(sort.Float64Slice(noneTop)))
	allowed := int(*maxNudge * float64(nNone))
	th := 0.5
	if len(noneTop) > allowed {
		th = max(th, noneTop[allowed]+1e-6)
	}
	m.Threshold = float32(th)
	found, correct := 0, 0
	for _, t := range triv {
		if t.flag && t.prob >= th {
			found++
			if t.ok {
				correct++
			}
		}
	}
	nudged := 0
	for _, v := range noneTop {
		if v >= th {
			nudged++
		}
	}
	fmt.Fprintf(os.Stderr, "train: %d examples (%d held back); threshold %.3f: held-back trivial found %d/%d (%d right category), ordinary nudged %d/%d\n",
		len(all), len(held), th, found, len(triv), correct, nudged, nNone)
	if err := os.WriteFile(*out, m.Marshal(), 0o644); err != nil {
		log.Fatal(err)
	}
}

func argmax(p []float64) int {
	return slices.Index(p, slices.Max(p))
}

type labelled struct {
	Lang, Text, Label string
}

func readJSONL(path string) []labelled {
	b, err := os.ReadFile(path)
	if err != nil {
		log.Fatal(err)
	}
	var out []labelled
	for _, line := range strings.Split(string(b), "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		var l labelled
		if err := json.Unmarshal([]byte(line), &l); err != nil {
			log.Fatalf("%s: %v", path, err)
		}
		out = append(out, l)
	}
	return out
}

// key is how texts are compared: lowercase letters and digits only.
func key(s string) string {
	var b strings.Builder
	space := false
	for _, w := range classify.Words(s, "en") {
		for _, c := range w {
			if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
				b.WriteRune(c)
				space = false
			} else if !space {
				b.WriteByte(' ')
				space = true
			}
		}
		if !space {
			b.WriteByte(' ')
			space = true
		}
	}
	return strings.TrimSpace(b.String())
}
