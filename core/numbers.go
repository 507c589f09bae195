package core

import (
	"errors"
	"math"
	"math/big"
	"math/bits"
	"strconv"
	"strings"
)

// The numeric built-ins (abs, round, divmod, pow, chr, ord, hex, oct,
// bin, sum) and the methods and attributes of int and float.

// Abs is abs(o).
func (th *Thread) Abs(o Object) (Object, error) {
	switch x := o.(type) {
	case *Float:
		if x.v < 0 || (x.v == 0 && math.Signbit(x.v)) {
			return th.NewFloat(-x.v), nil
		}
		return th.exactCopy(x), nil
	case *Int, *Bool:
		v, b, _ := intValue(x)
		if (b == nil && v < 0) || (b != nil && b.Sign() < 0) {
			return th.intUnary(OpNeg, v, b), nil
		}
		return th.intUnary(OpPos, v, b), nil
	case *Instance, *Exception:
		if r, found, err := th.callDunder(x, "__abs__"); found || err != nil {
			return r, err
		}
	}
	return nil, th.Raisef(th.rt.types.exc.TypeError, "bad operand type for abs(): '%s'", o.Type().name)
}

// Divmod is divmod(a, b).
func (th *Thread) Divmod(a, b Object) (Object, error) {
	if !plainInstance(a) && !plainInstance(b) {
		if r, ok, err := th.divmodBuiltin(a, b); ok || err != nil {
			return r, err
		}
	} else if r, err := th.binaryUserNamed(a, b, "__divmod__", "__rdivmod__"); err != nil || r != nil {
		return r, err
	}
	return nil, th.Raisef(th.rt.types.exc.TypeError, "unsupported operand type(s) for divmod(): '%s' and '%s'", a.Type().name, b.Type().name)
}

// divmodBuiltin is divmod for ints and floats.
func (th *Thread) divmodBuiltin(a, b Object) (Object, bool, error) {
	av, ab, aInt := intValue(a)
	bv, bb, bInt := intValue(b)
	if aInt && bInt {
		q, err := th.intBinary(OpFloorDiv, av, ab, bv, bb)
		if err != nil {
			return nil, true, err
		}
		m, err := th.intBinary(OpMod, av, ab, bv, bb)
		if err != nil {
			th.Decref(q)
			return nil, true, err
		}
		return th.NewTuple([]Object{q, m}), true, nil
	}
	x, okx := th.floatOperand(a)
	y, oky := th.floatOperand(b)
	if !okx || !oky {
		return nil, false, nil
	}
	if _, isFloatA := a.(*Float); !isFloatA {
		if _, isFloatB := b.(*Float); !isFloatB {
			return nil, false, nil
		}
	}
	if aInt {
		var err error
		if x, err = th.intToFloat(av, ab); err != nil {
			return nil, true, err
		}
	}
	if bInt {
		var err error
		if y, err = th.intToFloat(bv, bb); err != nil {
			return nil, true, err
		}
	}
	if y == 0 {
		return nil, true, th.Raise(th.rt.types.exc.ZeroDivisionError, "float divmod()")
	}
	d, m := floatDivmod(x, y)
	return th.NewTuple([]Object{th.NewFloat(d), th.NewFloat(m)}), true, nil
}

// floatOperand is the value of a float, int or bool (ints may overflow
// later: callers convert them with intToFloat).
func (th *Thread) floatOperand(o Object) (float64, bool) {
	switch x := o.(type) {
	case *Float:
		return x.v, true
	case *Int, *Bool:
		return 0, true
	}
	return 0, false
}

// binaryUserNamed is binaryUser for a pair of special-method names
// (divmod's): nil when both decline.
func (th *Thread) binaryUserNamed(a, b Object, name, rname string) (Object, error) {
	if userDefined(a) {
		if r, found, err := th.callDunder(a, name, b); err != nil || (found && r != th.rt.NotImplemented) {
			return r, err
		}
	}
	if userDefined(b) && b.Type() != a.Type() {
		if r, found, err := th.callDunder(b, rname, a); err != nil || (found && r != th.rt.NotImplemented) {
			return r, err
		}
	}
	return nil, nil
}

