package stdlib

import (
	"math"
	"math/big"

	"github.com/rwgil/rwgil/core"
)

// The rest of random.py's distributions, and SystemRandom. They are
// random.py's algorithms on random() (a subclass's, if it has one), in
// float arithmetic; their logarithms, exponentials and powers are Go's.

// floatArgs converts the bound arguments a, nil ones to their defaults.
func floatArgs(th *core.Thread, a []core.Object, defaults ...float64) ([]float64, error) {
	out := make([]float64, len(a))
	for i, o := range a {
		if o == nil {
			out[i] = defaults[i]
			continue
		}
		f, err := toFloat(th, o)
		if err != nil {
			return nil, err
		}
		out[i] = f
	}
	return out, nil
}

// gamma is gammavariate(alpha, beta), as random.py.
func (rc *randomClass) gamma(th *core.Thread, self core.Object, alpha, beta float64) (float64, error) {
	if alpha <= 0 || beta <= 0 {
		return 0, th.Raise(th.RaiseType("ValueError"), "gammavariate: alpha and beta must be > 0.0")
	}
	random := func() (float64, error) { return rc.random(th, self) }
	switch {
	case alpha > 1:
		ainv := math.Sqrt(2*alpha - 1)
		bbb := alpha - math.Log(4)
		ccc := alpha + ainv
		sgMagic := 1 + math.Log(4.5)
		for {
			u1, err := random()
			if err != nil {
				return 0, err
			}
			if !(1e-7 < u1 && u1 < 0.9999999) {
				continue
			}
			u2, err := random()
			if err != nil {
				return 0, err
			}
			u2 = 1 - u2
			v := math.Log(u1/(1-u1)) / ainv
			x := alpha * math.Exp(v)
			z := u1 * u1 * u2
			r := bbb + ccc*v - x
			if r+sgMagic-4.5*z >= 0 || r >= math.Log(z) {
				return x * beta, nil
			}
		}
	case alpha == 1:
		u, err := random()
		if err != nil {
			return 0, err
		}
		return -math.Log(1-u) * beta, nil
	}
	for {
		u, err := random()
		if err != nil {
			return 0, err
		}
		b := (math.E + alpha) / math.E
		p := b * u
		var x float64
		if p <= 1 {
			x = math.Pow(p, 1/alpha)
		} else {
			x = -math.Log((b - p) / alpha)
		}
		u1, err := random()
		if err != nil {
			return 0, err
		}
		if p > 1 {
			if u1 <= math.Pow(x, alpha-1) {
				return x * beta, nil
			}
		} else if u1 <= math.Exp(-x) {
			return x * beta, nil
		}
	}
}

// binomial is binomialvariate(n, p), as random.py (BTRS for n*p >= 10).
func (rc *randomClass) binomial(th *core.Thread, self core.Object, n *big.Int, p float64) (core.Object, error) {
	valueErr := th.RaiseType("ValueError")
	if n.Sign() < 0 {
		return nil, th.Raise(valueErr, "n must be non-negative")
	}
	if p <= 0 || p >= 1 {
		switch {
		case p == 0:
			return th.NewInt(0), nil
		case p == 1:
			return th.NewBigInt(n), nil
		}
		return nil, th.Raise(valueErr, "p must be in the range 0.0 <= p <= 1.0")
	}
	random := func() (float64, error) { return rc.random(th, self) }
	if n.IsInt64() && n.Int64() == 1 {
		r, err := random()
		if err != nil {
			return nil, err
		}
		if r < p {
			return th.NewInt(1), nil
		}
		return th.NewInt(0), nil
	}
	if p > 0.5 {
		r, err := rc.binomial(th, self, n, 1-p)
		if err != nil {
			return nil, err
		}
		defer th.Decref(r)
		no := th.NewBigInt(n)
		defer th.Decref(no)
		return th.BinaryOp(core.OpSub, no, r)
	}
	nf, err := bigToFloat(th, n)
	if err != nil {
		return nil, err
	}
	if nf*p < 10 {
		var x, y int64
		c := math.Log2(1 - p)
		if c == 0 {
			return th.NewInt(x), nil
		}
		for {
			r, err := random()
			if err != nil {
				return nil, err
			}
			lr := math.Log2(r) // log2(0) is -inf: CPython's _log2 raises then
			if math.IsInf(lr, -1) {
				return nil, domainError(th)
			}
			y += int64(math.Floor(lr/c)) + 1
			if big.NewInt(y).Cmp(n) > 0 {
				return th.NewInt(x), nil
			}
			x++
		}
	}
	spq := math.Sqrt(nf * p * (1 - p))
	b := 1.15 + 2.53*spq
	a := -0.0873 + 0.0248*b + 0.01*p
	c := nf*p + 0.5
	vr := 0.92 - 4.2/b
	setup := false
	var alpha, lpq, m, h float64
	for {
		u, err := random()
		if err != nil {
			return nil, err
		}
		u -= 0.5
		us := 0.5 - math.Abs(u)
		k := math.Floor((2*a/us+b)*u + c)
		if k < 0 || k > nf {
			continue
		}
		v, err := random()
		if err != nil {
			return nil, err
		}
		if us >= 0.07 && v <= vr {
			return floatToInt(th, k)
		}
		if !setup {
			alpha = (2.83 + 5.1/b) * spq
			lpq = math.Log(p / (1 - p))
			m = math.Floor((nf + 1) * p)
			lg1, _ := math.Lgamma(m + 1)
			lg2, _ := math.Lgamma(nf - m + 1)
			h = lg1 + lg2
			setup = true
		}
		v *= alpha / (a/(us*us) + b)
		lk1, _ := math.Lgamma(k + 1)
		lk2, _ := math.Lgamma(nf - k + 1)
		if math.Log(v) <= h-lk1-lk2+(k-m)*lpq {
			return floatToInt(th, k)
		}
	}
}

