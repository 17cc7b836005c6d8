package classify

import (
	"math/big"
	"strings"
)

// Number words, English and French (after normalisation: no accents).
var (
	unitWords = map[string]int64{
		"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
		"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
		"fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
		"twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
		"eighty": 80, "ninety": 90,
		"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7, "huit": 8,
		"neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16,
		"trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60,
	}
	scaleWords = map[string]int64{
		"hundred": 100, "thousand": 1000, "million": 1e6, "billion": 1e9,
		"cent": 100, "cents": 100, "mille": 1000, "millions": 1e6, "milliard": 1e9, "milliards": 1e9,
	}
	ordinalWords = map[string]int{
		"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
		"ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
		"fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
		"twentieth": 20, "thirtieth": 30, "premier": 1, "1er": 1, "1st": 1,
	}
)

// numberWords reads a number written in words at the start of ws and
// returns its value and how many words it used (0: none). "one hundred and
// ninety six", "twenty-four" (already split), "quatre vingt dix",
// "soixante et onze", "a hundred".
func numberWords(ws []string) (int64, int) {
	var total, cur int64
	used, last := 0, 0
	seen := false
	for i := 0; i < len(ws); i++ {
		w := ws[i]
		if w == "vingt" || w == "vingts" {
			if cur > 0 && cur < 10 { // quatre vingt(s)
				cur *= 20
			} else {
				cur += 20
			}
			seen, used, last = true, i+1, i+1
			continue
		}
		if v, ok := unitWords[w]; ok {
			cur += v
			seen, used, last = true, i+1, i+1
			continue
		}
		if m, ok := scaleWords[w]; ok {
			if !seen && cur == 0 && (w == "cent" || w == "cents") {
				break // "cent" alone is a coin more often than 100
			}
			if cur == 0 {
				cur = 1
			}
			if m == 100 {
				cur *= 100
			} else {
				total += cur * m
				cur = 0
			}
			seen, used, last = true, i+1, i+1
			continue
		}
		if (w == "and" || w == "et") && seen && i+1 < len(ws) {
			nx := ws[i+1]
			if _, ok := unitWords[nx]; ok && (w == "and" && last > 0 && isScale(ws[last-1]) || w == "et" && (nx == "un" || nx == "une" || nx == "onze")) {
				continue
			}
		}
		if w == "a" && !seen && i+1 < len(ws) {
			if _, ok := scaleWords[ws[i+1]]; ok {
				cur = 1
				continue
			}
		}
		break
	}
	if !seen {
		return 0, 0
	}
	return total + cur, used
}

func isScale(w string) bool { _, ok := scaleWords[w]; return ok }

// parseDecimal reads "12", "9.5", "5,5", "1,000" (English grouping) into an
// exact rational. lang decides what a lone comma means.
func parseDecimal(s, lang string) (*big.Rat, bool) {
	if s == "" || strings.Trim(s, "0123456789.,") != "" {
		return nil, false // digits only: big.Rat would also read "1e999999999" and take ages
	}
	if strings.Count(s, ",") > 0 && !strings.Contains(s, ".") {
		parts := strings.Split(s, ",")
		grouping := lang == "en" && len(parts) > 1
		for _, p := range parts[1:] {
			if len(p) != 3 {
				grouping = false
			}
		}
		if grouping {
			s = strings.ReplaceAll(s, ",", "")
		} else if len(parts) == 2 {
			s = parts[0] + "." + parts[1]
		} else {
			return nil, false
		}
	} else if strings.Contains(s, ",") {
		s = strings.ReplaceAll(s, ",", "") // 1,234.5
	}
	if len(s) > 60 {
		return nil, false // no one types such a number to look it up
	}
	r, ok := new(big.Rat).SetString(s)
	return r, ok
}

// formatNumber prints r exactly when it has a finite decimal expansion of at
// most 10 decimals, else rounded to 10 decimals with a leading "≈". French
// uses a decimal comma and a narrow no-break space between thousands
// groups (from 5 digits on); English a point and commas.
func formatNumber(r *big.Rat, lang string) string {
	exact := finiteDecimals(r)
	prec := 10
	approx := false
	if exact >= 0 && exact <= 10 {
		prec = exact
	} else {
		approx = true
	}
	s := r.FloatString(prec)
	if approx {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, _ := strings.Cut(s, ".")
	sep, dec, minGroup := ",", ".", 4
	if lang == "fr" {
		sep, dec, minGroup = "\u202f", ",", 5
	}
	if len(intPart) >= minGroup {
		var b strings.Builder
		for i, c := range intPart {
			if i > 0 && (len(intPart)-i)%3 == 0 {
				b.WriteString(sep)
			}
			b.WriteRune(c)
		}
		intPart = b.String()
	}
	out := intPart
	if frac != "" {
		out += dec + frac
	}
	if neg && strings.Trim(out, "0.,") != "" {
		out = "-" + out
	}
	if approx {
		out = "≈ " + out
	}
	return out
}

// finiteDecimals returns how many decimals r needs, or -1 when its decimal
// expansion does not end (the denominator has a prime factor other than 2
// and 5).
func finiteDecimals(r *big.Rat) int {
	d := new(big.Int).Set(r.Denom())
	two, five := big.NewInt(2), big.NewInt(5)
	n2, n5 := 0, 0
	m := new(big.Int)
	for d.Cmp(big.NewInt(1)) != 0 {
		if m.Mod(d, two).Sign() == 0 {
			d.Quo(d, two)
			n2++
		} else if m.Mod(d, five).Sign() == 0 {
			d.Quo(d, five)
			n5++
		} else {
			return -1
		}
		if n2+n5 > 64 {
			return -1
		}
	}
	return max(n2, n5)
}