func builtinSum(th *Thread, args []Object, kw map[string]Object) (Object, error) {
	exc := &th.rt.types.exc
	if err := th.checkKwargs("sum", kw, "start"); err != nil {
		return nil, err
	}
	if len(args) == 0 {
		return nil, th.Raise(exc.TypeError, "sum() takes at least 1 positional argument (0 given)")
	}
	if len(args) > 2 {
		return nil, th.Raisef(exc.TypeError, "sum() takes at most 2 arguments (%d given)", len(args))
	}
	var acc Object
	if len(args) == 2 {
		acc = th.newRef(args[1])
	} else if s, ok := kw["start"]; ok {
		acc = th.newRef(s)
	} else {
		acc = th.NewInt(0)
	}
	switch x := acc.(type) {
	case *Str:
		th.Decref(acc)
		return nil, th.Raise(exc.TypeError, "sum() can't sum strings [use ''.join(seq) instead]")
	case *Bytes:
		th.Decref(acc)
		if x.mutable {
			return nil, th.Raise(exc.TypeError, "sum() can't sum bytearray [use b''.join(seq) instead]")
		}
		return nil, th.Raise(exc.TypeError, "sum() can't sum bytes [use b''.join(seq) instead]")
	}
	it, err := th.Iter(args[0])
	if err != nil {
		th.Decref(acc)
		return nil, err
	}
	defer th.Decref(it)
	// CPython 3.12's fast paths: exact int arithmetic while everything is
	// a small int, then a float total with Neumaier's compensated
	// summation while everything is a float (or a small int).
	if i, ok := acc.(*Int); ok && i.big == nil && i.typ.builtin {
		total := i.v
		th.Decref(acc)
		acc = nil
		for acc == nil {
			x, ok, err := th.Next(it)
			if err != nil {
				return nil, err
			}
			if !ok {
				return th.NewInt(total), nil
			}
			if v, b, isInt := intValue(x); isInt && b == nil && !subclassed(x) {
				if s := total + v; (v >= 0) == (s >= total) {
					total = s
					th.Decref(x)
					continue
				}
			}
			t := th.NewInt(total)
			acc, err = th.BinaryOp(OpAdd, t, x)
			th.Decref(t)
			th.Decref(x)
			if err != nil {
				return nil, err
			}
		}
	}
	if f, ok := acc.(*Float); ok && f.typ.builtin {
		total, c := f.v, 0.0
		th.Decref(acc)
		acc = nil
		for acc == nil {
			x, ok, err := th.Next(it)
			if err != nil {
				return nil, err
			}
			if !ok {
				if c != 0 && !math.IsInf(c, 0) && !math.IsNaN(c) {
					total += c
				}
				return th.NewFloat(total), nil
			}
			if y, isFloat := x.(*Float); isFloat && y.typ.builtin {
				t := total + y.v
				if math.Abs(total) >= math.Abs(y.v) {
					c += (total - t) + y.v
				} else {
					c += (y.v - t) + total
				}
				total = t
				th.Decref(x)
				continue
			}
			if v, b, isInt := intValue(x); isInt && b == nil && !subclassed(x) {
				total += float64(v)
				th.Decref(x)
				continue
			}
			if c != 0 && !math.IsInf(c, 0) && !math.IsNaN(c) {
				total += c
			}
			t := th.NewFloat(total)
			acc, err = th.BinaryOp(OpAdd, t, x)
			th.Decref(t)
			th.Decref(x)
			if err != nil {
				return nil, err
			}
		}
	}
	for {
		x, ok, err := th.Next(it)
		if err != nil {
			th.Decref(acc)
			return nil, err
		}
		if !ok {
			return acc, nil
		}
		r, err := th.BinaryOp(OpAdd, acc, x)
		th.Decref(acc)
		th.Decref(x)
		if err != nil {
			return nil, err
		}
		acc = r
	}
}

