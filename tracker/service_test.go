package tracker

import (
	"context"
	"errors"
	"testing"
	"time"
)

// memStore is a Store in memory that counts settings reads.
type memStore struct {
	rows          map[string]Request
	set           Settings
	settingsReads int
}

func newMemStore() *memStore { return &memStore{rows: map[string]Request{}, set: DefaultSettings()} }

var errMemNotFound = errors.New("not found")

func (m *memStore) Record(_ context.Context, r Request) (bool, error) {
	if _, ok := m.rows[r.ID]; ok {
		return false, nil
	}
	m.rows[r.ID] = r
	return true, nil
}
func (m *memStore) Get(_ context.Context, id string) (Request, error) {
	r, ok := m.rows[id]
	if !ok {
		return r, errMemNotFound
	}
	return r, nil
}
func (m *memStore) Update(_ context.Context, r Request) error { m.rows[r.ID] = r; return nil }
func (m *memStore) Settings(context.Context) (Settings, error) {
	m.settingsReads++
	return m.set, nil
}
func (m *memStore) UpdateSettings(_ context.Context, change func(*Settings) error) (Settings, error) {
	s := m.set
	if err := change(&s); err != nil {
		return m.set, err
	}
	m.set = s
	return s, nil
}
func (m *memStore) Count(context.Context) (int64, error) { return int64(len(m.rows)), nil }
func (m *memStore) stale(r Request, method string) bool {
	return r.Outcome != OutcomeCancelled && (r.Footprint == nil || r.Footprint.Method != method)
}
func (m *memStore) StaleCount(_ context.Context, method string) (int64, error) {
	var n int64
	for _, r := range m.rows {
		if m.stale(r, method) {
			n++
		}
	}
	return n, nil
}
func (m *memStore) Reestimate(ctx context.Context, method string, fn func(*Request) error, progress func(done, left int64)) (int64, error) {
	var done int64
	for id, r := range m.rows {
		if !m.stale(r, method) {
			continue
		}
		if err := fn(&r); err != nil {
			r.Warnings = append(r.Warnings, "not re-estimated: "+err.Error())
		}
		m.rows[id] = r
		done++
	}
	if progress != nil {
		left, _ := m.StaleCount(ctx, method)
		progress(done, left)
	}
	return done, nil
}

// zoneEst records the zone it was asked for and costs 1 Wh per answer char.
type zoneEst struct{ zones []string }

func (z *zoneEst) Estimate(set Settings, r *Request) (Footprint, error) {
	z.zones = append(z.zones, set.Zone)
	if r.Site == "broken" {
		return Footprint{}, errors.New("no model")
	}
	wh := 1.0
	if r.AnswerChars != nil {
		wh = float64(*r.AnswerChars)
	}
	return Footprint{EnergyWh: Range{Low: wh, Central: wh, High: wh}, Method: "m2"}, nil
}

func (z *zoneEst) Method(Settings) (string, error) { return "m2", nil }

type wordClassifier struct{ engines []string }

func (w *wordClassifier) Classify(set Settings, text, lang string) Verdict {
	w.engines = append(w.engines, set.SearchEngine)
	if text == "weather" {
		return Verdict{Category: CatWeather, Tool: "weather"}
	}
	return Verdict{Category: CatNone}
}

