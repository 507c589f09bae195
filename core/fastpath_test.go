package core

import (
	"math"
	"testing"
)

// TestBinaryFastAgrees: wherever the eval loop's fast paths answer, they
// answer what BinaryOp and Compare do, at the edges of int64 included;
// and they decline the overflows, which need big ints.
func TestBinaryFastAgrees(t *testing.T) {
	_, th := testRuntime(t, Config{})
	ints := []int64{0, 1, -1, 7, -300, 1 << 31, -(1 << 31), 1<<62 + 5, math.MaxInt64, math.MinInt64, math.MinInt64 + 1, 3037000500, -3037000500}
	floats := []float64{0, -0.0, 1.5, -2.25, math.Inf(1), math.NaN(), 1e308}
	var objs []Object
	for _, v := range ints {
		objs = append(objs, th.NewInt(v))
	}
	for _, v := range floats {
		objs = append(objs, th.NewFloat(v))
	}
	declined := 0
	for _, a := range objs {
		for _, b := range objs {
			for _, op := range []BinOp{OpAdd, OpSub, OpMul} {
				fast := th.binaryFast(op, a, b)
				want := must(th.BinaryOp(op, a, b))
				if fast == nil {
					declined++
					th.Decref(want)
					continue
				}
				if eq := must(th.Compare(fast, want, CmpEq)); eq != th.rt.True && !(isNaN(fast) && isNaN(want)) {
					t.Errorf("%s %v %s: fast path %s, BinaryOp %s", must(th.Repr(a)), op, must(th.Repr(b)), must(th.Repr(fast)), must(th.Repr(want)))
				}
				th.Decref(fast)
				th.Decref(want)
			}
			for op := CmpLt; op <= CmpGe; op++ {
				fast, ok := th.compareFast(op, a, b)
				want := must(th.Compare(a, b, op))
				if ok && fast != want {
					t.Errorf("%s cmp %d %s: fast path %v, Compare %v", must(th.Repr(a)), op, must(th.Repr(b)), fast, want)
				}
				th.Decref(want)
			}
		}
	}
	// int with float, and the overflows of int64, are the general path's.
	if declined == 0 {
		t.Errorf("the fast paths declined nothing: mixed types and overflows must go the general way")
	}
	for _, o := range objs {
		th.Decref(o)
	}
}
