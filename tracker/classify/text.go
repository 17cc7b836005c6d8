package classify

import "strings"

// Hand-written passes over normalised text. Each does exactly what the
// regular expression named in its comment did with ReplaceAllString
// (leftmost-first, non-overlapping matches), in one scan and without
// allocating when there is nothing to change: prepare runs them on every
// prompt, and the regexp package made them most of a typical prompt's cost.

// isSpace is the \s of regular expressions: ASCII white space.
func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }

// openQuotes: `(^|[\s(])'+` → "$1 ". A run of apostrophes opening a word
// (at the start, after a space or a parenthesis) becomes one space.
func openQuotes(s string) string {
	if strings.IndexByte(s, '\'') < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		if s[i] == '\'' && (i == 0 || isSpace(s[i-1]) || s[i-1] == '(') {
			for i < len(s) && s[i] == '\'' {
				i++
			}
			b.WriteByte(' ')
			continue
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

// closeQuotes: `'+($|[\s),.?!:;])` → " $1". A run of apostrophes closing a
// word (at the end, or before a space or punctuation) becomes one space.
func closeQuotes(s string) string {
	if strings.IndexByte(s, '\'') < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		if s[i] != '\'' {
			b.WriteByte(s[i])
			i++
			continue
		}
		j := i
		for j < len(s) && s[j] == '\'' {
			j++
		}
		if j == len(s) || isSpace(s[j]) || strings.IndexByte("),.?!:;", s[j]) >= 0 {
			b.WriteByte(' ')
		} else {
			b.WriteString(s[i:j])
		}
		i = j
	}
	return b.String()
}

func isLowerASCII(c byte) bool { return 'a' <= c && c <= 'z' }

// splitHyphens: `([a-z])-([a-z])` → "$1 $2". A hyphen between two letters
// becomes a space. One pass of the regular expression leaves the second
// hyphen of "a-t-il" (its letter was taken by the first match); all says to
// split those too, as two passes did.
func splitHyphens(s string, all bool) string {
	if strings.IndexByte(s, '-') < 0 {
		return s
	}
	b := []byte(nil)
	for i := 1; i+1 < len(s); i++ {
		if s[i] != '-' || !isLowerASCII(s[i-1]) || !isLowerASCII(s[i+1]) {
			continue
		}
		if !all && i >= 2 && b != nil && b[i-2] == ' ' && s[i-2] == '-' {
			continue // the letter before was the end of the previous match
		}
		if b == nil {
			b = []byte(s)
		}
		b[i] = ' '
	}
	if b == nil {
		return s
	}
	return string(b)
}

// stripPunct: `[?!;"(){}\[\]]|\.\.\.|\s[-:,.]+(\s|$)|[,:.]+(\s|$)|^[-:,.]+`
// → " ". Brackets, quotes, question and exclamation marks, ellipses, and
// runs of sentence punctuation that end a word or stand alone become a
// space; a decimal point or a time's colon ("2.5", "13:37") is kept.
func stripPunct(s string) string {
	var b strings.Builder
	changed := false
	start := 0 // s[start:i] is yet to be copied
	for i := 0; i < len(s); {
		if !punctStart[s[i]] && i > 0 {
			i++ // no alternative starts with this byte
			continue
		}
		j := punctMatch(s, i)
		if j < 0 {
			i++
			continue
		}
		if !changed {
			b.Grow(len(s))
			changed = true
		}
		b.WriteString(s[start:i])
		b.WriteByte(' ')
		i, start = j, j
	}
	if !changed {
		return s
	}
	b.WriteString(s[start:])
	return b.String()
}

// punctStart: the bytes an alternative of stripPunct's expression can
// start with, away from the start of the text.
var punctStart = func() (t [256]bool) {
	for _, c := range []byte("?!;\"(){}[].,: \t\n\f\r") {
		t[c] = true
	}
	return t
}()

// punctMatch returns the end of the match of stripPunct's expression at i,
// trying its alternatives in order, or -1.
func punctMatch(s string, i int) int {
	c := s[i]
	if strings.IndexByte(`?!;"(){}[]`, c) >= 0 {
		return i + 1
	}
	if strings.HasPrefix(s[i:], "...") {
		return i + 3
	}
	// run returns the end of a non-empty run of set from k, then of the
	// white space or end of text that must follow it, or -1.
	run := func(k int, set string) int {
		j := k
		for j < len(s) && strings.IndexByte(set, s[j]) >= 0 {
			j++
		}
		switch {
		case j == k:
			return -1
		case j == len(s):
			return j
		case isSpace(s[j]):
			return j + 1
		}
		return -1
	}
	if isSpace(c) {
		if j := run(i+1, "-:,."); j >= 0 {
			return j
		}
	}
	if j := run(i, ",:."); j >= 0 {
		return j
	}
	if i == 0 {
		j := 0
		for j < len(s) && strings.IndexByte("-:,.", s[j]) >= 0 {
			j++
		}
		if j > 0 {
			return j
		}
	}
	return -1
}

// collapseSpaces: `\s+` → " ".
func collapseSpaces(s string) string {
	need := false
	for i := 0; i < len(s); i++ {
		if isSpace(s[i]) && (s[i] != ' ' || i+1 < len(s) && isSpace(s[i+1])) {
			need = true
			break
		}
	}
	if !need {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		if !isSpace(s[i]) {
			b.WriteByte(s[i])
			i++
			continue
		}
		for i < len(s) && isSpace(s[i]) {
			i++
		}
		b.WriteByte(' ')
	}
	return b.String()
}
