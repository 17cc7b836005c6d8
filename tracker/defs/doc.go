// Package defs holds the facts that the Go program and the browser extension
// must agree on, each in one table: the assistants (site ids, display names,
// host names, aliases), the native messaging protocol (host name, version,
// message types, reply codes and what each one means for a queued event),
// the settings (keys and defaults), capture health's shared rules (when a
// site is degraded, which selector misses are counted), and the browsers (where each looks for
// native messaging host manifests, and our extension's ids).
//
// It imports nothing from Frugal, so tracker, storage and app all may use it.
// `go generate ./tracker/defs` writes the extension's copy,
// extension/src/shared/defs.generated.js; TestGeneratedJSIsCurrent fails
// when that copy is stale.
package defs

//go:generate go run ./gen -o ../../extension/src/shared/defs.generated.js
