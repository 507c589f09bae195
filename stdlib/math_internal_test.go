package stdlib

import (
	"math"
	"math/big"
	"testing"

	"pgregory.net/rapid"
)

// finite draws finite floats of every magnitude, and values near each
// other so that cancellation happens.
func finite(t *rapid.T, label string) []float64 {
	return rapid.SliceOfN(rapid.OneOf(
		rapid.Float64Range(-1e300, 1e300),
		rapid.Float64Range(-1, 1),
		rapid.SampledFrom([]float64{1e16, -1e16, 1, -1, 1e-16, 0.1, -0.1, 5e-324, 1e308}),
	), 0, 20).Draw(t, label)
}

// TestFsumCorrectlyRounded: fsum equals the exact sum rounded once to the
// nearest float (ties to even), unless a partial sum overflowed.
func TestFsumCorrectlyRounded(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		xs := finite(t, "xs")
		var acc fsumAcc
		exact := new(big.Float).SetPrec(4096)
		overflow := false
		for _, x := range xs {
			overflow = overflow || !acc.add(x)
			exact.Add(exact, new(big.Float).SetFloat64(x))
		}
		want, _ := exact.Float64()
		if overflow {
			return // a partial sum overflowed, as CPython's does
		}
		got, ok := acc.sum()
		if !ok {
			t.Fatalf("fsum(%v) reported inf + -inf", xs)
		}
		if got != want && !(got == 0 && want == 0) {
			t.Fatalf("fsum(%v) = %v, want %v", xs, got, want)
		}
	})
}

// TestHypotFaithful: hypot is within one ulp of the exact norm (CPython's
// algorithm is nearly always correctly rounded).
func TestHypotFaithful(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		xs := rapid.SliceOfN(rapid.Float64Range(-1e150, 1e150), 0, 10).Draw(t, "xs")
		vec := make([]float64, len(xs))
		max := 0.0
		sum := new(big.Float).SetPrec(2048)
		for i, x := range xs {
			vec[i] = math.Abs(x)
			max = math.Max(max, vec[i])
			b := new(big.Float).SetPrec(2048).SetFloat64(x)
			sum.Add(sum, b.Mul(b, b))
		}
		want := 0.0
		if sum.Sign() > 0 {
			want, _ = new(big.Float).SetPrec(2048).Sqrt(sum).Float64()
		}
		got := vectorNorm(vec, max, false)
		if got != want && math.Abs(got-want) > math.Nextafter(want, math.Inf(1))-want {
			t.Fatalf("hypot(%v) = %v, want %v", xs, got, want)
		}
	})
}
