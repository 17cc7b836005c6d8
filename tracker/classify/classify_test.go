package classify

import (
	"strings"
	"testing"
	"time"

	"frugal/tracker"
)

// fixedNow is Tuesday 10 March 2026, 09:30 UTC.
var fixedNow = time.Date(2026, 3, 10, 9, 30, 0, 0, time.UTC)

func testClassifier() *Classifier {
	return New(Options{Now: func() time.Time { return fixedNow }, Location: time.UTC})
}

func TestClassify_LocalAnswers(t *testing.T) {
	c := testClassifier()
	for _, tc := range []struct {
		name, text, lang string
		cat              tracker.Category
		answer           string
	}{
		{"a French percentage uses a decimal comma", "17 % de 240", "fr", tracker.CatCalculation, "40,8"},
		{"an English percentage uses a point", "17% of 240", "en", tracker.CatCalculation, "40.8"},
		{"a product of integers", "12*37", "", tracker.CatCalculation, "444"},
		{"decimals are exact", "0.1 + 0.2", "en", tracker.CatCalculation, "0.3"},
		{"a French decimal comma multiplies", "5,5 x 8", "fr", tracker.CatCalculation, "44"},
		{"number words add up", "what is twelve plus one hundred and ninety six", "en", tracker.CatCalculation, "208"},
		{"French number words", "combien font quatre vingt dix moins dix", "fr", tracker.CatCalculation, "80"},
		{"a cube", "9 au cube", "fr", tracker.CatCalculation, "729"},
		{"a square root sign", "√81", "fr", tracker.CatCalculation, "9"},
		{"a square root in words", "what is the square root of 144", "en", tracker.CatCalculation, "12"},
		{"an irrational root is rounded", "sqrt 2", "en", tracker.CatCalculation, "≈ 1.4142135624"},
		{"a power in words", "what is 10 to the 12th power", "en", tracker.CatCalculation, "1,000,000,000,000"},
		{"a factorial", "what is 8 factorial", "en", tracker.CatCalculation, "40,320"},
		{"a tip", "what is an 18 percent tip on 20 dollars", "en", tracker.CatCalculation, "tip 3.60 (total 23.60)"},
		{"a discount", "prix après 18% de remise sur 95€", "fr", tracker.CatCalculation, "77,90 (remise de 17,10)"},
		{"an average", "what is the average of 54, 23, 43, 12, and 442", "en", tracker.CatCalculation, "114.8"},
		{"a fraction of", "what is 3/4 of 18", "en", tracker.CatCalculation, "13.5"},
		{"thousands in French", "55 fois 300", "fr", tracker.CatCalculation, "16\u202f500"},
		{"a repeating division", "10/3", "en", tracker.CatCalculation, "≈ 3.3333333333"},
		{"miles to kilometres", "8 km en miles", "fr", tracker.CatConversion, "8 km = ≈ 4,97097 mi"},
		{"fahrenheit from an oven in celsius", "four à 220 degrés, ça fait combien en °F ?", "fr", tracker.CatConversion, "220 °C = 428 °F"},
		{"how many of a unit in another", "how many feet are in 50 yards", "en", tracker.CatConversion, "50 yd = 150 ft"},
		{"grams in kilograms", "how many grams are in 9 kilograms", "en", tracker.CatConversion, "9 kg = 9,000 g"},
		{"a typo in a unit", "what's 32 degrees fahrenheit in celsisus", "en", tracker.CatConversion, "32 °F = 0 °C"},
		{"data sizes", "1 Go en Mo", "fr", tracker.CatConversion, "1 GB = 1000 MB"},
		{"speed", "100 km/h en mph", "fr", tracker.CatConversion, "100 km/h = ≈ 62,1371 mph"},
		{"area", "2 hectares in acres", "en", tracker.CatConversion, "2 ha = ≈ 4.94211 acre"},
		{"time units", "how many seconds in a day", "en", tracker.CatConversion, "1 d = 86,400 s"},
		{"currency gets no number", "45 AUD to NZD", "en", tracker.CatConversion, ""},
		{"local time in a city", "what time is it in tokyo", "en", tracker.CatTimeDate, "18:30 (Tokyo, UTC+9)"},
		{"local time in French", "heure à Nouméa", "fr", tracker.CatTimeDate, "20 h 30 (Noumea, UTC+11)"},
		{"a time difference", "combien d'heures de différence entre Paris et Lima", "fr", tracker.CatTimeDate, "Paris a 6 h d'avance sur Lima"},
		{"a clock time in another zone", "Si il est 13h37 à Paris, quelle heure est-il à Tokyo ?", "fr", tracker.CatTimeDate, "21 h 37 à Tokyo"},
		{"days until a date", "combien de jours il reste avant le 14 février", "fr", tracker.CatTimeDate, "341 jours → dimanche 14 février 2027"},
		{"the weekday of a date", "le 11 novembre 2026 tombe un mercredi ?", "fr", tracker.CatTimeDate, "Oui : mercredi 11 novembre 2026"},
		{"a wrong weekday", "Nov 27 2025 is a friday right?", "en", tracker.CatTimeDate, "No: Thursday 27 November 2025"},
		{"a date in some days", "what day will it be in fourteen days", "en", tracker.CatTimeDate, "Tuesday 24 March 2026"},
		{"today's date", "quel jour sommes-nous", "fr", tracker.CatTimeDate, "mardi 10 mars 2026"},
		{"easter is computed", "when is easter", "en", tracker.CatTimeDate, "Sunday 5 April 2026"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := c.Classify(tc.text, tc.lang)
			if v.Category != tc.cat || v.Answer != tc.answer {
				t.Errorf("Classify(%q) = %s %q, want %s %q", tc.text, v.Category, v.Answer, tc.cat, tc.answer)
			}
		})
	}
}

