package core

import (
	"math"
	"math/big"
	"strconv"
	"strings"

	"github.com/rwgil/rwgil/refcount"
)

// Float is a Python float.
type Float struct {
	Header
	v float64
}

// Dealloc implements refcount.Object: the float goes to the deallocating
// thread's freelist.
func (f *Float) Dealloc(by *refcount.Owner) {
	if !f.typ.builtin {
		untrack(f, by)
		releaseSub(f.typ, attrsOf(f), by)
		return
	}
	if th := by.Context.(*Thread); th.freeLists && len(th.freeFloats) < maxFree {
		// untrackKept, less what freelists rule out (TrackObjects) and
		// the second look at by's thread and f's type.
		th.live.add(f.typ.id, -1)
		th.freeFloats = append(th.freeFloats, f)
		return
	}
	untrack(f, by)
}

// Describe implements refcount.Object.
func (f *Float) Describe() string { return describe(f) }

// Float64 returns the value.
func (f *Float) Float64() float64 { return f.v }

// NewFloat returns a new reference to a float.
func (th *Thread) NewFloat(v float64) Object {
	var o *Float
	if n := len(th.freeFloats); n > 0 {
		o = th.freeFloats[n-1]
		th.freeFloats = th.freeFloats[:n-1]
		o.v = v
		th.trackFreelisted(&o.Header)
		return o
	}
	o = &Float{v: v}
	o.typ = th.rt.types.float
	th.track(o)
	return o
}

// floatBinary computes a binary operator on two floats, with Python's
// errors and signs.
func (th *Thread) floatBinary(op BinOp, a, b float64) (Object, error) {
	exc := &th.rt.types.exc
	switch op {
	case OpAdd:
		return th.NewFloat(a + b), nil
	case OpSub:
		return th.NewFloat(a - b), nil
	case OpMul:
		return th.NewFloat(a * b), nil
	case OpTrueDiv:
		if b == 0 {
			return nil, th.Raise(exc.ZeroDivisionError, "float division by zero")
		}
		return th.NewFloat(a / b), nil
	case OpFloorDiv, OpMod:
		if b == 0 {
			if op == OpMod {
				return nil, th.Raise(exc.ZeroDivisionError, "float modulo")
			}
			return nil, th.Raise(exc.ZeroDivisionError, "float floor division by zero")
		}
		div, mod := floatDivmod(a, b)
		if op == OpFloorDiv {
			return th.NewFloat(div), nil
		}
		return th.NewFloat(mod), nil
	case OpPow:
		// Infinities and NaNs follow C99's pow, as CPython's float_pow
		// does; only finite operands can raise.
		finite := !math.IsInf(a, 0) && !math.IsInf(b, 0) && !math.IsNaN(a) && !math.IsNaN(b)
		switch {
		case finite && a == 0 && b < 0:
			return nil, th.Raise(exc.ZeroDivisionError, "0.0 cannot be raised to a negative power")
		case finite && a < 0 && b != math.Trunc(b):
			// CPython returns a complex number; rwgil has none.
			return nil, th.Raise(exc.ValueError, "negative number cannot be raised to a fractional power")
		}
		r := floatPow(a, b)
		if math.IsInf(r, 0) && !math.IsInf(a, 0) && !math.IsInf(b, 0) {
			return nil, th.Raise(exc.OverflowError, "(34, 'Numerical result out of range')")
		}
		return th.NewFloat(r), nil
	}
	return th.notImplemented(), nil
}

// floatDivmod is Python's divmod for floats: the remainder has the sign of
// the divisor, and div is the floor of the true quotient.
func floatDivmod(a, b float64) (div, mod float64) {
	mod = math.Mod(a, b)
	div = (a - mod) / b
	if mod != 0 {
		if (b < 0) != (mod < 0) {
			mod += b
			div -= 1
		}
	} else {
		mod = math.Copysign(0, b)
	}
	if div != 0 {
		fl := math.Floor(div)
		if div-fl > 0.5 {
			fl++
		}
		div = fl
	} else {
		div = math.Copysign(0, a/b)
	}
	return div, mod
}

// floatIntCompare compares a float with an integer exactly: -1, 0, 1, or
// ok=false when f is NaN (every comparison false but !=).
func floatIntCompare(f float64, v int64, b *big.Int) (c int, ok bool) {
	if math.IsNaN(f) {
		return 0, false
	}
	if math.IsInf(f, 0) {
		if f > 0 {
			return 1, true
		}
		return -1, true
	}
	if b == nil && v >= -1<<53 && v <= 1<<53 {
		g := float64(v)
		switch {
		case f < g:
			return -1, true
		case f > g:
			return 1, true
		}
		return 0, true
	}
	x := new(big.Float).SetPrec(0).SetFloat64(f)
	y := new(big.Float).SetPrec(uint(max(toBig(v, b).BitLen(), 64))).SetInt(toBig(v, b))
	return x.Cmp(y), true
}

// floatHash is Python's hash of a float: equal to the hash of an equal
// int, built by reducing the float's binary expansion modulo 2**61-1.
func floatHash(f float64, o Object) int64 {
	switch {
	case math.IsNaN(f):
		return identityHash(o)
	case math.IsInf(f, 1):
		return 314159
	case math.IsInf(f, -1):
		return -314159
	}
	m, e := math.Frexp(f)
	sign := int64(1)
	if m < 0 {
		sign, m = -1, -m
	}
	// Consume the mantissa 28 bits at a time, keeping x = (the bits so
	// far) mod P, multiplying by 2**28 as a rotation modulo P.
	var x uint64
	for m != 0 {
		x = ((x << 28) & hashModulus) | x>>(61-28)
		m *= 1 << 28
		e -= 28
		y := uint64(m)
		m -= float64(y)
		x += y
		if x >= hashModulus {
			x -= hashModulus
		}
	}
	// Multiply by 2**e modulo P: rotate left by e mod 61.
	if e >= 0 {
		e %= 61
	} else {
		e = 61 - 1 - ((-1 - e) % 61)
	}
	x = ((x << uint(e)) & hashModulus) | x>>(61-uint(e))
	h := int64(x) * sign
	if h == -1 {
		h = -2
	}
	return h
}

// floatRepr is Python's repr of a float: the shortest string that reads
// back as the same float, in fixed notation when the decimal exponent is
// between -4 and 16, scientific otherwise.
func floatRepr(f float64) string {
	switch {
	case math.IsNaN(f):
		return "nan"
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	}
	s := strconv.FormatFloat(f, 'e', -1, 64) // d.ddde±XX, shortest
	mant, exps, _ := strings.Cut(s, "e")
	exp, _ := strconv.Atoi(exps)
	neg := strings.HasPrefix(mant, "-")
	mant = strings.TrimPrefix(mant, "-")
	digits := strings.Replace(mant, ".", "", 1)
	var out string
	if exp >= -4 && exp < 16 {
		if exp >= 0 {
			if len(digits) <= exp+1 {
				out = digits + strings.Repeat("0", exp+1-len(digits)) + ".0"
			} else {
				out = digits[:exp+1] + "." + digits[exp+1:]
			}
		} else {
			out = "0." + strings.Repeat("0", -exp-1) + digits
		}
	} else {
		out = digits[:1]
		if len(digits) > 1 {
			out += "." + digits[1:]
		}
		sign := "+"
		if exp < 0 {
			sign, exp = "-", -exp
		}
		es := strconv.Itoa(exp)
		if len(es) < 2 {
			es = "0" + es
		}
		out += "e" + sign + es
	}
	if neg {
		out = "-" + out
	}
	return out
}
