// Package tracker is Frugal's domain: the Request a person makes to an AI
// assistant, the verdict of the classifier on it, its footprint estimate, the
// user's settings, and the Service that takes a captured request through
// classify → estimate → record.
//
// tracker has no UI and no SQL. It declares the small interfaces it needs
// (Classifier, Estimator, Sink); the classifier and estimator live in
// subpackages and *storage.Store satisfies Sink.
package tracker
