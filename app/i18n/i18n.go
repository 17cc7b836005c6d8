package i18n

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"
	"text/template"

	"fyne.io/fyne/v2/lang"
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
)

//go:embed translations/*.json
var files embed.FS

// Languages are the languages Frugal speaks, the fallback first.
var Languages = []string{"en", "fr"}

var catalogues = sync.OnceValue(func() map[string]map[string]string {
	m := map[string]map[string]string{}
	for _, l := range Languages {
		b, err := files.ReadFile("translations/" + l + ".json")
		if err != nil {
			panic(err) // embedded: cannot happen in a built binary
		}
		msgs := map[string]string{}
		if err := json.Unmarshal(b, &msgs); err != nil {
			panic(fmt.Sprintf("i18n: translations/%s.json: %v", l, err))
		}
		m[l] = msgs
	}
	return m
})

// Keys returns every key of language l's catalogue (tests compare them).
func Keys(l string) []string {
	var ks []string
	for k := range catalogues()[l] {
		ks = append(ks, k)
	}
	return ks
}

// Resolve turns a Settings.Language value into the language to use: the
// setting when it names a supported language, else the system's.
func Resolve(setting string) string {
	for _, l := range Languages {
		if setting == l {
			return l
		}
	}
	return System()
}

// System is the system's language if Frugal speaks it, else English.
func System() string {
	loc := string(lang.SystemLocale())
	for _, l := range Languages {
		if strings.HasPrefix(strings.ToLower(loc), l) {
			return l
		}
	}
	return "en"
}

// Catalogue gives the strings of one language. Its zero value is English.
type Catalogue struct {
	Lang string
}

// New returns the catalogue of language l ("fr" or "en"; anything else is English).
func New(l string) Catalogue {
	if _, ok := catalogues()[l]; !ok {
		l = "en"
	}
	return Catalogue{Lang: l}
}

// N is T for a sentence about n things. The sentence agrees with n by the
// CLDR plural rules of the catalogue's language: it reads key+".one",
// key+".many" … (the CLDR category of n) and falls back to key+".other".
// French puts 0 and 1 in "one" ("0 requête"), English only 1. data's map,
// if any, gets "N" = n unless it sets N itself.
func (c Catalogue) N(key string, n int, data ...any) string {
	return c.plural(key, strconv.Itoa(n), n, data)
}

// NF is N for a decimal amount, shown with Num: the form follows the number
// as printed ("1,5 charge" in French, "1.5 charges" in English).
func (c Catalogue) NF(key string, x float64, data ...any) string {
	shown := c.Num(x)
	return c.plural(key, shown, shown, data)
}

func (c Catalogue) plural(key, shown string, n any, data []any) string {
	form := PluralForm(c.lang(), shown)
	k := key + "." + form
	if !c.has(k) {
		k = key + ".other"
	}
	if len(data) == 0 {
		data = []any{map[string]any{"N": n}}
	} else if m, ok := data[0].(map[string]any); ok {
		if _, set := m["N"]; !set {
			m2 := make(map[string]any, len(m)+1)
			for a, b := range m {
				m2[a] = b
			}
			m2["N"] = n
			data = append([]any{m2}, data[1:]...)
		}
	}
	return c.T(k, data...)
}

func (c Catalogue) lang() string {
	if c.Lang == "" {
		return "en"
	}
	return c.Lang
}

func (c Catalogue) has(key string) bool {
	_, ok := catalogues()[c.lang()][key]
	if !ok {
		_, ok = catalogues()["en"][key]
	}
	return ok
}

