package classify

import (
	"errors"
	"math/big"
	"strings"
)

// Arithmetic: an exact evaluator over math/big.Rat (so 0.1+0.2 prints 0.3),
// fed by a lexer that also reads operators and numbers written in words.

var errMath = errors.New("not arithmetic")

// Limits that keep a typed "9^9^9" or "1000!" from eating the machine.
const (
	maxPowBits   = 4096
	maxFactorial = 200
)

var (
	reCalcPrefix = mustRx(`^(?:(?:do|can you do|find|find out|figure out|i need(?: to know)?(?: the answer to)?|i want to know|the answer for|answer for|get|tell me|what's|whats|what is|what are|what was|what does|what do|how much is|how much are|how much does|how much do|calculate|compute|calc|evaluate|work out|the answer to|answer to|the (?:two |2 )?numbers|les (?:deux |2 )?nombres|the answer of|answer of|the result of|result of|the value of|value of|combien (?:font|fait|ca fait|egale?|donne|vaut|valent|faut il)|ca fait combien|combien|que (?:font|fait|donne|vaut|valent)|calcule[rz]?|calculez|calcul de|calcul|quel est le resultat de|quel est|quelle est|c'est combien|c'est quoi|resultat de|le resultat de|la valeur de|valeur de|what|is|the|le|la|of|de)\s+)+`)
	reCalcSuffix = mustRx(`(?:\s*(?:=|equals?|is|is what|are|font|fait|egale?|egal a|egale a|vaut|donne|c'est combien|ca fait combien|ca fait quoi|ca fait|combien|\?|!|\.|,|_+))+$`)

	calcRewrites = []struct {
		re  *rx
		rep string
	}{
		{mustRx(`\b(?:to the power of|to the power|raised to(?: the power of)?|puissance|exposant|a la puissance)\b`), " ^ "},
		{mustRx(`\bto the (\w+?)(?:st|nd|rd|th)? power\b`), " ^ $1 "},
		{mustRx(`\b(?:squared|au carre|carre)\b`), " ^ 2 "},
		{mustRx(`\b(?:cubed|au cube)\b`), " ^ 3 "},
		{mustRx(`\b(?:the )?(?:square root|racine carree|racine)(?: of| de| d'|)\b|\bsqrt\b`), " √ "},
		{mustRx(`\b(?:the )?(?:cube root|racine cubique)(?: of| de| d'|)\b|\bcbrt\b`), " ∛ "},
		{mustRx(`\bfactorielle(?: de| d'|)\s+(\w+)`), " $1 ! "},
		{mustRx(`\bfactorial\b`), " ! "},
		{mustRx(`\b(?:multiplied by|multiplie par|multiplies par|times|fois)\b`), " * "},
		{mustRx(`\b(?:divided by|divide by|divise par|divisé par|over|sur)\b`), " / "},
		{mustRx(`\b(?:minus|moins|less)\b`), " - "},
		{mustRx(`\b(?:plus)\b`), " + "},
		{mustRx(`\b(?:percent|per cent|pour ?cents?|pourcents?)\b`), " % "},
		{mustRx(`(\d)\s*x\s*(\d)`), "$1 * $2"},
		{mustRx(`\*\*`), " ^ "},
	}
	reLooksLikeDate = mustRx(`\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b`)
)

type mtok struct {
	op  string // "" for a number
	val *big.Rat
	pct bool
}

// lexMath turns a cleaned, rewritten string into math tokens. It fails on
// any word it does not know.
func lexMath(s, lang string) ([]mtok, error) {
	var out []mtok
	fields := splitMath(s)
	for i := 0; i < len(fields); i++ {
		f := fields[i]
		switch f {
		case "+", "-", "*", "/", "^", "(", ")", "√", "∛", "!", "%":
			out = append(out, mtok{op: f})
			continue
		case "of", "de", "d'", "du":
			// "17 % of 240", "3/4 of 18": multiplication by what follows.
			if len(out) > 0 && (out[len(out)-1].op == "" || out[len(out)-1].op == "%" || out[len(out)-1].op == ")") {
				out = append(out, mtok{op: "of"})
				continue
			}
			return nil, errMath
		case "$", "€", "£", "eur", "euros", "euro", "dollars", "dollar", "usd", "bucks":
			continue // amounts are computed without their currency
		case "half", "moitie":
			out = append(out, mtok{val: big.NewRat(1, 2)})
			continue
		case "quarter", "quart":
			out = append(out, mtok{val: big.NewRat(1, 4)})
			continue
		case "double":
			out = append(out, mtok{val: big.NewRat(2, 1)})
			continue
		case "triple":
			out = append(out, mtok{val: big.NewRat(3, 1)})
			continue
		case "a", "an", "la", "le", "l'":
			if i+1 < len(fields) && (fields[i+1] == "half" || fields[i+1] == "quarter" || fields[i+1] == "moitie" || fields[i+1] == "quart" || fields[i+1] == "double" || fields[i+1] == "triple" || fields[i+1] == "third" || fields[i+1] == "tiers") {
				continue
			}
		case "third", "tiers":
			out = append(out, mtok{val: big.NewRat(1, 3)})
			continue
		}
		if c := f[0]; c >= '0' && c <= '9' {
			r, ok := parseDecimal(f, lang)
			if !ok {
				return nil, errMath
			}
			out = append(out, mtok{val: r})
			continue
		}
		if v, n := numberWords(fields[i:]); n > 0 {
			out = append(out, mtok{val: new(big.Rat).SetInt64(v)})
			i += n - 1
			continue
		}
		return nil, errMath
	}
	return out, nil
}

