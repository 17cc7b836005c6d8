// Package classify decides whether a prompt typed to an AI assistant is
// trivial, that is answered as well by a lighter tool (a weather service, a
// search engine, a calculator, a clock…), and when it can, answers it
// locally.
//
// The classifier is a set of intent patterns with slot extraction, not a
// list of known prompts: a prompt is normalised (lowercase, no diacritics,
// typographic quotes folded, French number formats read — "3 400" with a
// space or a narrow no-break space, "3,5" —, text-message spellings and
// missing apostrophes restored — "c koi", "il fé", "cest", "tmrw" —,
// greetings, politeness and filler removed at both ends — "Bonjour, pouvez-
// vous me dire", "Petite question :", "Hi! quick one,", "stp", "merci
// d'avance", "lol", "arrondi à 2 décimales"), then each intent tries to
// read it whole ("capital of X", "N unit in unit", an arithmetic
// expression, "how do you say X in L", a question made only of date words…).
// Anything that does not fit an intent cleanly is CatNone: a wrong nudge
// annoys more than a missed one, so tasks (write, explain, why…), long or
// multi-line texts and word problems are left alone.
//
// Labelling rules (the labelled sets in testdata follow them): a prompt is
// trivial when a lighter tool gives the whole answer — weather (a forecast,
// the temperature, wind, UV), time_date (a clock, a date, a weekday, a time
// zone or difference, days until), calculation (arithmetic, percentages,
// not word problems), conversion (units, currencies), definition_spelling
// (a meaning, a spelling, a spelling choice, a synonym, a plural),
// translation_short (a word or short phrase into a named language),
// fact_lookup (a short fact a search engine shows in its answer box: a
// capital, an age, a birthday, a score, opening hours), navigation (a site,
// or a service or page of one). Anything else is none, including questions
// on the same topics that ask for reasoning, advice or text.
//
// A learned second opinion (model.go, internal/ngram, trained at build time
// by internal/train on public licensed data) is asked only about a short
// English prompt the rules leave as CatNone with no task or guard word, and
// trusted only above the probability its trainer chose on held-back data;
// TestModel_NeverRaisesFalseNudges keeps its false nudges within the goal.
//
// Settings are applied per call: New takes Options (search engine, weather
// service, clock, local time zone) and WithSettings returns a copy of the
// classifier that uses a person's tracker.Settings. Nudges a person turned
// off (Settings.NudgesOff) are dropped: the verdict becomes CatNone.
//
// Speed: a typical prompt takes some ten microseconds (goal: a median of
// 100 µs, BenchmarkClassify_Typical). A prompt is normalised once; each
// intent first checks its trigger words (gate.go) and runs its regular
// expressions only when one is there; each expression is compiled the first
// time a prompt reaches it (rx.go). Time zones are loaded once.
// TestVerdictsUnchanged pins every verdict on the labelled sets and their
// variants (testdata/verdicts.golden.jsonl): a speed-up must not change one.
//
// The package also has two tips that are not nudges: Grouper notices several
// short requests in a few minutes, and DetectKind spots requests to generate
// an image, a video or audio.
package classify
