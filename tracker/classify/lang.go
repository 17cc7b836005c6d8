package classify

import (
	"regexp"
	"strings"

	"frugal/tracker"
)

// Languages a short translation may target, English and French names
// (normalised), mapped to one canonical English name.
var languages = map[string]string{}

func init() {
	for canon, names := range map[string]string{
		"english": "english anglais", "french": "french francais", "spanish": "spanish espagnol castillan",
		"german": "german allemand", "italian": "italian italien", "portuguese": "portuguese portugais",
		"dutch": "dutch neerlandais hollandais flemish flamand", "russian": "russian russe", "chinese": "chinese chinois mandarin cantonese cantonais",
		"japanese": "japanese japonais", "korean": "korean coreen", "arabic": "arabic arabe", "hebrew": "hebrew hebreu",
		"hindi": "hindi", "turkish": "turkish turc", "greek": "greek grec", "polish": "polish polonais",
		"swedish": "swedish suedois", "norwegian": "norwegian norvegien", "danish": "danish danois", "finnish": "finnish finnois finlandais",
		"croatian": "croatian croate", "czech": "czech tcheque", "hungarian": "hungarian hongrois", "romanian": "romanian roumain",
		"latin": "latin", "vietnamese": "vietnamese vietnamien", "thai": "thai thailandais", "indonesian": "indonesian indonesien",
		"ukrainian": "ukrainian ukrainien", "breton": "breton", "basque": "basque", "catalan": "catalan", "corsican": "corsican corse",
		"occitan": "occitan", "esperanto": "esperanto", "persian": "persian farsi persan", "urdu": "urdu ourdou",
		"bengali": "bengali", "tagalog": "tagalog filipino", "malay": "malay malais", "serbian": "serbian serbe",
		"bulgarian": "bulgarian bulgare", "slovak": "slovak slovaque", "slovenian": "slovenian slovene", "icelandic": "icelandic islandais",
		"irish": "irish irlandais gaelic gaelique", "welsh": "welsh gallois", "swahili": "swahili", "albanian": "albanian albanais",
		"estonian": "estonian estonien", "latvian": "latvian letton", "lithuanian": "lithuanian lituanien", "wolof": "wolof",
		"armenian": "armenian armenien", "georgian": "georgian georgien", "tamil": "tamil", "punjabi": "punjabi pendjabi",
		"sign language": "sign language", "klingon": "klingon", "alsatian": "alsacien", "lingala": "lingala",
	} {
		for _, n := range strings.Fields(names) {
			languages[n] = canon
		}
	}
	languages["sign language"] = "sign language"
	languages["langue des signes"] = "sign language"
	// People: "how do germans say…", "if i were japanese".
	for n, canon := range map[string]string{"germans": "german", "the germans": "german", "italians": "italian",
		"spaniards": "spanish", "mexicans": "spanish", "spanish people": "spanish", "the french": "french",
		"french people": "french", "russians": "russian", "japanese people": "japanese", "the japanese": "japanese",
		"chinese people": "chinese", "the chinese": "chinese", "brazilians": "portuguese", "portuguese people": "portuguese",
		"koreans": "korean", "dutch people": "dutch", "the dutch": "dutch", "greeks": "greek", "swedes": "swedish",
		"americans": "english", "british": "english", "english people": "english", "arabs": "arabic", "turks": "turkish",
		"poles": "polish", "norwegians": "norwegian", "danes": "danish", "finns": "finnish", "israelis": "hebrew",
		"les allemands": "german", "les anglais": "english", "les espagnols": "spanish", "les italiens": "italian",
		"les japonais": "japanese", "les chinois": "chinese", "les americains": "english", "les russes": "russian"} {
		languages[n] = canon
	}
	// The language slot takes one or two words, checked against the table
	// after the match: far cheaper than a 200-way alternation in 20 patterns.
	L := `(?P<l>[a-z']+(?: [a-z]+)?)`
	X := `(?P<x>.+?)`
	for _, s := range []string{
		`^how (?:do|would|could|can|should|does|did|to) (?:you|i|one|we|someone|people|they)? ?(?:say|write|spell|translate|pronounce) ` + X + ` (?:in|en) ` + L + `(?: language)?$`,
		`^how to (?:say|write|translate) ` + X + ` (?:in|en) ` + L + `$`,
		`^how (?:would|do|could|should|can|might|may) (?:i|you|we|one) say ` + X + ` if (?:i|you|we) (?:were|was|are|am) (?:a |an )?` + L + `$`,
		`^(?:what is )?(?:the |a )?(?:word|term|translation) for ` + X + ` (?:in|en) ` + L + `$`,
		`^how do (?:the )?` + L + ` (?:people )?say ` + X + `$`,
		`^what is (?:the |a )?` + L + ` (?:word|term|expression|translation)(?: (?:you|they|people|we) (?:use|say))? for ` + X + `$`,
		`^what is ` + L + ` for ` + X + `$`,
		`^(?:what is|what are) (?:the )?(?:equivalent|translation) (?:of|for) ` + X + ` (?:in|en) ` + L + `$`,
		`^(?:what is|what does) ` + X + ` (?:in|en) ` + L + `$`,
		`^(?:what does )?` + X + ` (?:mean|means|meaning|means what|mean what) in ` + L + `$`,
		`^what does ` + X + ` mean in ` + L + `$`,
		`^(?:can you |could you |please )?translate ` + X + ` (?:in|into|to|en) ` + L + `$`,
		`^(?:translate|translation)(?: of)? ` + X + ` from \w+ (?:in|into|to) ` + L + `$`,
		`^` + L + ` (?:word |translation )?for ` + X + `$`,
		`^comment (?:on )?(?:dire|dit on|dit|traduire|traduit on|se dit|ecrire|ecrit on|prononcer) ` + X + ` en ` + L + `$`,
		`^(?:traduis|traduire|traduisez|traduction|traduction de|traduis moi) ` + X + ` (?:en|vers l'|vers le|vers) ` + L + `$`,
		`^(?:traduis|traduire|traduisez|traduction)(?: moi)? (?:un |ce |le |cette |the |this |a )?(?:texte|text|phrase|mot|word|sentence|expression)?(?: suivant| following)? ?(?:de l'\w+ |du \w+ |de \w+ |from \w+ )?(?:vers|en|to|into) (?:le |l')?(?P<l>[a-z']+) ` + X + `$`,
		`^` + X + ` (?:se dit comment|ca se dit comment|se traduit comment) en ` + L + `$`,
		`^` + X + ` (?:en|in) ` + L + `$`,
		`^(?:que veut dire|que signifie|ca veut dire quoi|c'est quoi) ` + X + ` en ` + L + `$`,
		`^` + X + ` (?:ca )?(?:veut dire quoi|signifie quoi|ca veut dire quoi) en ` + L + `$`,
	} {
		translationPatterns = append(translationPatterns, mustRx(s))
	}
}