// PluralForm is the CLDR plural category ("zero", "one", "two", "few",
// "many" or "other") of a number written as shown ("2", "1.5", "1,5", "0")
// in language l, from golang.org/x/text's copy of the CLDR rules. The
// operands (i, v, w, f, t of UTS #35) come from the digits as printed, so
// "1.0" and "1" may differ, as CLDR intends.
func PluralForm(l, shown string) string {
	tag, err := language.Parse(l)
	if err != nil {
		tag = language.English
	}
	s := strings.TrimLeft(strings.TrimSpace(shown), "-<  ")
	s = strings.NewReplacer(" ", "", " ", "", " ", "").Replace(s)
	s = strings.Replace(s, ",", ".", 1)
	intPart, frac, _ := strings.Cut(s, ".")
	i, err := strconv.Atoi(intPart)
	if err != nil {
		return "other"
	}
	v, f := len(frac), 0
	if v > 0 {
		if f, err = strconv.Atoi(frac); err != nil {
			return "other"
		}
	}
	tfrac := strings.TrimRight(frac, "0")
	w, t := len(tfrac), 0
	if w > 0 {
		t, _ = strconv.Atoi(tfrac)
	}
	switch plural.Cardinal.MatchPlural(tag, i, v, w, f, t) {
	case plural.Zero:
		return "zero"
	case plural.One:
		return "one"
	case plural.Two:
		return "two"
	case plural.Few:
		return "few"
	case plural.Many:
		return "many"
	}
	return "other"
}

// T returns the text for key with data filled in ({{.Name}} placeholders
// take a map or struct). A key missing from the language falls back to
// English, then to the key itself, so a gap shows up without breaking.
func (c Catalogue) T(key string, data ...any) string {
	l := c.Lang
	if l == "" {
		l = "en"
	}
	s, ok := catalogues()[l][key]
	if !ok {
		if s, ok = catalogues()["en"][key]; !ok {
			return key
		}
	}
	return fill(key, s, data)
}

func fill(key, s string, data []any) string {
	if len(data) == 0 || !strings.Contains(s, "{{") {
		return s
	}
	t, err := template.New(key).Option("missingkey=zero").Parse(s)
	if err != nil {
		return s
	}
	var b bytes.Buffer
	if err := t.Execute(&b, data[0]); err != nil {
		return s
	}
	return b.String()
}

// Num formats a quantity with three significant digits, with the decimal
// separator of the language (a comma in French).
func (c Catalogue) Num(f float64) string {
	var s string
	a := math.Abs(f)
	switch {
	case f == 0:
		s = "0"
	case a >= 100:
		s = strconv.FormatFloat(f, 'f', 0, 64)
	case a >= 0.01:
		s = strconv.FormatFloat(f, 'g', 3, 64)
		if strings.ContainsAny(s, "e") {
			s = strconv.FormatFloat(f, 'f', 2, 64)
		}
	default:
		s = strconv.FormatFloat(f, 'f', 3, 64)
		if s == "0.000" || s == "-0.000" {
			s = "< 0.001"
		}
	}
	if c.Lang == "fr" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// Range formats "low–high unit", or "about x unit" when the bounds agree to
// the digits shown.
func (c Catalogue) Range(low, high float64, unit string) string {
	lo, hi := c.Num(low), c.Num(high)
	if lo == hi {
		return c.T("range.about", map[string]any{"X": lo, "Unit": unit})
	}
	return lo + "–" + hi + "\u00a0" + unit
}

// Percent formats a share 0…1 as a whole percentage ("42 %" in French, "42%" in English).
func (c Catalogue) Percent(share float64) string {
	p := strconv.Itoa(int(math.Round(share * 100)))
	if c.Lang == "fr" {
		return p + "\u00a0%"
	}
	return p + "%"
}

var (
	current   = Catalogue{Lang: "en"}
	currentMu sync.Mutex
)

// Use makes l (a Settings.Language value; "" means the system's) the
// language of Current and X. Window processes call it before building any
// window. The language is passed explicitly, never through the process
// environment; Fyne's own widget texts (file dialogs) follow the system's
// language, as Fyne chooses them from the environment only.
func Use(setting string) (Catalogue, error) {
	l := Resolve(setting)
	currentMu.Lock()
	current = New(l)
	currentMu.Unlock()
	return New(l), nil
}

// Current is the catalogue chosen by the last Use.
func Current() Catalogue {
	currentMu.Lock()
	defer currentMu.Unlock()
	return current
}

// X returns the window text for key in the language chosen by Use.
func X(key string, data ...any) string { return Current().T(key, data...) }

// XN is N in the language chosen by Use.
func XN(key string, n int, data ...any) string { return Current().N(key, n, data...) }
