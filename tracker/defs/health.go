package defs

// HealthDegradedAfter is how many closed sends in a row without an answer
// make a site's capture "degraded": the extension's popup and `frugal
// doctor` apply the same rule (tracker/capture/README_health.md).
const HealthDegradedAfter = 3

// HealthMisses are the selector lists whose failures capture health counts.
var HealthMisses = []string{"composer", "send", "answer", "stop"}
