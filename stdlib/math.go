package stdlib

import (
	"math"
	"math/big"

	"github.com/rwgil/rwgil/core"
)

// The math module: CPython's functions and constants, with its special
// values and its errors -- ValueError "math domain error" where the
// mathematical result is undefined, OverflowError "math range error"
// where it is too large for a float. Integer functions (factorial, gcd,
// lcm, isqrt, comb, perm) take ints of any size; log, log2 and log10
// take ints too large for a float, as CPython's do.
//
// Differences from CPython: the transcendental functions (exp, log, the
// trigonometric and hyperbolic functions, erf, gamma, ...) are Go's
// math package's, not the platform's C library's, and may differ from
// CPython's results in the last bit. sqrt, fsum, hypot, dist, the
// rounding functions and the integer functions are exact and give
// CPython's results bit for bit.

func init() { add("math", loadMath) }

func loadMath(th *core.Thread, name string) (*core.Module, error) {
	m, err := newNativeModule(th, name, mathFuncs())
	if err != nil {
		return nil, err
	}
	for _, c := range []struct {
		name string
		v    float64
	}{{"pi", math.Pi}, {"e", math.E}, {"tau", 2 * math.Pi}, {"inf", math.Inf(1)}, {"nan", math.NaN()}} {
		if err := setOwned(th, m.Dict(), c.name, th.NewFloat(c.v)); err != nil {
			th.Decref(m)
			return nil, err
		}
	}
	return m, nil
}

func domainError(th *core.Thread) error {
	return th.Raise(th.RaiseType("ValueError"), "math domain error")
}
func rangeError(th *core.Thread) error {
	return th.Raise(th.RaiseType("OverflowError"), "math range error")
}

// bigToFloat is PyLong_AsDouble: the nearest float (ties to even), or
// OverflowError.
func bigToFloat(th *core.Thread, b *big.Int) (float64, error) {
	f, _ := new(big.Float).SetInt(b).Float64()
	if math.IsInf(f, 0) {
		return 0, th.Raise(th.RaiseType("OverflowError"), "int too large to convert to float")
	}
	return f, nil
}

// lookupSpecial finds the special method name on o's type: a new
// reference to it, or nil if the type does not define it.
func lookupSpecial(th *core.Thread, o core.Object, name string) (core.Object, error) {
	if _, ok := o.(*core.Instance); !ok {
		return nil, nil
	}
	fn, err := th.GetAttr(o.Type(), name)
	if err != nil {
		if core.IsExceptionNamed(err, "AttributeError") {
			th.Discard(err)
			return nil, nil
		}
		return nil, err
	}
	return fn, nil
}

// callSpecial calls o's special method name if its type has one: found
// is false if not.
func callSpecial(th *core.Thread, o core.Object, name string) (r core.Object, found bool, err error) {
	fn, err := lookupSpecial(th, o, name)
	if err != nil || fn == nil {
		return nil, false, err
	}
	defer th.Decref(fn)
	r, err = th.Call(fn, []core.Object{o}, nil)
	return r, true, err
}

// toFloat is PyFloat_AsDouble as the math module's arguments use it: a
// float, an int (OverflowError if too large), or an object with
// __float__ or __index__; TypeError "must be real number, not X"
// otherwise.
func toFloat(th *core.Thread, o core.Object) (float64, error) {
	switch x := o.(type) {
	case *core.Float:
		return x.Float64(), nil
	case *core.Int:
		if v, ok := x.Int64(); ok && v > -1<<53 && v < 1<<53 {
			return float64(v), nil
		}
		return bigToFloat(th, x.Big())
	case *core.Bool:
		if core.Object(x) == th.Runtime().True {
			return 1, nil
		}
		return 0, nil
	}
	r, found, err := callSpecial(th, o, "__float__")
	if err != nil {
		return 0, err
	}
	if found {
		defer th.Decref(r)
		f, ok := r.(*core.Float)
		if !ok {
			return 0, th.Raisef(th.RaiseType("TypeError"), "%s.__float__ returned non-float (type %s)", o.Type().Name(), r.Type().Name())
		}
		return f.Float64(), nil
	}
	if fn, err := lookupSpecial(th, o, "__index__"); err != nil {
		return 0, err
	} else if fn != nil {
		th.Decref(fn)
		b, err := bigIndex(th, o)
		if err != nil {
			return 0, err
		}
		return bigToFloat(th, b)
	}
	return 0, th.Raisef(th.RaiseType("TypeError"), "must be real number, not %s", o.Type().Name())
}

