package classify

import (
	"math/big"
	"slices"
	"strings"

	"frugal/tracker"
)

// Unit factors are exact definitions: the international yard and pound
// (1959: 1 yd = 0.9144 m, 1 lb = 0.45359237 kg) and the US customary
// volumes built on the 231 in³ gallon, as listed in NIST Handbook 44,
// Appendix C (https://www.nist.gov/pml/owm/nist-handbook-44-current-edition).

type dim int

const (
	dimLength dim = iota + 1
	dimMass
	dimTemp
	dimVolume
	dimArea
	dimSpeed
	dimData
	dimTime
)

type unit struct {
	sym    string // printed symbol
	dim    dim
	factor *big.Rat // value of one unit in the dimension's base unit
}

func rat(s string) *big.Rat {
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		panic("classify: bad unit factor " + s)
	}
	return r
}

// unitNames maps normalised names (singular, plural, French, symbols) to
// units. Temperature factors are unused (see convertTemp).
var unitNames = map[string]unit{}

func init() {
	add := func(sym string, d dim, factor string, names string) {
		u := unit{sym: sym, dim: d, factor: rat(factor)}
		for _, n := range strings.Split(names, ",") {
			unitNames[strings.TrimSpace(n)] = u
		}
		unitNames[sym] = u
	}
	// length, base metre
	add("m", dimLength, "1", "meter,meters,metre,metres,mètre,mètres,m")
	add("km", dimLength, "1000", "kilometer,kilometers,kilometre,kilometres,kms,kilo metre,kilo metres")
	add("cm", dimLength, "1/100", "centimeter,centimeters,centimetre,centimetres,cms")
	add("mm", dimLength, "1/1000", "millimeter,millimeters,millimetre,millimetres")
	add("µm", dimLength, "1/1000000", "micrometer,micrometers,micrometre,micrometres,micron,microns")
	add("in", dimLength, "0.0254", "inch,inches,pouce,pouces,inchs")
	add("ft", dimLength, "0.3048", "foot,feet,pied,pieds,feets")
	add("yd", dimLength, "0.9144", "yard,yards,yds,verge,verges")
	add("mi", dimLength, "1609.344", "mile,miles,mille terrestre,milles")
	add("nmi", dimLength, "1852", "nautical mile,nautical miles,mille nautique,milles nautiques")
	// mass, base gram
	add("g", dimMass, "1", "gram,grams,gramme,grammes,gr,grs,g")
	add("kg", dimMass, "1000", "kilogram,kilograms,kilogramme,kilogrammes,kilo,kilos,kgs")
	add("mg", dimMass, "1/1000", "milligram,milligrams,milligramme,milligrammes")
	add("µg", dimMass, "1/1000000", "microgram,micrograms,microgramme,microgrammes,mcg")
	add("t", dimMass, "1000000", "tonne,tonnes,metric ton,metric tons,tonne metrique")
	add("short ton", dimMass, "907184.74", "ton,tons,short tons,us ton,us tons")
	add("lb", dimMass, "453.59237", "pound,pounds,lbs,livre,livres")
	add("oz", dimMass, "28.349523125", "ounce,ounces,once,onces,ozs")
	add("st", dimMass, "6350.29318", "stone,stones")
	// temperature (handled apart)
	add("°C", dimTemp, "1", "celsius,degree celsius,degrees celsius,degre celsius,degres celsius,deg c,centigrade,c")
	add("°F", dimTemp, "1", "fahrenheit,degree fahrenheit,degrees fahrenheit,degre fahrenheit,degres fahrenheit,deg f,farenheit,f")
	add("K", dimTemp, "1", "kelvin,kelvins,k")
	add("°", dimTemp, "1", "degree,degrees,degre,degres,deg")
	// volume, base litre
	add("L", dimVolume, "1", "liter,liters,litre,litres,l,ltr")
	add("mL", dimVolume, "1/1000", "milliliter,milliliters,millilitre,millilitres,ml")
	add("cL", dimVolume, "1/100", "centiliter,centiliters,centilitre,centilitres,cl")
	add("dL", dimVolume, "1/10", "deciliter,deciliters,decilitre,decilitres,dl")
	add("m³", dimVolume, "1000", "cubic meter,cubic meters,cubic metre,cubic metres,metre cube,metres cubes,metre cube,m3,m^3")
	add("cm³", dimVolume, "1/1000", "cubic centimeter,cubic centimeters,cm3,cm^3,cc,centimetre cube,centimetres cubes")
	add("gal", dimVolume, "3.785411784", "gallon,gallons,us gallon,us gallons,gallon americain,gallons americains")
	add("imp gal", dimVolume, "4.54609", "imperial gallon,imperial gallons,uk gallon,uk gallons,gallon imperial")
	add("qt", dimVolume, "0.946352946", "quart,quarts")
	add("pt", dimVolume, "0.473176473", "pint,pints,pinte,pintes")
	add("cup", dimVolume, "0.2365882365", "cups,tasse,tasses")
	add("fl oz", dimVolume, "0.0295735295625", "fluid ounce,fluid ounces,fl oz,fl. oz,once liquide,onces liquides")
	add("tbsp", dimVolume, "0.01478676478125", "tablespoon,tablespoons,tbs,cuillere a soupe,cuilleres a soupe,c a s")
	add("tsp", dimVolume, "0.00492892159375", "teaspoon,teaspoons,cuillere a cafe,cuilleres a cafe,c a c")
	// area, base square metre
	add("m²", dimArea, "1", "square meter,square meters,square metre,square metres,metre carre,metres carres,m2,m^2,sq m")
	add("km²", dimArea, "1000000", "square kilometer,square kilometers,square kilometre,square kilometres,kilometre carre,kilometres carres,km2,km^2,sq km")
	add("cm²", dimArea, "1/10000", "square centimeter,square centimeters,centimetre carre,centimetres carres,cm2,cm^2")
	add("ha", dimArea, "10000", "hectare,hectares")
	add("a", dimArea, "100", "are,ares")
	add("acre", dimArea, "4046.8564224", "acres")
	add("ft²", dimArea, "0.09290304", "square foot,square feet,sq ft,sqft,pied carre,pieds carres,ft2,ft^2")
	add("mi²", dimArea, "2589988.110336", "square mile,square miles,sq mi,mille carre,milles carres,mi2")
	add("in²", dimArea, "0.00064516", "square inch,square inches,sq in,pouce carre,pouces carres")
	// speed, base m/s
	add("km/h", dimSpeed, "5/18", "kph,kmh,km h,kilometers per hour,kilometres per hour,kilometre par heure,kilometres par heure,kilometres heure,km/hr")
	add("mph", dimSpeed, "0.44704", "miles per hour,mile per hour,miles an hour,miles par heure,mi/h")
	add("m/s", dimSpeed, "1", "meters per second,metres per second,metre par seconde,metres par seconde,m s")
	add("kn", dimSpeed, "463/900", "knot,knots,noeud,noeuds")
	// data, base byte (SI prefixes: kB = 1000 B; binary ones spelled KiB…)
	add("B", dimData, "1", "byte,bytes,octet,octets,o")
	add("bit", dimData, "1/8", "bits")
	add("kB", dimData, "1000", "kilobyte,kilobytes,kb,ko,kilooctet,kilooctets,kilo octet,kilo octets")
	add("MB", dimData, "1000000", "megabyte,megabytes,mb,mo,megaoctet,megaoctets,mega octet,mega octets,megs")
	add("GB", dimData, "1000000000", "gigabyte,gigabytes,gb,go,gigaoctet,gigaoctets,giga octet,giga octets,gigs")
	add("TB", dimData, "1000000000000", "terabyte,terabytes,tb,to,teraoctet,teraoctets")
	add("KiB", dimData, "1024", "kibibyte,kibibytes,kib")
	add("MiB", dimData, "1048576", "mebibyte,mebibytes,mib")
	add("GiB", dimData, "1073741824", "gibibyte,gibibytes,gib")
	add("Mbit", dimData, "125000", "megabit,megabits,mbit,mbits")
	add("Gbit", dimData, "125000000", "gigabit,gigabits,gbit,gbits")
	// time, base second (a year is the Julian year of 365.25 days)
	add("s", dimTime, "1", "second,seconds,seconde,secondes,sec,secs")
	add("ms", dimTime, "1/1000", "millisecond,milliseconds,milliseconde,millisecondes")
	add("min", dimTime, "60", "minute,minutes,mins")
	add("h", dimTime, "3600", "hour,hours,heure,heures,hr,hrs")
	add("d", dimTime, "86400", "day,days,jour,jours")
	add("wk", dimTime, "604800", "week,weeks,semaine,semaines")
	add("month", dimTime, "2629800", "months,mois")
	add("yr", dimTime, "31557600", "year,years,an,ans,annee,annees")
	add("century", dimTime, "3155760000", "centuries,siecle,siecles")
	// Single letters and very short words are units only right after a number.
	for _, n := range []string{"m", "g", "c", "f", "k", "l", "o", "a", "t", "s", "h", "d", "in", "an", "to", "go", "mo", "st", "are", "min", "gr", "mi", "pt", "qt", "cup", "ha", "kn", "mb", "gb", "kb", "tb", "ko"} {
		numberOnly[n] = true
	}
}

