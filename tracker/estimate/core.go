package estimate

import (
	"fmt"
	"math"
)

// The constants of the EcoLogits 0.11.2 LLM inference method
// (testdata/ecologits/METHOD.md §2). Units: parameters in billions,
// energy in kWh, time in seconds.
const (
	quantBits = 16.0 // model weights in 16-bit

	alphaE = 1.1665273170451914e-06 // GPU energy regression (Wh per token)
	betaE  = -0.011205921025579175
	gammaE = 4.052928146734005e-05

	alphaL = 0.0006785088094353663 // latency regression (s per token)
	betaL  = 0.0003119310311688259
	gammaL = 0.019473717579473387

	gpuMemoryGB    = 80.0 // one GPU
	gpusPerServer  = 8.0
	serverPowerKW  = 1.2 // server without its GPUs
	hardwareLifeS  = 3 * 365 * 24 * 3600.0
	batchSize      = 64.0
	embodiedGPUGWP = 273.0 // kgCO2eq, one GPU (0.11 values, not 0.9.3's)
	embodiedGPUADP = 0.00895
	embodiedGPUPE  = 3721.0
	embodiedSrvGWP = 5700.0 // one server without GPUs
	embodiedSrvADP = 0.37
	embodiedSrvPE  = 70000.0
)

// alphaEBatch is αE·exp(βE·B), rounded as the reference rounds it.
var alphaEBatch = alphaE * math.Exp(betaE*batchSize)

// Mix is an electricity mix: impact factors per kWh drawn from the grid.
type Mix struct {
	Zone     string
	ADPe     float64 // kgSbeq/kWh
	PE       float64 // MJ/kWh
	GWP      float64 // kgCO2eq/kWh
	WUE      float64 // L/kWh, water consumed off-site to generate it
	Warnings []string
}

// Inputs are the estimator's inputs for one request (METHOD.md §1).
type Inputs struct {
	Active, Total Value    // parameter counts in billions
	OutputTokens  float64  // generated tokens
	Latency       *float64 // measured request latency in s; nil means +∞
	Mix           Mix
	PUE, WUE      Value    // datacenter assumptions
	TPS, TTFT     *float64 // published generation speed and time to first token; nil when absent
}

// Usage holds the usage-phase impacts; Embodied the hardware's share.
type Usage struct{ Energy, GWP, ADPe, PE, WCF Value }
type Embodied struct{ GWP, ADPe, PE Value }

// Impacts is the estimator's result, in EcoLogits units: kWh, kgCO2eq,
// kgSbeq, MJ and litres.
type Impacts struct {
	Energy, GWP, ADPe, PE, WCF Value
	Usage                      Usage
	Embodied                   Embodied
}

// ComputeError is a degenerate input the reference refuses (METHOD.md §6).
// Python names the Python exception the reference raises.
type ComputeError struct {
	Python string // "ZeroDivisionError", "ValueError", "OverflowError"
	Msg    string
}

func (e *ComputeError) Error() string { return "estimate: " + e.Msg }

// pass is one evaluation with scalar parameter counts (METHOD.md §3).
type pass struct {
	energy, gwpU, adpeU, peU, wcf Value
	gwpE, adpeE, peE              Value
}

