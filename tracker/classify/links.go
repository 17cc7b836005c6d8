package classify

import (
	"net/url"
	"strings"
)

// searchURLs are the result pages of the engines a person can choose
// (tracker.SearchEngines); the query is appended, escaped.
var searchURLs = map[string]string{
	"duckduckgo": "https://duckduckgo.com/?q=",
	"ecosia":     "https://www.ecosia.org/search?q=",
	"qwant":      "https://www.qwant.com/?q=",
	"startpage":  "https://www.startpage.com/sp/search?q=",
	"google":     "https://www.google.com/search?q=",
	"bing":       "https://www.bing.com/search?q=",
}

// Weather services. "" (auto) picks Météo-France for a French place and the
// general one elsewhere.
const (
	WeatherAuto        = ""
	WeatherMeteoFrance = "meteofrance"
	WeatherYr          = "yr"
	WeatherSearch      = "search"
)

// searchLink builds a result-page link for q on engine (DuckDuckGo when the
// engine is unknown).
func searchLink(engine, q string) string {
	base, ok := searchURLs[engine]
	if !ok {
		base = searchURLs["duckduckgo"]
	}
	return base + url.QueryEscape(strings.TrimSpace(q))
}

// wiktionaryLink points at a word's entry in the French or English
// Wiktionary.
func wiktionaryLink(lang, word string) string {
	if lang != "fr" {
		lang = "en"
	}
	return "https://" + lang + ".wiktionary.org/wiki/" + url.PathEscape(strings.ReplaceAll(strings.TrimSpace(word), " ", "_"))
}

// weatherLink picks the weather service for a place. french says whether
// the place is in France (or, with no place, whether the person writes
// French).
func (c *Classifier) weatherLink(place string, french bool, lang string) string {
	svc := c.settings.WeatherService
	if svc == WeatherAuto {
		if french {
			svc = WeatherMeteoFrance
		} else {
			svc = WeatherYr
		}
	}
	switch svc {
	case WeatherMeteoFrance:
		if place == "" {
			return "https://meteofrance.com/"
		}
		// Météo-France's own search page, query prefilled.
		return "https://meteofrance.com/recherche?q=" + url.QueryEscape(place)
	case WeatherYr:
		if place == "" {
			return "https://www.yr.no/"
		}
		l := "en"
		if lang == "fr" {
			l = "en" // yr.no has no French interface; English is the closest
		}
		return "https://www.yr.no/" + l + "/search?q=" + url.QueryEscape(place)
	default:
		q := "weather " + place
		if lang == "fr" {
			q = "météo " + place
		}
		return searchLink(c.settings.SearchEngine, strings.TrimSpace(q))
	}
}