func TestClassify_Links(t *testing.T) {
	c := testClassifier()
	for _, tc := range []struct {
		name, text, lang string
		cat              tracker.Category
		url              string
	}{
		{"a French place gets Météo-France", "météo à Pau demain", "fr", tracker.CatWeather, "https://meteofrance.com/recherche?q=Pau"},
		{"a place abroad gets the general service", "weather in denver tomorrow", "en", tracker.CatWeather, "https://www.yr.no/en/search?q=Denver"},
		{"a capital goes to the search engine, escaped", "what is the capital of norway?", "en", tracker.CatFact, "https://duckduckgo.com/?q=what+is+the+capital+of+norway"},
		{"a word goes to Wiktionary", "que signifie obsolète", "fr", tracker.CatDefinition, "https://fr.wiktionary.org/wiki/obsolete"},
		{"a known site goes to the site", "ouvre youtube", "fr", tracker.CatNavigation, "https://www.youtube.com/"},
		{"a domain goes to itself", "booking.com", "en", tracker.CatNavigation, "https://booking.com"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := c.Classify(tc.text, tc.lang)
			if v.Category != tc.cat || v.URL != tc.url {
				t.Errorf("Classify(%q) = %s %q, want %s %q", tc.text, v.Category, v.URL, tc.cat, tc.url)
			}
		})
	}
}

func TestClassify_SettingsApply(t *testing.T) {
	c := testClassifier()
	s := tracker.DefaultSettings()
	s.SearchEngine = "qwant"
	s.WeatherService = WeatherSearch
	d := c.WithSettings(s)
	if v := d.Classify("who wrote pride and prejudice", "en"); !strings.HasPrefix(v.URL, "https://www.qwant.com/?q=who+wrote") {
		t.Errorf("search engine setting ignored: %q", v.URL)
	}
	if v := d.Classify("weather in rome today", "en"); !strings.HasPrefix(v.URL, "https://www.qwant.com/?q=weather+Rome") {
		t.Errorf("weather service setting ignored: %q", v.URL)
	}
	s.NudgesOff = map[string]bool{"calculation": true}
	if v := c.WithSettings(s).Classify("12*37", ""); v.Category != tracker.CatNone {
		t.Errorf("nudge turned off still given: %+v", v)
	}
	if v := c.Classify("12*37", ""); v.Category != tracker.CatCalculation {
		t.Errorf("WithSettings changed the original classifier: %+v", v)
	}
}