func TestService_ReadsSettingsOncePerOperation(t *testing.T) {
	st := newMemStore()
	st.set.Zone, st.set.SearchEngine = "FRA", "qwant"
	cl, est := &wordClassifier{}, &zoneEst{}
	svc := &Service{Classifier: cl, Estimator: est, Store: st}
	p := "weather"
	r, ins, err := svc.Capture(t.Context(), Request{ID: "a", At: time.Now(), Source: SourceCLI, Site: "chatgpt", Prompt: &p})
	if err != nil || !ins {
		t.Fatal(err, ins)
	}
	if st.settingsReads != 1 {
		t.Errorf("capture read the settings %d times, want 1", st.settingsReads)
	}
	if r.Category != CatWeather || r.Footprint == nil || est.zones[0] != "FRA" || cl.engines[0] != "qwant" {
		t.Errorf("capture: %+v, zones %v, engines %v", r, est.zones, cl.engines)
	}

	st.settingsReads = 0
	got, err := svc.Answer(t.Context(), "a", 3, time.Second)
	if err != nil || st.settingsReads != 1 || got.Footprint.EnergyWh.Central != 3 {
		t.Errorf("answer: %v, %d settings reads, footprint %+v", err, st.settingsReads, got.Footprint)
	}
	if _, err := svc.Answer(t.Context(), "nope", 3, time.Second); !errors.Is(err, errMemNotFound) {
		t.Errorf("answer to an unknown request: %v", err)
	}

	st.set.NudgesOff = map[string]bool{string(CatWeather): true}
	st.settingsReads = 0
	v, nudge, ok, err := svc.Classify(t.Context(), "weather", "en")
	if err != nil || !ok || v.Category != CatWeather || nudge || st.settingsReads != 1 {
		t.Errorf("classify with the nudge off: %+v nudge=%v ok=%v %v, %d reads", v, nudge, ok, err, st.settingsReads)
	}
}

func TestService_OneRuleForEstimates(t *testing.T) {
	st := newMemStore()
	svc := &Service{Estimator: &zoneEst{}, Store: st, Now: time.Now}
	for _, o := range []Outcome{OutcomeSent, OutcomeSentAnyway, OutcomeFollowed, OutcomeCancelled} {
		r, _, err := svc.Capture(t.Context(), Request{ID: string(o), At: time.Now(), Source: SourceCLI, Site: "x", Outcome: o})
		if err != nil {
			t.Fatal(err)
		}
		if (r.Footprint != nil) != (o != OutcomeCancelled) {
			t.Errorf("%s: estimated = %v", o, r.Footprint != nil)
		}
		a, err := svc.Answer(t.Context(), string(o), 5, time.Second)
		if err != nil {
			t.Fatal(err)
		}
		if (a.Footprint != nil) != (o != OutcomeCancelled) {
			t.Errorf("%s after its answer: estimated = %v", o, a.Footprint != nil)
		}
	}
}

func TestService_Reestimate(t *testing.T) {
	st := newMemStore()
	svc := &Service{Estimator: &zoneEst{}, Store: st}
	m, err := svc.Method(DefaultSettings())
	if err != nil || m == "" {
		t.Fatalf("method %q, %v", m, err)
	}
	old := &Footprint{Method: "m1"}
	st.rows["old"] = Request{ID: "old", Site: "x", Outcome: OutcomeSent, Footprint: old}
	st.rows["cur"] = Request{ID: "cur", Site: "x", Outcome: OutcomeSent, Footprint: &Footprint{Method: m}}
	st.rows["bad"] = Request{ID: "bad", Site: "broken", Outcome: OutcomeSent, Footprint: old}
	st.rows["cancelled"] = Request{ID: "cancelled", Site: "x", Outcome: OutcomeCancelled}
	res, err := svc.Reestimate(t.Context(), false, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 4 || res.Changed != 2 || res.Left != 1 || res.Method != m {
		t.Errorf("result %+v, want 4 stored, 2 seen, 1 left, method %s", res, m)
	}
	if st.rows["old"].Footprint.Method != m || st.rows["bad"].Footprint != old || len(st.rows["bad"].Warnings) != 1 {
		t.Errorf("rows after: old %+v, bad %+v", st.rows["old"], st.rows["bad"])
	}
	if st.rows["cancelled"].Footprint != nil {
		t.Error("a cancelled request was estimated")
	}
	// all: the current row is estimated again too.
	if res, err = svc.Reestimate(t.Context(), true, nil); err != nil || res.Changed != 3 {
		t.Errorf("all: %+v, %v", res, err)
	}
}

func TestService_PausedCapturesNothing(t *testing.T) {
	st := newMemStore()
	now := time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)
	st.set.PausedUntilMs = now.Add(time.Hour).UnixMilli()
	svc := &Service{Store: st, Now: func() time.Time { return now }}
	_, _, err := svc.Capture(t.Context(), Request{ID: "p", At: now, Source: SourceCLI, Site: "x"})
	if !errors.Is(err, ErrPaused) || len(st.rows) != 0 {
		t.Errorf("capture while paused: %v, %d rows", err, len(st.rows))
	}
}