// mathArgs checks that a math function got exactly n positional
// arguments, in the words of CPython's argument clinic.
func mathArgs(th *core.Thread, fname string, args []core.Object, kw map[string]core.Object, n int) error {
	if n == 1 {
		fname = "math." + fname // a METH_O function: its messages name the module
	}
	if len(kw) > 0 {
		return th.Raisef(th.RaiseType("TypeError"), "%s() takes no keyword arguments", fname)
	}
	if len(args) == n {
		return nil
	}
	if n == 1 {
		return th.Raisef(th.RaiseType("TypeError"), "%s() takes exactly one argument (%d given)", fname, len(args))
	}
	return th.Raisef(th.RaiseType("TypeError"), "%s expected %d arguments, got %d", fname, n, len(args))
}

// math1 makes a one-argument float function as CPython's math_1 does:
// a NaN result from a non-NaN argument is a domain error; an infinite
// result from a finite argument is a range error if canOverflow, a
// domain error otherwise.
func math1(fname string, f func(float64) float64, canOverflow bool) nativeFunc {
	return nativeFunc{fname, func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
		if err := mathArgs(th, fname, args, kw, 1); err != nil {
			return nil, err
		}
		x, err := toFloat(th, args[0])
		if err != nil {
			return nil, err
		}
		r := f(x)
		switch {
		case math.IsNaN(r) && !math.IsNaN(x):
			return nil, domainError(th)
		case math.IsInf(r, 0) && !math.IsInf(x, 0) && !math.IsNaN(x):
			if canOverflow {
				return nil, rangeError(th)
			}
			return nil, domainError(th)
		}
		return th.NewFloat(r), nil
	}}
}

// rangeArgs checks that fname got between lo and hi positional
// arguments, in the argument clinic's words.
func rangeArgs(th *core.Thread, fname string, args []core.Object, lo, hi int) error {
	switch {
	case len(args) < lo:
		return th.Raisef(th.RaiseType("TypeError"), "%s expected at least %d argument%s, got %d", fname, lo, plural(lo), len(args))
	case len(args) > hi:
		return th.Raisef(th.RaiseType("TypeError"), "%s expected at most %d argument%s, got %d", fname, hi, plural(hi), len(args))
	}
	return nil
}

// scale makes degrees and radians: x times a constant, with no range
// check (CPython's return inf for a product too large).
func scale(fname string, k float64) nativeFunc {
	return nativeFunc{fname, func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
		if err := mathArgs(th, fname, args, kw, 1); err != nil {
			return nil, err
		}
		x, err := toFloat(th, args[0])
		if err != nil {
			return nil, err
		}
		return th.NewFloat(x * k), nil
	}}
}

// math2 makes a two-argument float function; check raises for the
// arguments' special cases and returns the result otherwise.
func math2(fname string, f func(th *core.Thread, x, y float64) (float64, error)) nativeFunc {
	return nativeFunc{fname, func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
		if err := mathArgs(th, fname, args, kw, 2); err != nil {
			return nil, err
		}
		x, err := toFloat(th, args[0])
		if err != nil {
			return nil, err
		}
		y, err := toFloat(th, args[1])
		if err != nil {
			return nil, err
		}
		r, err := f(th, x, y)
		if err != nil {
			return nil, err
		}
		return th.NewFloat(r), nil
	}}
}

// cLog is C's log as CPython's m_log wraps it: log(0) and log of a
// negative number are domain errors (NaN here).
func cLog(f func(float64) float64) func(float64) float64 {
	return func(x float64) float64 {
		if x == 0 || x < 0 {
			return math.NaN()
		}
		return f(x)
	}
}

// logOf is CPython's loghelper: f(x) for a float-convertible x, and for
// an int too large for a float, f of its mantissa plus its exponent
// times f(2).
func logOf(th *core.Thread, o core.Object, f func(float64) float64) (float64, error) {
	if i, ok := o.(*core.Int); ok {
		b := i.Big()
		if b.Sign() <= 0 {
			return 0, domainError(th)
		}
		if b.BitLen() > 1000 {
			// x = m * 2**e with m in [0.5, 1): log(x) = log(m) + e*log(2).
			e := b.BitLen()
			mant, _ := new(big.Float).SetMantExp(new(big.Float).SetInt(b), -e).Float64()
			return f(mant) + f(2)*float64(e), nil
		}
	}
	x, err := toFloat(th, o)
	if err != nil {
		return 0, err
	}
	r := cLog(f)(x)
	if math.IsNaN(r) && !math.IsNaN(x) {
		return 0, domainError(th)
	}
	return r, nil
}

func mathLogN(fname string, f func(float64) float64) nativeFunc {
	return nativeFunc{fname, func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
		if err := mathArgs(th, fname, args, kw, 1); err != nil {
			return nil, err
		}
		r, err := logOf(th, args[0], f)
		if err != nil {
			return nil, err
		}
		return th.NewFloat(r), nil
	}}
}