// numberOnly: names that are units only when a number precedes them.
var numberOnly = map[string]bool{}

// For findUnits and lookupUnit, built once the tables are: typoNames are the
// unit names long enough for typo tolerance, by first byte, in a fixed
// order; unitFirstWords are the first words of names of several words.
var (
	typoNames      = map[byte][]string{}
	unitFirstWords = map[string]bool{}
)

func init() {
	for k := range unitNames {
		if len(k) >= 6 {
			typoNames[k[0]] = append(typoNames[k[0]], k)
		}
	}
	for _, l := range typoNames {
		slices.Sort(l)
	}
	for k := range unitNames {
		addFirstWord(unitFirstWords, k)
	}
	for k := range currencies {
		addFirstWord(unitFirstWords, k)
	}
}

// addFirstWord records the first word of a name of several words.
func addFirstWord(set map[string]bool, name string) {
	if first, _, ok := strings.Cut(name, " "); ok {
		set[first] = true
	}
}

// firstWordOf is the word a name of several words starting at w begins with.
func firstWordOf(w string) string {
	first, _, _ := strings.Cut(w, " ")
	return first
}

// currencies: names and codes → ISO 4217 code. Codes that are also common
// words are left out.
var currencies = map[string]string{
	"dollar": "USD", "dollars": "USD", "$": "USD", "us dollar": "USD", "us dollars": "USD", "usd": "USD", "dolla": "USD", "dollas": "USD",
	"american dollars": "USD", "dollar americain": "USD", "dollars americains": "USD", "buck": "USD", "bucks": "USD",
	"euro": "EUR", "euros": "EUR", "€": "EUR", "eur": "EUR",
	"british pound": "GBP", "british pounds": "GBP", "pound sterling": "GBP", "pounds sterling": "GBP", "sterling": "GBP",
	"livre sterling": "GBP", "livres sterling": "GBP", "£": "GBP", "gbp": "GBP", "quid": "GBP",
	"yen": "JPY", "yens": "JPY", "jpy": "JPY", "yuan": "CNY", "yuans": "CNY", "renminbi": "CNY", "rmb": "CNY", "cny": "CNY",
	"canadian dollar": "CAD", "canadian dollars": "CAD", "dollar canadien": "CAD", "dollars canadiens": "CAD", "cad": "CAD",
	"australian dollar": "AUD", "australian dollars": "AUD", "dollar australien": "AUD", "dollars australiens": "AUD", "aud": "AUD",
	"nzd": "NZD", "new zealand dollar": "NZD", "new zealand dollars": "NZD",
	"swiss franc": "CHF", "swiss francs": "CHF", "franc suisse": "CHF", "francs suisses": "CHF", "chf": "CHF", "franc": "CHF", "francs": "CHF",
	"rupee": "INR", "rupees": "INR", "indian rupee": "INR", "indian rupees": "INR", "roupie": "INR", "roupies": "INR",
	"roupie indienne": "INR", "roupies indiennes": "INR", "inr": "INR",
	"peso": "MXN", "pesos": "MXN", "mexican pesos": "MXN", "mxn": "MXN", "real": "BRL", "reais": "BRL", "brl": "BRL",
	"won": "KRW", "krw": "KRW", "ruble": "RUB", "rubles": "RUB", "rouble": "RUB", "roubles": "RUB", "rub": "RUB",
	"krona": "SEK", "kronor": "SEK", "swedish krona": "SEK", "couronne suedoise": "SEK", "couronnes suedoises": "SEK", "sek": "SEK",
	"norwegian krone": "NOK", "couronne norvegienne": "NOK", "couronnes norvegiennes": "NOK", "nok": "NOK",
	"danish krone": "DKK", "couronne danoise": "DKK", "couronnes danoises": "DKK", "dkk": "DKK", "krone": "NOK", "kroner": "NOK",
	"zloty": "PLN", "zlotys": "PLN", "pln": "PLN", "shekel": "ILS", "shekels": "ILS", "ils": "ILS", "nis": "ILS",
	"lira": "TRY", "turkish lira": "TRY", "livre turque": "TRY", "livres turques": "TRY", "rand": "ZAR", "zar": "ZAR",
	"dirham": "MAD", "dirhams": "MAD", "dinar": "TND", "dinars": "TND", "franc cfa": "XOF", "francs cfa": "XOF", "fcfa": "XOF",
	"hkd": "HKD", "sgd": "SGD", "baht": "THB", "thb": "THB", "forint": "HUF", "huf": "HUF", "czk": "CZK", "couronne tcheque": "CZK",
	"bitcoin": "BTC", "bitcoins": "BTC", "btc": "BTC", "ethereum": "ETH", "eth": "ETH",
}