// splitMath splits on spaces and around operator signs.
func splitMath(s string) []string {
	var out []string
	cur := strings.Builder{}
	flush := func() {
		if cur.Len() > 0 {
			out = append(out, cur.String())
			cur.Reset()
		}
	}
	for _, r := range s {
		switch r {
		case ' ':
			flush()
		case '+', '-', '*', '/', '^', '(', ')', '√', '∛', '!', '%', '$', '€', '£':
			flush()
			out = append(out, string(r))
		default:
			cur.WriteRune(r)
		}
	}
	flush()
	return out
}

// parser is a small precedence-climbing evaluator.
type parser struct {
	t   []mtok
	i   int
	ops int // operators and functions seen
}

func (p *parser) peek() string {
	if p.i < len(p.t) {
		return p.t[p.i].op
	}
	return "<end>"
}

func (p *parser) expr() (mtok, error) {
	a, err := p.term()
	if err != nil {
		return a, err
	}
	for p.peek() == "+" || p.peek() == "-" {
		op := p.peek()
		p.i++
		p.ops++
		b, err := p.term()
		if err != nil {
			return a, err
		}
		r := new(big.Rat)
		if b.pct && !a.pct {
			// "240 + 17 %" means 240 increased by 17 %.
			f := new(big.Rat).Mul(a.val, b.val)
			if op == "+" {
				r.Add(a.val, f)
			} else {
				r.Sub(a.val, f)
			}
		} else if op == "+" {
			r.Add(a.val, b.val)
		} else {
			r.Sub(a.val, b.val)
		}
		a = mtok{val: r}
	}
	return a, nil
}

func (p *parser) term() (mtok, error) {
	a, err := p.unary()
	if err != nil {
		return a, err
	}
	for p.peek() == "*" || p.peek() == "/" || p.peek() == "of" {
		op := p.peek()
		p.i++
		p.ops++
		b, err := p.unary()
		if err != nil {
			return a, err
		}
		r := new(big.Rat)
		if op == "/" {
			if b.val.Sign() == 0 {
				return a, errMath
			}
			r.Quo(a.val, b.val)
		} else {
			r.Mul(a.val, b.val)
		}
		a = mtok{val: r}
	}
	return a, nil
}

func (p *parser) unary() (mtok, error) {
	switch p.peek() {
	case "-":
		p.i++
		a, err := p.unary()
		if err != nil {
			return a, err
		}
		return mtok{val: new(big.Rat).Neg(a.val)}, nil
	case "+":
		p.i++
		return p.unary()
	case "√", "∛":
		op := p.peek()
		p.i++
		p.ops++
		a, err := p.unary()
		if err != nil {
			return a, err
		}
		n := 2
		if op == "∛" {
			n = 3
		}
		r, err := root(a.val, n)
		return mtok{val: r}, err
	}
	return p.power()
}

func (p *parser) power() (mtok, error) {
	a, err := p.postfix()
	if err != nil {
		return a, err
	}
	if p.peek() == "^" {
		p.i++
		p.ops++
		e, err := p.unary()
		if err != nil {
			return a, err
		}
		r, err := pow(a.val, e.val)
		return mtok{val: r}, err
	}
	return a, nil
}

