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
				fast := th.binaryFast(op, a, b, false)
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

// TestBinaryFastReusesTemporaries: with owned operands, a float result is
// written into an operand whose only reference is the caller's, and never
// into one that anything else still refers to; the result is the
// general path's either way.
func TestBinaryFastReusesTemporaries(t *testing.T) {
	_, th := testRuntime(t, Config{})
	cases := []struct {
		name             string
		aShared, bShared bool   // another reference is held to the operand
		reuse            string // "a", "b" or "" (a new float)
	}{
		{"both temporaries", false, false, "a"},
		{"a held elsewhere", true, false, "b"},
		{"b held elsewhere", false, true, "a"},
		{"both held elsewhere", true, true, ""},
	}
	for _, c := range cases {
		for _, op := range []BinOp{OpAdd, OpSub, OpMul} {
			a, b := th.NewFloat(1.5), th.NewFloat(-2.25)
			if c.aShared {
				th.Incref(a)
			}
			if c.bShared {
				th.Incref(b)
			}
			want := must(th.BinaryOp(op, a, b))
			got := th.binaryFast(op, a, b, true)
			switch {
			case c.reuse == "a" && got != a, c.reuse == "b" && got != b, c.reuse == "" && (got == a || got == b):
				t.Errorf("%s, %v: the result is %p (a %p, b %p), want it to reuse %q", c.name, op, got, a, b, c.reuse)
			}
			if eq := must(th.Compare(got, want, CmpEq)); eq != th.rt.True {
				t.Errorf("%s, %v: fast path %s, BinaryOp %s", c.name, op, must(th.Repr(got)), must(th.Repr(want)))
			}
			// The operands that were held elsewhere keep their values.
			if c.aShared && got != a && a.(*Float).v != 1.5 {
				t.Errorf("%s, %v: a shared operand changed to %v", c.name, op, a.(*Float).v)
			}
			if c.bShared && got != b && b.(*Float).v != -2.25 {
				t.Errorf("%s, %v: a shared operand changed to %v", c.name, op, b.(*Float).v)
			}
			// The caller drops its operands, as the eval loop does.
			th.Decref(a)
			th.Decref(b)
			if c.aShared {
				th.Decref(a)
			}
			if c.bShared {
				th.Decref(b)
			}
			th.Decref(got)
			th.Decref(want)
		}
	}
}
