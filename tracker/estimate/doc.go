// Package estimate is Frugal's footprint estimator. Its core is the
// EcoLogits 0.11.2 LLM-inference method, reproduced exactly (Compute,
// Registry.LLMImpacts) from the embedded reference data and checked against
// the reference vectors. Around it, Estimator turns what a browser sees of
// a request (site, model shown, answer length, streaming time, reasoning
// mode, images…) into the method's inputs and a tracker.Footprint, with
// each extension's source beside its number (extensions.go). Alternatives
// and Avoided price the lighter tools; Equivalent says a total in everyday
// terms; Methodology explains it all in English and French.
package estimate
