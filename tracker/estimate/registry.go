package estimate

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"sync"
)

//go:embed data/models.json data/electricity_mixes.json
var dataFS embed.FS

// Model is one registered model of a provider.
type Model struct {
	Provider, Name string
	Arch           string // "dense" or "moe"
	Active, Total  Value  // billions of parameters; dense models have Active == Total
	Warnings       []string
	TPS, TTFT      *float64 // published generation speed (tokens/s) and time to first token (s)
	Sources        []string
}

// Provider holds EcoLogits' datacenter assumptions for a provider.
type Provider struct {
	Name     string
	Zone     string // datacenter location, ISO 3166-1 alpha-3
	PUE, WUE Value  // WUE in L/kWh (on-site)
}

// providers is the table of METHOD.md §5 (EcoLogits 0.11.2).
var providers = []Provider{
	{"anthropic", "USA", Interval(1.09, 1.14), Interval(0.13, 0.999)},
	{"cohere", "USA", Scalar(1.09), Scalar(0.999)},
	{"google_genai", "USA", Scalar(1.09), Scalar(0.999)},
	{"huggingface_hub", "USA", Interval(1.09, 1.14), Interval(0.13, 0.99)},
	{"mistralai", "SWE", Scalar(1.16), Scalar(0.09)},
	{"openai", "USA", Scalar(1.2), Scalar(0.569)},
}

// Registry is the model repository and the electricity mixes.
type Registry struct {
	models    []Model
	byKey     map[[2]string]int
	mixes     []Mix
	mixByZone map[string]int
}

type modelKey = [2]string

// Default returns the registry built from the embedded EcoLogits data.
var Default = sync.OnceValues(func() (*Registry, error) {
	m, err := dataFS.ReadFile("data/models.json")
	if err != nil {
		return nil, err
	}
	e, err := dataFS.ReadFile("data/electricity_mixes.json")
	if err != nil {
		return nil, err
	}
	return NewRegistry(m, e)
})

// UnmarshalJSON reads a number or {"min": a, "max": b}.
func (v *Value) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '{' {
		var r struct{ Min, Max *float64 }
		if err := json.Unmarshal(b, &r); err != nil {
			return err
		}
		if r.Min == nil || r.Max == nil {
			return fmt.Errorf("interval %s lacks min or max", b)
		}
		*v = Interval(*r.Min, *r.Max)
		return nil
	}
	var x float64
	if err := json.Unmarshal(b, &x); err != nil {
		return err
	}
	*v = Scalar(x)
	return nil
}

