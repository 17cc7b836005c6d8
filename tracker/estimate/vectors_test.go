package estimate

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"testing"
)

// The reference vectors are copied into testdata/ecologits (provenance and
// licence in testdata/ecologits/SOURCE.md). vectorPath returns one: an
// explicit path from env (relative to the test's working directory, the
// package directory) when it is set, else testdata/ecologits/name. A missing
// file fails the test: conformance is never skipped.
func vectorPath(t *testing.T, env, name string) string {
	t.Helper()
	p := filepath.Join("testdata", "ecologits", name)
	if env != "" {
		if e := os.Getenv(env); e != "" {
			p = e
		}
	}
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("reference vectors %s: %v (set %s to another file)", name, err, env)
	}
	return p
}

// Python's json writes NaN, Infinity and -Infinity bare. nonFinite turns
// them into marker strings so encoding/json can read the file; markers are
// compared as the non-finite numbers they stand for.
const (
	markNaN    = "\x00NaN"
	markPosInf = "\x00+Inf"
	markNegInf = "\x00-Inf"
)

func nonFinite(b []byte) []byte {
	var out bytes.Buffer
	inStr, esc := false, false
	for i := 0; i < len(b); i++ {
		c := b[i]
		if inStr {
			out.WriteByte(c)
			switch {
			case esc:
				esc = false
			case c == '\\':
				esc = true
			case c == '"':
				inStr = false
			}
			continue
		}
		switch {
		case c == '"':
			inStr = true
			out.WriteByte(c)
		case bytes.HasPrefix(b[i:], []byte("NaN")):
			out.WriteString(strconv.Quote(markNaN))
			i += 2
		case bytes.HasPrefix(b[i:], []byte("-Infinity")):
			out.WriteString(strconv.Quote(markNegInf))
			i += 8
		case bytes.HasPrefix(b[i:], []byte("Infinity")):
			out.WriteString(strconv.Quote(markPosInf))
			i += 7
		default:
			out.WriteByte(c)
		}
	}
	return out.Bytes()
}

func loadVectors(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	d := json.NewDecoder(bytes.NewReader(nonFinite(b)))
	d.UseNumber()
	if err := d.Decode(v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// num reads a JSON number (or a non-finite marker) as float64.
func num(v any) (float64, bool) {
	switch x := v.(type) {
	case json.Number:
		f, err := strconv.ParseFloat(string(x), 64)
		return f, err == nil
	case float64:
		return x, true
	case int:
		return float64(x), true
	case string:
		switch x {
		case markNaN:
			return math.NaN(), true
		case markPosInf:
			return math.Inf(1), true
		case markNegInf:
			return math.Inf(-1), true
		}
	}
	return 0, false
}

const relTol = 1e-12

func sameNumber(g, w float64) bool {
	switch {
	case math.IsNaN(w) || math.IsNaN(g):
		return math.IsNaN(w) && math.IsNaN(g)
	case math.IsInf(w, 0) || math.IsInf(g, 0):
		return g == w
	case g == w:
		return true
	}
	return math.Abs(g-w) <= relTol*math.Max(math.Abs(g), math.Abs(w))
}

// diff compares got with the vector's want: numbers within relTol,
// everything else (key sets, lengths, strings, booleans, null) exactly.
func diff(path string, got, want any) []string {
	if wn, ok := num(want); ok {
		if _, isStr := want.(string); !isStr || isMarker(want) {
			gn, ok := num(got)
			if !ok || isPlainString(got) {
				return []string{fmt.Sprintf("%s: got %#v, want number %v", path, got, wn)}
			}
			if !sameNumber(gn, wn) {
				return []string{fmt.Sprintf("%s: got %.17g, want %.17g (rel %.3g)", path, gn, wn, math.Abs(gn-wn)/math.Abs(wn))}
			}
			return nil
		}
	}
	switch w := want.(type) {
	case nil:
		if got != nil {
			return []string{fmt.Sprintf("%s: got %#v, want null", path, got)}
		}
	case string, bool:
		if got != want {
			return []string{fmt.Sprintf("%s: got %#v, want %#v", path, got, want)}
		}
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			return []string{fmt.Sprintf("%s: got %#v, want list of %d", path, got, len(w))}
		}
		var out []string
		for i := range w {
			out = append(out, diff(fmt.Sprintf("%s[%d]", path, i), g[i], w[i])...)
		}
		return out
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return []string{fmt.Sprintf("%s: got %#v, want object", path, got)}
		}
		var out []string
		for _, k := range keys(w) {
			gv, ok := g[k]
			if !ok {
				out = append(out, fmt.Sprintf("%s.%s: missing", path, k))
				continue
			}
			out = append(out, diff(path+"."+k, gv, w[k])...)
		}
		for _, k := range keys(g) {
			if _, ok := w[k]; !ok {
				out = append(out, fmt.Sprintf("%s.%s: unexpected key", path, k))
			}
		}
		return out
	default:
		return []string{fmt.Sprintf("%s: unexpected vector value %#v", path, want)}
	}
	return nil
}

