package core

import (
	"math"
	"math/big"
	"math/bits"
	"strconv"
	"strings"

	"github.com/rwgil/rwgil/refcount"
)

// Int is a Python int: an int64, or a big.Int when the value does not fit
// (Python's ints never overflow). The representation is normal: big is nil
// exactly when the value fits in v.
type Int struct {
	Header
	v   int64
	big *big.Int
}

const (
	smallIntMin = -5
	smallIntMax = 256
)

// Dealloc implements refcount.Object: a small int goes to the
// deallocating thread's freelist.
func (i *Int) Dealloc(by *refcount.Owner) {
	if !i.typ.builtin {
		untrack(i, by)
		releaseSub(i.typ, attrsOf(i), by)
		return
	}
	if th := by.Context.(*Thread); th.freeLists && i.big == nil && len(th.freeInts) < maxFree {
		// untrackKept, less what freelists rule out (TrackObjects) and
		// the second look at by's thread and i's type.
		th.live.add(i.typ.id, -1)
		th.freeInts = append(th.freeInts, i)
		return
	}
	untrack(i, by)
}

// Describe implements refcount.Object.
func (i *Int) Describe() string { return describe(i) }

// Int64 returns the value and whether it fits in an int64.
func (i *Int) Int64() (int64, bool) { return i.v, i.big == nil }

// Big returns the value as a new big.Int.
func (i *Int) Big() *big.Int {
	if i.big != nil {
		return new(big.Int).Set(i.big)
	}
	return big.NewInt(i.v)
}

func (i *Int) String() string {
	if i.big != nil {
		return i.big.String()
	}
	return strconv.FormatInt(i.v, 10)
}

// NewInt returns a new reference to an int; small ints are immortal and
// shared, as in CPython.
func (th *Thread) NewInt(v int64) Object {
	if v >= smallIntMin && v <= smallIntMax {
		return th.rt.smallInts[v-smallIntMin]
	}
	var o *Int
	if n := len(th.freeInts); n > 0 {
		o = th.freeInts[n-1]
		th.freeInts = th.freeInts[:n-1]
		o.v = v
		th.trackFreelisted(&o.Header)
		return o
	}
	o = &Int{v: v}
	o.typ = th.rt.types.int_
	th.track(o)
	return o
}

// NewBigInt returns a new reference to an int of value b (b is copied).
func (th *Thread) NewBigInt(b *big.Int) Object {
	if b.IsInt64() {
		return th.NewInt(b.Int64())
	}
	o := &Int{big: new(big.Int).Set(b)}
	o.typ = th.rt.types.int_
	th.track(o)
	return o
}

// intValue extracts an integer from an int or a bool.
func intValue(o Object) (v int64, b *big.Int, ok bool) {
	switch x := o.(type) {
	case *Int:
		return x.v, x.big, true
	case *Bool:
		if x.v {
			return 1, nil, true
		}
		return 0, nil, true
	}
	return 0, nil, false
}

func toBig(v int64, b *big.Int) *big.Int {
	if b != nil {
		return b
	}
	return big.NewInt(v)
}

// maxIntBits bounds the results of **, << and * so that a typo cannot ask
// for gigabytes: a result needing more bits raises OverflowError.
const maxIntBits = 1 << 24

// maxStrDigits is CPython's sys.get_int_max_str_digits() default: an int
// of more decimal digits (or a non-power-of-two base) does not convert to
// or from a str, since the conversion takes quadratic time. The runtime's
// limit (Runtime.IntMaxStrDigits) starts there; sys.set_int_max_str_digits
// moves it, and 0 means no limit.
const maxStrDigits = 4300

// tooManyDigits reports whether b has more than the runtime's limit of
// decimal digits.
func (th *Thread) tooManyDigits(b *big.Int) bool {
	if b == nil {
		return false
	}
	limit := th.rt.IntMaxStrDigits()
	if limit == 0 {
		return false
	}
	// log10(2) < 0.30103: fewer bits than this cannot reach the limit, and
	// many more cannot stay under it.
	switch n := b.BitLen(); {
	case n <= limit*3:
		return false
	case n > limit*4:
		return true
	}
	return len(strings.TrimPrefix(b.String(), "-")) > limit
}

// errTooManyDigits is CPython's ValueError for an int too large for str().
func (th *Thread) errTooManyDigits() error {
	return th.Raisef(th.rt.types.exc.ValueError, "Exceeds the limit (%d digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit", th.rt.IntMaxStrDigits())
}