func onePass(in *Inputs, a, t float64) (pass, error) {
	// 1. GPU energy of the request on one GPU. Products are wrapped in
	// float64() so no architecture fuses them into an FMA: the reference
	// rounds after every operation.
	eTok := (float64(alphaEBatch*a) + gammaE) / 1000
	eGPU := in.OutputTokens * eTok

	// 2. Generation time, capped by the measured latency.
	var perTok float64
	if in.TPS != nil {
		if *in.TPS == 0 {
			return pass{}, &ComputeError{"ZeroDivisionError", "published generation speed (tps) is zero"}
		}
		perTok = 1 / *in.TPS
	} else {
		perTok = float64(float64(alphaL*a)+float64(betaL*batchSize)) + gammaL
	}
	tModel := float64(in.OutputTokens * perTok)
	if in.TTFT != nil {
		tModel += *in.TTFT
	}
	tm := tModel
	if in.Latency != nil && *in.Latency < tModel {
		tm = *in.Latency
	}

	// 3. GPUs needed to hold the weights, rounded up to a power of two.
	need := float64(float64(1.2*t)*quantBits) / 8
	ratio := need / gpuMemoryGB
	if math.IsNaN(ratio) {
		return pass{}, &ComputeError{"ValueError", fmt.Sprintf("parameter count %v gives no GPU count", t)}
	}
	if math.IsInf(ratio, 0) {
		return pass{}, &ComputeError{"OverflowError", fmt.Sprintf("parameter count %v is not finite", t)}
	}
	n := math.Ceil(ratio)
	if n <= 0 {
		return pass{}, &ComputeError{"ValueError", fmt.Sprintf("parameter count %v needs %v GPUs (must be at least 1)", t, n)}
	}
	g := 1.0 // 2^ceil(log2 n), exactly: n is a whole number ≥ 1
	for g < n {
		g *= 2
	}

	// 4–6. Server share, IT energy, energy at the plug.
	eSrv := float64(float64(float64(tm/3600)*serverPowerKW)*(g/gpusPerServer)) * (1 / batchSize)
	eIT := eSrv + float64(g*eGPU)
	var p pass
	p.energy = in.PUE.times(eIT)

	// 7–8. Usage impacts and water (on-site + electricity generation, on IT energy).
	p.gwpU = p.energy.times(in.Mix.GWP)
	p.adpeU = p.energy.times(in.Mix.ADPe)
	p.peU = p.energy.times(in.Mix.PE)
	p.wcf = in.WUE.add(in.PUE.times(in.Mix.WUE)).scale(eIT)

	// 9–10. Embodied impacts of the hardware slice, by time share.
	emb := func(server, gpu float64) Value {
		hw := float64((g/gpusPerServer)*server) + float64(g*gpu)
		return Scalar(float64(tm*hw) / (hardwareLifeS * batchSize))
	}
	p.gwpE = emb(embodiedSrvGWP, embodiedGPUGWP)
	p.adpeE = emb(embodiedSrvADP, embodiedGPUADP)
	p.peE = emb(embodiedSrvPE, embodiedGPUPE)
	return p, nil
}

// Compute runs the EcoLogits 0.11.2 estimator on in. Interval parameter
// counts run two passes, one per bound (METHOD.md §4.2).
func Compute(in Inputs) (Impacts, error) {
	var p pass
	if in.Active.Range || in.Total.Range {
		lo, err := onePass(&in, in.Active.Min, in.Total.Min)
		if err != nil {
			return Impacts{}, err
		}
		hi, err := onePass(&in, in.Active.Max, in.Total.Max)
		if err != nil {
			return Impacts{}, err
		}
		join := func(a, b Value) Value { return Interval(a.Min, b.Max) }
		p = pass{
			energy: join(lo.energy, hi.energy), gwpU: join(lo.gwpU, hi.gwpU),
			adpeU: join(lo.adpeU, hi.adpeU), peU: join(lo.peU, hi.peU), wcf: join(lo.wcf, hi.wcf),
			gwpE: join(lo.gwpE, hi.gwpE), adpeE: join(lo.adpeE, hi.adpeE), peE: join(lo.peE, hi.peE),
		}
	} else {
		var err error
		if p, err = onePass(&in, in.Active.Min, in.Total.Min); err != nil {
			return Impacts{}, err
		}
	}
	return Impacts{
		Energy:   p.energy,
		GWP:      p.gwpU.add(p.gwpE),
		ADPe:     p.adpeU.add(p.adpeE),
		PE:       p.peU.add(p.peE),
		WCF:      p.wcf,
		Usage:    Usage{Energy: p.energy, GWP: p.gwpU, ADPe: p.adpeU, PE: p.peU, WCF: p.wcf},
		Embodied: Embodied{GWP: p.gwpE, ADPe: p.adpeE, PE: p.peE},
	}, nil
}