// distributions are the methods of the distributions above.
func (rc *randomClass) distributions() []nativeFunc {
	sig := func(name string, npos, required int, names ...string) *signature {
		return &signature{name: "Random." + name, names: names, npos: npos, required: required, python: true, self: 1}
	}
	gammaSig := sig("gammavariate", 2, 2, "alpha", "beta")
	betaSig := sig("betavariate", 2, 2, "alpha", "beta")
	paretoSig := sig("paretovariate", 1, 1, "alpha")
	weibullSig := sig("weibullvariate", 2, 2, "alpha", "beta")
	vonmisesSig := sig("vonmisesvariate", 2, 2, "mu", "kappa")
	binomialSig := sig("binomialvariate", 2, 0, "n", "p")
	zeroDiv := func(th *core.Thread) error {
		return th.Raise(th.RaiseType("ZeroDivisionError"), "float division by zero")
	}
	return []nativeFunc{
		{"gammavariate", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			a, err := gammaSig.bind(th, args[1:], kw)
			if err != nil {
				return nil, err
			}
			f, err := floatArgs(th, a, 0, 0)
			if err != nil {
				return nil, err
			}
			r, err := rc.gamma(th, args[0], f[0], f[1])
			if err != nil {
				return nil, err
			}
			return th.NewFloat(r), nil
		}},
		{"betavariate", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			a, err := betaSig.bind(th, args[1:], kw)
			if err != nil {
				return nil, err
			}
			f, err := floatArgs(th, a, 0, 0)
			if err != nil {
				return nil, err
			}
			y, err := rc.gamma(th, args[0], f[0], 1)
			if err != nil {
				return nil, err
			}
			if y == 0 {
				return th.NewFloat(0), nil
			}
			z, err := rc.gamma(th, args[0], f[1], 1)
			if err != nil {
				return nil, err
			}
			return th.NewFloat(y / (y + z)), nil
		}},
		{"paretovariate", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			a, err := paretoSig.bind(th, args[1:], kw)
			if err != nil {
				return nil, err
			}
			f, err := floatArgs(th, a, 0)
			if err != nil {
				return nil, err
			}
			u, err := rc.random(th, args[0])
			if err != nil {
				return nil, err
			}
			if f[0] == 0 {
				return nil, zeroDiv(th)
			}
			return th.NewFloat(math.Pow(1-u, -1/f[0])), nil
		}},
		{"weibullvariate", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			a, err := weibullSig.bind(th, args[1:], kw)
			if err != nil {
				return nil, err
			}
			f, err := floatArgs(th, a, 0, 0)
			if err != nil {
				return nil, err
			}
			u, err := rc.random(th, args[0])
			if err != nil {
				return nil, err
			}
			if f[1] == 0 {
				return nil, zeroDiv(th)
			}
			return th.NewFloat(f[0] * math.Pow(-math.Log(1-u), 1/f[1])), nil
		}},
		{"vonmisesvariate", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			a, err := vonmisesSig.bind(th, args[1:], kw)
			if err != nil {
				return nil, err
			}
			f, err := floatArgs(th, a, 0, 0)
			if err != nil {
				return nil, err
			}
			mu, kappa := f[0], f[1]
			self := args[0]
			twopi := 2 * math.Pi
			if kappa <= 1e-6 {
				u, err := rc.random(th, self)
				if err != nil {
					return nil, err
				}
				return th.NewFloat(twopi * u), nil
			}
			s := 0.5 / kappa
			r := s + math.Sqrt(1+s*s)
			var z float64
			for {
				u1, err := rc.random(th, self)
				if err != nil {
					return nil, err
				}
				z = math.Cos(math.Pi * u1)
				d := z / (r + z)
				u2, err := rc.random(th, self)
				if err != nil {
					return nil, err
				}
				if u2 < 1-d*d || u2 <= (1-d)*math.Exp(d) {
					break
				}
			}
			q := 1 / r
			fz := (q + z) / (1 + q*z)
			u3, err := rc.random(th, self)
			if err != nil {
				return nil, err
			}
			theta := mu - math.Acos(fz)
			if u3 > 0.5 {
				theta = mu + math.Acos(fz)
			}
			return th.NewFloat(pyFloatMod(theta, twopi)), nil
		}},
		{"binomialvariate", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			a, err := binomialSig.bind(th, args[1:], kw)
			if err != nil {
				return nil, err
			}
			n := big.NewInt(1)
			if a[0] != nil {
				if n, err = bigIndex(th, a[0]); err != nil {
					return nil, err
				}
			}
			p := 0.5
			if a[1] != nil {
				if p, err = toFloat(th, a[1]); err != nil {
					return nil, err
				}
			}
			return rc.binomial(th, args[0], n, p)
		}},
	}
}