// intBinary computes a binary operator on two integers.
func (th *Thread) intBinary(op BinOp, av int64, ab *big.Int, bv int64, bb *big.Int) (Object, error) {
	small := ab == nil && bb == nil
	switch op {
	case OpAdd:
		if small {
			r := av + bv
			if (av >= 0) == (bv >= 0) && (r >= 0) != (av >= 0) {
				break // overflow
			}
			return th.NewInt(r), nil
		}
		return th.NewBigInt(new(big.Int).Add(toBig(av, ab), toBig(bv, bb))), nil
	case OpSub:
		if small {
			r := av - bv
			if (av >= 0) != (bv >= 0) && (r >= 0) != (av >= 0) {
				break // overflow
			}
			return th.NewInt(r), nil
		}
		return th.NewBigInt(new(big.Int).Sub(toBig(av, ab), toBig(bv, bb))), nil
	case OpMul:
		if small {
			hi, lo := bits.Mul64(uint64(absInt(av)), uint64(absInt(bv)))
			neg := (av < 0) != (bv < 0)
			if hi == 0 && av != math.MinInt64 && bv != math.MinInt64 && (lo < 1<<63 || (neg && lo == 1<<63)) {
				if neg {
					return th.NewInt(-int64(lo)), nil
				}
				return th.NewInt(int64(lo)), nil
			}
		}
		x, y := toBig(av, ab), toBig(bv, bb)
		if x.BitLen()+y.BitLen() > maxIntBits {
			return nil, th.Raise(th.rt.types.exc.OverflowError, "result of * too large")
		}
		return th.NewBigInt(new(big.Int).Mul(x, y)), nil
	case OpFloorDiv, OpMod:
		if bb == nil && bv == 0 {
			if op == OpMod {
				return nil, th.Raise(th.rt.types.exc.ZeroDivisionError, "integer modulo by zero")
			}
			return nil, th.Raise(th.rt.types.exc.ZeroDivisionError, "integer division or modulo by zero")
		}
		if small && !(av == math.MinInt64 && bv == -1) {
			q, r := av/bv, av%bv
			if r != 0 && (r < 0) != (bv < 0) {
				q--
				r += bv
			}
			if op == OpFloorDiv {
				return th.NewInt(q), nil
			}
			return th.NewInt(r), nil
		}
		x, y := toBig(av, ab), toBig(bv, bb)
		// Go's DivMod is Euclidean: x = q*y + m with 0 <= m < |y|. Python
		// floors: for a negative divisor and a nonzero remainder, the
		// floor is one less and the remainder takes the divisor's sign.
		q, m := new(big.Int).DivMod(x, y, new(big.Int))
		if y.Sign() < 0 && m.Sign() != 0 {
			q.Sub(q, big.NewInt(1))
			m.Add(m, y)
		}
		if op == OpFloorDiv {
			return th.NewBigInt(q), nil
		}
		return th.NewBigInt(m), nil
	case OpTrueDiv:
		if bb == nil && bv == 0 {
			return nil, th.Raise(th.rt.types.exc.ZeroDivisionError, "division by zero")
		}
		if small && absInt(av) <= 1<<53 && absInt(bv) <= 1<<53 {
			return th.NewFloat(float64(av) / float64(bv)), nil
		}
		num, den := toBig(av, ab), toBig(bv, bb)
		f, _ := new(big.Rat).SetFrac(num, den).Float64()
		if math.IsInf(f, 0) {
			return nil, th.Raise(th.rt.types.exc.OverflowError, "integer division result too large for a float")
		}
		if f == 0 && (num.Sign() < 0) != (den.Sign() < 0) {
			f = math.Copysign(0, -1) // 0 / -n, or a negative quotient too small: -0.0, as CPython
		}
		return th.NewFloat(f), nil
	case OpPow:
		if bb != nil || bv < 0 {
			if bb != nil && bb.Sign() > 0 {
				return th.intPowHuge(av, ab, bb)
			}
			x, err := th.intToFloat(av, ab)
			if err != nil {
				return nil, err
			}
			y, err := th.intToFloat(bv, bb)
			if err != nil {
				return nil, err
			}
			return th.floatBinary(OpPow, x, y)
		}
		base := toBig(av, ab)
		// BitLen * exponent bounds the result's size; it must not wrap
		// (4 * 2**62 is 0 in 64 bits).
		if hi, lo := bits.Mul64(uint64(base.BitLen()), uint64(bv)); hi != 0 || lo > maxIntBits {
			if base.BitLen() <= 1 {
				// 0, 1 and -1 to any power stay small.
				r := int64(1)
				if av == 0 && ab == nil && bv > 0 {
					r = 0
				} else if av == -1 && ab == nil && bv%2 == 1 {
					r = -1
				}
				return th.NewInt(r), nil
			}
			return nil, th.Raise(th.rt.types.exc.OverflowError, "result of ** too large")
		}
		return th.NewBigInt(new(big.Int).Exp(base, big.NewInt(bv), nil)), nil
	case OpLShift, OpRShift:
		if (bb != nil && bb.Sign() < 0) || (bb == nil && bv < 0) {
			return nil, th.Raise(th.rt.types.exc.ValueError, "negative shift count")
		}
		x := toBig(av, ab)
		if op == OpRShift {
			if bb != nil || bv >= 1<<20 {
				if x.Sign() < 0 {
					return th.NewInt(-1), nil
				}
				return th.NewInt(0), nil
			}
			if small {
				if bv > 63 {
					bv = 63
				}
				return th.NewInt(av >> uint(bv)), nil
			}
			return th.NewBigInt(new(big.Int).Rsh(x, uint(bv))), nil
		}
		if x.Sign() == 0 {
			return th.NewInt(0), nil
		}
		if bb != nil || uint64(x.BitLen())+uint64(bv) > maxIntBits {
			return nil, th.Raise(th.rt.types.exc.OverflowError, "too many digits in integer")
		}
		return th.NewBigInt(new(big.Int).Lsh(x, uint(bv))), nil
	case OpAnd, OpOr, OpXor:
		if small {
			switch op {
			case OpAnd:
				return th.NewInt(av & bv), nil
			case OpOr:
				return th.NewInt(av | bv), nil
			default:
				return th.NewInt(av ^ bv), nil
			}
		}
		x, y, r := toBig(av, ab), toBig(bv, bb), new(big.Int)
		switch op {
		case OpAnd:
			r.And(x, y)
		case OpOr:
			r.Or(x, y)
		default:
			r.Xor(x, y)
		}
		return th.NewBigInt(r), nil
	default:
		return th.notImplemented(), nil
	}
	// Overflow of the int64 fast path: redo it in big integers.
	return th.intBinary(op, 0, toBig(av, ab), 0, toBig(bv, bb))
}