var translationPatterns []*rx

// altOf builds a regexp alternation of the keys, longest first.
func altOf(m map[string]string) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sortByLenDesc(keys)
	for i, k := range keys {
		keys[i] = regexp.QuoteMeta(k)
	}
	return strings.Join(keys, "|")
}

func sortByLenDesc(keys []string) {
	// insertion sort is plenty for a few hundred keys, once at start-up
	for i := 1; i < len(keys); i++ {
		for j := i; j > 0 && (len(keys[j]) > len(keys[j-1]) || len(keys[j]) == len(keys[j-1]) && keys[j] < keys[j-1]); j-- {
			keys[j], keys[j-1] = keys[j-1], keys[j]
		}
	}
}

// foreignWords are everyday words people ask the meaning of, that are not
// French or English: "gracias ça veut dire quoi" is a translation.
var foreignWords = map[string]bool{"gracias": true, "grazie": true, "danke": true, "hola": true, "ciao": true,
	"arigato": true, "arigatou": true, "obrigado": true, "obrigada": true, "adios": true, "hasta luego": true,
	"prego": true, "bitte": true, "nein": true, "ja": true, "konnichiwa": true, "sayonara": true, "namaste": true,
	"salam": true, "shalom": true, "spasibo": true, "dziekuje": true, "tak": true, "kiitos": true, "tack": true,
	"bella": true, "amigo": true, "amor": true, "buenos dias": true, "buenas noches": true, "guten tag": true,
	"gute nacht": true, "ola": true, "merhaba": true, "xie xie": true, "ni hao": true, "annyeong": true,
	"kawaii": true, "senpai": true, "dolce vita": true, "carpe diem": true, "mamma mia": true, "wunderbar": true,
	"bonjour": true, "merci": true, "au revoir": true, "oui": true, "s'il vous plait": true, "hello": true,
	"thank you": true, "please": true, "goodbye": true, "sorry": true, "cheers": true, "hygge": true, "saudade": true,
}

