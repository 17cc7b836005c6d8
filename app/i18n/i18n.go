package i18n

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"
	"sync"
	"text/template"

	"fyne.io/fyne/v2/lang"
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

// N is T for a sentence about n things: it reads key+".one" when n is 1
// and key+".other" otherwise ("1 request", "4 requests").
func (c Catalogue) N(key string, n int, data ...any) string {
	if n == 1 {
		return c.T(key+".one", data...)
	}
	return c.T(key+".other", data...)
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
// language of Fyne's lang package and of Current, and loads the catalogue
// into lang. Window processes call it before building any window. Fyne
// picks a language from the environment only, so a chosen language is
// passed to it through LANGUAGE and LC_ALL (LANGUAGE alone is ignored
// under the C locale).
func Use(setting string) (Catalogue, error) {
	l := Resolve(setting)
	if setting != "" {
		os.Setenv("LANGUAGE", l)
		os.Setenv("LC_ALL", map[string]string{"fr": "fr_FR.UTF-8", "en": "en_GB.UTF-8"}[l])
	}
	currentMu.Lock()
	current = New(l)
	currentMu.Unlock()
	err := lang.AddTranslationsFS(files, "translations")
	return New(l), err
}

// Current is the catalogue chosen by the last Use.
func Current() Catalogue {
	currentMu.Lock()
	defer currentMu.Unlock()
	return current
}

// X returns the window text for key through Fyne's lang package, with the
// English text as fallback.
func X(key string, data ...any) string {
	fallback, ok := catalogues()["en"][key]
	if !ok {
		fallback = key
	}
	return lang.LocalizeKey(key, fallback, data...)
}
