package classify

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"
	_ "time/tzdata" // zones work offline, whatever the system has

	"frugal/tracker"
)

var monthNames = map[string]time.Month{
	"january": 1, "jan": 1, "janvier": 1, "janv": 1, "february": 2, "feb": 2, "fevrier": 2, "fev": 2, "fevr": 2,
	"march": 3, "mar": 3, "mars": 3, "april": 4, "apr": 4, "avril": 4, "avr": 4, "may": 5, "mai": 5,
	"june": 6, "jun": 6, "juin": 6, "july": 7, "jul": 7, "juillet": 7, "juil": 7, "august": 8, "aug": 8, "aout": 8,
	"september": 9, "sep": 9, "sept": 9, "septembre": 9, "october": 10, "oct": 10, "octobre": 10,
	"november": 11, "nov": 11, "novembre": 11, "december": 12, "dec": 12, "decembre": 12,
}

var weekdayNames = map[string]time.Weekday{
	"sunday": 0, "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6,
	"dimanche": 0, "lundi": 1, "mardi": 2, "mercredi": 3, "jeudi": 4, "vendredi": 5, "samedi": 6,
}

var (
	enDays   = []string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}
	frDays   = []string{"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"}
	enMonths = []string{"", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
	frMonths = []string{"", "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"}
)