var (
	reSentenceish = mustRx(`\b(?:this|the following|ce texte|cette phrase|ce paragraphe|paragraph|paragraphe|text|texte|email|mail|message|document|article|letter|lettre|sentence|phrase suivante)\b|[.;:?!]\s+\S`)
	reDefWhat     = mustRx(`^(?:what does|what do|wat does) (?P<x>.+?) (?:mean|means|stand for|signify)$|^what (?P<x2>.+?) (?:means|stands for)$`)
	reDefOf       = mustRx(`^(?:what is |what are |what was )?(?:the |a )?(?:definition|defintion|definiton|meaning|meanings|def|signification|definitions)(?: (?:of|for|de|du|des|d'))? (?:the word |the term |the expression |le mot |du mot |l'expression |de l'expression |de la )?(?P<x>.+?)(?: word)?$`)
	reDefine      = mustRx(`^(?:define|definis|definir|definissez|defini) (?:the word |the term |le mot )?(?P<x>.+)$`)
	reDefSuffix   = mustRx(`^(?:the word )?(?P<x>.+?) (?:definition|meaning|defintion|def|signification|sens|definition francais|definition anglais)$`)
	reSynonym     = mustRx(`^(?:what is |what are |what's |give me |c'est quoi |quel est |quels sont )?(?:a |an |the |another |un |une |le |la |les |des |l')?(?:other word|word|synonyms?|synonymes?|antonyms?|antonymes?|opposite|contraire|inverse|oppose|autre mot)(?: word)? (?:for|of|to|de|du|pour|d') (?:the word |le mot )?(?P<x>.+?)(?: c'est quoi| ce serait quoi| please| stp)?$`)
	reSynReplace  = mustRx(`^(?:remplacer|remplace|replace) (?P<x>.+?) (?:par|with|by) (?:un |a |an )?(?:synonyme|synonym|autre mot|other word)$`)
	reSpell       = mustRx(`^(?:how (?:do|does|should|would|can) (?:you|i|one|we|u) spell|how to spell|how is|how do you write|spell|spelling of|spelling for|spelling|(?:the )?(?:right|correct|proper) (?:way to )?spell(?:ing)?(?: of)?|what is the (?:right |correct |proper )?(?:way to spell|spelling of)|i (?:need to know|don't know|dont know|do not know|forgot|never know|can't remember|cant remember) how to spell|(?:i (?:am|m) )?not sure how to spell|i (?:need|want) help spelling|help me spell|(?:can|could) you spell|je sais (?:pas|jamais) comment (?:on )?(?:ecrit|s'ecrit|ecrire)|comment (?:on )?(?:ecrit|ecrire|s'ecrit|epeler|epelle|orthographier|orthographie)(?: le mot| on)?|orthographe (?:de|du|d'|du mot)|epeler|epelle)\s+(?P<x>.+?)(?: spelled| spelt| correctly| s'ecrit)?$`)
	reSpellPost   = mustRx(`^(?P<x>.+?) (?:s'ecrit comment|ca s'ecrit comment|is spelled how|spelling)$|^how (?:is|do you spell|are) (?:the word )?(?P<x2>[a-z'-]+) (?:spelled|spelt|written)$|^comment s'ecrit (?:le mot )?(?P<x3>[a-z'-]+)$`)
	reChoice      = mustRx(`^(?:is it|which is (?:right|correct)|which spelling|c'est|ca s'ecrit|on ecrit|on dit|faut il ecrire|il faut ecrire|s'ecrit il|ca s'ecrit|quelle orthographe)? ?(?P<a>[a-z'-]+(?: [a-z'-]+)?) (?:or|ou|vs|versus) (?P<b>[a-z'-]+(?: [a-z'-]+)?)(?: which is (?:right|correct)| which one| lequel| laquelle| c'est lequel| quelle est la bonne orthographe| on ecrit comment| ca s'ecrit comment)?$`)
	reGrammar     = mustRx(`^(?:(?:what is |c'est quoi |quel est )?(?:the |le |la )?(?:plural|pluriel|feminin|feminine|past tense|participe passe|past participle|conjugaison|conjugation|singulier|singular)(?: form)? (?:of|de|du|d') (?P<x>[a-z' -]+)|(?P<y>[a-z'-]+) (?:au|in the|in) (?:pluriel|plural|feminin|feminine|singulier|singular|past tense|passe compose)(?: ca fait| c'est| is)? ?(?P<z>.*))$`)
)

