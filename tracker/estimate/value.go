package estimate

import "fmt"

// Value is a number or an interval [Min, Max], the two shapes EcoLogits
// uses for parameter counts, datacenter assumptions and results. A scalar
// has Min == Max and Range false; an interval keeps Range true even when
// both bounds agree, because the reference serialises it as {min, max}.
type Value struct {
	Min, Max float64
	Range    bool
}

// Scalar returns the number x as a Value.
func Scalar(x float64) Value { return Value{Min: x, Max: x} }

// Interval returns [lo, hi] as a Value.
func Interval(lo, hi float64) Value { return Value{Min: lo, Max: hi, Range: true} }

// Arithmetic is bound-wise and never crosses bounds (METHOD.md §4.1): the
// result is an interval when either operand is one.

func (v Value) add(o Value) Value {
	return Value{v.Min + o.Min, v.Max + o.Max, v.Range || o.Range}
}

func (v Value) mul(o Value) Value {
	return Value{v.Min * o.Min, v.Max * o.Max, v.Range || o.Range}
}

// scale returns s·v.
func (v Value) scale(s float64) Value { return Value{s * v.Min, s * v.Max, v.Range} }

// times returns v·s (the operand order matters for bit-exact results).
func (v Value) times(s float64) Value { return Value{v.Min * s, v.Max * s, v.Range} }

func (v Value) String() string {
	if v.Range {
		return fmt.Sprintf("[%g, %g]", v.Min, v.Max)
	}
	return fmt.Sprintf("%g", v.Min)
}