var (
	monthAlt   = keysAlt(monthNames)
	weekdayAlt = keysAlt(weekdayNames)
	dayAlt     = `\d{1,2}(?:st|nd|rd|th|er|e|eme)?|(?:twenty |thirty )?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth|premier`
	reDateDM   = mustRx(`\b(?:the |le )?(?P<d>` + dayAlt + `)(?: of| de)? (?P<m>` + monthAlt + `)\b(?: (?P<y>\d{4}))?`)
	reDateMD   = mustRx(`\b(?P<m>` + monthAlt + `) (?:the )?(?P<d>` + dayAlt + `)\b(?: (?P<y>\d{4}))?`)
	reDateISO  = mustRx(`\b(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b`)
	reDateNum  = mustRx(`\b(?P<a>\d{1,2})[/.](?P<b>\d{1,2})(?:[/.](?P<y>\d{2,4}))?\b`)
	reWeekday  = mustRx(`\b(?P<w>` + weekdayAlt + `)\b`)

	reTimeNow    = mustRx(`\b(?:what time is it|what is the time|what time|current time|local time|time now|time right now|time in|time at|the time|heure actuelle|heure locale|heure qu'il est|heure est il|quelle heure|il est quelle heure|l'heure|heure a|heure au|heure aux|heure en|heure)\b|^time$`)
	reTimeNotNow = mustRx(`\b(?:open|opens|opening|close|closes|closing|ouvre|ouvrent|ouvert|ferme|ferment|horaires|depart|departs|leave|leaves|arrive|arrives|train|vol|flight|bus|match|game|film|movie|commence|start|starts|begin|begins|sunrise|sunset|lever|coucher|mass|messe|kick off|debut|fin|end|ends|show|concert|heures de vol|heure de pointe|rush hour|cook|cuire|cuisson|sleep|dormir|last|dernier)\b`)
	reTimeDiff   = mustRx(`\b(?:time difference|difference (?:in time|of time|horaire|d'heures?|d heures?)|decalage(?: horaire)?|heures? de (?:difference|decalage)|hours? (?:ahead|behind|difference|earlier|later)|ahead of|behind|time gap|en avance|en retard sur)\b`)
	reTimeZone   = mustRx(`\b(?:time ?zones?|fuseaux? horaires?|fuseau|utc offset|gmt offset)\b`)
	reClock      = mustRx(`\b(?P<h>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|midi|minuit|noon|midnight)(?:(?::|h| h )(?P<min>\d{2}))?\s*(?P<ap>am|pm|a m|p m|h\b|heures?\b|du matin|du soir|de l'apres midi)?`)
	reDateNow    = mustRx(`^(?:what is |what |quel est |c'est quoi )?(?:the |la |le )?(?:date|day|year|month|today|jour|annee|mois)(?: is it| is today| today| aujourd'hui| d'aujourd'hui| of today| is it today| du jour| of the week is it| of the week| of the week today| sommes nous| on est| est on| est il| nous sommes| is it now| now)+$|^(?:what is )?today'?s? date$|^todays date$|^(?:quel jour|quelle date|quelle annee|quel mois|on est le combien|on est quel jour|on est en quelle annee|en quelle annee (?:sommes nous|on est|est on)|nous sommes le combien|quel jour (?:sommes nous|on est|est on|nous sommes))(?: aujourd'hui| maintenant| today)?$|^on est le combien(?: aujourd'hui)?$|^(?:what day|what date)(?: is it| is today)?(?: today)?$`)
	reRelDate    = mustRx(`\b(?:in|dans|d'ici) (?P<n>\S+(?: \S+)?) (?P<u>days?|weeks?|months?|years?|jours?|semaines?|mois|ans?|annees?)\b|\b(?P<n2>\S+(?: \S+)?) (?P<u2>days?|weeks?|months?|years?|jours?|semaines?) (?:from (?:now|today)|later|hence|a partir d'aujourd'hui|apres aujourd'hui)\b`)
	reRelAsk     = mustRx(`\b(?:date|day|jour|quel|quelle|what|which|weekday)\b`)
	reUntil      = mustRx(`\b(?:how (?:many|long)(?: days| weeks| months| sleeps)?(?: is it| are there| are left| left| remain| remaining| do we have| do i have)?(?: un?til| till| til| before| to| for)?|days? (?:until|till|before|left|to go)|combien de (?:jours|semaines|mois)|dans combien de (?:jours|temps|semaines|mois)|(?:jours|semaines) (?:avant|jusqu'a|jusqu'au|restent|restant)|c'est dans combien|reste t il|il reste combien)\b`)
	reBetween    = mustRx(`\b(?:days?|jours|weeks?|semaines) (?:between|entre|from|du|de)\b`)
	reWeekdayQ   = mustRx(`\b(?:what day|which day|day of the week|weekday|quel jour|tombe|tombera|tombait|falls? on|fall on|est ce un|c'etait quel|sera quel|is it a|is a|was a|will be a|un (?:` + weekdayAlt + `)|a (?:` + weekdayAlt + `))\b`)
	reHoliday    = mustRx(`\b(?:holiday|holidays|jour ferie|jours feries|ferie|feries|bank holiday|public holiday|vacances scolaires|school holidays)\b`)
	reWhenIs     = mustRx(`^(?:when is|when does|when will|quand (?:est|tombe|c'est|aura lieu|a lieu)|what date is|quelle date (?:est|tombe))\b`)
)

func keysAlt[V any](m map[string]V) string {
	s := make(map[string]string, len(m))
	for k := range m {
		s[k] = k
	}
	return altOf(s)
}

// holidays: fixed dates, and the movable ones computed in holidayDate.
var fixedHolidays = map[string][2]int{
	"christmas": {12, 25}, "christmas day": {12, 25}, "xmas": {12, 25}, "noel": {12, 25}, "christmas eve": {12, 24},
	"new year's eve": {12, 31}, "new years eve": {12, 31}, "new year eve": {12, 31}, "nye": {12, 31}, "saint sylvestre": {12, 31},
	"la saint sylvestre": {12, 31}, "reveillon": {12, 31}, "new year": {1, 1}, "new year's": {1, 1}, "new years": {1, 1},
	"new year's day": {1, 1}, "new years day": {1, 1}, "nouvel an": {1, 1}, "jour de l'an": {1, 1},
	"valentine's day": {2, 14}, "valentines day": {2, 14}, "valentine's": {2, 14}, "valentines": {2, 14}, "saint valentin": {2, 14},
	"la saint valentin": {2, 14}, "halloween": {10, 31}, "toussaint": {11, 1}, "la toussaint": {11, 1}, "armistice": {11, 11},
	"bastille day": {7, 14}, "fete nationale": {7, 14}, "independence day": {7, 4}, "fourth of july": {7, 4}, "4th of july": {7, 4},
	"fete du travail": {5, 1}, "labour day": {5, 1}, "fete de la musique": {6, 21}, "st patrick's day": {3, 17},
	"saint patrick": {3, 17}, "st patricks day": {3, 17}, "assomption": {8, 15}, "reveillon de noel": {12, 24},
}

