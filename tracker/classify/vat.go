package classify

import (
	"math/big"
	"strings"
)

// French VAT: a price excluding tax (HT) to the price including it (TTC),
// back, or the tax itself. The rate is the one written ("TVA à 5,5 %"),
// else France's standard rate of 20 % (Code général des impôts, article
// 278, in force since 1 January 2014).
const vatStandardPercent = 20

var (
	reVATAmount = mustRx(`(?:^|\s)(?P<n>\d+(?:[.,]\d+)?)\s*(?:€|euros?|eur)?\s*(?P<k>ht|ttc)\b`)
	reVATRate   = mustRx(`(?:\b(?:tva|vat|taux)\s*(?:a|de|at|of|:)?\s*|\b(?:a|at|de|of)\s+)(?P<r>\d+(?:[.,]\d+)?)\s*%`)
	reVATAsk    = mustRx(`\b(?:ht|ttc|tva|vat|hors taxes?|toutes taxes comprises)\b`)
)

// vatAnswer answers "prix TTC de 80 € HT", "80 € TTC en HT", "TVA sur 120 € TTC".
func vatAnswer(p prompt) (string, bool) {
	s := p.plain
	if len(p.words) > 14 || !strings.Contains(s, "ht") && !strings.Contains(s, "ttc") {
		return "", false
	}
	m := reVATAmount.FindStringSubmatch(s)
	if m == nil {
		return "", false
	}
	amount, ok := parseDecimal(group(reVATAmount, m, "n"), "fr")
	if !ok {
		return "", false
	}
	kind := group(reVATAmount, m, "k")
	rate := big.NewRat(vatStandardPercent, 1)
	if r := reVATRate.FindStringSubmatch(s); r != nil {
		if rate, ok = parseDecimal(group(reVATRate, r, "r"), "fr"); !ok || rate.Sign() <= 0 || rate.Cmp(big.NewRat(100, 1)) >= 0 {
			return "", false
		}
	}
	// What is asked: the other price, or the tax alone.
	rest := strings.Replace(s, m[0], " ", 1)
	askTax := strings.Contains(rest, "tva") || strings.Contains(rest, "vat") || strings.Contains(rest, "taxe")
	other := map[string]string{"ht": "ttc", "ttc": "ht"}[kind]
	if !askTax && !strings.Contains(rest, other) {
		return "", false
	}
	// No other number than the amount and the rate: "3 articles à 80 € HT" is a word problem.
	digits := 0
	for _, w := range p.words {
		if strings.ContainsAny(w, "0123456789") {
			digits++
		}
	}
	if digits > 2 || digits == 2 && reVATRate.FindStringSubmatch(s) == nil {
		return "", false
	}
	one := big.NewRat(1, 1)
	factor := new(big.Rat).Add(one, new(big.Rat).Quo(rate, big.NewRat(100, 1)))
	ht := new(big.Rat).Set(amount)
	if kind == "ttc" {
		ht.Quo(amount, factor)
	}
	ttc := new(big.Rat).Mul(ht, factor)
	tax := new(big.Rat).Sub(ttc, ht)
	round := func(r *big.Rat) *big.Rat { // to the cent
		c := new(big.Rat).Mul(r, big.NewRat(100, 1))
		f, _ := c.Float64()
		n := int64(f + 0.5)
		return big.NewRat(n, 100)
	}
	lang := p.lang
	pct := formatNumber(rate, lang) + " %"
	ans := formatNumber(round(ht), lang) + " € HT = " + formatNumber(round(ttc), lang) + " € TTC (TVA " + pct + " : " + formatNumber(round(tax), lang) + " €)"
	if lang != "fr" {
		ans = formatNumber(round(ht), lang) + " € excl. VAT = " + formatNumber(round(ttc), lang) + " € incl. VAT (VAT " + pct + ": " + formatNumber(round(tax), lang) + " €)"
	}
	return ans, true
}