// keywordOrPositional merges a built-in's positional and keyword
// arguments by name, for the few that take both ("pow(base=2, exp=3)"):
// nil for a missing one; an error names the first of CPython's.
func (th *Thread) keywordOrPositional(fname string, args []Object, kw map[string]Object, names []string, required int) ([]Object, error) {
	exc := &th.rt.types.exc
	if err := th.checkKwargs(fname, kw, names...); err != nil {
		return nil, err
	}
	if len(args) > len(names) {
		return nil, th.Raisef(exc.TypeError, "%s() takes at most %d arguments (%d given)", fname, len(names), len(args))
	}
	out := make([]Object, len(names))
	copy(out, args)
	for i, n := range names {
		if v, ok := kw[n]; ok {
			if i < len(args) {
				return nil, th.Raisef(exc.TypeError, "argument for %s() given by name ('%s') and position (%d)", fname, n, i+1)
			}
			out[i] = v
		}
	}
	for i := 0; i < required; i++ {
		if out[i] == nil {
			return nil, th.Raisef(exc.TypeError, "%s() missing required argument '%s' (pos %d)", fname, names[i], i+1)
		}
	}
	return out, nil
}

func builtinPow(th *Thread, args []Object, kw map[string]Object) (Object, error) {
	a, err := th.keywordOrPositional("pow", args, kw, []string{"base", "exp", "mod"}, 2)
	if err != nil {
		return nil, err
	}
	if a[2] == nil || a[2] == th.rt.None {
		return th.BinaryOp(OpPow, a[0], a[1])
	}
	return th.powMod(a[0], a[1], a[2])
}

// powMod is pow(base, exp, mod) for ints: a negative exponent asks for
// the modular inverse.
func (th *Thread) powMod(base, exp, mod Object) (Object, error) {
	exc := &th.rt.types.exc
	if userDefined(base) {
		if r, found, err := th.callDunder(base, "__pow__", exp, mod); err != nil || (found && r != th.rt.NotImplemented) {
			return r, err
		}
	}
	bv, bb, ok1 := intValue(base)
	ev, eb, ok2 := intValue(exp)
	mv, mb, ok3 := intValue(mod)
	if !ok1 || !ok2 || !ok3 {
		_, f1 := th.floatOperand(base)
		_, f2 := th.floatOperand(exp)
		_, f3 := th.floatOperand(mod)
		if f1 && f2 && f3 {
			return nil, th.Raise(exc.TypeError, "pow() 3rd argument not allowed unless all arguments are integers")
		}
		return nil, th.Raisef(exc.TypeError, "unsupported operand type(s) for ** or pow(): '%s', '%s', '%s'", base.Type().name, exp.Type().name, mod.Type().name)
	}
	m := toBig(mv, mb)
	if m.Sign() == 0 {
		return nil, th.Raise(exc.ValueError, "pow() 3rd argument cannot be 0")
	}
	x := new(big.Int).Set(toBig(bv, bb))
	e := new(big.Int).Set(toBig(ev, eb))
	am := new(big.Int).Abs(m)
	if e.Sign() < 0 {
		inv := new(big.Int).ModInverse(new(big.Int).Mod(x, am), am)
		if inv == nil {
			return nil, th.Raise(exc.ValueError, "base is not invertible for the given modulus")
		}
		x, e = inv, e.Neg(e)
	}
	r := new(big.Int).Exp(new(big.Int).Mod(x, am), e, am)
	// The result takes the modulus's sign, as Python's % does.
	if m.Sign() < 0 && r.Sign() != 0 {
		r.Add(r, m)
	}
	return th.NewBigInt(r), nil
}

func builtinRound(th *Thread, args []Object, kw map[string]Object) (Object, error) {
	exc := &th.rt.types.exc
	a, err := th.keywordOrPositional("round", args, kw, []string{"number", "ndigits"}, 1)
	if err != nil {
		return nil, err
	}
	x, nd := a[0], a[1]
	if nd == th.rt.None {
		nd = nil
	}
	switch v := x.(type) {
	case *Float:
		if nd == nil {
			return th.floatToInt(math.RoundToEven(v.v))
		}
		n, b, ok, err := th.indexValue(nd)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, th.Raisef(exc.TypeError, "'%s' object cannot be interpreted as an integer", nd.Type().name)
		}
		if b != nil {
			if b.Sign() > 0 {
				return th.newRef(v), nil
			}
			return th.NewFloat(0 * v.v), nil
		}
		r, err := th.roundFloat(v.v, n)
		if err != nil {
			return nil, err
		}
		return th.NewFloat(r), nil
	case *Int, *Bool:
		iv, ib, _ := intValue(v)
		if nd == nil {
			return th.NewBigInt(toBig(iv, ib)), nil
		}
		n, b, ok, err := th.indexValue(nd)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, th.Raisef(exc.TypeError, "'%s' object cannot be interpreted as an integer", nd.Type().name)
		}
		if (b == nil && n >= 0) || (b != nil && b.Sign() > 0) {
			return th.NewBigInt(toBig(iv, ib)), nil
		}
		if b != nil || n < -maxIntBits {
			return th.NewInt(0), nil
		}
		return th.NewBigInt(roundIntHalfEven(toBig(iv, ib), int(-n))), nil
	case *Instance, *Exception:
		var r Object
		var found bool
		if nd == nil {
			r, found, err = th.callDunder(x, "__round__")
		} else {
			r, found, err = th.callDunder(x, "__round__", nd)
		}
		if found || err != nil {
			return r, err
		}
	}
	return nil, th.Raisef(exc.TypeError, "type %s doesn't define __round__ method", x.Type().name)
}