// ambiguousCurrency: codes that are French or English words too; they
// count only next to another currency or a number.
var ambiguousCurrency = map[string]bool{"ils": true, "real": true, "won": true, "franc": true, "rand": true, "nis": true, "eth": true, "rub": true}

var (
	reRateWords   = mustRx(`\b(?:exchange rate|exchange rates|rate|rates|taux de change|taux|cours|conversion|convert|convertir|convertis|change|versus|vs|worth|vaut|valent)\b`)
	reSplitNumber = mustRx(`^(\d+(?:[.,]\d+)?)([a-z$€£µ°/^][a-z0-9/^²³]*)$`)
	reSplitSign   = mustRx(`^([$€£])(\d+(?:[.,]\d+)?)$`)
	fillerWords   = map[string]bool{}
)

func init() {
	for _, w := range strings.Fields(`what is are how many much in into to a an the there make makes equal equals equivalent convert converting conversion
		converted do you does i get can for me of one per combien de d' dans en y a t il fait font ca c'est vaut egale egal convertir convertis
		converti des les le la un une est quel quelle tell please would be it so that = -> _ ? how's whats which by from
		give got have if we will need would could should ok about approximately roughly exactly versus vs exchange rate rates between
		and et taux change cours entre par the following measurement measurements many much combien y'a faut il valent
		pour donne donnent represente approx environ the current today aujourd'hui actuel actuellement now maintenant right`) {
		fillerWords[w] = true
	}
}