// roundTo is floor and ceil: an int's own value, the type's __floor__ or
// __ceil__, or the float rounded to an int.
func roundTo(fname, dunder string, f func(float64) float64) nativeFunc {
	return nativeFunc{fname, func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
		if err := mathArgs(th, fname, args, kw, 1); err != nil {
			return nil, err
		}
		switch x := args[0].(type) {
		case *core.Float:
			return floatToInt(th, f(x.Float64()))
		case *core.Int, *core.Bool:
			b, err := bigIndex(th, x)
			if err != nil {
				return nil, err
			}
			return th.NewBigInt(b), nil
		}
		r, found, err := callSpecial(th, args[0], dunder)
		if err != nil || found {
			return r, err
		}
		x, err := toFloat(th, args[0])
		if err != nil {
			return nil, err
		}
		return floatToInt(th, f(x))
	}}
}

// floatToInt is int(f) for an integral float: OverflowError for an
// infinity, ValueError for a NaN, as CPython's PyLong_FromDouble.
func floatToInt(th *core.Thread, f float64) (core.Object, error) {
	switch {
	case math.IsInf(f, 0):
		return nil, th.Raise(th.RaiseType("OverflowError"), "cannot convert float infinity to integer")
	case math.IsNaN(f):
		return nil, th.Raise(th.RaiseType("ValueError"), "cannot convert float NaN to integer")
	}
	f = math.Trunc(f)
	if f >= -(1<<63) && f < 1<<63 {
		return th.NewInt(int64(f)), nil
	}
	b, _ := new(big.Float).SetFloat64(f).Int(nil)
	return th.NewBigInt(b), nil
}

// intArgs converts every argument of an integer function with
// __index__.
func intArgs(th *core.Thread, args []core.Object) ([]*big.Int, error) {
	out := make([]*big.Int, len(args))
	for i, a := range args {
		b, err := bigIndex(th, a)
		if err != nil {
			return nil, err
		}
		out[i] = b
	}
	return out, nil
}

var maxInt64 = big.NewInt(math.MaxInt64)

// cPow is math.pow: C99's pow with CPython's errors.
func cPow(th *core.Thread, x, y float64) (float64, error) {
	if math.IsInf(x, 0) || math.IsNaN(x) || math.IsInf(y, 0) || math.IsNaN(y) {
		switch {
		case math.IsNaN(x):
			if y == 0 {
				return 1, nil
			}
			return x, nil
		case math.IsNaN(y):
			if x == 1 {
				return 1, nil
			}
			return y, nil
		case math.IsInf(x, 0):
			odd := !math.IsInf(y, 0) && math.Mod(math.Abs(y), 2) == 1
			switch {
			case y > 0:
				if odd {
					return x, nil
				}
				return math.Abs(x), nil
			case y == 0:
				return 1, nil
			case odd:
				return math.Copysign(0, x), nil
			}
			return 0, nil
		default: // y infinite
			ax := math.Abs(x)
			switch {
			case ax == 1:
				return 1, nil
			case y > 0 && ax > 1, y < 0 && ax < 1:
				return math.Inf(1), nil
			}
			return 0, nil
		}
	}
	if x == 0 && y < 0 {
		return 0, domainError(th)
	}
	r := math.Pow(x, y)
	if math.IsNaN(r) {
		return 0, domainError(th)
	}
	if math.IsInf(r, 0) {
		return 0, rangeError(th)
	}
	return r, nil
}

// vectorNorm is CPython's vector_norm: sqrt of the sum of squares of vec
// (absolute values, max the largest), nearly always correctly rounded.
func vectorNorm(vec []float64, max float64, foundNaN bool) float64 {
	switch {
	case math.IsInf(max, 0):
		return max
	case foundNaN:
		return math.NaN()
	case max == 0 || len(vec) <= 1:
		return max
	}
	_, maxE := math.Frexp(max)
	if maxE < -1023 {
		for i := range vec {
			vec[i] /= 0x1p-1022
		}
		return 0x1p-1022 * vectorNorm(vec, max/0x1p-1022, foundNaN)
	}
	scale := math.Ldexp(1, -maxE)
	csum, frac1, frac2 := 1.0, 0.0, 0.0
	for _, x := range vec {
		x *= scale
		hi := float64(x * x) // no fused multiply-add: CPython rounds here
		lo := math.FMA(x, x, -hi)
		s := float64(csum + hi)
		frac1 += lo
		frac2 += hi - (s - csum)
		csum = s
	}
	h := math.Sqrt(csum - 1 + (frac1 + frac2))
	hi := float64(-h * h)
	lo := math.FMA(-h, h, -hi)
	s := float64(csum + hi)
	frac1 += lo
	frac2 += hi - (s - csum)
	csum = s
	x := csum - 1 + (frac1 + frac2)
	h += x / (2 * h)
	return h / scale
}

