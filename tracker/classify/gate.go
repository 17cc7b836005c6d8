package classify

import "strings"

// Trigger words let an intent skip its regular expressions when a prompt
// cannot be about it; this is what keeps a typical prompt in microseconds.
// A set holds single normalised words; an entry ending in "*" is a prefix.

type wordSet struct {
	words    map[string]bool
	prefixes *[256][]string // by first byte
}

func newWordSet(list string) wordSet {
	s := wordSet{words: map[string]bool{}, prefixes: new([256][]string)}
	for _, w := range strings.Fields(list) {
		if p, ok := strings.CutSuffix(w, "*"); ok {
			s.prefixes[p[0]] = append(s.prefixes[p[0]], p)
		} else {
			s.words[w] = true
		}
	}
	return s
}

func (s wordSet) any(words []string) bool {
	for _, w := range words {
		if s.has(w) {
			return true
		}
	}
	return false
}

// has reports whether w is in the set, or starts with one of its prefixes.
func (s wordSet) has(w string) bool {
	if i := strings.IndexByte(w, '\''); i >= 0 && i <= 3 && i < len(w)-1 && !s.words[w] {
		w = w[i+1:] // "l'inverse", "d'orage"
	}
	if s.words[w] {
		return true
	}
	if w == "" {
		return false
	}
	for _, p := range s.prefixes[w[0]] {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	return false
}

var (
	gateKind = newWordSet(`image* picture* pic photo* drawing* draw dessin* dessine* illustr* logo* portrait* wallpaper fond icon* icone* poster affiche
		painting peinture tableau sticker avatar meme artwork render* sketch croquis comic bd cartoon infograph* mockup maquette paint peins
		video* clip* animation* film* movie* gif timelapse trailer bande audio music musique soundtrack jingle podcast voice voix voiceover
		sound son ringtone sonnerie mp3 melod* beat instrumental tts text speech lis midjourney dall dalle stable sora veo runway suno udio clone read`)
	gateTime = newWordSet(`time* heure* date* day* jour* week* semaine* zone* fuseau* utc gmt year* annee* month* mois an ans today aujourd'hui
		now maintenant until till til avant reste* left holiday* ferie* vacances when quand tombe* falls fall hours ahead behind decalage*
		difference sleeps christmas xmas noel halloween thanksgiving easter paques valentin* valentine* toussaint new nouvel reveillon sylvestre
		fete independence bastille armistice assomption patrick* mother's mothers
		january jan february feb march mar april apr may june jun july jul august aug september sep sept october oct november nov december dec
		janvier janv fevrier fev fevr mars avril avr mai juin juillet juil aout septembre octobre novembre decembre
		monday tuesday wednesday thursday friday saturday sunday lundi mardi mercredi jeudi vendredi samedi dimanche`)
	gateLang = newWordSet(`mean means meaning meanings definition* defintion definiton def define* defini* signif* synonym* antonym* opposite contraire inverse
		oppose spell* spelt orthograph* epel* ecrit ecrire s'ecrit plural pluriel feminin feminine singular singulier
		past participe conjugaison conjugation veut dire remplace* replace* word words mot mots another autre`)
	gateChoice      = newWordSet(`or ou vs versus`)
	gatePoliteStart = newWordSet(`hey hi hello ok okay so well quick question yo dear bonjour bonsoir salut coucou alors dis dites euh please pls plz kindly svp stp s'il excuse excusez merci assistant chatgpt claude gemini can could would will tell let show remind do did i tu vous peux pouvez pourrais pourriez est sais savez je j'aimerais donne donnez indique indiquez answer give get find google search look lookup cherche recherche quick real one a simple good morning there bah ben thanks petite une j'ai lol mdr haha alexa siri`)
	gatePoliteEnd   = newWordSet(`please pls plz thanks you thx merci stp svp plait moi me deja already again right pas hein quickly vite asap lot much beaucoup advance d'avance lol mdr ptdr haha xd places place decimal decimals decimale decimales digit digits chiffre chiffres virgule centieme centiemes dixieme dixiemes`)
	gateWeather     = newWordSet(`weather forecast* forcast wheather weahter meteo prevision* rain* snow* umbrella sunny fog* wind* storm* thunder* hail humid*
		uv frost freez* drizzle sleet blizzard heat* pluie* pleu* neige* soleil ensoleille nuage* vent venteux orage* grele brouillard gel gelee* canicule
		parapluie pression atmospheric barometric temps beau precipitation* averse* showers temperature* temp hot cold warm chilly degrees degres
		chaud froid conditions low high minimales maximales cloud* sun fait`)
	gateGuard = newWordSet(`why whys pourquoi explain* expliqu* explication write writing wrote ecris ecrire ecrivez redige* poem* poeme* poesie poetry haiku*
		story stories histoire* essay dissertation song songs chanson lyrics paroles rap verse sonnet limerick acrostic acrostiche summar* resume*
		compar* roleplay role pretend imagine* invent* brainstorm ideas idees idee tips conseil* advice recommand* recommend* suggest* help helping
		aide aider aidez script function fonction program programme coder python javascript typescript sql bash html css draft e email courriel letter
		lettre debate argue arguments proofread corrige* rewrite reecris reformule paraphrase elaborate analys* analyze outline joke* blague* riddle
		devinette recipe recette describe decris decrire raconte* tell think penses ton your opinion pros example exemples caption slogan tweet linkedin
		cover cv motivation`)
)
