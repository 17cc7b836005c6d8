package classify

import (
	"strings"
	"time"

	"frugal/tracker"
)

// Suggested tools, as stored in tracker.Request.Tool.
const (
	ToolWeather    = "weather"
	ToolSearch     = "search"
	ToolCalculator = "calculator"
	ToolConverter  = "converter"
	ToolClock      = "clock"
	ToolDictionary = "dictionary"
	ToolTranslator = "translator"
	ToolSite       = "site"
)

// Options configure a Classifier. The zero value works: DuckDuckGo, the
// automatic weather service, the system clock and local time zone.
type Options struct {
	SearchEngine   string           // one of tracker.SearchEngines; "" = duckduckgo
	WeatherService string           // WeatherAuto, WeatherMeteoFrance, WeatherYr or WeatherSearch
	NudgesOff      map[string]bool  // category → true: never nudge it (verdict CatNone)
	Now            func() time.Time // clock for "what time is it", "days until…"
	Location       *time.Location   // the person's zone; nil = time.Local
	RulesOnly      bool             // never ask the learned second opinion (model.go)
}

// settings is what a Classify call reads.
type settings struct {
	SearchEngine   string
	WeatherService string
	NudgesOff      map[string]bool
}

// Classifier classifies prompts (app/core adapts it to tracker.Classifier,
// which passes the settings). It is safe for concurrent use:
// everything it needs is built by New and never changed afterwards.
type Classifier struct {
	settings  settings
	now       func() time.Time
	loc       *time.Location
	rulesOnly bool
}

// New returns a classifier. The patterns and tables it uses are compiled
// once, at package initialisation, so New itself is cheap.
func New(o Options) *Classifier {
	c := &Classifier{
		settings:  settings{SearchEngine: o.SearchEngine, WeatherService: o.WeatherService, NudgesOff: o.NudgesOff},
		now:       o.Now,
		loc:       o.Location,
		rulesOnly: o.RulesOnly,
	}
	if c.settings.SearchEngine == "" {
		c.settings.SearchEngine = "duckduckgo"
	}
	if c.now == nil {
		c.now = time.Now
	}
	if c.loc == nil {
		c.loc = time.Local
	}
	return c
}

// WithSettings returns a copy of c that applies a person's settings: their
// search engine, weather service and the categories whose nudges they
// turned off. c itself is unchanged, so one Classifier can serve several
// settings at once.
func (c *Classifier) WithSettings(s tracker.Settings) *Classifier {
	d := *c
	if s.SearchEngine != "" {
		d.settings.SearchEngine = s.SearchEngine
	}
	d.settings.WeatherService = s.WeatherService
	d.settings.NudgesOff = s.NudgesOff
	return &d
}

// Classify gives the verdict on a prompt. lang is "fr", "en" or "" (guessed).
// It never panics and never fails: anything it cannot read is CatNone.
func (c *Classifier) Classify(text, lang string) tracker.Verdict {
	// Normalised once: the kind reads the head of any text, the intents
	// only a text short enough to be trivial, that is the same head.
	head := text
	if len(head) > maxBytes {
		head = head[:maxBytes]
	}
	n := normalize(head)
	if k := kindOf(n); k != tracker.KindText {
		return tracker.Verdict{Category: tracker.CatNone, Note: HeavyNote(k, noteLang(n, lang))}
	}
	p, ok := prepare(text, n, lang)
	if !ok {
		return tracker.Verdict{Category: tracker.CatNone}
	}
	v := c.classify(p)
	if v.Category == "" {
		v.Category = tracker.CatNone
	}
	if v.Category.Trivial() && c.settings.NudgesOff[string(v.Category)] {
		return tracker.Verdict{Category: tracker.CatNone}
	}
	return v
}

// noteLang is the language of a tip on a text whose head normalises to n.
func noteLang(n, lang string) string {
	if lang == "fr" || lang == "en" {
		return lang
	}
	return guessLang(strings.Fields(n), "")
}