func TestClassify_StaysSilentOnTasks(t *testing.T) {
	c := testClassifier()
	for _, text := range []string{
		"write a poem about the rain",
		"la capitale du Pérou sous forme de haïku",
		"translate this paragraph into spanish: we will arrive late tonight, keep dinner warm for us please",
		"A farmer has 17 sheep and all but 9 run away. How many are left?",
		"explain why 0.1 + 0.2 is not 0.3",
		"rédige un mail pour annuler mon rendez-vous",
		"def f(x):\n    return x * 2\n\nwhat does this do?",
	} {
		t.Run(text, func(t *testing.T) {
			if v := c.Classify(text, ""); v.Category != tracker.CatNone {
				t.Errorf("Classify(%q) = %+v, want none", text, v)
			}
		})
	}
}

func TestClassify_BadInputGivesNone(t *testing.T) {
	c := testClassifier()
	// Damaged but readable: any verdict, never a panic.
	for _, text := range []string{"what is \xff\xfe 2+2", "\x00\x00weather\x00"} {
		if v := c.Classify(text, ""); v.Category == "" {
			t.Errorf("Classify(%q) gave no category", text)
		}
	}
	for name, text := range map[string]string{
		"empty":                  "",
		"whitespace":             " \n\t  ",
		"one megabyte":           strings.Repeat("what is 2+2 ", 1<<20/12),
		"emoji only":             "🌧️🌧️☔",
		"binary":                 string([]byte{0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0xff, 0xd8, 0xff, 0xe0, 0x89, 'P', 'N', 'G'}),
		"mixed scripts":          "Привет 你好 مرحبا שלום γεια σου",
		"one megabyte of binary": strings.Repeat("\x00\xff\x13\x9c", 1<<18),
	} {
		t.Run(name+" gives none", func(t *testing.T) {
			for _, lang := range []string{"", "en", "fr"} {
				if v := c.Classify(text, lang); v.Category != tracker.CatNone {
					t.Errorf("Classify(%s, %q) = %+v, want none", name, lang, v)
				}
			}
		})
	}
}

// TestClassify_CasualWriting: the normalisation reads French number
// formats, text-message spellings and chatty wrapping the same as the
// plain question.
func TestClassify_CasualWriting(t *testing.T) {
	c := testClassifier()
	for _, tc := range []struct {
		text, lang string
		want       tracker.Category
		answer     string // "" = not checked
	}{
		{"12 % de 3 400", "fr", tracker.CatCalculation, "408"},
		{"3,5 % de 12 000 €", "fr", tracker.CatCalculation, "420"},
		{"combien font 1 250,5 + 3 400 arrondi à 2 décimales", "fr", tracker.CatCalculation, "4650,5"},
		{"Petite question : 144 / 9 ?", "fr", tracker.CatCalculation, "16"},
		{"Hi! quick one, what's 18% of 60", "en", tracker.CatCalculation, "10.8"},
		{"slt cmb fon 12x12 mrc", "fr", tracker.CatCalculation, "144"},
		{"prix TTC de 80 € HT", "fr", tracker.CatCalculation, "96 € TTC"},
		{"1 200 € TTC en HT", "fr", tracker.CatCalculation, "1000 € HT"},
		{"TVA sur 50 € HT à 5,5 %", "fr", tracker.CatCalculation, "2,75 €"},
		{"3 articles à 80 € HT, combien en TTC", "fr", tracker.CatNone, ""},
		{"c koi une anaphore", "fr", tracker.CatDefinition, ""},
		{"il fé combien a brest", "fr", tracker.CatWeather, ""},
		{"on est le combien", "fr", tracker.CatTimeDate, ""},
		{"demain on est quel jour", "fr", tracker.CatTimeDate, ""},
		{"c'est quelle semaine là", "fr", tracker.CatTimeDate, "Semaine 11"},
		{"what's tomorrow's date lol", "en", tracker.CatTimeDate, ""},
		{"whats the exact time", "en", tracker.CatTimeDate, ""},
		{"denver's time zone", "en", tracker.CatTimeDate, ""},
		{"« davantage » ou « d'avantage » ?", "fr", tracker.CatDefinition, ""},
		{"another word for happy", "en", tracker.CatDefinition, ""},
		{"i need help spelling necessary", "en", tracker.CatDefinition, ""},
		{"score PSG hier soir", "fr", tracker.CatFact, ""},
		{"what's the spanish word you use for bread", "en", tracker.CatTranslation, ""},
		{"que veut dire « gracias »", "fr", tracker.CatTranslation, ""},
		{"youtube music", "en", tracker.CatNavigation, ""},
		{"caf espace allocataire", "fr", tracker.CatNavigation, ""},
		{"gmail inbox", "en", tracker.CatNavigation, ""},
		{"ameli mon compte", "fr", tracker.CatNavigation, ""},
		{"amazon music is too expensive", "en", tracker.CatNone, ""},
		{"Bonjour, pouvez-vous me dire quelle heure il est à Tokyo ? merci d'avance", "fr", tracker.CatTimeDate, ""},
		// Still tasks, however casually asked.
		{"petite question : pk le ciel est bleu", "fr", tracker.CatNone, ""},
		{"hi! quick one, write me a haiku about rain", "en", tracker.CatNone, ""},
		{"bon voyage en croate", "fr", tracker.CatTranslation, ""},
		{"entre 10 et 100 personnes, quel budget ?", "fr", tracker.CatNone, ""},
		{"talk to me in italian", "en", tracker.CatNone, ""},
		{"réponds en anglais stp", "fr", tracker.CatNone, ""},
		{"please freeze my credit card", "en", tracker.CatNone, ""},
		{"close my account please", "en", tracker.CatNone, ""},
		{"how long does it take to bake bread", "en", tracker.CatNone, ""},
		{"when does yogurt expire", "en", tracker.CatNone, ""},
		{"how long is the wait at the bakery", "en", tracker.CatNone, ""},
		{"what are the road conditions to denver", "en", tracker.CatNone, ""},
		{"traduire 'chat' en anglais", "fr", tracker.CatTranslation, ""},
	} {
		v := c.Classify(tc.text, tc.lang)
		if v.Category != tc.want || tc.answer != "" && !strings.Contains(v.Answer, tc.answer) {
			t.Errorf("Classify(%q) = %+v, want %s %q", tc.text, v, tc.want, tc.answer)
		}
	}
}