// intPowHuge is a ** b for an exponent too large for int64: only 0, 1
// and -1 have a result that fits anywhere.
func (th *Thread) intPowHuge(av int64, ab, bb *big.Int) (Object, error) {
	if ab == nil {
		switch av {
		case 0, 1:
			return th.NewInt(av), nil
		case -1:
			if bb.Bit(0) == 1 {
				return th.NewInt(-1), nil
			}
			return th.NewInt(1), nil
		}
	}
	return nil, th.Raise(th.rt.types.exc.OverflowError, "result of ** too large")
}

func absInt(v int64) int64 {
	if v < 0 {
		return -v // MinInt64 stays negative; callers check for it
	}
	return v
}

// intToFloat converts an integer to a float, raising OverflowError if it
// is too large.
func (th *Thread) intToFloat(v int64, b *big.Int) (float64, error) {
	if b == nil {
		return float64(v), nil
	}
	f, _ := new(big.Float).SetInt(b).Float64()
	if math.IsInf(f, 0) {
		return 0, th.Raise(th.rt.types.exc.OverflowError, "int too large to convert to float")
	}
	return f, nil
}

// intUnary computes -x, +x and ~x.
func (th *Thread) intUnary(op UnaryOp, v int64, b *big.Int) Object {
	switch op {
	case OpNeg:
		if b == nil && v != math.MinInt64 {
			return th.NewInt(-v)
		}
		return th.NewBigInt(new(big.Int).Neg(toBig(v, b)))
	case OpInvert:
		if b == nil {
			return th.NewInt(^v)
		}
		return th.NewBigInt(new(big.Int).Not(b))
	default: // OpPos
		if b == nil {
			return th.NewInt(v)
		}
		return th.NewBigInt(b)
	}
}

// intCompare compares two integers: -1, 0 or 1.
func intCompare(av int64, ab *big.Int, bv int64, bb *big.Int) int {
	if ab == nil && bb == nil {
		switch {
		case av < bv:
			return -1
		case av > bv:
			return 1
		}
		return 0
	}
	return toBig(av, ab).Cmp(toBig(bv, bb))
}

// hashModulus is the prime 2**61-1 that numeric hashes reduce by, so that
// equal ints and floats hash equal (CPython's sys.hash_info.modulus).
const hashModulus = 1<<61 - 1

// intHash is Python's hash of an integer.
func intHash(v int64, b *big.Int) int64 {
	var h int64
	if b == nil {
		neg := v < 0
		u := uint64(v)
		if neg {
			u = -u
		}
		h = int64(u % hashModulus)
		if neg {
			h = -h
		}
	} else {
		m := new(big.Int).Mod(new(big.Int).Abs(b), big.NewInt(hashModulus))
		h = m.Int64()
		if b.Sign() < 0 {
			h = -h
		}
	}
	if h == -1 {
		h = -2
	}
	return h
}
