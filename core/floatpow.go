package core

import (
	"math"
	"math/big"
)

// floatPowMaxExp bounds the integer exponents floatPow computes exactly:
// x**n needs up to 53*|n| bits.
const floatPowMaxExp = 1024

// floatPow is a**b for finite floats as C's pow computes it, correctly
// rounded: glibc's pow, which CPython calls, is correctly rounded in
// practice, and Go's math.Pow is not (it is off by an ulp for, say,
// 0.019375**3). For an integer exponent of at most floatPowMaxExp the
// power is computed exactly and rounded once; a product or a reciprocal
// (n = 2, -1) is already a single rounding. Other exponents use
// math.Pow.
func floatPow(a, b float64) float64 {
	if b != math.Trunc(b) || math.Abs(b) > floatPowMaxExp || a == 0 || math.IsInf(a, 0) || math.IsNaN(a) {
		return math.Pow(a, b)
	}
	n := int(b)
	switch n {
	case 0:
		return 1
	case 1:
		return a
	case 2:
		return a * a
	case -1:
		return 1 / a
	}
	neg := n < 0
	if neg {
		n = -n
	}
	prec := uint(53*n + 64)
	base := new(big.Float).SetPrec(prec).SetFloat64(a)
	r := new(big.Float).SetPrec(prec).SetInt64(1)
	for e := n; e > 0; e >>= 1 {
		if e&1 != 0 {
			r.Mul(r, base) // exact: prec holds every product
		}
		if e > 1 {
			base.Mul(base, base)
		}
	}
	if neg {
		// One more rounding at 64 bits beyond the result's: a double
		// rounding that far down is vanishingly unlikely.
		q := new(big.Float).SetPrec(prec + 64)
		r = q.Quo(new(big.Float).SetPrec(prec+64).SetInt64(1), r)
	}
	f, _ := r.Float64()
	return f
}