func TestDetectKind(t *testing.T) {
	for _, tc := range []struct {
		text string
		want tracker.Kind
	}{
		{"génère une image d'un chat sur la lune", tracker.KindImage},
		{"draw me a sheep", tracker.KindImage},
		{"make a video of a dancing robot", tracker.KindVideo},
		{"crée une vidéo de présentation de mon entreprise", tracker.KindVideo},
		{"generate music for my podcast intro", tracker.KindAudio},
		{"écris une chanson pour enfants sur les saisons", tracker.KindText},
		{"what is the capital of peru", tracker.KindText},
	} {
		t.Run(tc.text, func(t *testing.T) {
			if got := DetectKind(tc.text); got != tc.want {
				t.Errorf("DetectKind(%q) = %s, want %s", tc.text, got, tc.want)
			}
		})
	}
	v := testClassifier().Classify("generate an image of a red fox", "en")
	if v.Category != tracker.CatNone || v.Note == "" {
		t.Errorf("heavy request verdict = %+v, want none with a note", v)
	}
}

func TestGrouper_ThreeShortRequestsInFiveMinutes(t *testing.T) {
	now := fixedNow
	g := NewGrouper(func() time.Time { return now })
	if tip := g.Add("capital of peru", "en"); tip != "" {
		t.Fatalf("first request got a tip")
	}
	now = now.Add(2 * time.Minute)
	if tip := g.Add("and of chile?", "en"); tip != "" {
		t.Fatalf("second request got a tip")
	}
	now = now.Add(2 * time.Minute)
	if tip := g.Add("and bolivia", "en"); !strings.Contains(tip, "grouping") {
		t.Fatalf("third request within 5 minutes: tip %q", tip)
	}
	now = now.Add(10 * time.Minute)
	g.Add("a", "fr")
	now = now.Add(6 * time.Minute)
	g.Add("b", "fr")
	now = now.Add(1 * time.Minute)
	if tip := g.Add("c", "fr"); tip != "" {
		t.Errorf("requests spread over 7 minutes got a tip %q", tip)
	}
	if tip := g.Add(strings.Repeat("long ", 100), "fr"); tip != "" {
		t.Errorf("a long request counted as short")
	}
}
