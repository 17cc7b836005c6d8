package classify

import (
	"testing"
	"unicode/utf8"

	"frugal/tracker"
)

// FuzzClassify checks that any input gives a known category without
// panicking, and that a trivial verdict always names its tool.
func FuzzClassify(f *testing.F) {
	for _, s := range []string{"17 % de 240", "12*37", "what time is it in tokyo", "9^9^9^9", "1000!", "√-4",
		"how many feet are in 50 yards", "météo à Pau demain", "booking.com", "le 31 février tombe quel jour",
		"", "\x00", "\xff\xfe", "🌧️", "how do you say \"x\" in french", "(((((1)))))", "1/0", "2^-99999"} {
		f.Add(s, "")
		f.Add(s, "fr")
	}
	c := New(Options{})
	f.Fuzz(func(t *testing.T, text, lang string) {
		v := c.Classify(text, lang)
		if _, err := tracker.ParseCategory(string(v.Category)); err != nil || v.Category == "" {
			t.Fatalf("Classify(%q) category %q", text, v.Category)
		}
		if v.Category.Trivial() && v.Tool == "" {
			t.Fatalf("Classify(%q) = %+v: trivial without a tool", text, v)
		}
		if !utf8.ValidString(v.Answer) || !utf8.ValidString(v.URL) {
			t.Fatalf("Classify(%q) = %+v: invalid UTF-8 in output", text, v)
		}
		_ = DetectKind(text)
	})
}