// roundIntHalfEven rounds x to a multiple of 10**k, halves to even.
func roundIntHalfEven(x *big.Int, k int) *big.Int {
	p := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(k)), nil)
	q, r := new(big.Int).DivMod(x, p, new(big.Int)) // r >= 0
	twice := new(big.Int).Lsh(r, 1)
	switch c := twice.Cmp(p); {
	case c > 0, c == 0 && q.Bit(0) == 1:
		q.Add(q, big.NewInt(1))
	}
	return q.Mul(q, p)
}

// roundFloat is round(x, n): the float nearest to x rounded to n decimal
// places, halves to even on x's exact value (CPython's double_round).
func (th *Thread) roundFloat(x float64, n int64) (float64, error) {
	const ndigitsMax, ndigitsMin = 323, -308
	if n > ndigitsMax || x == 0 || math.IsInf(x, 0) || math.IsNaN(x) {
		return x, nil
	}
	if n < ndigitsMin {
		return 0 * x, nil
	}
	var s string
	if n >= 0 {
		s = strconv.FormatFloat(x, 'f', int(n), 64)
	} else {
		// Round the exact integer part at 10**-n.
		bf := new(big.Float).SetFloat64(x)
		ip, _ := bf.Int(nil)
		frac := new(big.Float).Sub(bf, new(big.Float).SetInt(ip))
		r := roundIntHalfEvenSigned(ip, frac.Sign(), int(-n))
		s = r.String()
	}
	r, err := strconv.ParseFloat(s, 64)
	if err != nil && errors.Is(err, strconv.ErrRange) || math.IsInf(r, 0) {
		return 0, th.Raise(th.rt.types.exc.OverflowError, "rounded value too large to represent")
	}
	if r == 0 {
		r = math.Copysign(0, x)
	}
	return r, nil
}

// roundIntHalfEvenSigned rounds ip + (a fraction of sign fracSign) to a
// multiple of 10**k, halves to even, for a float's exact value.
func roundIntHalfEvenSigned(ip *big.Int, fracSign, k int) *big.Int {
	p := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(k)), nil)
	neg := ip.Sign() < 0 || (ip.Sign() == 0 && fracSign < 0)
	a := new(big.Int).Abs(ip)
	q, r := new(big.Int).QuoRem(a, p, new(big.Int))
	twice := new(big.Int).Lsh(r, 1)
	c := twice.Cmp(p)
	// A nonzero fraction means the exact value is past the integer part,
	// never exactly half.
	if c > 0 || (c == 0 && fracSign != 0) || (c == 0 && q.Bit(0) == 1) {
		q.Add(q, big.NewInt(1))
	}
	q.Mul(q, p)
	if neg {
		q.Neg(q)
	}
	return q
}

// floatToInt is int(x) for an integral float (or one to truncate).
func (th *Thread) floatToInt(x float64) (Object, error) {
	switch {
	case math.IsInf(x, 0):
		return nil, th.Raise(th.rt.types.exc.OverflowError, "cannot convert float infinity to integer")
	case math.IsNaN(x):
		return nil, th.Raise(th.rt.types.exc.ValueError, "cannot convert float NaN to integer")
	}
	x = math.Trunc(x)
	if x >= -(1<<63) && x < 1<<63 {
		return th.NewInt(int64(x)), nil
	}
	b, _ := big.NewFloat(x).Int(nil)
	return th.NewBigInt(b), nil
}

