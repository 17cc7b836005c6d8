package classify

import (
	"strings"

	"frugal/tracker"
)

var (
	// Words that on their own say "weather".
	reWeatherStrong = mustRx(`\b(?:temps qu'il fait|temps qu'il fera|temps qu'il va faire|quel temps|weather|forecast|forecasts|forcast|wheather|weahter|meteo|previsions?|rain|raining|rainy|rains|snow|snowing|snowy|snows|umbrella|sunny|foggy|fog|windy|wind|winds|storm|storms|stormy|thunderstorm|thunderstorms|thunder|hail|humidity|humid|uv index|uv|frost|freeze|freezing|drizzle|sleet|blizzard|heatwave|heat wave|pluie|pluies|pleuvoir|pleut|pleuvra|pleuvoir|neige|neiger|neigera|neigeux|soleil|ensoleille|nuages|nuage|nuageux|vent|venteux|orage|orages|orageux|grele|brouillard|humidite|gel|gelee|gelees|canicule|parapluie|pression atmospherique|atmospheric pressure|barometric pressure|quel temps|fera beau|fait beau|il fait beau|va faire beau|bulletin meteo|precipitations?|averses?|showers)\b`)
	// Words that say weather only with a time, a place or "it".
	reWeatherWeak = mustRx(`\b(?:nice outside|nice out|beau dehors|il fait combien|combien il fait|fait il combien|ca caille|temperature|temperatures|temp|hot|cold|warm|chilly|degrees|degres|chaud|froid|beau|conditions|the low|the high|les minimales|les maximales|clouds|cloudy|sun)\b`)
	reWeatherCue  = mustRx(`\b(?:today|tonight|tomorrow|now|right now|this (?:morning|afternoon|evening|week|weekend)|next (?:week|few days|days|weekend)|weekend|week end|later|currently|outside|out there|dehors|demain|aujourd'hui|ce soir|cette nuit|ce matin|cet apres midi|ce week end|ce weekend|cette semaine|la semaine prochaine|maintenant|en ce moment|actuellement|each night|every night|tonite|ten day|10 day|5 day|five day|hourly|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday|friday|saturday|sunday|matin|soir|will it|is it going|it will|va t il|fera t il|fait il|il fait|il va|il fera|will there be|expected|prevue?s?|prevu|going to be|is it|are we|will we|we be getting|chance)\b`)
	// Not about today's weather: climate, science, figures of speech.
	reWeatherNot = mustRx(`\b(?:freeze (?:my|the|a|an|your|our|this)|account|accounts|card|compte|carte|travel conditions|road conditions|traffic|trafic|skin|hair|peau|cheveux|condition|medical|climate|climat|global warming|rechauffement|average|moyenne|record|history|historique|season|saison|causes?|form|forms|science|scientist|cloud computing|icloud|snow white|blanche neige|brainstorm|hot dog|cold brew|cold case|catch a cold|common cold|rhume|sun tzu|chaud lapin|temps de cuisson|how long|combien de temps|wind turbine|eolienne|windows|game|jeu|song|film|movie)\b`)
	rePlacePrep  = mustRx(`\b(?:in|at|for|near|around|a|au|aux|sur|pour|vers|dans|de|on)\s+((?:[a-z][a-z'-]*)(?:\s+[a-z][a-z'-]*){0,2})`)
)

// weatherWords are removed when reading a place name.
var weatherStopWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`today tonight tomorrow now right this next week weekend the a an it is will be going to morning afternoon evening night
		demain aujourd'hui ce cette soir nuit matin semaine prochaine maintenant le la les de du des il fait fera va quel temps
		weather forecast meteo rain snow pluie neige what like how for in at my me our here there outside dehors days few day
		monday tuesday wednesday thursday friday saturday sunday lundi mardi mercredi jeudi vendredi samedi dimanche
		celsius fahrenheit degrees degres temperature ou pas or not soleil nuages sun clouds later currently pm am heure heures
		each every ten five day hourly expected prevue prevu any thunderstorms storm storms chance percentage of uv index
		right now en ce moment actuellement conditions beau chaud froid hot cold warm chilly combien`) {
		weatherStopWords[w] = true
	}
}

// bareWeather: a short question made only of weather and question words
// ("what is the temperature", "how cold is it", "il fait combien"): it asks
// about here and now.
func bareWeather(words []string) bool {
	if len(words) > 6 {
		return false
	}
	for _, w := range words {
		if !weatherStopWords[w] && !weatherAsk[w] {
			return false
		}
	}
	return true
}

var weatherAsk = map[string]bool{"is": true, "are": true, "what": true, "what's": true, "how": true, "quelle": true,
	"quel": true, "est": true, "combien": true, "fait": true, "il": true, "y": true, "a": true, "t": true, "current": true,
	"actuelle": true, "exterieure": true, "ca": true, "caille": true, "going": true, "get": true}

// weather suggests a weather service for the place asked about.
func (c *Classifier) weather(p prompt) (tracker.Verdict, bool) {
	s := p.plain
	if len(p.words) > 16 || !gateWeather.any(p.words) || reWeatherNot.MatchString(s) {
		return tracker.Verdict{}, false
	}
	strong := reWeatherStrong.MatchString(s)
	weak := reWeatherWeak.MatchString(s)
	if !strong && !weak {
		return tracker.Verdict{}, false
	}
	places := findPlaces(p.words)
	cue := reWeatherCue.MatchString(s)
	if !cue && len(places) == 0 && !(strong && len(p.words) <= 6) && !bareWeather(p.words) {
		if !(weak && rePlacePrep.MatchString(s) && len(p.words) <= 8) {
			return tracker.Verdict{}, false
		}
	}
	if weak && !strong && !cue && len(places) == 0 && !bareWeather(p.words) {
		return tracker.Verdict{}, false
	}
	name, french := "", p.lang == "fr"
	if len(places) > 0 {
		name = displayPlace(places[0].name)
		french = frenchZones[places[0].zone]
	} else if m := rePlacePrep.FindAllStringSubmatch(s, -1); m != nil {
		for _, g := range m {
			var keep []string
			for _, w := range strings.Fields(g[1]) {
				if weatherStopWords[w] {
					break
				}
				keep = append(keep, w)
			}
			if len(keep) > 0 {
				name = displayPlace(strings.Join(keep, " "))
				break
			}
		}
	}
	return tracker.Verdict{Category: tracker.CatWeather, Tool: ToolWeather, URL: c.weatherLink(name, french, p.lang)}, true
}
