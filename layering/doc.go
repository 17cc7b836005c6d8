// Package layering has no code: its test checks, with `go list -deps`, that
// Frugal's packages depend on each other only inward (see README's
// "Project layout").
package layering
