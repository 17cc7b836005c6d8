package classify

import "strings"

// Casual writing, read before any intent runs: numbers written the French
// way, text-message spellings and missing apostrophes, possessives. Each
// pass works on normalised text (lowercase, no accents) and returns its
// input unchanged, without allocating, when there is nothing to do.

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// joinThousands removes the space (a no-break or narrow no-break space is
// already a plain space after normalize) between groups of three digits:
// "3 400" → "3400", "12 000 000" → "12000000", "1 250,75" → "1250,75".
// A group joins only when it starts a number (1 to 3 digits, not after a
// digit, a point or a comma) and every following group has exactly three
// digits, so "entre 10 et 100" or a list "3 5 7" stay as they are.
func joinThousands(s string) string {
	if strings.IndexByte(s, ' ') < 0 {
		return s
	}
	var b []byte
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) || i > 0 && (isDigit(s[i-1]) || s[i-1] == '.' || s[i-1] == ',') {
			continue
		}
		j := i
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		if j-i > 3 {
			i = j
			continue
		}
		for j+4 <= len(s) && s[j] == ' ' && isDigit(s[j+1]) && isDigit(s[j+2]) && isDigit(s[j+3]) &&
			(j+4 == len(s) || !isDigit(s[j+4])) {
			if b == nil {
				b = []byte(s)
			}
			b[j] = 0 // removed below
			j += 4
		}
		i = j
	}
	if b == nil {
		return s
	}
	out := b[:0]
	for _, c := range b {
		if c != 0 {
			out = append(out, c)
		}
	}
	return string(out)
}

// casualWords: text-message and apostrophe-less spellings, by word, with
// their standard form. Only words that cannot be read another way in a
// short question are listed.
var casualWords = map[string]string{
	// French text messages
	"koi": "quoi", "kwa": "quoi", "ki": "qui", "kan": "quand", "qd": "quand", "koman": "comment", "komen": "comment",
	"cmt": "comment", "cmb": "combien", "cb": "combien", "cbn": "combien", "combi1": "combien", "kel": "quel",
	"kelle": "quelle", "kels": "quels", "kelles": "quelles", "pk": "pourquoi", "pq": "pourquoi", "pkoi": "pourquoi",
	"mtn": "maintenant", "mnt": "maintenant", "auj": "aujourd'hui", "ajd": "aujourd'hui", "ojd": "aujourd'hui",
	"aujourdhui": "aujourd'hui", "ajrd": "aujourd'hui", "dem1": "demain", "2m1": "demain", "2main": "demain",
	"tps": "temps", "bcp": "beaucoup", "tjrs": "toujours", "tjs": "toujours", "ds": "dans", "ac": "avec", "avc": "avec",
	"pr": "pour", "fon": "font", "fo": "faut", "slt": "salut", "bjr": "bonjour", "bsr": "bonsoir", "cc": "coucou",
	"mrc": "merci", "mci": "merci", "dsl": "desole", "jsp": "", "jsais": "", "chui": "je suis", "chuis": "je suis",
	"cest": "c'est", "cetait": "c'etait", "quest": "qu'est", "questce": "qu'est ce", "jai": "j'ai", "jaimerais": "j'aimerais",
	"jveux": "je veux", "jvoudrais": "je voudrais", "tes": "tu es", "ca": "ca", "sa": "ca", "keske": "qu'est ce que",
	"kesako": "c'est quoi", "quesque": "qu'est ce que", "kesk": "qu'est ce que",
	// English
	"tmrw": "tomorrow", "tmr": "tomorrow", "tmw": "tomorrow", "tomoz": "tomorrow", "2moro": "tomorrow", "2morrow": "tomorrow",
	"2day": "today", "tdy": "today", "2nite": "tonight", "tonite": "tonight", "rn": "right now", "wats": "what is",
	"whats": "what is", "hows": "how is", "wheres": "where is", "whens": "when is", "whos": "who is", "ppl": "people",
	"b4": "before", "thx": "thanks", "ty": "thanks", "tysm": "thanks", "pls": "please", "plz": "please", "plse": "please",
	"wat": "what", "wut": "what", "wht": "what", "hw": "how", "abt": "about", "bday": "birthday", "dunno": "",
}

// casual rewrites text-message words and a few contextual ones ("c koi",
// "il fé": accents are already gone, so "fé" arrives as "fe"), drops the
// possessive "'s" after a place or a day ("denver's time zone", "tomorrow's
// date") and returns s unchanged when nothing applies.
func casual(s string) string {
	words := strings.Fields(s)
	changed := false
	out := words[:0:0]
	for i, w := range words {
		r, ok := casualWords[w]
		switch {
		case ok && r != w:
		case w == "c" && i+1 < len(words) && casualNext[words[i+1]]:
			r, ok = "c'est", true
		case (w == "fe" || w == "fo") && i > 0 && (words[i-1] == "il" || words[i-1] == "ca" || words[i-1] == "sa"):
			r, ok = map[string]string{"fe": "fait", "fo": "faut"}[w], true
		case w == "y" && i+1 < len(words) && words[i+1] == "a" && (i == 0 || words[i-1] != "il") &&
			(i+2 >= len(words) || words[i+2] != "t"):
			r, ok = "il y", true
		case strings.HasSuffix(w, "'s") && len(w) > 3 && possessiveDrop(w[:len(w)-2]):
			r, ok = w[:len(w)-2], true
		default:
			ok = false
		}
		if !ok {
			out = append(out, w)
			continue
		}
		changed = true
		if r != "" {
			out = append(out, r)
		}
	}
	if !changed {
		return s
	}
	return strings.Join(out, " ")
}

// casualNext: words after which a lone "c" is "c'est".
var casualNext = map[string]bool{"quoi": true, "koi": true, "qui": true, "ki": true, "quand": true, "kan": true,
	"combien": true, "cb": true, "cmb": true, "ou": true, "comment": true, "quel": true, "quelle": true, "kel": true,
	"kelle": true, "le": true, "la": true, "les": true, "un": true, "une": true, "pas": true, "ca": true}

// possessiveDrop: "X's" reads as X when X is a day word or a known place.
func possessiveDrop(x string) bool {
	switch x {
	case "today", "tomorrow", "yesterday", "tonight", "week", "month", "year", "day":
		return true
	}
	_, ok := placeZones[x]
	return ok
}
