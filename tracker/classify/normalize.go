package classify

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxBytes bounds how much of a prompt is analysed. Trivial prompts are
// short; a longer text is something to work on and is never nudged, and
// regular expressions never run on it.
const maxBytes = 600

// maxWords: beyond this many words a prompt is a task, not a lookup.
const maxWords = 22

// fold maps accented Latin letters and typographic signs to plain ASCII.
// Written out rather than using x/text so the package needs no dependency.
var fold = map[rune]string{
	'à': "a", 'á': "a", 'â': "a", 'ä': "a", 'ã': "a", 'å': "a", 'æ': "ae",
	'ç': "c", 'è': "e", 'é': "e", 'ê': "e", 'ë': "e",
	'ì': "i", 'í': "i", 'î': "i", 'ï': "i", 'ñ': "n",
	'ò': "o", 'ó': "o", 'ô': "o", 'ö': "o", 'õ': "o", 'ø': "o", 'œ': "oe",
	'ù': "u", 'ú': "u", 'û': "u", 'ü': "u", 'ý': "y", 'ÿ': "y", 'ß': "ss",
	'\u2019': "'", '\u2018': "'", '\u02bc': "'", '`': "'", '´': "'",
	'\u201c': "\"", '\u201d': "\"", '«': "\"", '»': "\"", '\u201e': "\"",
	'\u2013': "-", '\u2014': "-", '\u2212': "-", '\u2010': "-", '\u2011': "-",
	'×': "*", '÷': "/", '\u2026': "...", '²': "^2", '³': "^3", '°': " deg ",
}

// normalize lowercases s, strips diacritics, folds quotes and signs and
// collapses whitespace. Invalid UTF-8 and NUL bytes become spaces; line
// breaks become "\n" (kept so pasted texts can be recognised).
func normalize(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 8)
	space := true
	for i, w := 0, 0; i < len(s); i += w {
		if c := s[i]; c < utf8.RuneSelf && c > ' ' && c != 0x7f && c != '`' {
			// Printable ASCII: lowercased, nothing to fold.
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b.WriteByte(c)
			space = false
			w = 1
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		w = n
		if r == '\n' || r == '\r' {
			str := b.String()
			if !strings.HasSuffix(str, "\n") {
				if !space {
					b.WriteByte(' ')
				}
				b.WriteString("\n ")
			}
			space = true
			continue
		}
		if r == utf8.RuneError || r == 0 || unicode.IsSpace(r) || unicode.IsControl(r) {
			if !space {
				b.WriteByte(' ')
				space = true
			}
			continue
		}
		r = unicode.ToLower(r)
		if f, ok := fold[r]; ok {
			if strings.HasPrefix(f, " ") {
				if !space {
					b.WriteByte(' ')
				}
				b.WriteString(strings.TrimSpace(f))
				b.WriteByte(' ')
				space = true
				continue
			}
			b.WriteString(f)
			space = false
			continue
		}
		b.WriteRune(r)
		space = false
	}
	return strings.TrimSpace(b.String())
}

// prompt is a prompt prepared for matching.
type prompt struct {
	raw   string // the original text
	norm  string // normalise()d, punctuation kept, one line
	plain string // words only: quotes and sentence punctuation removed, politeness stripped
	words []string
	lang  string // "fr" or "en"
	lines int    // non-empty lines in the original
}

// contractions are expanded so patterns need one spelling.
var contractions = strings.NewReplacer(
	"what's ", "what is ", "whats ", "what is ", "wats ", "what is ", "wat ", "what ",
	"how's ", "how is ", "where's ", "where is ", "when's ", "when is ", "who's ", "who is ",
	"it's ", "it is ", "its ", "it is ", "that's ", "that is ", "i'm ", "i am ", "whos ", "who is ",
	" u ", " you ", " ur ", " your ", " r ", " are ", "wht ", "what ", "hw ", "how ",
	"whts ", "what is ", "wut ", "what ", " pls", " please", " plz", " please",
	"qu'est ce que c'est que ", "c'est quoi ", "qu'est ce que ", "c'est quoi ", "kel ", "quel ", "keske ", "c'est quoi ",
	" ya ", " il y a ", "y'a ", "il y a ",
)

// politeness that carries no meaning, at the start of a prompt.
var rePolitePrefix = mustRx(`^(?:(?:hey|hi|hello|ok|okay|so|well|quick question|quick one|quick q|real quick|one question|a question|simple question|question|yo|dear \w+|(?:hi|hey|hello) there|good (?:morning|afternoon|evening)|morning|bonjour|bonsoir|salut|coucou|hello|alors|dis moi|dites moi|dis|dites|euh|bah|ben|please|pls|plz|kindly|svp|stp|s'il te plait|s'il vous plait|excuse me|excusez moi|merci de|merci|thanks|petite question|question rapide|une question|une petite question|j'ai une question|i have a question|lol|mdr|haha|alexa|siri|hey siri|ok google|hey google|assistant|chatgpt|claude|gemini)[\s,!.:]+` +
	`|(?:can|could|would|will) you (?:please )?(?:tell me|let me know|give me|say|find out|check|look up|find|show me)?\s*` +
	`|(?:please )?(?:tell me|let me know|show me|remind me)\s+` +
	`|(?:do|did) you know\s+|i (?:want|need|would like|wanna|d like|'d like) to know\s+|i wonder\s+|i was wondering\s+` +
	`|(?:tu peux|vous pouvez|peux tu|pouvez vous|pourrais tu|pourriez vous|tu pourrais|vous pourriez|est ce que tu peux|est ce que vous pouvez|sais tu|savez vous|tu sais|tu connais)\s+(?:me\s+)?(?:dire|donner|indiquer|rappeler)?\s*` +
	`|(?:je voudrais|j'aimerais|je veux|je souhaite|je souhaiterais)\s+(?:savoir|connaitre|avoir)\s+` +
	`|(?:je me demandais|je me demande|est ce que tu sais|est ce que vous savez|tu saurais|vous sauriez)\s+(?:me dire\s+)?` +
	`|i (?:must|have to|got to|gotta) know\s+|(?:i'd|i would) (?:like|love) to know\s+|(?:quick|just) (?:wondering|checking)\s+` +
	`|(?:donne|donnez|dis|dites|indique|indiquez)\s+(?:moi|nous)\s+` +
	`` +
	`|(?:google|search for|search the web for|search online for|look up|lookup|cherche sur (?:google|internet|le web)|recherche sur (?:google|internet|le web))\s+` +
	`|answer (?:me )?(?:the following|this) question[.:]?\s+)`)

