package classify

import (
	"regexp"
	"sync"
)

// rx is a regular expression compiled the first time it is used: a process
// that never classifies (the tray, a window) does not pay for the package's
// expressions, and one that does pays only for those its prompts reach.
// Most prompts are turned away before any expression runs by the trigger
// words of gate.go, which is what keeps a verdict in microseconds.
type rx struct {
	expr string
	once sync.Once
	re   *regexp.Regexp
}

// allRx lists the package's expressions, so a test can compile them all.
var allRx []*rx

// mustRx declares an expression; like regexp.MustCompile, a bad one panics
// (TestRx_AllCompile compiles them all), on first use.
func mustRx(expr string) *rx {
	r := &rx{expr: expr}
	allRx = append(allRx, r)
	return r
}

// get returns the compiled expression, compiling it the first time.
func (r *rx) get() *regexp.Regexp {
	r.once.Do(func() { r.re = regexp.MustCompile(r.expr) })
	return r.re
}

func (r *rx) MatchString(s string) bool              { return r.get().MatchString(s) }
func (r *rx) FindStringSubmatch(s string) []string   { return r.get().FindStringSubmatch(s) }
func (r *rx) FindAllString(s string, n int) []string { return r.get().FindAllString(s, n) }
func (r *rx) FindStringIndex(s string) []int         { return r.get().FindStringIndex(s) }
func (r *rx) ReplaceAllString(s, repl string) string { return r.get().ReplaceAllString(s, repl) }
func (r *rx) SubexpNames() []string                  { return r.get().SubexpNames() }
func (r *rx) FindAllStringSubmatch(s string, n int) [][]string {
	return r.get().FindAllStringSubmatch(s, n)
}