// guarded reports whether the phrase x asked about is itself a task
// ("écris un poème en anglais"), unless the person quoted it. The patterns
// around x are anchored, so the rest of the prompt is known.
func (p prompt) guarded(x string) bool {
	if strings.Contains(p.norm, "\""+x) || strings.Contains(p.norm, "'"+x) {
		return false
	}
	return reGuard.MatchString(x)
}

// language handles translation_short and definition_spelling.
func (c *Classifier) language(p prompt) (tracker.Verdict, bool) {
	s := p.plain
	hasLang := false
	for _, w := range p.words {
		if _, ok := languages[w]; ok {
			hasLang = true
			break
		}
	}
	if hasLang || strings.Contains(s, "germans") || strings.Contains(s, "say") {
		for _, re := range translationPatterns {
			m := re.FindStringSubmatch(s)
			if m == nil {
				continue
			}
			x := group(re, m, "x")
			l := group(re, m, "l")
			if _, ok := languages[l]; !ok || !shortPhrase(x, 6) || p.guarded(x) {
				continue
			}
			if _, ok := languages[x]; ok {
				continue // "english in french"
			}
			if switchLanguage(x) {
				continue // "speak in german", "answer in french"
			}
			q := "translate " + x + " to " + languages[l]
			if p.lang == "fr" {
				q = "traduire " + x + " en " + l
			}
			return tracker.Verdict{Category: tracker.CatTranslation, Tool: ToolTranslator, URL: searchLink(c.settings.SearchEngine, q)}, true
		}
	}
	if len(p.words) <= 9 {
		if m := reWhatIsA.FindStringSubmatch(s); m != nil && len(p.words) <= 5 {
			if x := group(reWhatIsA, m, "x"); !pronoun[x] && !p.guarded(x) {
				return c.definition(p, x), true
			}
		}
		if gateChoice.any(p.words) {
			if m := reChoice.FindStringSubmatch(s); m != nil {
				a, b := group(reChoice, m, "a"), group(reChoice, m, "b")
				if a != b && similar(a, b) && !p.guarded(a+" "+b) {
					return c.search(tracker.CatDefinition, a+" ou "+b), true
				}
			}
		}
	}
	if !gateLang.any(p.words) {
		return tracker.Verdict{}, false
	}
	// "X ça veut dire quoi", "que veut dire X": a definition, or a
	// translation when X is a foreign word.
	for _, re := range []*rx{reFrMeaning1, reFrMeaning2} {
		if m := re.FindStringSubmatch(s); m != nil {
			x := group(re, m, "x")
			if !shortPhrase(x, 3) || p.guarded(x) {
				continue
			}
			if foreignWords[x] {
				return tracker.Verdict{Category: tracker.CatTranslation, Tool: ToolTranslator, URL: searchLink(c.settings.SearchEngine, s)}, true
			}
			return c.definition(p, x), true
		}
	}
	for _, re := range []*rx{reDefWhat, reDefOf, reDefine, reDefSuffix, reSynonym, reSynReplace, reSpell, reSpellPost} {
		m := re.FindStringSubmatch(s)
		if m == nil {
			continue
		}
		x := group(re, m, "x") + group(re, m, "x2") + group(re, m, "x3")
		if !shortPhrase(x, 3) || pronoun[x] || p.guarded(x) {
			continue
		}
		if foreignWords[x] && re == reDefWhat {
			return tracker.Verdict{Category: tracker.CatTranslation, Tool: ToolTranslator, URL: searchLink(c.settings.SearchEngine, s)}, true
		}
		if re == reSynonym || re == reSynReplace {
			return c.search(tracker.CatDefinition, s), true
		}
		return c.definition(p, x), true
	}
	if m := reGrammar.FindStringSubmatch(s); m != nil {
		x := group(reGrammar, m, "x") + group(reGrammar, m, "y")
		if shortPhrase(x, 2) && !p.guarded(x) {
			return c.search(tracker.CatDefinition, s), true
		}
	}
	return tracker.Verdict{}, false
}