var reGiveMe = mustRx(`^(?:give me|get me|find me|donne moi|donnez moi)\s+(?:the\s+|la\s+|le\s+)?(definition|meaning|spelling|time|date|weather|forecast|capital|population|translation|meteo|capitale|heure)\b`)

var rePoliteSuffix = mustRx(`(?:[\s,]+(?:please|pls|plz|thanks|thank you|thanks a lot|thank you very much|thanks in advance|in advance|thx|merci|merci beaucoup|merci d'avance|d'avance|stp|svp|s'il te plait|s'il vous plait|for me|pour moi|deja|already|again|right|n'est ce pas|hein|quickly|vite|asap|lol|mdr|ptdr|haha|xd|rounded to (?:the nearest )?(?:\w+ )?(?:decimal places?|decimals?|digits?)|arrondi (?:a|au) (?:\w+ )?(?:decimales?|chiffres? apres la virgule|centiemes?|dixiemes?)))+$`)

// prepare readies text, whose normalize()d form is n, and reports false
// when the text is too long to be trivial. lang may be empty: it is then
// guessed.
func prepare(text, n, lang string) (prompt, bool) {
	p := prompt{raw: text}
	if len(text) > maxBytes {
		return p, false
	}
	p.lines = 1 + strings.Count(n, "\n")
	if n == "" {
		return p, false
	}
	n = strings.ReplaceAll(n, "\n ", " ")
	n = strings.ReplaceAll(n, "\n", " ")
	n = joinThousands(n)
	p.norm = n
	s := " " + n + " "
	s = openQuotes(s)
	s = closeQuotes(s)
	s = splitHyphens(s, true) // all: a-t-il
	s = stripPunct(s)
	s = collapseSpaces(s)
	s = contractions.Replace(s)
	s = casual(strings.TrimSpace(s))
	for range 4 {
		t := s
		if f, _, _ := strings.Cut(t, " "); gatePoliteStart.has(f) {
			t = reGiveMe.ReplaceAllString(t, "$1")
			t = rePolitePrefix.ReplaceAllString(t, "")
		}
		if i := strings.LastIndexByte(t, ' '); gatePoliteEnd.has(t[i+1:]) {
			t = strings.TrimSpace(rePoliteSuffix.ReplaceAllString(t, ""))
		}
		if t == s {
			break
		}
		s = t
	}
	p.plain = s
	p.words = strings.Fields(s)
	p.lang = lang
	if p.lang != "fr" && p.lang != "en" {
		p.lang = guessLang(p.words, n)
	}
	return p, true
}

var frWords = map[string]bool{
	"le": true, "la": true, "les": true, "de": true, "du": true, "des": true, "est": true, "quel": true,
	"quelle": true, "combien": true, "comment": true, "en": true, "a": true, "et": true, "il": true,
	"je": true, "un": true, "une": true, "c'est": true, "fait": true, "font": true, "dans": true, "pour": true,
	"heure": true, "meteo": true, "demain": true, "aujourd'hui": true, "stp": true, "svp": true, "ou": true,
	"qui": true, "que": true, "quoi": true, "au": true, "aux": true, "sur": true, "moi": true, "veut": true,
	"dire": true, "temps": true, "jours": true, "ca": true, "l'": true,
}
var enWords = map[string]bool{
	"the": true, "is": true, "what": true, "how": true, "in": true, "of": true, "to": true, "do": true,
	"you": true, "a": true, "and": true, "it": true, "i": true, "does": true, "many": true, "much": true,
	"weather": true, "time": true, "who": true, "when": true, "where": true, "will": true, "say": true,
	"mean": true, "spell": true, "tomorrow": true, "today": true, "for": true, "are": true, "me": true,
}

// guessLang tells French from English by counting function words and
// accented letters; English wins a tie (more of the world types it).
func guessLang(words []string, norm string) string {
	fr, en := 0, 0
	for _, w := range words {
		if frWords[w] {
			fr++
		}
		if enWords[w] {
			en++
		}
		if strings.HasPrefix(w, "l'") || strings.HasPrefix(w, "d'") || strings.HasPrefix(w, "qu'") || strings.HasPrefix(w, "c'") {
			fr++
		}
	}
	if fr > en {
		return "fr"
	}
	return "en"
}

// Words returns the words of text as the intents read it (normalised,
// politeness stripped), or nil when text is too long to be trivial. The
// learned second opinion is trained on these (internal/train).
func Words(text, lang string) []string {
	if len(text) > maxBytes {
		return nil
	}
	p, ok := prepare(text, normalize(text), lang)
	if !ok {
		return nil
	}
	return p.words
}
