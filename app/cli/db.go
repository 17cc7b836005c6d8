package cli

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"flag"

	"frugal/storage"
	"frugal/tracker"
)

// dbFlag adds --db to fs; the value defaults to $FRUGAL_DB, then to the
// per-user data directory.
func dbFlag(fs *flag.FlagSet, env *Env) *string {
	return fs.String("db", env.Getenv("FRUGAL_DB"), "database `file` (default: $FRUGAL_DB, else the per-user data folder)")
}

// DBPath resolves the database path from a --db value.
func DBPath(flagValue string) (string, error) {
	if flagValue != "" {
		return flagValue, nil
	}
	return storage.DefaultPath()
}

func openStore(ctx context.Context, flagValue string) (*storage.Store, error) {
	p, err := DBPath(flagValue)
	if err != nil {
		return nil, err
	}
	return storage.Open(ctx, p)
}

// NewService wires the capture service to a store with the classifier and
// estimator that this build has. It is what the CLI, the native host and the
// windows use, so every source records requests the same way.
func NewService(st *storage.Store) *tracker.Service {
	return &tracker.Service{
		Classifier: newClassifier(),
		Estimator:  newEstimator(),
		Sink:       st,
		Settings:   st.Settings,
	}
}

// newClassifier and newEstimator return nil until the real ones are built
// in: a nil classifier leaves requests unclassified and a nil estimator
// leaves them "not estimated", never with a made-up number.
var (
	newClassifier = func() tracker.Classifier { return nil }
	newEstimator  = func() tracker.Estimator { return nil }
)

// NewID makes a random request id (128 bits, hex).
func NewID() string {
	var b [16]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
