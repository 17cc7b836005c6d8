package classify

import (
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"frugal/tracker"
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

// BenchmarkClassify_External reports, as p50-ns, the median time of one
// call over the 528 prompts written outside the team, rules and learned
// second opinion together (the model answers the short English ones the
// rules leave alone).
func BenchmarkClassify_External(b *testing.B) {
	rows, err := ReadLabelled("testdata/prompts-external.jsonl")
	if err != nil {
		b.Fatal(err)
	}
	c := New(Options{})
	var ds []time.Duration
	for i := 0; b.Loop(); i++ {
		r := rows[i%len(rows)]
		t0 := time.Now()
		c.Classify(r.Text, r.Lang)
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

// BenchmarkNew measures loading the classifier. Its tables (expressions,
// their trigger words, units, places) are built when the package initialises,
// before any test code runs, so New alone costs nothing worth timing: each
// iteration starts this test binary again with GODEBUG=inittrace=1 and reads
// the Go runtime's own account of this package's initialisation, then adds
// New and a first verdict. The loading time per start is reported as
// load-ns (the figure `make bench` compares with the 50 ms goal).
func BenchmarkNew(b *testing.B) {
	if os.Getenv("FRUGAL_CLASSIFY_LOAD_ONLY") == "1" {
		b.Skip("inside the load measurement")
	}
	var total time.Duration
	for b.Loop() {
		cmd := exec.Command(os.Args[0], "-test.run=^TestLoadOnly$", "-test.bench=^$")
		cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1", "FRUGAL_CLASSIFY_LOAD_ONLY=1")
		out, err := cmd.CombinedOutput()
		if err != nil {
			b.Fatalf("%v: %s", err, out)
		}
		initTime, ok := packageInitTime(string(out), "frugal/tracker/classify")
		if !ok {
			b.Fatalf("no init trace for the classify package in:\n%s", out)
		}
		first, ok := firstVerdictTime(string(out))
		if !ok {
			b.Fatalf("no first verdict time in:\n%s", out)
		}
		total += initTime + first
	}
	b.ReportMetric(float64(total.Nanoseconds())/float64(b.N), "load-ns")
}

// TestLoadOnly is what BenchmarkNew runs in a new process: New and first
// verdicts on three prompts that between them reach most expressions (which
// are compiled on first use), timed, after the package has initialised.
func TestLoadOnly(t *testing.T) {
	if os.Getenv("FRUGAL_CLASSIFY_LOAD_ONLY") != "1" {
		t.Skip("run by BenchmarkNew")
	}
	t0 := time.Now()
	c := New(Options{})
	firsts := []struct {
		text string
		want tracker.Category
	}{
		{"peux-tu m'aider à organiser un voyage de 5 jours à Lisbonne avec deux enfants ?", tracker.CatNone},
		{"Explain the difference between TCP and UDP with examples", tracker.CatNone},
		{"17 % de 240", tracker.CatCalculation},
	}
	for _, f := range firsts {
		if v := c.Classify(f.text, ""); v.Category != f.want {
			t.Fatalf("first verdict on %q: %+v, want %s", f.text, v, f.want)
		}
	}
	fmt.Printf("first verdict: %d ns\n", time.Since(t0).Nanoseconds())
}

// packageInitTime reads "init PKG @… ms, X ms clock, …" lines written by
// GODEBUG=inittrace=1 and sums the clock time of PKG's init.
func packageInitTime(trace, pkg string) (time.Duration, bool) {
	var sum time.Duration
	found := false
	for line := range strings.Lines(trace) {
		f := strings.Fields(line)
		if len(f) < 7 || f[0] != "init" || f[1] != pkg || f[6] != "clock," {
			continue
		}
		ms, err := strconv.ParseFloat(f[4], 64)
		if err != nil {
			return 0, false
		}
		sum += time.Duration(ms * float64(time.Millisecond))
		found = true
	}
	return sum, found
}

func firstVerdictTime(out string) (time.Duration, bool) {
	for line := range strings.Lines(out) {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(line), "first verdict: "); ok {
			ns, err := strconv.ParseInt(strings.TrimSuffix(rest, " ns"), 10, 64)
			return time.Duration(ns), err == nil
		}
	}
	return 0, false
}

func TestPackageInitTimeReadsTheRuntimeTrace(t *testing.T) {
	trace := "init internal/bytealg @0.008 ms, 0 ms clock, 0 bytes, 0 allocs\n" +
		"init frugal/tracker/classify @1.2 ms, 17.5 ms clock, 11300000 bytes, 173000 allocs\n"
	d, ok := packageInitTime(trace, "frugal/tracker/classify")
	if !ok || d != 17500*time.Microsecond {
		t.Fatalf("packageInitTime = %v, %v; want 17.5ms", d, ok)
	}
	if _, ok := packageInitTime(trace, "frugal/app"); ok {
		t.Fatal("found a package that is not in the trace")
	}
}
