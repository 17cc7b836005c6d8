// Package classify decides whether a prompt typed to an AI assistant is
// trivial, that is answered as well by a lighter tool (a weather service, a
// search engine, a calculator, a clock…), and when it can, answers it
// locally.
//
// The classifier is a set of intent patterns with slot extraction, not a
// list of known prompts: a prompt is normalised (lowercase, no diacritics,
// typographic quotes folded, politeness such as "please", "stp" or "can you
// tell me" removed), then each intent tries to read it whole ("capital of
// X", "N unit in unit", an arithmetic expression, "how do you say X in L"…).
// Anything that does not fit an intent cleanly is CatNone: a wrong nudge
// annoys more than a missed one, so tasks (write, explain, why…), long or
// multi-line texts and word problems are left alone.
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