func isMarker(v any) bool {
	s, ok := v.(string)
	return ok && (s == markNaN || s == markPosInf || s == markNegInf)
}

func isPlainString(v any) bool { _, ok := v.(string); return ok && !isMarker(v) }

func keys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// vectorValue reads a number or {min, max} from a vector's inputs.
func vectorValue(v any) (Value, error) {
	if m, ok := v.(map[string]any); ok {
		lo, ok1 := num(m["min"])
		hi, ok2 := num(m["max"])
		if !ok1 || !ok2 || len(m) != 2 {
			return Value{}, fmt.Errorf("bad interval %v", v)
		}
		return Interval(lo, hi), nil
	}
	x, ok := num(v)
	if !ok {
		return Value{}, fmt.Errorf("bad number %v", v)
	}
	return Scalar(x), nil
}

// optional reads a nullable, possibly absent number.
func optional(in map[string]any, k string) (*float64, error) {
	v, ok := in[k]
	if !ok || v == nil {
		return nil, nil
	}
	x, ok := num(v)
	if !ok {
		return nil, fmt.Errorf("%s: bad number %v", k, v)
	}
	return &x, nil
}

// estimatorInputs maps a vector's inputs onto Inputs. Unknown fields are
// refused, so a vector file using something this test does not know fails
// rather than being half-run.
func estimatorInputs(in map[string]any) (Inputs, error) {
	known := map[string]bool{"modelActiveParameterCount": true, "modelTotalParameterCount": true,
		"outputTokenCount": true, "requestLatency": true, "ifElectricityMixAdpe": true,
		"ifElectricityMixPe": true, "ifElectricityMixGwp": true, "ifElectricityMixWue": true,
		"datacenterPue": true, "datacenterWue": true, "tps": true, "ttft": true}
	for k := range in {
		if !known[k] {
			return Inputs{}, fmt.Errorf("unknown input field %q", k)
		}
	}
	var x Inputs
	var err error
	vals := []struct {
		key string
		dst *Value
	}{{"modelActiveParameterCount", &x.Active}, {"modelTotalParameterCount", &x.Total},
		{"datacenterPue", &x.PUE}, {"datacenterWue", &x.WUE}}
	for _, f := range vals {
		if *f.dst, err = vectorValue(in[f.key]); err != nil {
			return x, fmt.Errorf("%s: %w", f.key, err)
		}
	}
	nums := []struct {
		key string
		dst *float64
	}{{"outputTokenCount", &x.OutputTokens}, {"ifElectricityMixAdpe", &x.Mix.ADPe},
		{"ifElectricityMixPe", &x.Mix.PE}, {"ifElectricityMixGwp", &x.Mix.GWP}, {"ifElectricityMixWue", &x.Mix.WUE}}
	for _, f := range nums {
		var ok bool
		if *f.dst, ok = num(in[f.key]); !ok {
			return x, fmt.Errorf("%s: bad number %v", f.key, in[f.key])
		}
	}
	if x.Latency, err = optional(in, "requestLatency"); err != nil {
		return x, err
	}
	if x.TPS, err = optional(in, "tps"); err != nil {
		return x, err
	}
	if x.TTFT, err = optional(in, "ttft"); err != nil {
		return x, err
	}
	return x, nil
}