func builtinChr(th *Thread, args []Object, kw map[string]Object) (Object, error) {
	if err := th.funcArgs("chr", args, kw, 1, 1); err != nil {
		return nil, err
	}
	v, b, ok, err := th.indexValue(args[0])
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, th.Raisef(th.rt.types.exc.TypeError, "'%s' object cannot be interpreted as an integer", args[0].Type().name)
	}
	if b != nil || v != int64(int32(v)) {
		// CPython converts to a C int first.
		return nil, th.Raise(th.rt.types.exc.OverflowError, "Python int too large to convert to C int")
	}
	if v < 0 || v > 0x10ffff {
		return nil, th.Raise(th.rt.types.exc.ValueError, "chr() arg not in range(0x110000)")
	}
	return th.NewStr(string(rune(v))), nil
}

func builtinOrd(th *Thread, args []Object, kw map[string]Object) (Object, error) {
	if err := th.funcArgs("ord", args, kw, 1, 1); err != nil {
		return nil, err
	}
	switch x := args[0].(type) {
	case *Str:
		n := x.length()
		if n != 1 {
			return nil, th.Raisef(th.rt.types.exc.TypeError, "ord() expected a character, but string of length %d found", n)
		}
		return th.NewInt(int64(x.runes()[0])), nil
	case *Bytes:
		b := th.snapshot(x)
		if len(b) != 1 {
			return nil, th.Raisef(th.rt.types.exc.TypeError, "ord() expected a character, but string of length %d found", len(b))
		}
		return th.NewInt(int64(b[0])), nil
	}
	return nil, th.Raisef(th.rt.types.exc.TypeError, "ord() expected string of length 1, but %s found", args[0].Type().name)
}

// baseBuiltin is hex, oct and bin.
func baseBuiltin(name string, base int, prefix string) BuiltinFunc {
	return func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.funcArgs(name, args, kw, 1, 1); err != nil {
			return nil, err
		}
		v, b, ok, err := th.indexValue(args[0])
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, th.Raisef(th.rt.types.exc.TypeError, "'%s' object cannot be interpreted as an integer", args[0].Type().name)
		}
		x := toBig(v, b)
		s := new(big.Int).Abs(x).Text(base)
		if x.Sign() < 0 {
			return th.NewStr("-" + prefix + s), nil
		}
		return th.NewStr(prefix + s), nil
	}
}

// ---- int ----

func intSelf(args []Object) (int64, *big.Int) {
	v, b, _ := intValue(args[0])
	return v, b
}

