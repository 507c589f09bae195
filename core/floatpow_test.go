package core

import (
	"math"
	"math/big"
	"testing"

	"pgregory.net/rapid"
)

// TestFloatPowCorrectlyRounded checks floatPow against the exact power
// rounded once, computed with big.Rat, for integer exponents; and that
// other exponents are math.Pow's.
func TestFloatPowCorrectlyRounded(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a := rapid.Float64Range(-1e6, 1e6).Draw(t, "a")
		n := rapid.IntRange(-40, 40).Draw(t, "n")
		got := floatPow(a, float64(n))
		if a == 0 {
			if want := math.Pow(a, float64(n)); got != want && !(math.IsNaN(got) && math.IsNaN(want)) {
				t.Fatalf("floatPow(%v, %d) = %v, want math.Pow's %v", a, n, got, want)
			}
			return
		}
		exact := new(big.Rat).SetInt64(1)
		base := new(big.Rat).SetFloat64(a)
		for range powAbs(n) {
			exact.Mul(exact, base)
		}
		if n < 0 {
			exact.Inv(exact)
		}
		want, _ := exact.Float64()
		if got != want {
			t.Fatalf("floatPow(%v, %d) = %v, want the correctly rounded %v (math.Pow: %v)", a, n, got, want, math.Pow(a, float64(n)))
		}
	})
	// The case the property test found: CPython prints 7.2731933593749995e-06.
	if got := floatPow(7.75*2.5e-3, 3); got != 7.2731933593749995e-06 {
		t.Errorf("floatPow(0.019375, 3) = %v, want 7.2731933593749995e-06", got)
	}
	if got, want := floatPow(2, 0.5), math.Pow(2, 0.5); got != want {
		t.Errorf("floatPow(2, 0.5) = %v, want math.Pow's %v", got, want)
	}
}

func powAbs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
