package classify

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"frugal/tracker"
)

// Labelled is one labelled prompt, as in testdata/prompts-*.jsonl.
type Labelled struct {
	ID    string `json:"id"`
	Lang  string `json:"lang"`
	Text  string `json:"text"`
	Label string `json:"label"`
}

// ReadLabelled reads a JSON Lines file of labelled prompts.
func ReadLabelled(path string) ([]Labelled, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []Labelled
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64*1024), 4<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var l Labelled
		if err := json.Unmarshal([]byte(line), &l); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, n, err)
		}
		out = append(out, l)
	}
	return out, sc.Err()
}

// Score is the measure of one set in one language.
type Score struct {
	Set, Lang      string
	N              int
	None, Nudged   int // none prompts, and how many of them were nudged
	Trivial, Found int // trivial prompts, and how many were flagged trivial
	Correct        int // prompts given exactly their label
	Confusions     []string
	// Matrix counts prompts by label, then by verdict.
	Matrix map[string]map[string]int
}

// NudgedNone is the share of none prompts that got a nudge.
func (s Score) NudgedNone() float64 { return ratio(s.Nudged, s.None, 0) }

// Recall is the share of trivial prompts flagged as any trivial category.
func (s Score) Recall() float64 { return ratio(s.Found, s.Trivial, 1) }

// Accuracy is the share of prompts given exactly their label.
func (s Score) Accuracy() float64 { return ratio(s.Correct, s.N, 1) }

func ratio(a, b int, empty float64) float64 {
	if b == 0 {
		return empty
	}
	return float64(a) / float64(b)
}

// Thresholds the evaluation must meet on each set and language.
const (
	MaxNudgedNone = 0.02
	MinRecall     = 0.92
	MinAccuracy   = 0.92
)

// Pass reports whether s meets the thresholds.
func (s Score) Pass() bool {
	return s.NudgedNone() <= MaxNudgedNone && s.Recall() >= MinRecall && s.Accuracy() >= MinAccuracy
}

// Evaluate classifies every prompt and scores them per language.
func Evaluate(c interface {
	Classify(text, lang string) tracker.Verdict
}, set string, rows []Labelled) []Score {
	by := map[string]*Score{}
	for _, r := range rows {
		s := by[r.Lang]
		if s == nil {
			s = &Score{Set: set, Lang: r.Lang}
			by[r.Lang] = s
		}
		got := c.Classify(r.Text, r.Lang).Category
		if s.Matrix == nil {
			s.Matrix = map[string]map[string]int{}
		}
		if s.Matrix[r.Label] == nil {
			s.Matrix[r.Label] = map[string]int{}
		}
		s.Matrix[r.Label][string(got)]++
		s.N++
		if r.Label == string(tracker.CatNone) {
			s.None++
			if got.Trivial() {
				s.Nudged++
			}
		} else {
			s.Trivial++
			if got.Trivial() {
				s.Found++
			}
		}
		if string(got) == r.Label {
			s.Correct++
		} else {
			text := r.Text
			if len(text) > 90 {
				text = text[:90] + "…"
			}
			s.Confusions = append(s.Confusions, fmt.Sprintf("%s %s → %s  %q", r.ID, r.Label, got, text))
		}
	}
	out := make([]Score, 0, len(by))
	for _, s := range by {
		out = append(out, *s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Lang < out[j].Lang })
	return out
}

// WriteReport prints scores and confusions.
func WriteReport(w io.Writer, scores []Score) {
	for _, s := range scores {
		status := "ok"
		if !s.Pass() {
			status = "BELOW THRESHOLD"
		}
		fmt.Fprintf(w, "%-10s %s  n=%-4d none nudged %5.1f%% (%d/%d)  trivial recall %5.1f%% (%d/%d)  accuracy %5.1f%% (%d/%d)  %s\n",
			s.Set, s.Lang, s.N, 100*s.NudgedNone(), s.Nudged, s.None, 100*s.Recall(), s.Found, s.Trivial,
			100*s.Accuracy(), s.Correct, s.N, status)
		writeMatrix(w, s.Matrix)
		for _, c := range s.Confusions {
			fmt.Fprintf(w, "    %s\n", c)
		}
	}
}

// writeMatrix prints the confusion table: one row per label, one column per
// verdict, in the order of tracker.Categories.
func writeMatrix(w io.Writer, m map[string]map[string]int) {
	var cats []string
	for _, c := range tracker.Categories {
		cats = append(cats, string(c))
	}
	short := func(c string) string {
		if len(c) > 6 {
			return c[:6]
		}
		return c
	}
	fmt.Fprintf(w, "    %-20s", "label \\ verdict")
	for _, c := range cats {
		fmt.Fprintf(w, " %6s", short(c))
	}
	fmt.Fprintln(w)
	for _, l := range cats {
		row := m[l]
		if len(row) == 0 {
			continue
		}
		fmt.Fprintf(w, "    %-20s", l)
		for _, c := range cats {
			fmt.Fprintf(w, " %6d", row[c])
		}
		fmt.Fprintln(w)
	}
}