// fsum is CPython's math.fsum over the iterator it.
func fsum(th *core.Thread, it core.Object) (float64, error) {
	var acc fsumAcc
	for {
		item, ok, err := th.Next(it)
		if err != nil {
			return 0, err
		}
		if !ok {
			break
		}
		x, err := toFloat(th, item)
		th.Decref(item)
		if err != nil {
			return 0, err
		}
		if !acc.add(x) {
			return 0, th.Raise(th.RaiseType("OverflowError"), "intermediate overflow in fsum")
		}
	}
	r, ok := acc.sum()
	if !ok {
		return 0, th.Raise(th.RaiseType("ValueError"), "-inf + inf in fsum")
	}
	return r, nil
}

// fsumAcc is the state of CPython's fsum: Shewchuk's exact partial sums
// (non-overlapping, increasing in magnitude) and the sums of the special
// values seen.
type fsumAcc struct {
	p               []float64
	special, infSum float64
}

// add adds x; false on an intermediate overflow.
func (a *fsumAcc) add(x float64) bool {
	xsave := x
	i := 0
	for _, y := range a.p {
		if math.Abs(x) < math.Abs(y) {
			x, y = y, x
		}
		hi := x + y
		lo := y - (hi - x)
		if lo != 0 {
			a.p[i] = lo
			i++
		}
		x = hi
	}
	a.p = a.p[:i]
	switch {
	case x == 0:
	case math.IsInf(x, 0) || math.IsNaN(x):
		// A nonfinite sum comes from an infinity or a NaN among the
		// summands, or from an overflow.
		if !math.IsInf(xsave, 0) && !math.IsNaN(xsave) {
			return false
		}
		if math.IsInf(xsave, 0) {
			a.infSum += xsave
		}
		a.special += xsave
		a.p = a.p[:0]
	default:
		a.p = append(a.p, x)
	}
	return true
}

// sum is the correctly rounded sum; false for inf + -inf.
func (a *fsumAcc) sum() (float64, bool) {
	if a.special != 0 || math.IsNaN(a.special) {
		if math.IsNaN(a.infSum) {
			return 0, false
		}
		return a.special, true
	}
	p := a.p
	hi, lo := 0.0, 0.0
	n := len(p)
	if n == 0 {
		return 0, true
	}
	n--
	hi = p[n]
	for n > 0 {
		x := hi
		n--
		y := p[n]
		hi = x + y
		lo = y - (hi - x)
		if lo != 0 {
			break
		}
	}
	// Half-even rounding across several partials: sum([1e-16, 1, 1e16])
	// rounds up, the 1e-16 making the 1 slightly more than a half.
	if n > 0 && ((lo < 0 && p[n-1] < 0) || (lo > 0 && p[n-1] > 0)) {
		y := lo * 2
		x := hi + y
		if y == x-hi {
			hi = x
		}
	}
	return hi, true
}