// pyFloatMod is Python's float %: the result has the divisor's sign.
func pyFloatMod(x, y float64) float64 {
	m := math.Mod(x, y)
	if m != 0 && (m < 0) != (y < 0) {
		m += y
	}
	if m == 0 {
		m = math.Copysign(0, y)
	}
	return m
}

// systemRandomMethods are SystemRandom's: random() and getrandbits()
// from the operating system, no state.
func systemRandomMethods() []nativeFunc {
	noState := func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
		return nil, th.Raise(th.RaiseType("NotImplementedError"), "System entropy source does not have state.")
	}
	return []nativeFunc{
		{"random", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			if err := th.CheckArgs("SystemRandom.random", args[1:], kw, 0, 0); err != nil {
				return nil, err
			}
			var b [8]byte
			if err := osRandom(b[1:]); err != nil {
				return nil, th.Raise(th.RaiseType("OSError"), err.Error())
			}
			u := uint64(b[1])<<48 | uint64(b[2])<<40 | uint64(b[3])<<32 | uint64(b[4])<<24 | uint64(b[5])<<16 | uint64(b[6])<<8 | uint64(b[7])
			return th.NewFloat(float64(u>>3) * 0x1p-53), nil
		}},
		{"getrandbits", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			if err := th.CheckArgs("SystemRandom.getrandbits", args[1:], kw, 1, 1); err != nil {
				return nil, err
			}
			k, err := th.IntArg("getrandbits", args[1])
			if err != nil {
				return nil, err
			}
			if k < 0 {
				return nil, th.Raise(th.RaiseType("ValueError"), "number of bits must be non-negative")
			}
			nbytes := (k + 7) / 8
			buf := make([]byte, nbytes)
			if err := osRandom(buf); err != nil {
				return nil, th.Raise(th.RaiseType("OSError"), err.Error())
			}
			x := new(big.Int).SetBytes(buf)
			return th.NewBigInt(x.Rsh(x, uint(nbytes*8-k))), nil
		}},
		{"randbytes", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			if err := th.CheckArgs("SystemRandom.randbytes", args[1:], kw, 1, 1); err != nil {
				return nil, err
			}
			n, err := th.IntArg("randbytes", args[1])
			if err != nil {
				return nil, err
			}
			if n < 0 {
				return nil, th.Raise(th.RaiseType("ValueError"), "negative argument not allowed")
			}
			buf := make([]byte, n)
			if err := osRandom(buf); err != nil {
				return nil, th.Raise(th.RaiseType("OSError"), err.Error())
			}
			return th.NewBytes(buf), nil
		}},
		{"seed", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			return th.Runtime().None, nil
		}},
		{"getstate", noState},
		{"setstate", noState},
	}
}
