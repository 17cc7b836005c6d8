package i18n

import (
	"sort"
	"strings"
	"testing"
)

func TestFrenchAndEnglishHaveTheSameKeys(t *testing.T) {
	en, fr := Keys("en"), Keys("fr")
	sort.Strings(en)
	sort.Strings(fr)
	if strings.Join(en, ",") != strings.Join(fr, ",") {
		t.Errorf("catalogues differ:\nen %v\nfr %v", en, fr)
	}
}

func TestNumbers(t *testing.T) {
	tests := []struct {
		name, lang string
		f          float64
		want       string
	}{
		{"English keeps a decimal point", "en", 1.25, "1.25"},
		{"French uses a decimal comma", "fr", 1.25, "1,25"},
		{"large values have no decimals", "en", 1234.5, "1234"},
		{"tiny values do not read as zero", "en", 0.0001, "< 0.001"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := New(tc.lang).Num(tc.f); got != tc.want {
				t.Errorf("Num(%v) = %q, want %q", tc.f, got, tc.want)
			}
		})
	}
}

func TestNReadsOneOrOther(t *testing.T) {
	for _, tc := range []struct {
		lang string
		n    int
		want string
	}{{"en", 1, "1 request"}, {"en", 0, "0 requests"}, {"en", 4, "4 requests"}, {"fr", 1, "1 requête"}, {"fr", 4, "4 requêtes"}} {
		if got := New(tc.lang).N("requests", tc.n, map[string]any{"N": tc.n}); got != tc.want {
			t.Errorf("%s N(requests, %d) = %q, want %q", tc.lang, tc.n, got, tc.want)
		}
	}
}