var holidayAlt = func() string {
	m := map[string]string{"thanksgiving": "", "easter": "", "paques": "", "mother's day": "", "mothers day": "", "fete des meres": ""}
	for k := range fixedHolidays {
		m[k] = ""
	}
	return altOf(m)
}()

var reHolidayName = mustRx(`\b(?P<h>` + holidayAlt + `)\b`)

// holidayWords: every word of every holiday name; a text with none of them
// names no holiday, and reHolidayName is not run on it.
var holidayWords = func() map[string]bool {
	m := map[string]bool{}
	for _, k := range strings.Split(strings.ReplaceAll(holidayAlt, `\`, ""), "|") {
		for _, w := range strings.Fields(k) {
			m[w] = true
		}
	}
	return m
}()

// dateWords reports whether s has a digit, a month name or a holiday word:
// the dates findDate reads need one.
func dateWords(s string) (digit, month, holiday bool) {
	digit = strings.ContainsAny(s, "0123456789")
	for _, w := range strings.Fields(s) {
		if _, ok := monthNames[w]; ok {
			month = true
		}
		if holidayWords[w] {
			holiday = true
		}
	}
	return digit, month, holiday
}

// dateSpec is a date found in a prompt; year 0 means "the next one".
type dateSpec struct {
	y       int
	m       time.Month
	d       int
	holiday string
}

// findDate reads the first date in s.
func findDate(s, lang string) (dateSpec, bool) {
	digit, month, holiday := dateWords(s)
	if !digit && !month && !holiday {
		return dateSpec{}, false
	}
	if !digit {
		goto words
	}
	if m := reDateISO.FindStringSubmatch(s); m != nil {
		y, _ := strconv.Atoi(group(reDateISO, m, "y"))
		mo, _ := strconv.Atoi(group(reDateISO, m, "m"))
		d, _ := strconv.Atoi(group(reDateISO, m, "d"))
		return validDate(dateSpec{y: y, m: time.Month(mo), d: d})
	}
words:
	for _, re := range []*rx{reDateDM, reDateMD} {
		if !month {
			break
		}
		if m := re.FindStringSubmatch(s); m != nil {
			d := dayNumber(group(re, m, "d"))
			mo := monthNames[group(re, m, "m")]
			y, _ := strconv.Atoi(group(re, m, "y"))
			if ds, ok := validDate(dateSpec{y: y, m: mo, d: d}); ok {
				return ds, true
			}
		}
	}
	if m := reDateNum.FindStringSubmatch(s); digit && m != nil {
		a, _ := strconv.Atoi(group(reDateNum, m, "a"))
		b, _ := strconv.Atoi(group(reDateNum, m, "b"))
		y, _ := strconv.Atoi(group(reDateNum, m, "y"))
		if y > 0 && y < 100 {
			y += 2000
		}
		d, mo := a, b // day first, as in French and most of the world
		if lang == "en" {
			d, mo = b, a
		}
		return validDate(dateSpec{y: y, m: time.Month(mo), d: d})
	}
	if !holiday {
		return dateSpec{}, false
	}
	if m := reHolidayName.FindStringSubmatch(s); m != nil {
		return dateSpec{holiday: m[1]}, true
	}
	return dateSpec{}, false
}

func validDate(ds dateSpec) (dateSpec, bool) {
	if ds.m < 1 || ds.m > 12 || ds.d < 1 || ds.d > 31 || ds.y != 0 && (ds.y < 1 || ds.y > 9999) {
		return ds, false
	}
	y := ds.y
	if y == 0 {
		y = 2024 // a leap year: 29 February is a valid "next" date
	}
	if t := time.Date(y, ds.m, ds.d, 0, 0, 0, 0, time.UTC); t.Day() != ds.d {
		return ds, false
	}
	return ds, true
}

func dayNumber(s string) int {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0
	}
	if c := s[0]; c >= '0' && c <= '9' {
		n := 0
		for _, c := range s {
			if c < '0' || c > '9' {
				break
			}
			n = n*10 + int(c-'0')
		}
		return n
	}
	base := 0
	if strings.HasPrefix(s, "twenty ") {
		base, s = 20, strings.TrimPrefix(s, "twenty ")
	} else if strings.HasPrefix(s, "thirty ") {
		base, s = 30, strings.TrimPrefix(s, "thirty ")
	}
	return base + ordinalWords[s]
}

// resolve turns a dateSpec into a date; year 0 gives the next occurrence
// on or after today.
func resolve(ds dateSpec, today time.Time) (time.Time, bool) {
	loc := today.Location()
	if ds.holiday != "" {
		for y := today.Year(); y <= today.Year()+1; y++ {
			t, ok := holidayDate(ds.holiday, y, loc)
			if !ok {
				return t, false
			}
			if !t.Before(today) {
				return t, true
			}
		}
		return time.Time{}, false
	}
	if ds.y != 0 {
		return time.Date(ds.y, ds.m, ds.d, 0, 0, 0, 0, loc), true
	}
	for y := today.Year(); y <= today.Year()+8; y++ {
		t := time.Date(y, ds.m, ds.d, 0, 0, 0, 0, loc)
		if t.Day() == ds.d && !t.Before(today) {
			return t, true
		}
	}
	return time.Time{}, false
}

// holidayDate: fixed holidays, US Thanksgiving (fourth Thursday of
// November), Easter Sunday (Gregorian computus, the anonymous algorithm
// also known as Meeus/Jones/Butcher) and French Mother's Day (last Sunday of
// May; the first Sunday of June when that is Pentecost, not handled here).
func holidayDate(h string, y int, loc *time.Location) (time.Time, bool) {
	if md, ok := fixedHolidays[h]; ok {
		return time.Date(y, time.Month(md[0]), md[1], 0, 0, 0, 0, loc), true
	}
	switch h {
	case "thanksgiving":
		t := time.Date(y, 11, 1, 0, 0, 0, 0, loc)
		off := (int(time.Thursday) - int(t.Weekday()) + 7) % 7
		return t.AddDate(0, 0, off+21), true
	case "easter", "paques":
		a := y % 19
		b, c := y/100, y%100
		d, e := b/4, b%4
		f := (b + 8) / 25
		g := (b - f + 1) / 3
		hh := (19*a + b - d - g + 15) % 30
		i, k := c/4, c%4
		l := (32 + 2*e + 2*i - hh - k) % 7
		m := (a + 11*hh + 22*l) / 451
		month := (hh + l - 7*m + 114) / 31
		day := (hh+l-7*m+114)%31 + 1
		return time.Date(y, time.Month(month), day, 0, 0, 0, 0, loc), true
	case "mother's day", "mothers day":
		// US/UK-style second Sunday of May (the English name).
		t := time.Date(y, 5, 1, 0, 0, 0, 0, loc)
		off := (7 - int(t.Weekday())) % 7
		return t.AddDate(0, 0, off+7), true
	case "fete des meres":
		t := time.Date(y, 5, 31, 0, 0, 0, 0, loc)
		return t.AddDate(0, 0, -int(t.Weekday())), true
	}
	return time.Time{}, false
}

func formatDate(t time.Time, lang string) string {
	if lang == "fr" {
		d := strconv.Itoa(t.Day())
		if t.Day() == 1 {
			d = "1er"
		}
		return fmt.Sprintf("%s %s %s %d", frDays[t.Weekday()], d, frMonths[t.Month()], t.Year())
	}
	return fmt.Sprintf("%s %d %s %d", enDays[t.Weekday()], t.Day(), enMonths[t.Month()], t.Year())
}

func formatClock(t time.Time, lang string) string {
	if lang == "fr" {
		return fmt.Sprintf("%d h %02d", t.Hour(), t.Minute())
	}
	return t.Format("15:04")
}

func utcOffset(t time.Time) string {
	_, off := t.Zone()
	sign := "+"
	if off < 0 {
		sign, off = "−", -off
	}
	h, m := off/3600, off%3600/60
	if m != 0 {
		return fmt.Sprintf("UTC%s%d:%02d", sign, h, m)
	}
	return fmt.Sprintf("UTC%s%d", sign, h)
}

func displayPlace(name string) string {
	ws := strings.Fields(name)
	for i, w := range ws {
		if len(w) <= 3 && (w == "nyc" || w == "uk" || w == "uae" || w == "utc" || w == "gmt") {
			ws[i] = strings.ToUpper(w)
			continue
		}
		ws[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(ws, " ")
}

// zones caches the locations loaded so far: time.LoadLocation reads and
// parses the zone data on every call. A zone that fails to load is cached
// as nil.
var zones sync.Map // zone name → *time.Location

func loadZone(name string) *time.Location {
	if l, ok := zones.Load(name); ok {
		return l.(*time.Location)
	}
	l, err := time.LoadLocation(name)
	if err != nil {
		l = nil
	}
	zones.Store(name, l)
	return l
}

// timeDate answers clocks, zones and calendar questions.
func (c *Classifier) timeDate(p prompt) (tracker.Verdict, bool) {
	s := p.plain
	clock := func(ans string) (tracker.Verdict, bool) {
		return tracker.Verdict{Category: tracker.CatTimeDate, Tool: ToolClock, Answer: ans}, true
	}
	if len(p.words) <= 9 {
		now := c.now().In(c.loc)
		if ans, ok := dateBag(p.words, time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, c.loc), p.lang); ok {
			return clock(ans)
		}
		if timeBag(p.words) {
			return clock(formatClock(now, p.lang))
		}
	}
	if len(p.words) > 16 || !gateTime.any(p.words) {
		return tracker.Verdict{}, false
	}
	now := c.now().In(c.loc)
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, c.loc)
	places := findPlaces(p.words)
	zoneOf := func(pl place) *time.Location { return loadZone(pl.zone) }
	// Zones and differences.
	if reTimeZone.MatchString(s) && len(places) >= 1 && !strings.Contains(s, "time is it") && !strings.Contains(s, "quelle heure") {
		l := zoneOf(places[0])
		if l == nil {
			return tracker.Verdict{}, false
		}
		return clock(displayPlace(places[0].name) + ": " + places[0].zone + " (" + utcOffset(now.In(l)) + ")")
	}
	if reTimeDiff.MatchString(s) && len(places) >= 2 {
		a, b := zoneOf(places[0]), zoneOf(places[1])
		if a == nil || b == nil {
			return tracker.Verdict{}, false
		}
		_, oa := now.In(a).Zone()
		_, ob := now.In(b).Zone()
		d := time.Duration(oa-ob) * time.Second
		return clock(diffText(displayPlace(places[0].name), displayPlace(places[1].name), d, p.lang))
	}
	// "if it's ten pm in california what time is it in alabama"
	if len(places) == 2 && (reTimeNow.MatchString(s) || strings.HasPrefix(s, "convert")) && !reTimeNotNow.MatchString(s) {
		if h, m, ok := findClock(s); ok {
			a, b := zoneOf(places[0]), zoneOf(places[1])
			if a == nil || b == nil {
				return tracker.Verdict{}, false
			}
			t := time.Date(now.Year(), now.Month(), now.Day(), h, m, 0, 0, a).In(b)
			return clock(formatClock(t, p.lang) + " " + map[bool]string{true: "à", false: "in"}[p.lang == "fr"] + " " + displayPlace(places[1].name))
		}
	}
	if reTimeNow.MatchString(s) && !reTimeNotNow.MatchString(s) && !reUntil.MatchString(s) {
		if len(places) == 0 {
			if len(p.words) > 8 || !timeNowShape(s) {
				return tracker.Verdict{}, false
			}
			return clock(formatClock(now, p.lang))
		}
		l := zoneOf(places[len(places)-1])
		if l == nil {
			return tracker.Verdict{}, false
		}
		t := now.In(l)
		return clock(formatClock(t, p.lang) + " (" + displayPlace(places[len(places)-1].name) + ", " + utcOffset(t) + ")")
	}
	// Calendar.
	if reDateNow.MatchString(s) {
		if strings.Contains(s, "year") || strings.Contains(s, "annee") {
			return clock(strconv.Itoa(now.Year()))
		}
		return clock(formatDate(today, p.lang))
	}
	if reHoliday.MatchString(s) && (strings.Contains(s, "next") || strings.Contains(s, "when") || strings.Contains(s, "prochain") || strings.Contains(s, "quand")) && len(p.words) <= 10 {
		return c.search(tracker.CatTimeDate, s), true
	}
	if m := reRelDate.FindStringSubmatch(s); m != nil && reRelAsk.MatchString(s) {
		n := group(reRelDate, m, "n") + group(reRelDate, m, "n2")
		u := group(reRelDate, m, "u") + group(reRelDate, m, "u2")
		k, ok := smallNumber(n)
		if ok && k <= 100000 {
			t := today
			switch u[0] {
			case 'd', 'j':
				t = t.AddDate(0, 0, k)
			case 'w', 's':
				t = t.AddDate(0, 0, 7*k)
			case 'm':
				t = t.AddDate(0, k, 0)
			default:
				t = t.AddDate(k, 0, 0)
			}
			return clock(formatDate(t, p.lang))
		}
	}
	ds, hasDate := findDate(s, p.lang)
	if !hasDate {
		return tracker.Verdict{}, false
	}
	if reBetween.MatchString(s) {
		rest := s
		if loc := reDateDM.FindStringIndex(s); loc != nil {
			rest = s[loc[1]:]
		} else if loc := reDateMD.FindStringIndex(s); loc != nil {
			rest = s[loc[1]:]
		}
		if ds2, ok := findDate(rest, p.lang); ok {
			t1, ok1 := resolve(ds, today)
			t2, ok2 := resolve(ds2, today)
			if ok1 && ok2 {
				days := int(t2.Sub(t1).Hours()/24 + 0.5)
				if days < 0 {
					days = -days
				}
				return clock(daysText(days, p.lang))
			}
		}
	}
	t, ok := resolve(ds, today)
	if !ok {
		return tracker.Verdict{}, false
	}
	if reUntil.MatchString(s) {
		days := int(t.Sub(today).Hours()/24 + 0.5)
		ans := daysText(days, p.lang)
		if strings.Contains(s, "week") || strings.Contains(s, "semaine") {
			if p.lang == "fr" {
				ans += fmt.Sprintf(" (%d semaines et %d jours)", days/7, days%7)
			} else {
				ans += fmt.Sprintf(" (%d weeks and %d days)", days/7, days%7)
			}
		}
		return clock(ans + " → " + formatDate(t, p.lang))
	}
	wm := reWeekday.FindStringSubmatch(s)
	if reWeekdayQ.MatchString(s) || wm != nil || reWhenIs.MatchString(s) {
		ans := formatDate(t, p.lang)
		if wm != nil {
			asked := weekdayNames[wm[1]]
			yes := map[bool]string{true: "Yes: ", false: "No: "}
			if p.lang == "fr" {
				yes = map[bool]string{true: "Oui : ", false: "Non : "}
			}
			ans = yes[asked == t.Weekday()] + ans
		}
		return clock(ans)
	}
	return tracker.Verdict{}, false
}

// dateAsk: the words a question about today's date, day or week can be
// made of, whichever way round it is asked ("on est le combien", "demain on
// est quel jour", "what date will it be tomorrow", "c'est quelle semaine").
// The value is what the word does: 'c' a core word (what is asked), 'd' a
// day offset, '.' filler.
var dateAsk = map[string]byte{
	"date": 'c', "day": 'c', "jour": 'c', "combien": 'c', "week": 'w', "semaine": 'w',
	"today": 'd', "aujourd'hui": 'd', "tomorrow": 'd', "demain": 'd', "yesterday": 'd', "hier": 'd',
	"after": '.', "before": '.', "apres": '.', "avant": '.', "the": '.', "what": '.', "which": '.', "is": '.', "it": '.',
	"will": '.', "be": '.', "was": '.', "of": '.', "now": '.', "current": '.', "currently": '.', "right": '.',
	"please": '.', "tell": '.', "me": '.', "give": '.', "quel": '.', "quelle": '.', "est": '.', "on": '.', "nous": '.',
	"sommes": '.', "serons": '.', "etions": '.', "sera": '.', "etait": '.', "le": '.', "la": '.', "c'est": '.', "quoi": '.',
	"are": '.', "we": '.', "in": '.', "maintenant": '.', "du": '.', "de": '.', "number": '.', "numero": '.', "n": '.',
	"todays": 'd', "exact": '.', "exactly": '.', "a": '.', "this": '.', "cette": '.', "ce": '.', "se": '.', "on'est": '.',
	"there": '.', "ici": '.', "il": '.', "here": '.', "at": '.', "currently's": '.', "days": '.',
}

// dateBag answers a question about today's (or tomorrow's, yesterday's)
// date, day of the week or week number made only of dateAsk words.
func dateBag(words []string, today time.Time, lang string) (string, bool) {
	if len(words) > 9 {
		return "", false
	}
	core, week, offset, sawDay := false, false, 0, false
	for i, w := range words {
		k, ok := dateAsk[w]
		if !ok {
			return "", false
		}
		switch k {
		case 'c':
			core = true
		case 'w':
			week = true
		case 'd':
			sawDay = true
			switch w {
			case "tomorrow", "demain":
				offset++
			case "yesterday", "hier":
				offset--
			}
			if i > 0 && (words[i-1] == "after" || words[i-1] == "apres") {
				offset++
			}
			if i > 0 && (words[i-1] == "before" || words[i-1] == "avant") {
				offset--
			}
		}
	}
	// "combien" alone is no date question; "the day" alone neither.
	if !core && !week && sawDay && offset == 0 && len(words) >= 3 && (words[0] == "what" || words[0] == "quel") {
		core = true // "what is today", "please tell me what today is"
	}
	if !core && !week || core && !sawDay && len(words) < 2 && words[0] != "date" {
		return "", false
	}
	if core && words[0] == "combien" && !strings.Contains(strings.Join(words, " "), "le combien") {
		return "", false
	}
	t := today.AddDate(0, 0, offset)
	if week && !core {
		_, wk := t.ISOWeek()
		if lang == "fr" {
			return fmt.Sprintf("Semaine %d", wk), true
		}
		return fmt.Sprintf("Week %d", wk), true
	}
	return formatDate(t, lang), true
}

// timeAsk: the words a question about the time here and now can be made
// of ("what's the exact time", "t'as l'heure", "il est quelle heure là").
var timeAsk = map[string]bool{"what": true, "is": true, "it": true, "the": true, "current": true, "currently": true,
	"exact": true, "exactly": true, "now": true, "right": true, "please": true, "tell": true, "me": true, "give": true,
	"quelle": true, "il": true, "est": true, "maintenant": true, "actuelle": true, "actuellement": true, "exactement": true,
	"t'as": true, "tu": true, "as": true, "avez": true, "vous": true, "l'heure": true, "la": true, "c'est": true, "quoi": true,
	"local": true, "locale": true, "here": true, "ici": true, "do": true, "you": true, "have": true, "know": true, "sais": true,
	"a": true, "y": true, "yet": true, "now's": true, "so": true, "at": true, "this": true, "moment": true, "ce": true}

// timeBag: a question made only of timeAsk words and "time"/"heure".
func timeBag(words []string) bool {
	core := false
	for _, w := range words {
		switch {
		case w == "time" || w == "heure" || w == "l'heure":
			core = true
		case !timeAsk[w]:
			return false
		}
	}
	return core
}

var reTimeNowShape = mustRx(`^(?:what time is it|what is the time|what time|the time|time|current time|local time|time now|heure|l'heure|quelle heure|quelle heure est il|quelle heure il est|il est quelle heure|heure actuelle)(?: now| right now| here| currently| maintenant| actuellement| exactement| please| svp| stp)*$`)

func timeNowShape(s string) bool { return reTimeNowShape.MatchString(s) }

// findClock reads a time of day: "10 pm", "eight am", "13h37", "13:37".
func findClock(s string) (int, int, bool) {
	for _, m := range reClock.FindAllStringSubmatch(s, -1) {
		hs, ms, ap := group(reClock, m, "h"), group(reClock, m, "min"), group(reClock, m, "ap")
		if ms == "" && ap == "" {
			continue
		}
		h, ok := smallNumber(hs)
		switch hs {
		case "midi", "noon":
			h, ok = 12, true
		case "minuit", "midnight":
			h, ok = 0, true
		}
		if !ok || h > 23 {
			continue
		}
		mi := 0
		if ms != "" {
			mi, _ = strconv.Atoi(ms)
		}
		if mi > 59 {
			continue
		}
		switch {
		case strings.HasPrefix(ap, "p") || ap == "du soir" || ap == "de l'apres midi":
			if h < 12 {
				h += 12
			}
		case strings.HasPrefix(ap, "a") && h == 12:
			h = 0
		}
		return h, mi, true
	}
	return 0, 0, false
}

// smallNumber reads "14", "fourteen", "three hundred".
func smallNumber(s string) (int, bool) {
	if n, err := strconv.Atoi(s); err == nil {
		return n, true
	}
	ws := strings.Fields(s)
	if len(ws) > 0 {
		if v, n := numberWords(ws); n == len(ws) && v < 1<<31 {
			return int(v), true
		}
		if v, n := numberWords(ws[len(ws)-1:]); n == 1 {
			return int(v), true
		}
		if n, err := strconv.Atoi(ws[len(ws)-1]); err == nil {
			return n, true
		}
	}
	return 0, false
}

func daysText(d int, lang string) string {
	if lang == "fr" {
		if d == 1 {
			return "1 jour"
		}
		return fmt.Sprintf("%d jours", d)
	}
	if d == 1 {
		return "1 day"
	}
	return fmt.Sprintf("%d days", d)
}

func diffText(a, b string, d time.Duration, lang string) string {
	h := d.Hours()
	abs := h
	if abs < 0 {
		abs = -abs
	}
	hs := strconv.FormatFloat(abs, 'f', -1, 64)
	if lang == "fr" {
		hs = strings.ReplaceAll(hs, ".", ",")
		switch {
		case h == 0:
			return a + " et " + b + " sont à la même heure"
		case h > 0:
			return a + " a " + hs + " h d'avance sur " + b
		default:
			return a + " a " + hs + " h de retard sur " + b
		}
	}
	switch {
	case h == 0:
		return a + " and " + b + " are on the same time"
	case h > 0:
		return a + " is " + hs + " h ahead of " + b
	default:
		return a + " is " + hs + " h behind " + b
	}
}