var intMethods = []method{
	{"bit_length", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("bit_length", args, kw, 0, 0); err != nil {
			return nil, err
		}
		v, b := intSelf(args)
		if b != nil {
			return th.NewInt(int64(b.BitLen())), nil
		}
		return th.NewInt(int64(bits.Len64(uint64(absInt(v))))), nil
	}},
	{"bit_count", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("bit_count", args, kw, 0, 0); err != nil {
			return nil, err
		}
		v, b := intSelf(args)
		x := new(big.Int).Abs(toBig(v, b))
		n := 0
		for _, w := range x.Bits() {
			n += bits.OnesCount64(uint64(w))
		}
		return th.NewInt(int64(n)), nil
	}},
	{"to_bytes", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		exc := &th.rt.types.exc
		if err := th.checkKwargs("to_bytes", kw, "length", "byteorder", "signed"); err != nil {
			return nil, err
		}
		a, err := th.keywordOrPositional("to_bytes", args[1:], withoutKey(kw, "signed"), []string{"length", "byteorder"}, 0)
		if err != nil {
			return nil, err
		}
		length := int64(1)
		if a[0] != nil {
			if length, err = th.intArg("to_bytes", a[0]); err != nil {
				return nil, err
			}
			if length < 0 {
				return nil, th.Raise(exc.ValueError, "length argument must be non-negative")
			}
		}
		little, err := th.byteOrder(a[1])
		if err != nil {
			return nil, err
		}
		signed := false
		if s, ok := kw["signed"]; ok {
			if signed, err = th.Truth(s); err != nil {
				return nil, err
			}
		}
		v, b := intSelf(args)
		x := toBig(v, b)
		if x.Sign() < 0 && !signed {
			return nil, th.Raise(exc.OverflowError, "can't convert negative int to unsigned")
		}
		if err := th.memCheckWidth(length); err != nil {
			return nil, err
		}
		// Two's complement in length bytes.
		mod := new(big.Int).Lsh(big.NewInt(1), uint(8*length))
		u := new(big.Int).Set(x)
		if signed {
			half := new(big.Int).Rsh(mod, 1)
			if x.Cmp(half) >= 0 || new(big.Int).Neg(x).Cmp(half) > 0 {
				return nil, th.Raise(exc.OverflowError, "int too big to convert")
			}
			if u.Sign() < 0 {
				u.Add(u, mod)
			}
		} else if u.Cmp(mod) >= 0 {
			return nil, th.Raise(exc.OverflowError, "int too big to convert")
		}
		out := u.FillBytes(make([]byte, length))
		if little {
			for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
				out[i], out[j] = out[j], out[i]
			}
		}
		return th.NewBytes(out), nil
	}},
	{"as_integer_ratio", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("as_integer_ratio", args, kw, 0, 0); err != nil {
			return nil, err
		}
		v, b := intSelf(args)
		return th.NewTuple([]Object{th.NewBigInt(toBig(v, b)), th.NewInt(1)}), nil
	}},
	{"is_integer", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("is_integer", args, kw, 0, 0); err != nil {
			return nil, err
		}
		return th.rt.True, nil
	}},
	{"conjugate", intIdentity("conjugate")},
	{"__index__", intIdentity("__index__")},
	{"__int__", intIdentity("__int__")},
	{"__trunc__", intIdentity("__trunc__")},
	{"__floor__", intIdentity("__floor__")},
	{"__ceil__", intIdentity("__ceil__")},
	{"__float__", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("__float__", args, kw, 0, 0); err != nil {
			return nil, err
		}
		v, b := intSelf(args)
		f, err := th.intToFloat(v, b)
		if err != nil {
			return nil, err
		}
		return th.NewFloat(f), nil
	}},
	{"__round__", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("__round__", args, kw, 0, 1); err != nil {
			return nil, err
		}
		return builtinRound(th, args, nil)
	}},
}

// withoutKey is kw without key (nil stays nil).
func withoutKey(kw map[string]Object, key string) map[string]Object {
	if _, ok := kw[key]; !ok {
		return kw
	}
	out := make(map[string]Object, len(kw))
	for k, v := range kw {
		if k != key {
			out[k] = v
		}
	}
	return out
}

// byteOrder reads to_bytes' and from_bytes' byteorder ("big" if nil).
func (th *Thread) byteOrder(o Object) (little bool, err error) {
	if o == nil {
		return false, nil
	}
	s, ok := o.(*Str)
	if !ok {
		return false, th.Raisef(th.rt.types.exc.TypeError, "to_bytes() argument 'byteorder' must be str, not %s", o.Type().name)
	}
	switch s.s {
	case "little":
		return true, nil
	case "big":
		return false, nil
	}
	return false, th.Raise(th.rt.types.exc.ValueError, "byteorder must be either 'little' or 'big'")
}

func intIdentity(name string) BuiltinFunc {
	return func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs(name, args, kw, 0, 0); err != nil {
			return nil, err
		}
		v, b := intSelf(args)
		return th.NewBigInt(toBig(v, b)), nil
	}
}

var intClassMethods = []method{
	{"from_bytes", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.checkKwargs("from_bytes", kw, "bytes", "byteorder", "signed"); err != nil {
			return nil, err
		}
		a, err := th.keywordOrPositional("from_bytes", args[1:], withoutKey(kw, "signed"), []string{"bytes", "byteorder"}, 1)
		if err != nil {
			return nil, err
		}
		data, ok := th.bytesLike(a[0])
		if !ok {
			if data, err = th.bytesFrom(a[0], "bytes"); err != nil {
				return nil, err
			}
		}
		little, err := th.byteOrder(a[1])
		if err != nil {
			return nil, err
		}
		signed := false
		if s, ok := kw["signed"]; ok {
			if signed, err = th.Truth(s); err != nil {
				return nil, err
			}
		}
		buf := append([]byte(nil), data...)
		if little {
			for i, j := 0, len(buf)-1; i < j; i, j = i+1, j-1 {
				buf[i], buf[j] = buf[j], buf[i]
			}
		}
		x := new(big.Int).SetBytes(buf)
		if signed && len(buf) > 0 && buf[0]&0x80 != 0 {
			x.Sub(x, new(big.Int).Lsh(big.NewInt(1), uint(8*len(buf))))
		}
		return th.NewBigInt(x), nil
	}},
}

