package core

import (
	"crypto/rand"
	"encoding/hex"
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
		Estimator:  &zoneEstimator{},
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

// zoneEstimator estimates with the grid zone the settings name: the
// provider's data centres by default, or the person's "what if" zone. The
// Service reads the settings for each operation, so a change made in
// another process applies at once. One estimator per zone is kept.
type zoneEstimator struct {
	mu     sync.Mutex
	byZone map[string]*estimate.Estimator
}

func (z *zoneEstimator) forZone(zone string) (*estimate.Estimator, error) {
	z.mu.Lock()
	defer z.mu.Unlock()
	if e, ok := z.byZone[zone]; ok {
		return e, nil
	}
	opts := estimate.DefaultOptions()
	opts.Zone = zone
	e, err := estimate.New(opts)
	if err != nil {
		return nil, err
	}
	if z.byZone == nil {
		z.byZone = map[string]*estimate.Estimator{}
	}
	z.byZone[zone] = e
	return e, nil
}

func (z *zoneEstimator) Estimate(set tracker.Settings, r *tracker.Request) (tracker.Footprint, error) {
	e, err := z.forZone(set.Zone)
	if err != nil {
		return tracker.Footprint{}, err
	}
	return e.Estimate(r)
}

// CurrentMethod says whether a stored estimate was made with this build's
// method version (Service.Reestimate skips those unless asked for all).
func CurrentMethod(f *tracker.Footprint) bool { return f.Method == estimate.MethodVersion }

// NewID makes a random request id (128 bits, hex).
func NewID() string {
	var b [16]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