type mention struct {
	start, end int // word indexes [start, end)
	u          unit
	cur        string // currency code, when a currency
	qty        *big.Rat
	name       string
}

// findUnits lists unit and currency mentions in words, longest names
// first, with the quantity that precedes each.
func findUnits(words []string, lang string) []mention {
	var out []mention
	for i := 0; i < len(words); {
		found := false
		for n := min(4, len(words)-i); n >= 1; n-- {
			if n > 1 && !unitFirstWords[firstWordOf(words[i])] {
				continue // no name of several words starts so
			}
			name := strings.Join(words[i:i+n], " ")
			if name == "" {
				continue
			}
			var m mention
			if code, ok := currencies[name]; ok {
				m = mention{start: i, end: i + n, cur: code, name: name}
			} else if u, ok := lookupUnit(name); ok {
				m = mention{start: i, end: i + n, u: u, name: name}
			} else {
				continue
			}
			m.qty = quantityBefore(words, i, lang)
			if n == 1 && numberOnly[name] && m.qty != nil && !startsWithDigit(words[i-1]) {
				m.qty = nil // "four a…" is an oven, not 4 ares
			}
			if n == 1 && (numberOnly[name] || ambiguousCurrency[name]) && m.qty == nil {
				// "in", "to", "a", "ils"…: only after a number (or as the
				// last word after "=" / "en", handled by the caller).
				last := i == len(words)-1 && i > 0
				if last && (words[i-1] == "en" || words[i-1] == "to" || words[i-1] == "into" || words[i-1] == "in") && name != "in" && name != "to" && name != "an" && name != "a" {
					out = append(out, m)
					i += n
					found = true
					break
				}
				if !(name == "in" && i == len(words)-1 && i > 0 && (words[i-1] == "=" || strings.Trim(words[i-1], "_") == "")) && !ambiguousCurrency[name] {
					continue
				}
			}
			out = append(out, m)
			i += n
			found = true
			break
		}
		if !found {
			i++
		}
	}
	return out
}

