package classify

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"frugal/tracker"
)

var update = flag.Bool("update", false, "rewrite testdata/verdicts.golden.jsonl from the current classifier")

const goldenPath = "testdata/verdicts.golden.jsonl"

// goldenCase is one input of the verdict golden file.
type goldenCase struct {
	Key  string `json:"key"`            // set/id/variant/lang, unique
	Text string `json:"text,omitempty"` // the input, shortened for long ones
	tracker.Verdict
	input string
	lang  string
	set   string // "heldout", "dev", "public" or an edge case
}

// TestVerdictsUnchanged classifies every labelled prompt, and variants of
// each (case, accents, punctuation, language, pasted, broken UTF-8), and
// compares the whole verdict with the golden file. It guards optimisations:
// any change of verdict, however small, shows here. Run with -update after a
// deliberate change of behaviour.
func TestVerdictsUnchanged(t *testing.T) {
	cases := goldenCases(t)
	c := testClassifier()
	s := tracker.DefaultSettings()
	s.SearchEngine = "qwant"
	s.WeatherService = WeatherSearch
	s.NudgesOff = map[string]bool{"conversion": true}
	alt := c.WithSettings(s)
	for i := range cases {
		k := &cases[i]
		cl := c
		if strings.HasPrefix(k.Key, "settings/") {
			cl = alt
		}
		k.Verdict = cl.Classify(k.input, k.lang)
	}
	if *update {
		var b strings.Builder
		for _, k := range cases {
			line, err := json.Marshal(k)
			if err != nil {
				t.Fatal(err)
			}
			b.Write(line)
			b.WriteByte('\n')
		}
		if err := os.WriteFile(goldenPath, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %d verdicts to %s", len(cases), goldenPath)
		return
	}
	want := readGolden(t)
	seen, bad := 0, 0
	for _, k := range cases {
		w, ok := want[k.Key]
		if !ok {
			t.Errorf("%s: not in the golden file (run with -update after a deliberate change)", k.Key)
			continue
		}
		seen++
		if w.Verdict != k.Verdict {
			bad++
			if bad <= 30 {
				t.Errorf("%s %q:\n got %+v\nwant %+v", k.Key, k.Text, k.Verdict, w.Verdict)
			}
		}
	}
	if bad > 30 {
		t.Errorf("… %d changed verdicts in all", bad)
	}
	if seen < len(want) {
		t.Errorf("only %d of %d golden verdicts checked: a labelled set is missing", seen, len(want))
	}
}

func readGolden(t *testing.T) map[string]goldenCase {
	f, err := os.Open(goldenPath)
	if err != nil {
		t.Fatalf("%v (create it with go test -run TestVerdictsUnchanged -update)", err)
	}
	defer f.Close()
	out := map[string]goldenCase{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for sc.Scan() {
		var k goldenCase
		if err := json.Unmarshal(sc.Bytes(), &k); err != nil {
			t.Fatalf("%s: %v", goldenPath, err)
		}
		out[k.Key] = k
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// goldenCases builds the inputs: the labelled sets found as TestAccuracy
// finds them (testdata), each prompt with variants, then a few edge cases.
func goldenCases(t *testing.T) []goldenCase {
	sets := [][2]string{{"heldout", filepath.Join("testdata", "heldout.jsonl")}}
	d := dataDir(t)
	sets = append(sets, [2]string{"dev", filepath.Join(d, "prompts-dev.jsonl")}, [2]string{"public", filepath.Join(d, "prompts-public.jsonl")})
	var out []goldenCase
	add := func(set, key, text, lang string) {
		short := text
		if len(short) > 120 {
			short = short[:120] + "…"
		}
		out = append(out, goldenCase{Key: set + "/" + key + "/" + lang, Text: short, input: text, lang: lang, set: set})
	}
	for _, s := range sets {
		rows, err := ReadLabelled(s[1])
		if err != nil {
			t.Fatalf("read %s: %v", s[1], err)
		}
		for i, r := range rows {
			other := map[string]string{"fr": "en", "en": "fr"}[r.Lang]
			add(s[0], r.ID, r.Text, r.Lang)
			add(s[0], r.ID, r.Text, "")
			add(s[0], r.ID+"/other", r.Text, other)
			add(s[0], r.ID+"/upper", strings.ToUpper(r.Text), r.Lang)
			add(s[0], r.ID+"/plain", stripAccents(r.Text), "")
			add(s[0], r.ID+"/qmark", r.Text+" ?", r.Lang)
			add(s[0], r.ID+"/bang", strings.TrimRight(r.Text, "?.! ")+"!!", r.Lang)
			add(s[0], r.ID+"/dot", strings.TrimRight(r.Text, "?.! ")+".", "")
			add(s[0], r.ID+"/spaces", "  "+strings.ReplaceAll(r.Text, " ", "  ")+"\n", r.Lang)
			add(s[0], r.ID+"/badutf8", r.Text+" \xff", r.Lang)
			if i%10 == 0 {
				add(s[0], r.ID+"/twolines", "Answer the following question:\n"+r.Text, r.Lang)
				add(s[0], r.ID+"/pasted", strings.Repeat(r.Text+"\n", 1+700/(len(r.Text)+1)), r.Lang)
				add("settings", s[0]+"/"+r.ID, r.Text, r.Lang)
			}
		}
	}
	for name, text := range map[string]string{
		"empty":       "",
		"whitespace":  " \n\t  ",
		"nul":         "\x00\x00weather\x00",
		"badutf8":     "what is \xff\xfe 2+2",
		"badutf8only": "\xff\xfe\xfd",
		"emoji":       "🌧️🌧️☔",
		"pasted50kB":  strings.Repeat("Voici un paragraphe collé qui parle de la pluie et du beau temps, 17 % de 240.\n", 50*1024/80),
		"oneline50kB": strings.Repeat("what is 2+2 ", 50*1024/12),
		"at600":       strings.Repeat("a", 589) + " 17 % de 240",
		"at601":       strings.Repeat("a", 590) + " 17 % de 240",
		"image":       "génère une image d'un chat sur la lune",
		"imagelong":   "generate an image of " + strings.Repeat("a red fox ", 100),
		"video":       "make a video of a dancing robot",
		"audio":       "generate music for my podcast intro",
		"crlf":        "Convert the following measurement.\r\n8 km in miles",
		"header":      "Question:\n17 % de 240",
		"fivelines":   "a\nb\nc\nd\ne",
	} {
		for _, lang := range []string{"", "fr", "en"} {
			add("edge", name, text, lang)
		}
	}
	for i, text := range []string{"what is 2+2", "météo demain", "heure à Tokyo", "8 km en miles", "define serendipity"} {
		add("edge", fmt.Sprintf("upper-tr-%d", i), strings.ToTitle(text), "")
	}
	sortCases(out)
	return out
}

// sortCases keeps the labelled sets in the order read and sorts the edge
// cases, built from a map, by key.
func sortCases(cs []goldenCase) {
	slices.SortStableFunc(cs, func(a, b goldenCase) int {
		ea, eb := a.set == "edge", b.set == "edge"
		switch {
		case ea && eb:
			return strings.Compare(a.Key, b.Key)
		case ea:
			return 1
		case eb:
			return -1
		}
		return 0
	})
}

var accents = strings.NewReplacer(
	"à", "a", "â", "a", "ä", "a", "á", "a", "ç", "c", "é", "e", "è", "e", "ê", "e", "ë", "e",
	"î", "i", "ï", "i", "ô", "o", "ö", "o", "ù", "u", "û", "u", "ü", "u", "ÿ", "y", "œ", "oe", "æ", "ae",
	"À", "A", "Â", "A", "Ç", "C", "É", "E", "È", "E", "Ê", "E", "Î", "I", "Ô", "O", "Ù", "U", "Û", "U",
	"’", "'", "«", "\"", "»", "\"",
)

func stripAccents(s string) string { return accents.Replace(s) }