// roundTrip gives a tree the types the vectors decode to (json.Number…),
// through the same JSON encoding the app would use. Non-finite numbers
// cannot go through JSON, so such trees are compared as they are.
func roundTrip(t *testing.T, tree map[string]any) any {
	b, err := json.Marshal(tree)
	if err != nil {
		return tree
	}
	var out any
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	if err := d.Decode(&out); err != nil {
		t.Fatal(err)
	}
	return out
}

type vectorCase struct {
	Name        string
	Inputs      map[string]any
	Expected    any
	PythonError *string
}

// TestEcoLogitsEstimatorVectors is the conformance contract: every case of
// the estimator vector file named by ECOLOGITS_VECTORS (default: the dev
// file in testdata/ecologits) must match.
func TestEcoLogitsEstimatorVectors(t *testing.T) {
	path := vectorPath(t, "ECOLOGITS_VECTORS", "vectors-estimator-dev.json")
	var f struct {
		Kind  string
		Cases []vectorCase
	}
	loadVectors(t, path, &f)
	if f.Kind != "estimator" {
		t.Fatalf("%s: kind %q, want estimator", path, f.Kind)
	}
	if len(f.Cases) == 0 {
		t.Fatalf("%s: no cases", path)
	}
	t.Logf("%s: %d cases", path, len(f.Cases))
	for _, c := range f.Cases {
		t.Run(c.Name, func(t *testing.T) {
			in, err := estimatorInputs(c.Inputs)
			if err != nil {
				t.Fatal(err)
			}
			got, err := Compute(in)
			if c.PythonError != nil {
				var ce *ComputeError
				if !errors.As(err, &ce) {
					t.Fatalf("Compute = %v, %v; want a %s", got.Energy, err, *c.PythonError)
				}
				if ce.Python != *c.PythonError {
					t.Errorf("Compute error %s (%v), want %s", ce.Python, err, *c.PythonError)
				}
				return
			}
			if c.Expected == nil {
				t.Fatal("case has neither expected nor pythonError")
			}
			if err != nil {
				t.Fatalf("Compute: %v", err)
			}
			for _, d := range diff("expected", roundTrip(t, got.SpecTree()), c.Expected) {
				t.Error(d)
			}
		})
	}
}