// lookupUnit finds a unit name, tolerating one typo in long names.
func lookupUnit(name string) (unit, bool) {
	if u, ok := unitNames[name]; ok {
		return u, true
	}
	if len(name) >= 6 && !strings.Contains(name, " ") {
		for _, k := range typoNames[name[0]] {
			if oneEdit(k, name) {
				return unitNames[k], true
			}
		}
	}
	return unit{}, false
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// quantityBefore reads the number that ends at words[i-1]: digits, number
// words, or "a"/"one"/"un".
func quantityBefore(words []string, i int, lang string) *big.Rat {
	if i == 0 {
		return nil
	}
	w := words[i-1]
	if c := w[0]; c >= '0' && c <= '9' {
		r, ok := parseDecimal(w, lang)
		if ok {
			return r
		}
		return nil
	}
	switch w {
	case "a", "an", "one", "un", "une", "per", "par":
		if i >= 2 && words[i-2] == "per" {
			return nil
		}
		return big.NewRat(1, 1)
	}
	for k := max(0, i-5); k < i; k++ {
		if v, n := numberWords(words[k:i]); n == i-k {
			return new(big.Rat).SetInt64(v)
		}
	}
	return nil
}

// splitNumberUnits turns "5km" into "5", "km" and "$53" into "53", "$".
func splitNumberUnits(words []string) []string {
	out := make([]string, 0, len(words)+2)
	for _, w := range words {
		if m := reSplitNumber.FindStringSubmatch(w); m != nil {
			out = append(out, m[1], m[2])
			continue
		}
		if m := reSplitSign.FindStringSubmatch(w); m != nil {
			out = append(out, m[2], m[1])
			continue
		}
		out = append(out, w)
	}
	return out
}

// conversion converts units locally and sends currencies to a search.
func (c *Classifier) conversion(p prompt) (tracker.Verdict, bool) {
	if len(p.words) > 16 {
		return tracker.Verdict{}, false
	}
	words := splitNumberUnits(p.words)
	ms := findUnits(words, p.lang)
	if len(ms) == 0 {
		return tracker.Verdict{}, false
	}
	// Leftover words must be few: "four à 220 degrés, ça fait combien en °F"
	// has one ("four"), a word problem has many.
	used := make([]bool, len(words))
	for _, m := range ms {
		for k := m.start; k < m.end; k++ {
			used[k] = true
		}
		if m.qty != nil && m.start > 0 {
			for k := m.start - 1; k >= 0 && k >= m.start-5; k-- {
				if isNumWord(words[k]) {
					used[k] = true
				} else {
					break
				}
			}
		}
	}
	left := 0
	for k, w := range words {
		if !used[k] && !fillerWords[w] && strings.Trim(w, "_?=.") != "" {
			left++
		}
	}
	var curs, units []mention
	for _, m := range ms {
		if m.cur != "" {
			curs = append(curs, m)
		} else {
			units = append(units, m)
		}
	}
	// Currencies: live rates only, so a search, never a number.
	if len(curs) > 0 {
		distinct := map[string]bool{}
		onlyAmbiguous := true
		for _, m := range curs {
			distinct[m.cur] = true
			if !ambiguousCurrency[m.name] || m.qty != nil {
				onlyAmbiguous = false
			}
		}
		// "pounds" next to dollars is money, not mass.
		for _, m := range units {
			if m.name == "pound" || m.name == "pounds" || m.name == "livre" || m.name == "livres" {
				distinct["GBP"] = true
			}
		}
		if !onlyAmbiguous && left <= 2 && (len(distinct) >= 2 || reRateWords.MatchString(p.plain)) {
			return c.search(tracker.CatConversion, p.plain), true
		}
		return tracker.Verdict{}, false
	}
	if len(units) != 2 || left > 2 {
		return tracker.Verdict{}, false
	}
	from, to := units[0], units[1]
	if from.qty == nil && to.qty != nil {
		from, to = to, from
	}
	// "how many feet are in 50 yards": the unit with the quantity is the
	// source; "how many inches make one foot" likewise.
	if from.u.dim != to.u.dim || from.u.sym == to.u.sym {
		return tracker.Verdict{}, false
	}
	q := from.qty
	if q == nil {
		q = big.NewRat(1, 1)
	}
	var res *big.Rat
	fromSym, toSym := from.u.sym, to.u.sym
	if from.u.dim == dimTemp {
		if fromSym == "°" {
			fromSym = "°C"
			if toSym == "°C" {
				fromSym = "°F"
			}
		}
		if toSym == "°" {
			toSym = "°F"
			if fromSym == "°F" {
				toSym = "°C"
			}
		}
		if fromSym == toSym {
			return tracker.Verdict{}, false
		}
		res = convertTemp(q, fromSym, toSym)
	} else {
		res = new(big.Rat).Mul(q, from.u.factor)
		res.Quo(res, to.u.factor)
	}
	ans := formatQty(q, p.lang) + " " + fromSym + " = " + formatQty(res, p.lang) + " " + toSym
	return tracker.Verdict{Category: tracker.CatConversion, Tool: ToolConverter, Answer: ans}, true
}

func isNumWord(w string) bool {
	if w == "" {
		return false
	}
	if c := w[0]; c >= '0' && c <= '9' {
		return true
	}
	if _, ok := unitWords[w]; ok {
		return true
	}
	_, ok := scaleWords[w]
	return ok || w == "and" || w == "et" || w == "a" || w == "an" || w == "un" || w == "une" || w == "vingt"
}

// convertTemp converts between °C, °F and K, exactly.
func convertTemp(q *big.Rat, from, to string) *big.Rat {
	c := new(big.Rat)
	switch from {
	case "°C":
		c.Set(q)
	case "°F":
		c.Sub(q, big.NewRat(32, 1))
		c.Mul(c, big.NewRat(5, 9))
	case "K":
		c.Sub(q, rat("273.15"))
	}
	r := new(big.Rat)
	switch to {
	case "°C":
		r.Set(c)
	case "°F":
		r.Mul(c, big.NewRat(9, 5))
		r.Add(r, big.NewRat(32, 1))
	case "K":
		r.Add(c, rat("273.15"))
	}
	return r
}

// formatQty prints a measured quantity: exact when short, else rounded to
// six significant digits with "≈".
func formatQty(r *big.Rat, lang string) string {
	if d := finiteDecimals(r); d >= 0 && d <= 6 {
		return formatNumber(r, lang)
	}
	f, _ := r.Float64()
	if f < 0 {
		f = -f
	}
	if f > 1e15 || f != f {
		return formatNumber(r, lang) // huge: print it whole rather than loop on +Inf
	}
	intDigits := 1
	for x := f; x >= 10; x /= 10 {
		intDigits++
	}
	dec := 6 - intDigits
	if f < 1 && f > 0 {
		dec = 6
		for x := f; x < 0.1; x *= 10 {
			dec++
			if dec > 12 {
				break
			}
		}
	}
	if dec < 0 {
		dec = 0
	}
	s := r.FloatString(dec)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	v, _ := new(big.Rat).SetString(s)
	out := formatNumber(v, lang)
	if v.Cmp(r) != 0 {
		out = "≈ " + out
	}
	return out
}

func startsWithDigit(w string) bool { return w != "" && w[0] >= '0' && w[0] <= '9' }
