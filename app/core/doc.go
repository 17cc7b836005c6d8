// Package core wires the request path for every Frugal process: the
// tracker.Service over a storage.Store with the classifier and estimator
// this build has. The CLI, the native host, the tray and the windows all
// build their Service here, so every source records requests the same way;
// nothing here knows about a user interface.
package core