var intGetSets = []getSetDef{
	{"real", func(th *Thread, o Object) (Object, error) {
		v, b, _ := intValue(o)
		return th.NewBigInt(toBig(v, b)), nil
	}, nil},
	{"imag", func(th *Thread, o Object) (Object, error) { return th.NewInt(0), nil }, nil},
	{"numerator", func(th *Thread, o Object) (Object, error) {
		v, b, _ := intValue(o)
		return th.NewBigInt(toBig(v, b)), nil
	}, nil},
	{"denominator", func(th *Thread, o Object) (Object, error) { return th.NewInt(1), nil }, nil},
}

// ---- float ----

func floatSelf(args []Object) float64 { return args[0].(*Float).v }

var floatMethods = []method{
	{"is_integer", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("is_integer", args, kw, 0, 0); err != nil {
			return nil, err
		}
		x := floatSelf(args)
		return th.rt.Bool(!math.IsInf(x, 0) && x == math.Trunc(x)), nil
	}},
	{"as_integer_ratio", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("as_integer_ratio", args, kw, 0, 0); err != nil {
			return nil, err
		}
		x := floatSelf(args)
		switch {
		case math.IsInf(x, 0):
			return nil, th.Raise(th.rt.types.exc.OverflowError, "cannot convert Infinity to integer ratio")
		case math.IsNaN(x):
			return nil, th.Raise(th.rt.types.exc.ValueError, "cannot convert NaN to integer ratio")
		}
		r := new(big.Rat).SetFloat64(x)
		return th.NewTuple([]Object{th.NewBigInt(r.Num()), th.NewBigInt(r.Denom())}), nil
	}},
	{"hex", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("hex", args, kw, 0, 0); err != nil {
			return nil, err
		}
		return th.NewStr(floatHex(floatSelf(args))), nil
	}},
	{"conjugate", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("conjugate", args, kw, 0, 0); err != nil {
			return nil, err
		}
		return th.newRef(args[0]), nil
	}},
	{"__trunc__", floatToIntMethod("__trunc__", math.Trunc)},
	{"__int__", floatToIntMethod("__int__", math.Trunc)},
	{"__floor__", floatToIntMethod("__floor__", math.Floor)},
	{"__ceil__", floatToIntMethod("__ceil__", math.Ceil)},
	{"__float__", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("__float__", args, kw, 0, 0); err != nil {
			return nil, err
		}
		return th.newRef(args[0]), nil
	}},
	{"__round__", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("__round__", args, kw, 0, 1); err != nil {
			return nil, err
		}
		return builtinRound(th, args, nil)
	}},
}

func floatToIntMethod(name string, f func(float64) float64) BuiltinFunc {
	return func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs(name, args, kw, 0, 0); err != nil {
			return nil, err
		}
		return th.floatToInt(f(floatSelf(args)))
	}
}

// floatHex is float.hex(): [-]0x1.<13 hex digits>p<exp>, subnormals as
// 0x0.<digits>p-1022.
func floatHex(x float64) string {
	switch {
	case math.IsNaN(x):
		return "nan"
	case math.IsInf(x, 1):
		return "inf"
	case math.IsInf(x, -1):
		return "-inf"
	}
	sign := ""
	if math.Signbit(x) {
		sign = "-"
		x = -x
	}
	if x == 0 {
		return sign + "0x0.0p+0"
	}
	b := math.Float64bits(x)
	exp := int(b>>52) & 0x7ff
	mant := b & (1<<52 - 1)
	lead := "1"
	if exp == 0 {
		lead, exp = "0", -1022
	} else {
		exp -= 1023
	}
	e := strconv.Itoa(exp)
	if exp >= 0 {
		e = "+" + e
	}
	return sign + "0x" + lead + "." + strings.Repeat("0", 13-len(strconv.FormatUint(mant, 16))) + strconv.FormatUint(mant, 16) + "p" + e
}