var (
	reWhatIsA    = mustRx(`^(?:qu'est ce qu'une?|qu'est ce que|c'est quoi une?|what is an?|what are) (?P<x>[a-z'-]+)$`)
	reFrMeaning1 = mustRx(`^(?:que veut dire|que signifie|ca veut dire quoi|signification de|la signification de) (?P<x>.+)$`)
	reFrMeaning2 = mustRx(`^(?P<x>.+?) (?:ca )?(?:veut dire quoi|signifie quoi|ca veut dire quoi|veut dire|ca signifie quoi|c'est quoi comme mot)$`)
)

var pronoun = map[string]bool{"it": true, "this": true, "that": true, "he": true, "she": true, "they": true, "you": true,
	"ca": true, "cela": true, "il": true, "elle": true, "this word": true, "that word": true, "my name": true}

// definition points a word at Wiktionary, a phrase at the search engine.
func (c *Classifier) definition(p prompt, x string) tracker.Verdict {
	if len(strings.Fields(x)) == 1 {
		return tracker.Verdict{Category: tracker.CatDefinition, Tool: ToolDictionary, URL: wiktionaryLink(p.lang, x)}
	}
	return c.search(tracker.CatDefinition, p.plain)
}

// switchLanguage: x asks the assistant to use a language, it is no phrase
// to translate ("speak in german", "can we talk in dutch", "réponds en
// anglais", "i'd like the language to be in spanish").
func switchLanguage(x string) bool {
	f := strings.Fields(x)
	for _, w := range f {
		switch w {
		case "speak", "speaking", "talk", "talking", "parle", "parler", "parlez", "parlons", "reponds", "repondre", "repondez":
			return true
		case "answer", "reply", "respond", "write", "language", "switch", "ecris", "ecrire", "langue", "discuter":
			if len(f) > 1 { // alone, it may be the word to translate
				return true
			}
		}
	}
	return false
}

// shortPhrase: a word or short phrase (not a sentence to translate).
func shortPhrase(x string, maxW int) bool {
	x = strings.TrimSpace(x)
	if x == "" {
		return false
	}
	n := len(strings.Fields(x))
	return n <= maxW && !reSentenceish.MatchString(x) && !strings.ContainsAny(x, "0123456789")
}

// similar: two spellings of one word ("occured"/"occurred"), or of one
// phrase written with or without an apostrophe, hyphen or space
// ("davantage"/"d'avantage", "quand meme"/"quand-meme").
func similar(a, b string) bool {
	sa, sb := squash(a), squash(b)
	if len(sa) < 3 || len(sb) < 3 {
		return false
	}
	if sa == sb {
		return true
	}
	return editDistance(sa, sb) <= 3 && sa[:2] == sb[:2]
}

// squash drops apostrophes, hyphens and spaces.
func squash(s string) string {
	return strings.NewReplacer("'", "", "-", "", " ", "").Replace(s)
}

func group(re *rx, m []string, name string) string {
	out := ""
	for i, n := range re.SubexpNames() {
		if n == name && i < len(m) {
			out += m[i]
		}
	}
	return strings.TrimSpace(out)
}

// oneEdit reports whether editDistance(a, b) == 1, without the table: one
// substitution, insertion or deletion.
func oneEdit(a, b string) bool {
	if len(a) > 64 || len(b) > 64 {
		return false // editDistance's bound
	}
	if len(a) < len(b) {
		a, b = b, a
	}
	switch len(a) - len(b) {
	case 0:
		diff := 0
		for i := 0; i < len(a); i++ {
			if a[i] != b[i] {
				diff++
			}
		}
		return diff == 1
	case 1:
		i := 0
		for i < len(b) && a[i] == b[i] {
			i++
		}
		return a[i+1:] == b[i:]
	}
	return false
}

// editDistance is the Levenshtein distance, for typo tolerance.
func editDistance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		return 99
	}
	var rows [2][65]int
	prev, cur := rows[0][:len(b)+1], rows[1][:len(b)+1]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