func mathFuncs() []nativeFunc {
	typeErr := func(th *core.Thread) *core.Type { return th.RaiseType("TypeError") }
	valueErr := func(th *core.Thread) *core.Type { return th.RaiseType("ValueError") }
	isclose := &signature{name: "isclose", names: []string{"a", "b", "rel_tol", "abs_tol"}, npos: 2, required: 2}
	prod := &signature{name: "prod", names: []string{"iterable", "start"}, npos: 1, posOnly: 1, required: 1}
	return []nativeFunc{
		math1("sqrt", math.Sqrt, false),
		math1("exp", math.Exp, true),
		math1("exp2", math.Exp2, true),
		math1("expm1", math.Expm1, true),
		math1("cbrt", math.Cbrt, false),
		math1("sin", math.Sin, false),
		math1("cos", math.Cos, false),
		math1("tan", math.Tan, false),
		math1("asin", math.Asin, false),
		math1("acos", math.Acos, false),
		math1("atan", math.Atan, false),
		math1("sinh", math.Sinh, true),
		math1("cosh", math.Cosh, true),
		math1("tanh", math.Tanh, false),
		math1("asinh", math.Asinh, false),
		math1("acosh", math.Acosh, false),
		math1("atanh", func(x float64) float64 {
			if math.Abs(x) >= 1 {
				return math.NaN()
			}
			return math.Atanh(x)
		}, false),
		math1("erf", math.Erf, false),
		math1("erfc", math.Erfc, false),
		math1("fabs", math.Abs, false),
		scale("degrees", 180/math.Pi),
		scale("radians", math.Pi/180),
		math1("log1p", func(x float64) float64 {
			if x <= -1 {
				return math.NaN()
			}
			return math.Log1p(x)
		}, false),
		math1("gamma", func(x float64) float64 {
			if x == math.Trunc(x) && x <= 0 || math.IsInf(x, -1) {
				return math.NaN()
			}
			return math.Gamma(x)
		}, true),
		math1("lgamma", func(x float64) float64 {
			if x == math.Trunc(x) && x <= 0 {
				return math.NaN()
			}
			r, _ := math.Lgamma(x)
			return r
		}, true),
		mathLogN("log2", math.Log2),
		mathLogN("log10", math.Log10),
		{"log", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			if len(kw) > 0 {
				return nil, th.Raise(typeErr(th), "log() takes no keyword arguments")
			}
			if err := rangeArgs(th, "log", args, 1, 2); err != nil {
				return nil, err
			}
			num, err := logOf(th, args[0], math.Log)
			if err != nil {
				return nil, err
			}
			if len(args) == 2 {
				den, err := logOf(th, args[1], math.Log)
				if err != nil {
					return nil, err
				}
				if den == 0 {
					return nil, th.Raise(th.RaiseType("ZeroDivisionError"), "float division by zero")
				}
				num /= den
			}
			return th.NewFloat(num), nil
		}},
		math2("pow", cPow),
		math2("atan2", func(th *core.Thread, y, x float64) (float64, error) { return math.Atan2(y, x), nil }),
		math2("copysign", func(th *core.Thread, x, y float64) (float64, error) { return math.Copysign(x, y), nil }),
		math2("fmod", func(th *core.Thread, x, y float64) (float64, error) {
			if math.IsInf(y, 0) && !math.IsInf(x, 0) && !math.IsNaN(x) {
				return x, nil
			}
			r := math.Mod(x, y)
			if math.IsNaN(r) && !math.IsNaN(x) && !math.IsNaN(y) {
				return 0, domainError(th)
			}
			return r, nil
		}),
		math2("remainder", func(th *core.Thread, x, y float64) (float64, error) {
			switch {
			case math.IsNaN(x):
				return x, nil
			case math.IsNaN(y):
				return y, nil
			case math.IsInf(x, 0) || y == 0:
				return 0, domainError(th)
			case math.IsInf(y, 0):
				return x, nil
			}
			return math.Remainder(x, y), nil
		}),
		math2("nextafter", func(th *core.Thread, x, y float64) (float64, error) { return math.Nextafter(x, y), nil }),
		{"ulp", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			if err := mathArgs(th, "ulp", args, kw, 1); err != nil {
				return nil, err
			}
			x, err := toFloat(th, args[0])
			if err != nil {
				return nil, err
			}
			switch x = math.Abs(x); {
			case math.IsNaN(x) || math.IsInf(x, 0):
				return th.NewFloat(x), nil
			case x == math.MaxFloat64:
				return th.NewFloat(x - math.Nextafter(x, 0)), nil
			}
			return th.NewFloat(math.Nextafter(x, math.Inf(1)) - x), nil
		}},
		{"ldexp", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			if err := mathArgs(th, "ldexp", args, kw, 2); err != nil {
				return nil, err
			}
			x, err := toFloat(th, args[0])
			if err != nil {
				return nil, err
			}
			if _, ok := args[1].(*core.Int); !ok {
				if _, ok := args[1].(*core.Bool); !ok {
					return nil, th.Raise(typeErr(th), "Expected an int as second argument to ldexp.")
				}
			}
			eb, err := bigIndex(th, args[1])
			if err != nil {
				return nil, err
			}
			e := int64(1 << 20)
			if eb.IsInt64() && eb.Int64() < 1<<20 && eb.Int64() > -(1<<20) {
				e = eb.Int64()
			} else if eb.Sign() < 0 {
				e = -(1 << 20)
			}
			if x == 0 || math.IsInf(x, 0) || math.IsNaN(x) {
				return th.NewFloat(x), nil
			}
			r := math.Ldexp(x, int(e))
			if math.IsInf(r, 0) {
				return nil, rangeError(th)
			}
			return th.NewFloat(r), nil
		}},
		{"frexp", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			if err := mathArgs(th, "frexp", args, kw, 1); err != nil {
				return nil, err
			}
			x, err := toFloat(th, args[0])
			if err != nil {
				return nil, err
			}
			m, e := x, 0
			if !math.IsNaN(x) && !math.IsInf(x, 0) && x != 0 {
				m, e = math.Frexp(x)
			}
			return th.NewTuple([]core.Object{th.NewFloat(m), th.NewInt(int64(e))}), nil
		}},
		{"modf", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			if err := mathArgs(th, "modf", args, kw, 1); err != nil {
				return nil, err
			}
			x, err := toFloat(th, args[0])
			if err != nil {
				return nil, err
			}
			var i, f float64
			switch {
			case math.IsInf(x, 0):
				i, f = x, math.Copysign(0, x)
			case math.IsNaN(x):
				i, f = x, x
			default:
				i, f = math.Modf(x)
				f = math.Copysign(f, x)
			}
			return th.NewTuple([]core.Object{th.NewFloat(f), th.NewFloat(i)}), nil
		}},
		roundTo("floor", "__floor__", math.Floor),
		roundTo("ceil", "__ceil__", math.Ceil),
		{"trunc", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			if err := mathArgs(th, "trunc", args, kw, 1); err != nil {
				return nil, err
			}
			switch x := args[0].(type) {
			case *core.Float:
				return floatToInt(th, x.Float64())
			case *core.Int, *core.Bool:
				b, err := bigIndex(th, x)
				if err != nil {
					return nil, err
				}
				return th.NewBigInt(b), nil
			}
			r, found, err := callSpecial(th, args[0], "__trunc__")
			if err != nil || found {
				return r, err
			}
			return nil, th.Raisef(typeErr(th), "type %s doesn't define __trunc__ method", args[0].Type().Name())
		}},
		{"isfinite", floatTest("isfinite", func(x float64) bool { return !math.IsInf(x, 0) && !math.IsNaN(x) })},
		{"isinf", floatTest("isinf", func(x float64) bool { return math.IsInf(x, 0) })},
		{"isnan", floatTest("isnan", math.IsNaN)},
		{"isclose", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			a, err := isclose.bind(th, args, kw)
			if err != nil {
				return nil, err
			}
			v := [4]float64{0, 0, 1e-9, 0}
			for i, o := range a {
				if o != nil {
					if v[i], err = toFloat(th, o); err != nil {
						return nil, err
					}
				}
			}
			x, y, rel, abs := v[0], v[1], v[2], v[3]
			if rel < 0 || abs < 0 {
				return nil, th.Raise(valueErr(th), "tolerances must be non-negative")
			}
			if x == y {
				return th.Runtime().True, nil
			}
			if math.IsInf(x, 0) || math.IsInf(y, 0) {
				return th.Runtime().False, nil
			}
			diff := math.Abs(y - x)
			return th.Runtime().Bool(diff <= math.Abs(rel*y) || diff <= math.Abs(rel*x) || diff <= abs), nil
		}},
		{"hypot", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			if len(kw) > 0 {
				return nil, th.Raise(typeErr(th), "hypot() takes no keyword arguments")
			}
			vec := make([]float64, len(args))
			max, nan := 0.0, false
			for i, a := range args {
				x, err := toFloat(th, a)
				if err != nil {
					return nil, err
				}
				x = math.Abs(x)
				vec[i] = x
				nan = nan || math.IsNaN(x)
				if x > max {
					max = x
				}
			}
			return th.NewFloat(vectorNorm(vec, max, nan)), nil
		}},
		{"dist", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			if err := mathArgs(th, "dist", args, kw, 2); err != nil {
				return nil, err
			}
			var pts [2][]float64
			for k := range pts {
				it, err := th.Iter(args[k])
				if err != nil {
					return nil, err
				}
				for {
					item, ok, err := th.Next(it)
					if err == nil && ok {
						var x float64
						x, err = toFloat(th, item)
						th.Decref(item)
						pts[k] = append(pts[k], x)
					}
					if err != nil {
						th.Decref(it)
						return nil, err
					}
					if !ok {
						break
					}
				}
				th.Decref(it)
			}
			if len(pts[0]) != len(pts[1]) {
				return nil, th.Raise(valueErr(th), "both points must have the same number of dimensions")
			}
			vec := make([]float64, len(pts[0]))
			max, nan := 0.0, false
			for i := range vec {
				x := math.Abs(pts[0][i] - pts[1][i])
				vec[i] = x
				nan = nan || math.IsNaN(x)
				if x > max {
					max = x
				}
			}
			return th.NewFloat(vectorNorm(vec, max, nan)), nil
		}},
		{"fsum", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			if err := mathArgs(th, "fsum", args, kw, 1); err != nil {
				return nil, err
			}
			it, err := th.Iter(args[0])
			if err != nil {
				return nil, err
			}
			defer th.Decref(it)
			r, err := fsum(th, it)
			if err != nil {
				return nil, err
			}
			return th.NewFloat(r), nil
		}},
		{"prod", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			a, err := prod.bind(th, args, kw)
			if err != nil {
				return nil, err
			}
			var acc core.Object = th.NewInt(1)
			if a[1] != nil {
				th.Decref(acc)
				th.Incref(a[1])
				acc = a[1]
			}
			it, err := th.Iter(a[0])
			if err != nil {
				th.Decref(acc)
				return nil, err
			}
			defer th.Decref(it)
			for {
				item, ok, err := th.Next(it)
				if err != nil {
					th.Decref(acc)
					return nil, err
				}
				if !ok {
					return acc, nil
				}
				r, err := th.BinaryOp(core.OpMul, acc, item)
				th.Decref(item)
				th.Decref(acc)
				if err != nil {
					return nil, err
				}
				acc = r
			}
		}},
		{"sumprod", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			if err := mathArgs(th, "sumprod", args, kw, 2); err != nil {
				return nil, err
			}
			return sumprod(th, args[0], args[1])
		}},
		{"factorial", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			if err := mathArgs(th, "factorial", args, kw, 1); err != nil {
				return nil, err
			}
			n, err := bigIndex(th, args[0])
			if err != nil {
				return nil, err
			}
			if n.Sign() < 0 {
				return nil, th.Raise(valueErr(th), "factorial() not defined for negative values")
			}
			if n.Cmp(maxInt64) > 0 {
				return nil, th.Raise(th.RaiseType("OverflowError"), "factorial() argument should not exceed 9223372036854775807")
			}
			return th.NewBigInt(new(big.Int).MulRange(1, n.Int64())), nil
		}},
		{"gcd", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			if len(kw) > 0 {
				return nil, th.Raise(typeErr(th), "gcd() takes no keyword arguments")
			}
			ns, err := intArgs(th, args)
			if err != nil {
				return nil, err
			}
			g := new(big.Int)
			for _, n := range ns {
				g.GCD(nil, nil, g, n.Abs(n))
			}
			return th.NewBigInt(g), nil
		}},
		{"lcm", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			if len(kw) > 0 {
				return nil, th.Raise(typeErr(th), "lcm() takes no keyword arguments")
			}
			ns, err := intArgs(th, args)
			if err != nil {
				return nil, err
			}
			l := big.NewInt(1)
			for _, n := range ns {
				n.Abs(n)
				if n.Sign() == 0 || l.Sign() == 0 {
					l.SetInt64(0)
					continue
				}
				g := new(big.Int).GCD(nil, nil, l, n)
				l.Mul(l, n.Quo(n, g))
			}
			return th.NewBigInt(l), nil
		}},
		{"isqrt", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			if err := mathArgs(th, "isqrt", args, kw, 1); err != nil {
				return nil, err
			}
			n, err := bigIndex(th, args[0])
			if err != nil {
				return nil, err
			}
			if n.Sign() < 0 {
				return nil, th.Raise(valueErr(th), "isqrt() argument must be nonnegative")
			}
			return th.NewBigInt(n.Sqrt(n)), nil
		}},
		{"comb", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			if err := mathArgs(th, "comb", args, kw, 2); err != nil {
				return nil, err
			}
			ns, err := intArgs(th, args)
			if err != nil {
				return nil, err
			}
			n, k := ns[0], ns[1]
			if n.Sign() < 0 {
				return nil, th.Raise(valueErr(th), "n must be a non-negative integer")
			}
			if k.Sign() < 0 {
				return nil, th.Raise(valueErr(th), "k must be a non-negative integer")
			}
			if k.Cmp(n) > 0 {
				return th.NewInt(0), nil
			}
			nk := new(big.Int).Sub(n, k)
			if nk.Cmp(k) < 0 {
				k = nk
			}
			if k.Cmp(maxInt64) > 0 {
				return nil, th.Raise(th.RaiseType("OverflowError"), "min(n - k, k) must not exceed 9223372036854775807")
			}
			if n.IsInt64() {
				return th.NewBigInt(new(big.Int).Binomial(n.Int64(), k.Int64())), nil
			}
			// n choose k = prod_{i=1..k} (n-k+i)/i, exact at every step.
			r := big.NewInt(1)
			base := new(big.Int).Sub(n, k)
			for i := int64(1); i <= k.Int64(); i++ {
				r.Mul(r, new(big.Int).Add(base, big.NewInt(i)))
				r.Quo(r, big.NewInt(i))
			}
			return th.NewBigInt(r), nil
		}},
		{"perm", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			if len(kw) > 0 {
				return nil, th.Raise(typeErr(th), "perm() takes no keyword arguments")
			}
			if err := rangeArgs(th, "perm", args, 1, 2); err != nil {
				return nil, err
			}
			if len(args) == 2 && isNone(th, args[1]) {
				args = args[:1]
			}
			ns, err := intArgs(th, args)
			if err != nil {
				return nil, err
			}
			n := ns[0]
			if n.Sign() < 0 {
				return nil, th.Raise(valueErr(th), "n must be a non-negative integer")
			}
			k := n
			if len(ns) == 2 {
				k = ns[1]
			}
			if k.Sign() < 0 {
				return nil, th.Raise(valueErr(th), "k must be a non-negative integer")
			}
			if k.Cmp(n) > 0 {
				return th.NewInt(0), nil
			}
			if k.Cmp(maxInt64) > 0 {
				return nil, th.Raise(th.RaiseType("OverflowError"), "k must not exceed 9223372036854775807")
			}
			r := big.NewInt(1)
			low := new(big.Int).Sub(n, k)
			if n.IsInt64() {
				return th.NewBigInt(r.MulRange(low.Int64()+1, n.Int64())), nil
			}
			for i := int64(1); i <= k.Int64(); i++ {
				r.Mul(r, new(big.Int).Add(low, big.NewInt(i)))
			}
			return th.NewBigInt(r), nil
		}},
	}
}