var floatClassMethods = []method{
	{"fromhex", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.funcArgs("fromhex", args[1:], kw, 1, 1); err != nil {
			return nil, err
		}
		s, ok := args[1].(*Str)
		if !ok {
			return nil, th.Raise(th.rt.types.exc.TypeError, "bad argument type for built-in operation")
		}
		return th.floatFromHex(s.s)
	}},
}

// floatFromHex is float.fromhex(s).
func (th *Thread) floatFromHex(s string) (Object, error) {
	exc := &th.rt.types.exc
	t := strings.TrimFunc(s, isSpace)
	bad := func() (Object, error) {
		return nil, th.Raise(exc.ValueError, "invalid hexadecimal floating-point string")
	}
	sign := ""
	body := t
	if body != "" && (body[0] == '+' || body[0] == '-') {
		sign, body = body[:1], body[1:]
	}
	switch strings.ToLower(body) {
	case "inf", "infinity":
		return th.NewFloat(math.Inf(map[string]int{"": 1, "+": 1, "-": -1}[sign])), nil
	case "nan":
		return th.NewFloat(math.NaN()), nil
	}
	lower := strings.ToLower(body)
	if strings.HasPrefix(lower, "0x") {
		body = body[2:]
	}
	mant, exp, hasExp := strings.Cut(strings.ToLower(body), "p")
	if mant == "" || mant == "." {
		return bad()
	}
	for _, c := range strings.Replace(mant, ".", "", 1) {
		if !strings.ContainsRune("0123456789abcdef", c) {
			return bad()
		}
	}
	if strings.Count(mant, ".") > 1 {
		return bad()
	}
	if hasExp {
		if _, err := strconv.Atoi(exp); err != nil || exp == "" {
			return bad()
		}
	} else {
		exp = "0"
	}
	x, err := strconv.ParseFloat(sign+"0x"+mant+"p"+exp, 64)
	if err != nil {
		if errors.Is(err, strconv.ErrRange) && math.IsInf(x, 0) {
			return nil, th.Raise(exc.OverflowError, "hexadecimal value too large to represent as a float")
		}
		if !errors.Is(err, strconv.ErrRange) {
			return bad()
		}
	}
	return th.NewFloat(x), nil
}

var floatGetSets = []getSetDef{
	{"real", func(th *Thread, o Object) (Object, error) { return th.newRef(o), nil }, nil},
	{"imag", func(th *Thread, o Object) (Object, error) { return th.NewFloat(0), nil }, nil},
}

// ---- range ----

var rangeMethods = []method{
	{"count", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("count", args, kw, 1, 1); err != nil {
			return nil, err
		}
		r := args[0].(*Range)
		if v, b, ok := intValue(args[1]); ok {
			if b == nil && r.contains(v) {
				return th.NewInt(1), nil
			}
			return th.NewInt(0), nil
		}
		in, err := th.Contains(r, args[1])
		if err != nil {
			return nil, err
		}
		if in {
			return th.NewInt(1), nil
		}
		return th.NewInt(0), nil
	}},
	{"index", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("index", args, kw, 1, 1); err != nil {
			return nil, err
		}
		r := args[0].(*Range)
		v, b, ok := intValue(args[1])
		if ok && b == nil && r.contains(v) {
			return th.NewInt((v - r.start) / r.step), nil
		}
		if ok {
			return nil, th.Raisef(th.rt.types.exc.ValueError, "%s is not in range", intString(v, b))
		}
		rep, err := th.Repr(args[1])
		if err != nil {
			return nil, err
		}
		return nil, th.Raisef(th.rt.types.exc.ValueError, "%s is not in range", rep)
	}},
}

var rangeGetSets = []getSetDef{
	{"start", func(th *Thread, o Object) (Object, error) { return th.NewInt(o.(*Range).start), nil }, nil},
	{"stop", func(th *Thread, o Object) (Object, error) { return th.NewInt(o.(*Range).stop), nil }, nil},
	{"step", func(th *Thread, o Object) (Object, error) { return th.NewInt(o.(*Range).step), nil }, nil},
}