func TestEcoLogitsHighLevelVectors(t *testing.T) {
	path := vectorPath(t, "ECOLOGITS_HIGH_LEVEL_VECTORS", "vectors-high-level.json")
	var f struct {
		Kind              string
		ProviderConfigMap map[string]any
		Cases             []vectorCase
	}
	loadVectors(t, path, &f)
	if f.Kind != "high-level" || len(f.Cases) == 0 {
		t.Fatalf("%s: kind %q with %d cases", path, f.Kind, len(f.Cases))
	}
	reg, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	t.Run("provider assumptions", func(t *testing.T) {
		got := map[string]any{}
		for _, p := range Providers() {
			got[p.Name] = map[string]any{"datacenterLocation": p.Zone, "datacenterPue": p.PUE.specValue(), "datacenterWue": p.WUE.specValue()}
		}
		for _, d := range diff("providerConfigMap", roundTrip(t, got), f.ProviderConfigMap) {
			t.Error(d)
		}
	})
	for _, c := range f.Cases {
		t.Run(c.Name, func(t *testing.T) {
			in := c.Inputs
			provider, _ := in["provider"].(string)
			model, _ := in["modelName"].(string)
			n, ok := num(in["outputTokenCount"])
			if !ok {
				t.Fatalf("bad outputTokenCount %v", in["outputTokenCount"])
			}
			lat, err := optional(in, "requestLatency")
			if err != nil {
				t.Fatal(err)
			}
			var zone *string
			if z, ok := in["electricityMixZone"].(string); ok {
				zone = &z
			}
			res, err := reg.LLMImpacts(provider, model, n, lat, zone)
			if c.PythonError != nil {
				if err == nil {
					t.Fatalf("LLMImpacts succeeded, want %s", *c.PythonError)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range diff("expected", roundTrip(t, res.SpecTree()), c.Expected) {
				t.Error(d)
			}
		})
	}
}

func TestEcoLogitsRepositoryVectors(t *testing.T) {
	path := vectorPath(t, "ECOLOGITS_REPOSITORY_VECTORS", "vectors-repository.json")
	var f struct {
		Kind             string
		Models           []any
		ElectricityMixes []any
		ModelLookups     []map[string]any
	}
	loadVectors(t, path, &f)
	if f.Kind != "repository" {
		t.Fatalf("%s: kind %q", path, f.Kind)
	}
	reg, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	codes := func(l []string) []any {
		out := []any{}
		for _, c := range l {
			out = append(out, c)
		}
		return out
	}
	opt := func(p *float64) any {
		if p == nil {
			return nil
		}
		return *p
	}
	var models []any
	for _, m := range reg.Models() {
		params := map[string]any{"kind": m.Arch}
		if m.Arch == "dense" {
			params["parameters"] = m.Total.specValue()
		} else {
			params["total"], params["active"] = m.Total.specValue(), m.Active.specValue()
		}
		models = append(models, map[string]any{
			"provider": m.Provider, "name": m.Name, "architectureType": m.Arch, "parameters": params,
			"warningCodes": codes(m.Warnings), "deployment": map[string]any{"tps": opt(m.TPS), "ttft": opt(m.TTFT)},
		})
	}
	var mixes []any
	for _, x := range reg.Mixes() {
		mixes = append(mixes, map[string]any{"zone": x.Zone, "adpe": x.ADPe, "pe": x.PE, "gwp": x.GWP, "wue": x.WUE, "warningCodes": codes(x.Warnings)})
	}
	got := roundTrip(t, map[string]any{"models": models, "electricityMixes": mixes}).(map[string]any)
	for _, d := range diff("models", got["models"], f.Models) {
		t.Error(d)
	}
	for _, d := range diff("electricityMixes", got["electricityMixes"], f.ElectricityMixes) {
		t.Error(d)
	}
	for _, l := range f.ModelLookups {
		p, _ := l["provider"].(string)
		n, _ := l["name"].(string)
		m, ok := reg.Model(p, n)
		var resolved any
		if ok {
			resolved = m.Name
		}
		if ok != l["found"] || resolved != l["resolvedName"] {
			t.Errorf("Model(%q, %q) = %v, %v; want %v, %v", p, n, resolved, ok, l["resolvedName"], l["found"])
		}
	}
}

func TestEcoLogitsStatusMessageVectors(t *testing.T) {
	path := vectorPath(t, "ECOLOGITS_STATUS_VECTORS", "vectors-status-messages.json")
	var f struct {
		Kind             string
		Warnings, Errors []map[string]any
		Unknown          []struct{ Kind, Code, Error string }
	}
	loadVectors(t, path, &f)
	if f.Kind != "status-messages" {
		t.Fatalf("%s: kind %q", path, f.Kind)
	}
	check := func(kind string, want map[string]any, s Status, err error) {
		if err != nil {
			t.Errorf("%s %v: %v", kind, want["code"], err)
			return
		}
		got := map[string]any{"code": s.Code, "className": s.ClassName, "message": s.Message, "str": s.String(),
			"dump": map[string]any{"code": s.Code, "message": s.Message}}
		for _, d := range diff(kind+"."+s.Code, got, want) {
			t.Error(d)
		}
	}
	if len(f.Warnings) != len(Warnings()) || len(f.Errors) != len(Errors()) {
		t.Errorf("%d warnings and %d errors known, vectors have %d and %d", len(Warnings()), len(Errors()), len(f.Warnings), len(f.Errors))
	}
	for _, w := range f.Warnings {
		s, err := NewWarning(fmt.Sprint(w["code"]))
		check("warning", w, s, err)
	}
	for _, w := range f.Errors {
		s, err := NewError(fmt.Sprint(w["code"]), "")
		check("error", w, s, err)
	}
	for _, u := range f.Unknown {
		var err error
		switch u.Kind {
		case "warning":
			_, err = NewWarning(u.Code)
		case "error":
			_, err = NewError(u.Code, "")
		default:
			t.Fatalf("unknown kind %q", u.Kind)
		}
		var uc *ErrUnknownCode
		if !errors.As(err, &uc) || u.Error != "ValueError" {
			t.Errorf("%s %q: got %v, want %s", u.Kind, u.Code, err, u.Error)
		}
	}
}