var (
	// reGuard: words that mark a real task (writing, explaining, advice,
	// code, creative forms). A prompt containing one is never nudged.
	reGuard = mustRx(`\b(?:why|whys|pourquoi|explain|explains|explaining|explique|expliquer|expliquez|explication|write|writing|wrote a|ecris|ecrire|ecrit moi|ecrivez|redige|rediger|redigez|poem|poems|poeme|poemes|poesie|poetry|haiku|haikus|story|stories|histoire|histoires|essay|dissertation|song|songs|chanson|lyrics|paroles|rap|verse|sonnet|limerick|acrostic|acrostiche|summarize|summarise|summary|resume|resumer|resumez|compare|comparer|comparison|comparaison|roleplay|role play|pretend|imagine|imaginez|invent|invente|inventer|brainstorm|ideas|idees|idee|tips|conseils|conseil|conseille|conseiller|advice|recommend|recommande|recommandes|recommander|recommendation|suggest|suggestions|help|helping|aide|aider|aidez|script|function|fonction|program|programme|coder|python|javascript|typescript|sql|bash|html|css|draft|e mail|email|courriel|letter|lettre|debate|argue|arguments|proofread|corrige|corriger|rewrite|reecris|reformule|paraphrase|elaborate|analyse|analyser|analyze|outline|joke|jokes|blague|blagues|riddle|devinette|recipe|recette|describe|decris|decrire|raconte|racontez|tell me about|what do you think|que penses tu|ton avis|your opinion|opinion|pros and cons|example sentences|exemples? de phrases|caption|slogan|tweet|linkedin post|cover letter|cv|resume for|motivation)\b`)
	// reTaskStart: a prompt that opens with an order to produce something.
	reTaskStart = mustRx(`^(?:translate|traduis|traduire|traduisez|traduction|create|make|generate|build|design|list|name \d|draw|dessine|cree|creer|genere|generer|fais|fabrique|prepare|organise|planifie|propose|trouve|find|give me (?:\d+|some|a few|a list|several|three|five|ten)|donne (?:moi )?(?:\d+|des|quelques|une liste|plusieurs|trois|cinq|dix)|solve|resous|continue|complete|finish|reply|reponds|answer the following questions|act as|agis|be my|sois|you are|tu es|je suis|i am|i have|i'm|j'ai|let's|let us|on va)\b`)
	// reHeader: the first line of a short pasted form ("Answer the
	// following question.", "Convert the following measurement.").
	reHeaderLine = mustRx(`^[^\n]{0,120}[:.?]\s*$`)
)

// classify runs the intents in order of specificity.
func (c *Classifier) classify(p prompt) tracker.Verdict {
	none := tracker.Verdict{Category: tracker.CatNone}
	if len(p.words) == 0 || len(p.words) > maxWords {
		return none
	}
	if p.lines > 1 {
		// A pasted text is something to work on, unless it is a short form:
		// a header line then a few words.
		first, _, _ := strings.Cut(strings.TrimSpace(p.raw), "\n")
		if p.lines > 4 || len(p.words) > 16 || !reHeaderLine.MatchString(strings.TrimSpace(first)) {
			return none
		}
	}
	// Translations and spellings first: the word asked about may itself be
	// a task word ("how do you spell write"); language checks the guards on
	// the rest of the prompt.
	if v, ok := c.language(p); ok {
		return v
	}
	if gateGuard.any(p.words) && reGuard.MatchString(p.plain) {
		return none
	}
	if reTaskStart.MatchString(p.plain) {
		// "find the square root of 453", "trouve 15 % de 80": an order,
		// but to compute.
		if w := p.words[0]; w == "find" || w == "trouve" {
			if v, ok := c.calculation(p); ok {
				return v
			}
		}
		return none
	}
	for _, intent := range []func(prompt) (tracker.Verdict, bool){
		c.navigation, c.timeDate, c.conversion, c.calculation, c.weather, c.fact,
	} {
		if v, ok := intent(p); ok {
			return v
		}
	}
	if v, ok := c.secondOpinion(p); ok {
		return v
	}
	return none
}

// search is the verdict for a category best served by a search engine.
func (c *Classifier) search(cat tracker.Category, q string) tracker.Verdict {
	return tracker.Verdict{Category: cat, Tool: ToolSearch, URL: searchLink(c.settings.SearchEngine, q)}
}

// calculation answers arithmetic locally.
func (c *Classifier) calculation(p prompt) (tracker.Verdict, bool) {
	if ans, ok := vatAnswer(p); ok {
		return tracker.Verdict{Category: tracker.CatCalculation, Tool: ToolCalculator, Answer: ans}, true
	}
	ans, ok := calcAnswer(p)
	if !ok {
		return tracker.Verdict{}, false
	}
	return tracker.Verdict{Category: tracker.CatCalculation, Tool: ToolCalculator, Answer: ans}, true
}
