package cli

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"flag"
	"fmt"
	"path/filepath"
	"strings"
	"sync"

	"frugal/storage"
	"frugal/tracker"
	"frugal/tracker/classify"
	"frugal/tracker/estimate"
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

// openStore opens the database. What Open had to do that the person should
// know (a damaged file set aside, a backup before an upgrade) is told as one
// line on standard error, never on standard output: the native host's
// stdout carries frames only, and other commands' output may be piped.
func openStore(ctx context.Context, env *Env, flagValue string) (*storage.Store, error) {
	p, err := DBPath(flagValue)
	if err != nil {
		return nil, err
	}
	st, err := storage.Open(ctx, p)
	if err == nil && st.Notice != "" {
		fmt.Fprintf(env.Stderr, "frugal: %s\n", strings.ReplaceAll(st.Notice, "\n", " "))
	}
	return st, err
}

// NewService wires the capture service to a store with the classifier and
// estimator that this build has. It is what the CLI, the native host and the
// windows use, so every source records requests the same way.
func NewService(st *storage.Store) *tracker.Service {
	return &tracker.Service{
		Classifier: &settingsClassifier{settings: st.Settings, base: classify.New(classify.Options{})},
		Estimator:  &zoneEstimator{settings: st.Settings, dataDir: filepath.Dir(st.Path())},
		Sink:       st,
		Settings:   st.Settings,
	}
}

// settingsClassifier classifies with the person's search engine and
// weather service. Requests are recorded with their true category even when
// that category's nudge is off: the nudge setting decides what the
// extension shows, not what the summary counts.
type settingsClassifier struct {
	settings func(context.Context) (tracker.Settings, error)
	base     *classify.Classifier
}

func (c *settingsClassifier) Classify(text, lang string) tracker.Verdict {
	set, err := c.settings(context.Background())
	if err != nil {
		return c.base.Classify(text, lang)
	}
	set.NudgesOff = nil
	return c.base.WithSettings(set).Classify(text, lang)
}

// DetectKind tells image, video and audio generation requests apart.
func (c *settingsClassifier) DetectKind(text string) tracker.Kind { return classify.DetectKind(text) }

// zoneEstimator estimates with the grid zone and the scope the settings
// name: the provider's data centres by default, or the person's "what if"
// zone. It reads the settings on each estimate, so a change made in another
// process applies at once. dataDir is the database's folder (labels.csv
// override).
type zoneEstimator struct {
	settings func(context.Context) (tracker.Settings, error)
	dataDir  string
	mu       sync.Mutex
	byZone   map[estimatorKey]*estimate.Estimator
}

type estimatorKey struct {
	zone  string
	scope estimate.Scope
}

// ScopeOf is the estimate scope the settings choose.
func ScopeOf(set tracker.Settings) estimate.Scope {
	s, err := estimate.Scope{Carbon: set.CarbonScope, Water: set.WaterScope, NoEmbodied: set.EmbodiedOff}.Normalize()
	if err != nil {
		return estimate.Scope{Carbon: estimate.CarbonLocation, Water: estimate.WaterTotal}
	}
	return s
}

func (z *zoneEstimator) forZone(zone string, scope estimate.Scope) (*estimate.Estimator, error) {
	z.mu.Lock()
	defer z.mu.Unlock()
	k := estimatorKey{zone, scope}
	if e, ok := z.byZone[k]; ok {
		return e, nil
	}
	opts := estimate.DefaultOptions()
	opts.Zone, opts.Scope, opts.DataDir = zone, scope, z.dataDir
	e, err := estimate.New(opts)
	if err != nil {
		return nil, err
	}
	if z.byZone == nil {
		z.byZone = map[estimatorKey]*estimate.Estimator{}
	}
	z.byZone[k] = e
	return e, nil
}

// Current is the estimator the settings choose now.
func (z *zoneEstimator) Current(ctx context.Context) (*estimate.Estimator, error) {
	set, err := z.settings(ctx)
	if err != nil {
		return nil, err
	}
	return z.forZone(set.Zone, ScopeOf(set))
}

func (z *zoneEstimator) Estimate(r *tracker.Request) (tracker.Footprint, error) {
	e, err := z.Current(context.Background())
	if err != nil {
		return tracker.Footprint{}, err
	}
	return e.Estimate(r)
}

// NewID makes a random request id (128 bits, hex).
func NewID() string {
	var b [16]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

func methodVersion() string { return estimate.MethodVersion }