// NewRegistry builds a registry from models.json and electricity_mixes.json
// contents, applying aliases by the reference's rules: an alias registers
// a copy of an existing model under a new name, replacing a model of that
// name in place or else appending it after the file's models.
func NewRegistry(modelsJSON, mixesJSON []byte) (*Registry, error) {
	var md struct {
		Aliases []struct{ Provider, Name, Alias string }
		Models  []struct {
			Type, Provider, Name string
			Architecture         struct {
				Type       string
				Parameters json.RawMessage
			}
			Warnings   []string
			Sources    []string
			Deployment *struct{ TPS, TTFT *float64 }
		}
	}
	if err := json.Unmarshal(modelsJSON, &md); err != nil {
		return nil, fmt.Errorf("estimate: models: %w", err)
	}
	r := &Registry{byKey: map[[2]string]int{}, mixByZone: map[string]int{}}
	for _, m := range md.Models {
		mo := Model{Provider: m.Provider, Name: m.Name, Arch: m.Architecture.Type, Warnings: m.Warnings, Sources: m.Sources}
		switch m.Architecture.Type {
		case "dense":
			var p Value
			if err := json.Unmarshal(m.Architecture.Parameters, &p); err != nil {
				return nil, fmt.Errorf("estimate: model %s/%s: %w", m.Provider, m.Name, err)
			}
			mo.Active, mo.Total = p, p
		case "moe":
			var p struct{ Total, Active *Value }
			if err := json.Unmarshal(m.Architecture.Parameters, &p); err != nil || p.Total == nil || p.Active == nil {
				return nil, fmt.Errorf("estimate: model %s/%s: bad moe parameters", m.Provider, m.Name)
			}
			mo.Active, mo.Total = *p.Active, *p.Total
		default:
			return nil, fmt.Errorf("estimate: model %s/%s: architecture %q", m.Provider, m.Name, m.Architecture.Type)
		}
		for _, w := range mo.Warnings {
			if _, err := NewWarning(w); err != nil {
				return nil, fmt.Errorf("estimate: model %s/%s: %w", m.Provider, m.Name, err)
			}
		}
		if m.Deployment != nil {
			mo.TPS, mo.TTFT = m.Deployment.TPS, m.Deployment.TTFT
		}
		r.put(mo)
	}
	for _, a := range md.Aliases {
		i, ok := r.byKey[modelKey{a.Provider, a.Alias}]
		if !ok {
			return nil, fmt.Errorf("estimate: alias %s/%s: no model %q", a.Provider, a.Name, a.Alias)
		}
		mo := r.models[i]
		mo.Name = a.Name
		r.put(mo)
	}

	var mx struct {
		Mixes []struct {
			Name               string
			ADPe, PE, GWP, WUE *float64
			Warnings           []string
		} `json:"electricity_mixes"`
	}
	if err := json.Unmarshal(mixesJSON, &mx); err != nil {
		return nil, fmt.Errorf("estimate: electricity mixes: %w", err)
	}
	for _, m := range mx.Mixes {
		if m.ADPe == nil || m.PE == nil || m.GWP == nil || m.WUE == nil {
			return nil, fmt.Errorf("estimate: mix %s: missing factor", m.Name)
		}
		for _, w := range m.Warnings {
			if _, err := NewWarning(w); err != nil {
				return nil, fmt.Errorf("estimate: mix %s: %w", m.Name, err)
			}
		}
		if _, dup := r.mixByZone[m.Name]; dup {
			return nil, fmt.Errorf("estimate: mix %s listed twice", m.Name)
		}
		r.mixByZone[m.Name] = len(r.mixes)
		r.mixes = append(r.mixes, Mix{Zone: m.Name, ADPe: *m.ADPe, PE: *m.PE, GWP: *m.GWP, WUE: *m.WUE, Warnings: m.Warnings})
	}
	return r, nil
}

func (r *Registry) put(m Model) {
	k := modelKey{m.Provider, m.Name}
	if i, ok := r.byKey[k]; ok {
		r.models[i] = m
		return
	}
	r.byKey[k] = len(r.models)
	r.models = append(r.models, m)
}

// Models lists every registered name (aliases included) in the
// reference's order.
func (r *Registry) Models() []Model { return append([]Model(nil), r.models...) }

// Model finds a model by provider and exact registered name.
func (r *Registry) Model(provider, name string) (Model, bool) {
	i, ok := r.byKey[modelKey{provider, name}]
	if !ok {
		return Model{}, false
	}
	return r.models[i], true
}

// Mixes lists every electricity mix in file order.
func (r *Registry) Mixes() []Mix { return append([]Mix(nil), r.mixes...) }

// Mix finds the electricity mix of a zone (ISO 3166-1 alpha-3, or WOR).
func (r *Registry) Mix(zone string) (Mix, bool) {
	i, ok := r.mixByZone[zone]
	if !ok {
		return Mix{}, false
	}
	return r.mixes[i], true
}

// Providers lists EcoLogits' provider assumptions.
func Providers() []Provider { return append([]Provider(nil), providers...) }

// ProviderByName finds a provider's assumptions.
func ProviderByName(name string) (Provider, bool) {
	for _, p := range providers {
		if p.Name == name {
			return p, true
		}
	}
	return Provider{}, false
}