func (p *parser) postfix() (mtok, error) {
	a, err := p.primary()
	if err != nil {
		return a, err
	}
	for {
		switch p.peek() {
		case "!":
			p.i++
			p.ops++
			if !a.val.IsInt() || a.val.Sign() < 0 || a.val.Num().Cmp(big.NewInt(maxFactorial)) > 0 {
				return a, errMath
			}
			f := new(big.Int).MulRange(1, a.val.Num().Int64())
			a = mtok{val: new(big.Rat).SetInt(f)}
		case "%":
			p.i++
			p.ops++
			a = mtok{val: new(big.Rat).Quo(a.val, big.NewRat(100, 1)), pct: true}
		default:
			return a, nil
		}
	}
}

func (p *parser) primary() (mtok, error) {
	if p.i >= len(p.t) {
		return mtok{}, errMath
	}
	t := p.t[p.i]
	if t.op == "" {
		p.i++
		return t, nil
	}
	if t.op == "(" {
		p.i++
		a, err := p.expr()
		if err != nil {
			return a, err
		}
		if p.peek() != ")" {
			return a, errMath
		}
		p.i++
		return a, nil
	}
	return mtok{}, errMath
}

// pow raises a to an integer power, exactly; other exponents are refused.
func pow(a, e *big.Rat) (*big.Rat, error) {
	if !e.IsInt() || !e.Num().IsInt64() {
		return nil, errMath
	}
	n := e.Num().Int64()
	neg := n < 0
	if neg {
		n = -n
		if a.Sign() == 0 {
			return nil, errMath
		}
	}
	bits := int64(max(a.Num().BitLen(), a.Denom().BitLen()))
	if n > 10000 || bits*n > maxPowBits {
		return nil, errMath
	}
	num := new(big.Int).Exp(a.Num(), big.NewInt(n), nil)
	den := new(big.Int).Exp(a.Denom(), big.NewInt(n), nil)
	r := new(big.Rat).SetFrac(num, den)
	if neg {
		r.Inv(r)
	}
	return r, nil
}

// root returns the n-th root of a: exact when a is a perfect power, else
// rounded (formatNumber then shows "≈").
func root(a *big.Rat, n int) (*big.Rat, error) {
	if a.Sign() < 0 && n%2 == 0 {
		return nil, errMath
	}
	neg := a.Sign() < 0
	x := new(big.Rat).Abs(a)
	num, okN := intRoot(x.Num(), n)
	den, okD := intRoot(x.Denom(), n)
	if okN && okD {
		r := new(big.Rat).SetFrac(num, den)
		if neg {
			r.Neg(r)
		}
		return r, nil
	}
	if n != 2 {
		// Cube roots of non-cubes: Newton's method in big.Float.
		f := new(big.Float).SetPrec(200).SetRat(x)
		g := new(big.Float).SetPrec(200).SetFloat64(1)
		if v, _ := f.Float64(); v > 1 {
			g.SetFloat64(v / 3)
		}
		three := new(big.Float).SetPrec(200).SetInt64(3)
		for range 400 {
			g2 := new(big.Float).SetPrec(200).Mul(g, g)
			q := new(big.Float).SetPrec(200).Quo(f, g2)
			t := new(big.Float).SetPrec(200).Add(g, g)
			t.Add(t, q)
			g = t.Quo(t, three)
		}
		r, _ := g.Rat(nil)
		if neg {
			r.Neg(r)
		}
		return r, nil
	}
	f := new(big.Float).SetPrec(200).SetRat(x)
	f.Sqrt(f)
	r, _ := f.Rat(nil)
	return r, nil
}

// intRoot returns the exact n-th root of a non-negative integer, if any.
func intRoot(v *big.Int, n int) (*big.Int, bool) {
	if n == 2 {
		r := new(big.Int).Sqrt(v)
		return r, new(big.Int).Mul(r, r).Cmp(v) == 0
	}
	if v.BitLen() > maxPowBits {
		return nil, false
	}
	f := new(big.Float).SetInt(v)
	g, _ := f.Float64()
	c := new(big.Int)
	est := new(big.Float).SetFloat64(cbrt(g))
	est.Int(c)
	for d := int64(-2); d <= 2; d++ {
		k := new(big.Int).Add(c, big.NewInt(d))
		if k.Sign() < 0 {
			continue
		}
		if new(big.Int).Exp(k, big.NewInt(int64(n)), nil).Cmp(v) == 0 {
			return k, true
		}
	}
	return nil, false
}

func cbrt(x float64) float64 {
	if x == 0 {
		return 0
	}
	g := x / 3
	if g < 1 {
		g = 1
	}
	for range 200 {
		g = (2*g + x/(g*g)) / 3
	}
	return g
}

