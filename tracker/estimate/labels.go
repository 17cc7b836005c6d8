package estimate

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// labelsCSV maps the model labels the assistants' pages show to models,
// one source per line (data/labels.csv says how to read it).
//
//go:embed data/labels.csv
var labelsCSV []byte

// LabelsFile and CalibrationFile are the names of the tables a person may
// put in the data folder, next to the database, to override the built-in
// ones.
const (
	LabelsFile      = "labels.csv"
	CalibrationFile = "calibration.csv"
)

// Label is one row of the label table: what a site's page shows and the
// model Frugal estimates for it.
type Label struct {
	Site, Label     string // Label "*" is the site's default
	Provider, Model string
	Active, Total   Value // set for a proxy (or a registered model whose sizes a row widens); zero otherwise
	Proxy           bool  // sizes from Source: not an EcoLogits registry entry, or a registered one whose size range Frugal widens
	Thinking        bool  // the label itself is a reasoning mode
	Source          string
	Line            int
}

// LabelTable finds the row for a site and a label.
type LabelTable struct {
	rows  []Label
	index map[string]int // site + "\x00" + normalised label
	Name  string         // where it was read from
	Sum   string         // short digest of its contents
}

// Rows returns the table's rows in file order.
func (t *LabelTable) Rows() []Label { return append([]Label(nil), t.rows...) }

// Find returns the row for label on site, and whether the label itself was
// in the table (false: the site's default row is returned).
func (t *LabelTable) Find(site, label string) (Label, bool) {
	if i, ok := t.index[site+"\x00"+normLabel(label)]; ok && normLabel(label) != "*" {
		return t.rows[i], true
	}
	i, ok := t.index[site+"\x00*"]
	if !ok {
		return Label{}, false
	}
	return t.rows[i], false
}

// normLabel ignores case and runs of spaces.
func normLabel(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
}

// LineError is a table line that was refused.
type LineError struct {
	File   string
	Line   int
	Reason string
}

func (e *LineError) Error() string {
	return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Reason)
}

// readTable reads a CSV table with '#' comments and the given header; fn
// gets each record with its line number.
func readTable(name string, data []byte, header []string, fn func(rec []string, line int) error) error {
	r := csv.NewReader(bytes.NewReader(data))
	r.Comment = '#'
	r.FieldsPerRecord = len(header)
	first := true
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		line, _ := r.FieldPos(0)
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return &LineError{name, pe.Line, pe.Err.Error()}
			}
			return &LineError{name, line, err.Error()}
		}
		if first {
			first = false
			if strings.Join(rec, ",") != strings.Join(header, ",") {
				return &LineError{name, line, fmt.Sprintf("header is %q, want %q", strings.Join(rec, ","), strings.Join(header, ","))}
			}
			continue
		}
		for i := range rec {
			rec[i] = strings.TrimSpace(rec[i])
		}
		if err := fn(rec, line); err != nil {
			return &LineError{name, line, err.Error()}
		}
	}
	if first {
		return &LineError{name, 1, "empty file: no header"}
	}
	return nil
}

var labelsHeader = []string{"site", "label", "provider", "model", "active", "total", "mode", "source"}

// parseSize reads "37", "42-126" or "" (absent).
func parseSize(s string) (Value, bool, error) {
	if s == "" {
		return Value{}, false, nil
	}
	lo, hi, isRange := strings.Cut(s, "-")
	a, err := strconv.ParseFloat(strings.TrimSpace(lo), 64)
	if err != nil || !(a > 0) || a > 1e5 {
		return Value{}, false, fmt.Errorf("parameter count %q is not a positive number of billions", s)
	}
	if !isRange {
		return Scalar(a), true, nil
	}
	b, err := strconv.ParseFloat(strings.TrimSpace(hi), 64)
	if err != nil || b < a || b > 1e5 {
		return Value{}, false, fmt.Errorf("parameter range %q is not min-max with 0 < min ≤ max", s)
	}
	return Interval(a, b), true, nil
}

// ParseLabels reads a label table; name is used in errors. Every model
// must be registered in reg unless the row gives its sizes (a proxy), and
// every site needs a default ("*") row.
func ParseLabels(name string, data []byte, reg *Registry) (*LabelTable, error) {
	t := &LabelTable{index: map[string]int{}, Name: name, Sum: digest(data)}
	err := readTable(name, data, labelsHeader, func(rec []string, line int) error {
		l := Label{Site: rec[0], Label: rec[1], Provider: rec[2], Model: rec[3], Source: rec[7], Line: line}
		if _, ok := SiteByID(l.Site); !ok || strings.ToLower(l.Site) != l.Site {
			return fmt.Errorf("unknown site %q (want chatgpt, claude, gemini, copilot, lechat, perplexity or deepseek)", l.Site)
		}
		if s, _ := SiteByID(l.Site); s.ID != l.Site {
			return fmt.Errorf("site %q is an alias: write %q", l.Site, s.ID)
		}
		if normLabel(l.Label) == "" {
			return errors.New("empty label")
		}
		if _, ok := ProviderByName(l.Provider); !ok {
			return fmt.Errorf("unknown provider %q", l.Provider)
		}
		if l.Model == "" {
			return errors.New("empty model")
		}
		if l.Source == "" {
			return errors.New("no source: every mapping needs one")
		}
		switch rec[6] {
		case "":
		case "thinking":
			l.Thinking = true
		default:
			return fmt.Errorf("mode %q (want empty or thinking)", rec[6])
		}
		a, hasA, err := parseSize(rec[4])
		if err != nil {
			return err
		}
		tt, hasT, err := parseSize(rec[5])
		if err != nil {
			return err
		}
		switch {
		case hasA != hasT:
			return errors.New("a proxy needs both active and total parameters")
		case hasA:
			if a.Max > tt.Max || a.Min > tt.Min {
				return fmt.Errorf("active parameters %s exceed total %s", rec[4], rec[5])
			}
			l.Active, l.Total, l.Proxy = a, tt, true
		default:
			if _, ok := reg.Model(l.Provider, l.Model); !ok {
				return fmt.Errorf("model %s/%s is not in EcoLogits' registry: give its active and total parameters", l.Provider, l.Model)
			}
		}
		key := l.Site + "\x00" + normLabel(l.Label)
		if j, dup := t.index[key]; dup {
			return fmt.Errorf("label %q for %s already on line %d", l.Label, l.Site, t.rows[j].Line)
		}
		t.index[key] = len(t.rows)
		t.rows = append(t.rows, l)
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, s := range Sites {
		if _, ok := t.index[s.ID+"\x00*"]; !ok {
			return nil, &LineError{name, 0, fmt.Sprintf("no default row (label \"*\") for site %s", s.ID)}
		}
	}
	return t, nil
}

// model turns a row into the model the estimate uses. A row that gives
// sizes for a registered model keeps the registry's speed, time to first
// token and warnings, and replaces only its parameter counts (a size range
// widened from a published estimate, e.g. GPT-4o's).
func (l Label) model(reg *Registry) Model {
	m, registered := reg.Model(l.Provider, l.Model)
	if !l.Proxy {
		return m
	}
	arch := "dense"
	if l.Active != l.Total {
		arch = "moe"
	}
	if registered {
		m.Arch, m.Active, m.Total = arch, l.Active, l.Total
		m.Sources = append([]string{l.Source}, m.Sources...)
		return m
	}
	return Model{Provider: l.Provider, Name: l.Model, Arch: arch, Active: l.Active, Total: l.Total,
		Sources: []string{l.Source}}
}
