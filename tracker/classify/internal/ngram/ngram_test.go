package ngram

import (
	"slices"
	"testing"
)

func TestModel_RoundTrip(t *testing.T) {
	m := New()
	m.Threshold = 0.75
	m.W[3], m.W[len(m.W)-1] = 1.5, -2
	got, err := Unmarshal(m.Marshal())
	if err != nil {
		t.Fatal(err)
	}
	if got.Threshold != 0.75 || !slices.Equal(got.W, m.W) {
		t.Error("a model read back differs from the one written")
	}
	if _, err := Unmarshal([]byte("FNG1 too short")); err == nil {
		t.Error("a truncated model was accepted")
	}
}

// TestStep_Learns: a few gradient steps on two separable examples make the
// model prefer each one's label.
func TestStep_Learns(t *testing.T) {
	m := New()
	a := Features(nil, []string{"weather", "in", "paris"})
	b := Features(nil, []string{"write", "a", "poem"})
	p := make([]float64, len(Labels))
	for range 50 {
		m.Step(a, 0, 0.1, 1e-6, p)
		m.Step(b, len(Labels)-1, 0.1, 1e-6, p)
	}
	m.Probs(a, p)
	if p[0] < 0.9 {
		t.Errorf("P(weather | weather in paris) = %.2f", p[0])
	}
	m.Probs(b, p)
	if p[len(Labels)-1] < 0.9 {
		t.Errorf("P(none | write a poem) = %.2f", p[len(Labels)-1])
	}
}

func TestFeatures_InRangeAndStable(t *testing.T) {
	f := Features(nil, []string{"quelle", "heure", "est", "il", "a", "tokyo", string(make([]byte, 100))})
	for _, x := range f {
		if x >= Buckets {
			t.Fatalf("slot %d out of range", x)
		}
	}
	if !slices.Equal(f, Features(nil, []string{"quelle", "heure", "est", "il", "a", "tokyo", string(make([]byte, 100))})) {
		t.Error("features differ between two calls")
	}
}