// evalExpr evaluates a cleaned arithmetic string. It requires at least one
// operator: a bare number is not a calculation.
func evalExpr(s, lang string) (*big.Rat, error) {
	toks, err := lexMath(s, lang)
	if err != nil || len(toks) == 0 {
		return nil, errMath
	}
	p := &parser{t: toks}
	v, err := p.expr()
	if err != nil || p.i != len(toks) || p.ops == 0 {
		return nil, errMath
	}
	return v.val, nil
}

var (
	reTip      = mustRx(`\b(?:tip|tips|tipping|pourboire)\b`)
	reDiscount = mustRx(`\b(?:off|discount|discounted|remise|reduction|rabais|promo|promotion|soldes?|sale)\b`)
	reNumPct   = mustRx(`(\d[\d.,]*|\w+) ?%`)
	reNumber   = mustRx(`\d+(?:[.,]\d+)*`)
	reAverage  = mustRx(`^(?:the )?(?:average|mean|moyenne|la moyenne)(?: of| de| des| d')? (.+)$`)
	reSumOf    = mustRx(`^(?:the |la |le )?(sum|product|difference|quotient|somme|produit|difference|quotient)(?: between| of| de| des| entre| d')? (.+?) (?:and|et|by|par) (.+)$`)
	reVerbCalc = mustRx(`^(divide|multiply|add|subtract|take|divise|multiplie|additionne|ajoute|soustrais|retire|enleve)(?:r|z)? (.+?) (by|and|to|from|par|et|a|de|from) (.+)$`)
	reGoInto   = mustRx(`^how many times (?:does|do|can|will) (.+?) (?:go|fit) into (.+)$|^combien de fois (.+?) (?:dans|va dans|rentre dans) (.+)$`)
	reCalcWord = mustRx(`\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|un|deux|trois|quatre|cinq|sept|huit|neuf|dix|onze|douze|vingt|trente|quarante|cinquante|soixante|cent|mille|half|moitie)\b`)
)

var calcSigns = strings.NewReplacer("what's", "what is", "whats", "what is", "what’s", "what is", "?", " ", "’", "'", "\"", " ", ";", " ")

// cleanCalc prepares a prompt for the evaluator: the normalised text (signs
// kept), politeness and question frames removed, word operators rewritten.
func cleanCalc(p prompt) string {
	s := p.norm
	s = calcSigns.Replace(s)
	s = casual(strings.TrimSpace(contractions.Replace(" " + s + " ")))
	s = openQuotes(" " + s + " ")
	s = closeQuotes(s)
	s = strings.TrimSpace(collapseSpaces(s))
	for range 3 {
		t := s
		if f, _, _ := strings.Cut(t, " "); gatePoliteStart.has(strings.TrimRight(f, ",!.:;?")) {
			t = strings.TrimSpace(rePolitePrefix.ReplaceAllString(t, ""))
		}
		if i := strings.LastIndexByte(t, ' '); gatePoliteEnd.has(t[i+1:]) {
			t = strings.TrimSpace(rePoliteSuffix.ReplaceAllString(t, ""))
		}
		t = strings.TrimSpace(reCalcPrefix.ReplaceAllString(t, ""))
		t = strings.TrimSpace(reCalcSuffix.ReplaceAllString(t, ""))
		if t == s {
			break
		}
		s = t
	}
	s = strings.ReplaceAll(s, ", ", " , ")
	s = strings.TrimSuffix(strings.TrimSpace(s), ".")
	for _, rw := range calcRewrites {
		s = rw.re.ReplaceAllString(s, rw.rep)
	}
	return strings.TrimSpace(collapseSpaces(s))
}