// floatTest makes isfinite, isinf and isnan.
func floatTest(fname string, test func(float64) bool) core.BuiltinFunc {
	return func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
		if err := mathArgs(th, fname, args, kw, 1); err != nil {
			return nil, err
		}
		x, err := toFloat(th, args[0])
		if err != nil {
			return nil, err
		}
		return th.Runtime().Bool(test(x)), nil
	}
}

// sumprod is math.sumprod(p, q), following CPython's three paths: exact
// int64 arithmetic while both items are ints that fit, then float
// products summed in extended precision (here: exactly, rounded once at
// the end of the run of floats) while the items are floats (or a float
// and an int), then Python's * and + for the rest.
func sumprod(th *core.Thread, p, q core.Object) (core.Object, error) {
	pi, err := th.Iter(p)
	if err != nil {
		return nil, err
	}
	defer th.Decref(pi)
	qi, err := th.Iter(q)
	if err != nil {
		return nil, err
	}
	defer th.Decref(qi)
	total := th.NewInt(0)
	add := func(term core.Object) error {
		r, err := th.BinaryOp(core.OpAdd, total, term)
		th.Decref(term)
		if err != nil {
			return err
		}
		th.Decref(total)
		total = r
		return nil
	}
	fail := func(err error) (core.Object, error) {
		th.Decref(total)
		return nil, err
	}
	intPath, fltPath := true, true
	var intTotal int64
	intInUse, fltInUse := false, false
	const prec = 4400 // every sum of products of floats is exact
	flt := new(big.Float).SetPrec(prec)
	for {
		x, okP, err := th.Next(pi)
		if err != nil {
			return fail(err)
		}
		y, okQ, err := th.Next(qi)
		if err != nil {
			th.XDecref(x)
			return fail(err)
		}
		release := func() {
			th.XDecref(x)
			th.XDecref(y)
		}
		if okP != okQ {
			release()
			return fail(th.Raise(th.RaiseType("ValueError"), "Inputs are not the same length"))
		}
		finished := !okP
		if intPath {
			if !finished {
				if a, ok := x.(*core.Int); ok {
					if b, ok := y.(*core.Int); ok {
						av, aok := a.Int64()
						bv, bok := b.Int64()
						if aok && bok {
							prod := av * bv
							if (av == 0 || prod/av == bv) && !(av == -1 && bv == math.MinInt64) && !(bv == -1 && av == math.MinInt64) {
								if s := intTotal + prod; (prod >= 0) == (s >= intTotal) {
									intTotal, intInUse = s, true
									release()
									continue
								}
							}
						}
					}
				}
			}
			intPath = false
			if intInUse {
				if err := add(th.NewInt(intTotal)); err != nil {
					release()
					return fail(err)
				}
			}
		}
		if fltPath {
			if !finished {
				if fp, fq, ok := floatPair(th, x, y); ok && !math.IsInf(fp, 0) && !math.IsNaN(fp) && !math.IsInf(fq, 0) && !math.IsNaN(fq) {
					next := new(big.Float).SetPrec(prec).Mul(new(big.Float).SetPrec(prec).SetFloat64(fp), new(big.Float).SetPrec(prec).SetFloat64(fq))
					next.Add(next, flt)
					if r, _ := next.Float64(); !math.IsInf(r, 0) {
						flt, fltInUse = next, true
						release()
						continue
					}
				}
			}
			fltPath = false
			if fltInUse {
				r, _ := flt.Float64()
				if err := add(th.NewFloat(r)); err != nil {
					release()
					return fail(err)
				}
			}
		}
		if finished {
			return total, nil
		}
		term, err := th.BinaryOp(core.OpMul, x, y)
		release()
		if err != nil {
			return fail(err)
		}
		if err := add(term); err != nil {
			return fail(err)
		}
	}
}

// floatPair is the float path's test: two floats, or a float and an int
// or bool that converts to a float.
func floatPair(th *core.Thread, x, y core.Object) (float64, float64, bool) {
	conv := func(o core.Object) (float64, bool) {
		switch v := o.(type) {
		case *core.Int:
			f, _ := new(big.Float).SetInt(v.Big()).Float64()
			return f, !math.IsInf(f, 0)
		case *core.Bool:
			if o == th.Runtime().True {
				return 1, true
			}
			return 0, true
		}
		return 0, false
	}
	fx, xf := x.(*core.Float)
	fy, yf := y.(*core.Float)
	switch {
	case xf && yf:
		return fx.Float64(), fy.Float64(), true
	case xf:
		if f, ok := conv(y); ok {
			return fx.Float64(), f, true
		}
	case yf:
		if f, ok := conv(x); ok {
			return f, fy.Float64(), true
		}
	}
	return 0, 0, false
}
