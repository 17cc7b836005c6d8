// Package ngram is the learned second opinion of the classifier: a
// multinomial logistic regression over hashed word and character n-grams
// of a prompt as the intents read it (normalised, politeness stripped). It
// holds the features, the model format and the trainer's maths, shared by
// the classify package (which embeds a trained model) and the go generate
// step that trains it (internal/train).
package ngram

import (
	"encoding/binary"
	"errors"
	"math"
)

// Buckets is the number of hashed feature slots. 2^15 slots for 9 classes
// in float32 make a model of 1.2 MB.
const Buckets = 1 << 15

// Labels are the classes, in model order: the trivial categories then none.
var Labels = []string{"weather", "time_date", "calculation", "conversion", "definition_spelling",
	"translation_short", "fact_lookup", "navigation", "none"}

// fnv1a hashes s, seeded by a kind byte so words and trigrams do not share slots.
func fnv1a(kind byte, s string) uint32 {
	h := uint32(2166136261)
	h ^= uint32(kind)
	h *= 16777619
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}

// Features appends to dst the feature slots of words (the prompt's
// normalised words): each word, each pair of neighbours, the character
// trigrams of each word with its boundaries, and a bias. Slots may repeat.
func Features(dst []uint32, words []string) []uint32 {
	dst = append(dst, 0) // bias
	prev := "^"
	for _, w := range words {
		dst = append(dst, 1+fnv1a('w', w)%(Buckets-1))
		dst = append(dst, 1+(fnv1a('b', prev)^fnv1a('B', w))%(Buckets-1))
		prev = w
		if len(w) > 40 {
			continue
		}
		var buf [42]byte
		b := append(buf[:0], ' ')
		b = append(b, w...)
		b = append(b, ' ')
		for i := 0; i+3 <= len(b); i++ {
			dst = append(dst, 1+fnv1a('c', string(b[i:i+3]))%(Buckets-1))
		}
	}
	dst = append(dst, 1+(fnv1a('b', prev)^fnv1a('B', "$"))%(Buckets-1))
	return dst
}

// Model holds one weight per slot and class, slot-major, and the
// probability from which its trivial verdicts are trusted.
type Model struct {
	Threshold float32
	W         []float32 // len Buckets*len(Labels)
}

// New returns a zero model.
func New() *Model { return &Model{W: make([]float32, Buckets*len(Labels))} }

// Probs writes into p (len(Labels)) the softmax of the class scores of feats.
func (m *Model) Probs(feats []uint32, p []float64) {
	k := len(Labels)
	for c := range p {
		p[c] = 0
	}
	for _, f := range feats {
		row := m.W[int(f)*k : int(f)*k+k]
		for c := range k {
			p[c] += float64(row[c])
		}
	}
	mx := p[0]
	for _, v := range p[1:] {
		mx = max(mx, v)
	}
	sum := 0.0
	for c := range p {
		p[c] = math.Exp(p[c] - mx)
		sum += p[c]
	}
	for c := range p {
		p[c] /= sum
	}
}

// Step does one stochastic gradient step of multinomial logistic regression
// with learning rate lr and L2 penalty l2 on one example.
func (m *Model) Step(feats []uint32, label int, lr, l2 float64, p []float64) {
	m.Probs(feats, p)
	k := len(Labels)
	for _, f := range feats {
		row := m.W[int(f)*k : int(f)*k+k]
		for c := range k {
			g := p[c]
			if c == label {
				g -= 1
			}
			row[c] -= float32(lr * (g + l2*float64(row[c])))
		}
	}
}

// magic starts a model file; the version follows it.
var magic = [4]byte{'F', 'N', 'G', '1'}

// Marshal writes the model as the magic, the threshold, then the weights,
// all float32 little-endian.
func (m *Model) Marshal() []byte {
	out := make([]byte, 8+4*len(m.W))
	copy(out, magic[:])
	binary.LittleEndian.PutUint32(out[4:], math.Float32bits(m.Threshold))
	for i, w := range m.W {
		binary.LittleEndian.PutUint32(out[8+4*i:], math.Float32bits(w))
	}
	return out
}

// Unmarshal reads a model written by Marshal.
func Unmarshal(b []byte) (*Model, error) {
	n := Buckets * len(Labels)
	if len(b) != 8+4*n || [4]byte(b[:4]) != magic {
		return nil, errors.New("ngram: not a model of this version")
	}
	m := &Model{Threshold: math.Float32frombits(binary.LittleEndian.Uint32(b[4:])), W: make([]float32, n)}
	for i := range m.W {
		m.W[i] = math.Float32frombits(binary.LittleEndian.Uint32(b[8+4*i:]))
	}
	return m, nil
}
