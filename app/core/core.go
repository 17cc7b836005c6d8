package core

import (
	"crypto/rand"
	"encoding/hex"
	"path/filepath"
	"sync"

	"frugal/storage"
	"frugal/tracker"
	"frugal/tracker/classify"
	"frugal/tracker/estimate"
)

// NewService returns the request path over st.
func NewService(st *storage.Store) *tracker.Service {
	return &tracker.Service{
		Classifier: &settingsClassifier{base: classify.New(classify.Options{})},
		Estimator:  &zoneEstimator{dataDir: filepath.Dir(st.Path())},
		Store:      st,
	}
}

// settingsClassifier classifies with the person's search engine and
// weather service.
type settingsClassifier struct {
	base *classify.Classifier
}

func (c *settingsClassifier) Classify(set tracker.Settings, text, lang string) tracker.Verdict {
	set.NudgesOff = nil // the verdict is the true category; the Service decides on the nudge
	return c.base.WithSettings(set).Classify(text, lang)
}

// DetectKind tells image, video and audio generation requests apart.
func (c *settingsClassifier) DetectKind(text string) tracker.Kind { return classify.DetectKind(text) }

// zoneEstimator estimates with the grid zone and the scope the settings
// name: the provider's data centres by default, or the person's "what if"
// zone. The Service reads the settings for each operation, so a change made
// in another process applies at once. One estimator per zone and scope is
// kept. dataDir is the database's folder, where a newer label table may be
// dropped.
type zoneEstimator struct {
	dataDir string
	mu      sync.Mutex
	byZone  map[estimatorKey]*estimate.Estimator
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

func (z *zoneEstimator) forSettings(set tracker.Settings) (*estimate.Estimator, error) {
	z.mu.Lock()
	defer z.mu.Unlock()
	k := estimatorKey{set.Zone, ScopeOf(set)}
	if e, ok := z.byZone[k]; ok {
		return e, nil
	}
	opts := estimate.DefaultOptions()
	opts.Zone, opts.Scope, opts.DataDir = k.zone, k.scope, z.dataDir
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

func (z *zoneEstimator) Estimate(set tracker.Settings, r *tracker.Request) (tracker.Footprint, error) {
	e, err := z.forSettings(set)
	if err != nil {
		return tracker.Footprint{}, err
	}
	return e.Estimate(r)
}

// Method names the method version (release, tables, scope) estimates are
// made with under set: what re-estimation compares stored rows with.
func (z *zoneEstimator) Method(set tracker.Settings) (string, error) {
	e, err := z.forSettings(set)
	if err != nil {
		return "", err
	}
	return e.Method(), nil
}

// NewID makes a random request id (128 bits, hex).
func NewID() string {
	var b [16]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