// calcAnswer reads a calculation and returns its formatted answer.
func calcAnswer(p prompt) (string, bool) {
	if len(p.words) > 16 || !strings.ContainsAny(p.norm, "0123456789√") && !reCalcWord.MatchString(p.plain) {
		return "", false
	}
	if reLooksLikeDate.MatchString(p.norm) {
		return "", false
	}
	s := cleanCalc(p)
	if s == "" {
		return "", false
	}
	// Tips and discounts: exactly one percentage and one amount.
	if reTip.MatchString(p.plain) || reDiscount.MatchString(p.plain) {
		if ans, ok := tipOrDiscount(p, s); ok {
			return ans, true
		}
		return "", false
	}
	if m := reAverage.FindStringSubmatch(s); m != nil {
		vals, ok := numberList(m[1], p.lang)
		if !ok || len(vals) < 2 {
			return "", false
		}
		sum := new(big.Rat)
		for _, v := range vals {
			sum.Add(sum, v)
		}
		return formatNumber(sum.Quo(sum, new(big.Rat).SetInt64(int64(len(vals)))), p.lang), true
	}
	if m := reSumOf.FindStringSubmatch(s); m != nil {
		op := map[string]string{"sum": "+", "somme": "+", "product": "*", "produit": "*", "difference": "-", "quotient": "/"}[m[1]]
		return evalFormatted("("+m[2]+") "+op+" ("+m[3]+")", p.lang)
	}
	if m := reVerbCalc.FindStringSubmatch(s); m != nil {
		a, b := m[2], m[4]
		var e string
		switch m[1] {
		case "divide", "divise":
			e = "(" + a + ") / (" + b + ")"
		case "multiply", "multiplie":
			e = "(" + a + ") * (" + b + ")"
		case "add", "additionne", "ajoute":
			e = "(" + a + ") + (" + b + ")"
		default: // subtract a from b
			e = "(" + b + ") - (" + a + ")"
		}
		return evalFormatted(e, p.lang)
	}
	if m := reGoInto.FindStringSubmatch(p.plain); m != nil {
		a, b := m[1]+m[3], m[2]+m[4]
		return evalFormatted("("+b+") / ("+a+")", p.lang)
	}
	return evalFormatted(s, p.lang)
}

func evalFormatted(s, lang string) (string, bool) {
	v, err := evalExpr(s, lang)
	if err != nil {
		return "", false
	}
	return formatNumber(v, lang), true
}

// numberList reads "54, 23, 43, 12 and 442".
func numberList(s, lang string) ([]*big.Rat, bool) {
	var out []*big.Rat
	for _, f := range strings.Fields(s) {
		if f == "," || f == "and" || f == "et" {
			continue
		}
		v, ok := parseDecimal(f, lang)
		if !ok {
			return nil, false
		}
		out = append(out, v)
	}
	return out, true
}

// tipOrDiscount answers "18 % tip on 20 dollars" and "15 % off 35".
func tipOrDiscount(p prompt, s string) (string, bool) {
	pm := reNumPct.FindStringSubmatch(s)
	if pm == nil {
		return "", false
	}
	pct, ok := parseDecimal(pm[1], p.lang)
	if !ok {
		if v, n := numberWords([]string{pm[1]}); n == 1 {
			pct = new(big.Rat).SetInt64(v)
		} else {
			return "", false
		}
	}
	rest := strings.Replace(s, pm[0], " ", 1)
	nums := reNumber.FindAllString(rest, -1)
	var amount *big.Rat
	if len(nums) == 1 {
		amount, ok = parseDecimal(nums[0], p.lang)
		if !ok {
			return "", false
		}
	} else if len(nums) == 0 {
		// Amount in words: "ten percent off forty dollars".
		ws := strings.Fields(rest)
		for i := range ws {
			if v, n := numberWords(ws[i:]); n > 0 {
				amount = new(big.Rat).SetInt64(v)
				break
			}
		}
		if amount == nil {
			return "", false
		}
	} else {
		return "", false
	}
	part := new(big.Rat).Mul(amount, new(big.Rat).Quo(pct, big.NewRat(100, 1)))
	if reTip.MatchString(p.plain) {
		total := new(big.Rat).Add(amount, part)
		if p.lang == "fr" {
			return "pourboire " + money(part, p.lang) + " (total " + money(total, p.lang) + ")", true
		}
		return "tip " + money(part, p.lang) + " (total " + money(total, p.lang) + ")", true
	}
	price := new(big.Rat).Sub(amount, part)
	if p.lang == "fr" {
		return money(price, p.lang) + " (remise de " + money(part, p.lang) + ")", true
	}
	return money(price, p.lang) + " (you save " + money(part, p.lang) + ")", true
}

// money prints an amount with two decimals when it is not whole.
func money(r *big.Rat, lang string) string {
	if r.IsInt() {
		return formatNumber(r, lang)
	}
	c := new(big.Rat).Mul(r, big.NewRat(100, 1))
	if c.IsInt() {
		s := formatNumber(r, lang)
		dec := "."
		if lang == "fr" {
			dec = ","
		}
		if i := strings.LastIndex(s, dec); i >= 0 && len(s)-i == 2 {
			s += "0"
		}
		return s
	}
	f, _ := new(big.Float).SetRat(r).Float64()
	_ = f
	return formatNumber(r, lang)
}
