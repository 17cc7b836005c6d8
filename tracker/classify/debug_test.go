package classify

import (
	"os"
	"testing"
)

// TestDebug prints the verdict for FRUGAL_DEBUG (a development aid).
func TestDebug(t *testing.T) {
	s := os.Getenv("FRUGAL_DEBUG")
	if s == "" {
		t.Skip("set FRUGAL_DEBUG to a prompt")
	}
	p, _ := prepare(s, "")
	t.Logf("plain=%q lang=%s calc=%q", p.plain, p.lang, cleanCalc(p))
	t.Logf("%+v", New(Options{}).Classify(s, ""))
}
