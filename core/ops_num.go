package core

import (
	"math"
	"math/big"
	"strings"
)

// BinOp is a binary operator.
type BinOp uint8

// The binary operators, in the order of their symbols.
const (
	OpAdd BinOp = iota
	OpSub
	OpMul
	OpTrueDiv
	OpFloorDiv
	OpMod
	OpPow
	OpLShift
	OpRShift
	OpAnd
	OpOr
	OpXor
	// OpMatMul is @, which no built-in type implements: only classes
	// with __matmul__ and __rmatmul__ take it.
	OpMatMul
	numBinOps
)

var binOpInfo = [numBinOps]struct{ symbol, dunder string }{
	OpAdd: {"+", "add"}, OpSub: {"-", "sub"}, OpMul: {"*", "mul"}, OpTrueDiv: {"/", "truediv"},
	OpFloorDiv: {"//", "floordiv"}, OpMod: {"%", "mod"}, OpPow: {"**", "pow"},
	OpLShift: {"<<", "lshift"}, OpRShift: {">>", "rshift"}, OpAnd: {"&", "and"},
	OpOr: {"|", "or"}, OpXor: {"^", "xor"}, OpMatMul: {"@", "matmul"},
}

func (op BinOp) String() string { return binOpInfo[op].symbol }

// UnaryOp is a unary operator (not is Truth).
type UnaryOp uint8

// The unary operators.
const (
	OpNeg UnaryOp = iota
	OpPos
	OpInvert
)

var unaryInfo = [...]struct{ symbol, dunder string }{OpNeg: {"-", "__neg__"}, OpPos: {"+", "__pos__"}, OpInvert: {"~", "__invert__"}}

// CompareOp is a rich comparison.
type CompareOp uint8

// The comparisons.
const (
	CmpLt CompareOp = iota
	CmpLe
	CmpEq
	CmpNe
	CmpGt
	CmpGe
)

var compareInfo = [...]struct {
	symbol, dunder string
	swapped        CompareOp // the reflected comparison: a < b is b > a
}{
	CmpLt: {"<", "__lt__", CmpGt}, CmpLe: {"<=", "__le__", CmpGe}, CmpEq: {"==", "__eq__", CmpEq},
	CmpNe: {"!=", "__ne__", CmpNe}, CmpGt: {">", "__gt__", CmpLt}, CmpGe: {">=", "__ge__", CmpLe},
}

func (op CompareOp) String() string { return compareInfo[op].symbol }

// outcome applies op to the result of a three-way comparison.
func (op CompareOp) outcome(c int) bool {
	switch op {
	case CmpLt:
		return c < 0
	case CmpLe:
		return c <= 0
	case CmpEq:
		return c == 0
	case CmpNe:
		return c != 0
	case CmpGt:
		return c > 0
	}
	return c >= 0
}

// BinaryOp is a op b: a new reference. Built-in operands take the Go
// fast path; an instance of a class takes part through the special
// methods: a.__op__(b), then b.__rop__(a) -- first, if b's class derives
// from a's and overrides __rop__ -- each NotImplemented passing the turn,
// as CPython's binary_op1 does.
func (th *Thread) BinaryOp(op BinOp, a, b Object) (Object, error) {
	return th.binaryOp(op, a, b, false)
}

// binaryOp is BinaryOp; inplace says the operator was a op= b, which
// names it so in the error.
func (th *Thread) binaryOp(op BinOp, a, b Object, inplace bool) (Object, error) {
	if !userDefined(a) && !userDefined(b) {
		r, err := th.binaryBuiltin(op, a, b)
		if err != nil || r != th.rt.NotImplemented {
			return r, err
		}
		if op == OpOr {
			if r, found, err := th.typeUnion(a, b); found || err != nil {
				return r, err
			}
		}
		return nil, th.binaryTypeError(op, a, b, inplace)
	}
	if op == OpMod {
		// str % x and bytes % x format, whatever x is (CPython's
		// unicode_mod comes first and always answers).
		switch x := a.(type) {
		case *Str:
			return th.strPercent(x.s, b)
		case *Bytes:
			return th.bytesPercent(x, b)
		}
	}
	r, err := th.binaryUser(op, a, b)
	if err != nil || r != nil {
		return r, err
	}
	if r, ok, err := th.sequenceRepeat(op, a, b); ok || err != nil {
		return r, err
	}
	return nil, th.binaryTypeError(op, a, b, inplace)
}

// binaryUser runs the reflected-operand protocol for a op b, one of them
// an instance of a class: nil when every method returned NotImplemented
// or none exists.
func (th *Thread) binaryUser(op BinOp, a, b Object) (Object, error) {
	name := "__" + binOpInfo[op].dunder + "__"
	rname := "__r" + binOpInfo[op].dunder + "__"
	ta, tb := a.Type(), b.Type()
	var rfn Object // b's reflected method, when b's type differs from a's
	if userDefined(b) && tb != ta {
		if rfn = th.lookupSpecial(b, rname); rfn == th.rt.None {
			th.Decref(rfn)
			rfn = nil
		}
		if rfn != nil {
			defer th.Decref(rfn)
		}
	}
	triedReflected := false
	if rfn != nil && tb.IsSubtype(ta) {
		base := ta.lookup(th, rname)
		overridden := base != rfn
		th.XDecref(base)
		if overridden {
			triedReflected = true
			r, err := th.callSpecial(rfn, b, a)
			if err != nil || r != th.rt.NotImplemented {
				return r, err
			}
		}
	}
	if userDefined(a) {
		if fn := th.lookupSpecial(a, name); fn != nil {
			defer th.Decref(fn)
			if fn != th.rt.None {
				r, err := th.callSpecial(fn, a, b)
				if err != nil || r != th.rt.NotImplemented {
					return r, err
				}
			}
		}
	}
	if rfn != nil && !triedReflected {
		r, err := th.callSpecial(rfn, b, a)
		if err != nil || r != th.rt.NotImplemented {
			return r, err
		}
	}
	return nil, nil
}

// sequenceRepeat is the sequence protocol's fallback for * when the
// numeric one found nothing: a built-in sequence times an instance with
// __index__ (CPython's sequence_repeat).
func (th *Thread) sequenceRepeat(op BinOp, a, b Object) (Object, bool, error) {
	if op != OpMul {
		return nil, false, nil
	}
	seq, n := a, b
	if !isSequence(seq) {
		seq, n = b, a
	}
	if !isSequence(seq) || !userDefined(n) || !th.hasDunder(n, "__index__") {
		return nil, false, nil
	}
	i, err := th.Index(n)
	if err != nil {
		return nil, true, err
	}
	defer th.Decref(i)
	r, err := th.binaryBuiltin(OpMul, seq, i)
	return r, true, err
}

// isSequence reports whether o is a built-in sequence that * repeats.
func isSequence(o Object) bool {
	switch o.(type) {
	case *Str, *List, *Tuple, *Bytes:
		return true
	}
	return false
}

// binaryTypeError is the TypeError for operands op does not support, in
// CPython's words.
func (th *Thread) binaryTypeError(op BinOp, a, b Object, inplace bool) error {
	exc := &th.rt.types.exc
	isSeq := isSequence
	switch {
	case op == OpAdd && isSeq(a):
		name := a.Type().name
		return th.Raisef(exc.TypeError, "can only concatenate %s (not \"%s\") to %s", name, b.Type().name, name)
	case op == OpMul && isSeq(a):
		return th.Raisef(exc.TypeError, "can't multiply sequence by non-int of type '%s'", b.Type().name)
	case op == OpMul && isSeq(b):
		return th.Raisef(exc.TypeError, "can't multiply sequence by non-int of type '%s'", a.Type().name)
	}
	sym := op.String()
	switch {
	case inplace:
		sym += "="
	case op == OpPow:
		sym = "** or pow()"
	}
	return th.Raisef(exc.TypeError, "unsupported operand type(s) for %s: '%s' and '%s'", sym, a.Type().name, b.Type().name)
}

// InPlaceOp is a op= b: lists and sets change in place (the result is
// then a itself); instances may define __iop__; otherwise a op b.
func (th *Thread) InPlaceOp(op BinOp, a, b Object) (Object, error) {
	if subclassed(a) {
		r, found, err := th.callDunder(a, "__i"+binOpInfo[op].dunder+"__", b)
		if err != nil || (found && r != th.rt.NotImplemented) {
			return r, err
		}
		return th.binaryOp(op, a, b, true)
	}
	return th.inPlaceNative(op, a, b)
}

// inPlaceNative is InPlaceOp without the special methods of a class
// deriving from a built-in (the built-in's __iadd__, ...).
func (th *Thread) inPlaceNative(op BinOp, a, b Object) (Object, error) {
	switch x := a.(type) {
	case *List:
		switch op {
		case OpAdd:
			if err := th.ListExtend(x, b); err != nil {
				return nil, err
			}
			return th.newRef(x), nil
		case OpMul:
			if _, ok := b.(*Float); !ok {
				if v, big, ok := intValue(b); ok {
					if err := th.listRepeatInPlace(x, v, big); err != nil {
						return nil, err
					}
					return th.newRef(x), nil
				}
			}
		}
	case *Set:
		if y, ok := b.(*Set); ok && !x.frozen && (op == OpOr || op == OpAnd || op == OpSub || op == OpXor) {
			r, err := th.setOp(op, x, y)
			if err != nil {
				return nil, err
			}
			defer th.Decref(r)
			keys := th.setKeys(r.(*Set))
			defer th.decrefAll(keys)
			th.beginCS(x)
			for _, e := range x.takeAll() {
				th.Decref(e.key)
			}
			for _, k := range keys {
				h, _ := th.Hash(k)
				if err := x.add(th, k, h); err != nil {
					th.endCS()
					return nil, err
				}
			}
			th.endCS()
			return th.newRef(x), nil
		}
	case *Dict:
		if op == OpOr {
			if err := th.dictUpdateFrom(x, b); err != nil {
				return nil, err
			}
			return th.newRef(x), nil
		}
	case *Bytes:
		if x.mutable {
			if r, ok, err := th.bytearrayInPlace(op, x, b); ok || err != nil {
				return r, err
			}
		}
	case *Instance, *Exception:
		r, found, err := th.callDunder(a, "__i"+binOpInfo[op].dunder+"__", b)
		if err != nil || (found && r != th.rt.NotImplemented) {
			return r, err
		}
	}
	return th.binaryOp(op, a, b, true)
}

// binaryBuiltin computes op on built-in operands, or returns
// NotImplemented.
func (th *Thread) binaryBuiltin(op BinOp, a, b Object) (Object, error) {
	if av, ab, ok := intValue(a); ok {
		if bv, bb, ok := intValue(b); ok {
			if x, isBool := a.(*Bool); isBool && (op == OpAnd || op == OpOr || op == OpXor) {
				if y, isBool := b.(*Bool); isBool {
					switch op {
					case OpAnd:
						return th.rt.Bool(x.v && y.v), nil
					case OpOr:
						return th.rt.Bool(x.v || y.v), nil
					default:
						return th.rt.Bool(x.v != y.v), nil
					}
				}
			}
			return th.intBinary(op, av, ab, bv, bb)
		}
		if f, ok := b.(*Float); ok {
			x, err := th.intToFloat(av, ab)
			if err != nil {
				return nil, err
			}
			return th.floatBinary(op, x, f.v)
		}
	}
	if f, ok := a.(*Float); ok {
		switch y := b.(type) {
		case *Float:
			return th.floatBinary(op, f.v, y.v)
		case *Int, *Bool:
			bv, bb, _ := intValue(y)
			x, err := th.intToFloat(bv, bb)
			if err != nil {
				return nil, err
			}
			return th.floatBinary(op, f.v, x)
		}
	}
	switch x := a.(type) {
	case *Str:
		if op == OpMod {
			return th.strPercent(x.s, b)
		}
		switch y := b.(type) {
		case *Str:
			if op == OpAdd {
				if err := th.memCheck(int64(len(x.s)) + int64(len(y.s))); err != nil {
					return nil, err
				}
				return th.NewStr(x.s + y.s), nil
			}
		case *Int, *Bool:
			if op == OpMul {
				return th.repeatStr(x, y)
			}
		}
	case *List:
		switch y := b.(type) {
		case *List:
			if op == OpAdd {
				items := th.listSnapshot(x)
				return th.NewList(append(items, th.listSnapshot(y)...)), nil
			}
		case *Int, *Bool:
			if op == OpMul {
				return th.repeatSeq(th.listSnapshot(x), y, true)
			}
		}
	case *Tuple:
		switch y := b.(type) {
		case *Tuple:
			if op == OpAdd {
				items := make([]Object, 0, len(x.items)+len(y.items))
				for _, it := range append(append([]Object(nil), x.items...), y.items...) {
					items = append(items, th.newRef(it))
				}
				return th.NewTuple(items), nil
			}
		case *Int, *Bool:
			if op == OpMul {
				items := make([]Object, len(x.items))
				for i, it := range x.items {
					items[i] = th.newRef(it)
				}
				return th.repeatSeq(items, y, false)
			}
		}
	case *Set:
		if y, ok := b.(*Set); ok {
			switch op {
			case OpOr, OpAnd, OpSub, OpXor:
				return th.setOp(op, x, y)
			}
		}
	case *Bytes:
		return th.bytesBinary(op, x, b)
	case *Dict:
		if y, ok := b.(*Dict); ok && op == OpOr {
			d := th.NewDict()
			for _, src := range []*Dict{x, y} {
				if err := th.dictUpdate(d, src); err != nil {
					th.Decref(d)
					return nil, err
				}
			}
			return d, nil
		}
	case *Int, *Bool:
		switch y := b.(type) {
		case *Bytes:
			if op == OpMul {
				return th.bytesBinary(op, y, x)
			}
		case *Str:
			if op == OpMul {
				return th.repeatStr(y, x)
			}
		case *List:
			if op == OpMul {
				return th.repeatSeq(th.listSnapshot(y), x, true)
			}
		case *Tuple:
			if op == OpMul {
				return th.BinaryOp(OpMul, y, x)
			}
		}
	}
	if r, ok, err := th.viewBinary(op, a, b); ok || err != nil {
		return r, err
	}
	return th.rt.NotImplemented, nil
}

// repeatTooLong reports whether n items of size bytes each, repeated v
// times (v > 0), take more than math.MaxInt64 bytes: the size would
// overflow. Such a repetition raises OverflowError at once, as CPython
// does when the size overflows Py_ssize_t; a smaller one that does not fit
// is the memory budget's MemoryError ([0] * 10**10, "x" * 10**12), as in
// CPython.
func repeatTooLong(n int, v, size int64) bool { return n > 0 && v > math.MaxInt64/size/int64(n) }

func (th *Thread) repeatStr(s *Str, n Object) (Object, error) {
	v, b, _ := intValue(n)
	if b != nil {
		return nil, th.Raise(th.rt.types.exc.OverflowError, "cannot fit 'int' into an index-sized integer")
	}
	if v <= 0 || len(s.s) == 0 {
		return th.rt.emptyStr, nil
	}
	if repeatTooLong(len(s.s), v, 1) {
		return nil, th.Raise(th.rt.types.exc.OverflowError, "repeated string is too long")
	}
	if err := th.memCheck(int64(len(s.s)) * v); err != nil {
		return nil, err
	}
	return th.NewStr(strings.Repeat(s.s, int(v))), nil
}

// listRepeatInPlace is L *= n.
func (th *Thread) listRepeatInPlace(l *List, v int64, big *big.Int) error {
	if big != nil {
		return th.Raise(th.rt.types.exc.OverflowError, "cannot fit 'int' into an index-sized integer")
	}
	th.beginCS(l)
	items := l.items
	switch {
	case v <= 0:
		l.items = nil
		th.listResized(l)
		th.endCS()
		th.decrefAll(items)
		return nil
	case v == 1 || len(items) == 0:
	case repeatTooLong(len(items), v, slotSize):
		th.endCS()
		return th.Raise(th.rt.types.exc.OverflowError, "repeated sequence is too long")
	default:
		if err := th.listReserve(l, len(items)*int(v-1)); err != nil {
			th.endCS()
			return err
		}
		out := make([]Object, 0, len(items)*int(v))
		out = append(out, items...)
		for i := int64(1); i < v; i++ {
			for _, it := range items {
				out = append(out, th.newRef(it))
			}
		}
		l.items = out
		th.listResized(l)
	}
	th.endCS()
	return nil
}

// repeatSeq repeats items (new references, consumed) n times into a list
// or a tuple.
func (th *Thread) repeatSeq(items []Object, n Object, list bool) (Object, error) {
	defer th.decrefAll(items)
	v, b, _ := intValue(n)
	switch {
	case b != nil:
		return nil, th.Raise(th.rt.types.exc.OverflowError, "cannot fit 'int' into an index-sized integer")
	case v <= 0 || len(items) == 0:
		v = 0
	case repeatTooLong(len(items), v, slotSize):
		return nil, th.Raise(th.rt.types.exc.OverflowError, "repeated sequence is too long")
	}
	if err := th.memCheckItems(len(items) * int(v)); err != nil {
		return nil, err
	}
	out := make([]Object, 0, int64(len(items))*v)
	for i := int64(0); i < v; i++ {
		for _, it := range items {
			out = append(out, th.newRef(it))
		}
	}
	if list {
		return th.NewList(out), nil
	}
	return th.NewTuple(out), nil
}

// setOp computes |, &, - and ^ of two sets: a new set.
func (th *Thread) setOp(op BinOp, x, y *Set) (Object, error) {
	xs, ys := th.setKeys(x), th.setKeys(y)
	defer th.decrefAll(xs)
	defer th.decrefAll(ys)
	r := th.NewSet()
	if x.frozen {
		th.Decref(r)
		r = th.NewFrozenset()
	}
	// addIf adds each key of keys whose membership in other is want.
	addIf := func(keys []Object, other *Set, want bool) error {
		for _, k := range keys {
			in := !want
			if other != nil {
				var err error
				if in, err = th.setContains(other, k); err != nil {
					return err
				}
			}
			if in == want || other == nil {
				if err := th.SetAdd(r, k); err != nil {
					return err
				}
			}
		}
		return nil
	}
	var err error
	switch op {
	case OpOr:
		if err = addIf(xs, nil, true); err == nil {
			err = addIf(ys, nil, true)
		}
	case OpAnd:
		err = addIf(xs, y, true)
	case OpSub:
		err = addIf(xs, y, false)
	case OpXor:
		if err = addIf(xs, y, false); err == nil {
			err = addIf(ys, x, false)
		}
	}
	if err != nil {
		th.Decref(r)
		return nil, err
	}
	return r, nil
}

// UnaryOp is -a, +a or ~a: a new reference.
func (th *Thread) UnaryOp(op UnaryOp, a Object) (Object, error) {
	if subclassed(a) {
		if r, found, err := th.callDunder(a, unaryInfo[op].dunder); found || err != nil {
			return r, err
		}
	}
	return th.unaryNative(op, a)
}

// unaryNative is UnaryOp without the special methods of a class deriving
// from a built-in (the built-in's __neg__, ...).
func (th *Thread) unaryNative(op UnaryOp, a Object) (Object, error) {
	switch x := a.(type) {
	case *Int, *Bool:
		v, b, _ := intValue(x)
		return th.intUnary(op, v, b), nil
	case *Float:
		switch op {
		case OpNeg:
			return th.NewFloat(-x.v), nil
		case OpPos:
			return th.NewFloat(x.v), nil
		}
	case *Instance, *Exception:
		if r, found, err := th.callDunder(a, unaryInfo[op].dunder); found || err != nil {
			return r, err
		}
	}
	return nil, th.Raisef(th.rt.types.exc.TypeError, "bad operand type for unary %s: '%s'", unaryInfo[op].symbol, a.Type().name)
}

// numericCompare compares two numbers (int, bool, float) exactly: ok is
// false if either is not a number, or a NaN is involved.
func numericCompare(a, b Object) (c int, ok bool) {
	if av, ab, isInt := intValue(a); isInt {
		if bv, bb, isInt := intValue(b); isInt {
			return intCompare(av, ab, bv, bb), true
		}
		if f, isFloat := b.(*Float); isFloat {
			c, ok := floatIntCompare(f.v, av, ab)
			return -c, ok
		}
		return 0, false
	}
	f, isFloat := a.(*Float)
	if !isFloat {
		return 0, false
	}
	switch y := b.(type) {
	case *Float:
		switch {
		case f.v < y.v:
			return -1, true
		case f.v > y.v:
			return 1, true
		case f.v == y.v:
			return 0, true
		}
		return 0, false // NaN
	case *Int, *Bool:
		bv, bb, _ := intValue(y)
		return floatIntCompare(f.v, bv, bb)
	}
	return 0, false
}

// isNaN reports whether o is a float NaN.
func isNaN(o Object) bool {
	f, ok := o.(*Float)
	return ok && f.v != f.v
}

// CompareBool is a op b as a Go bool, with the identity shortcut of
// containers: an object equals itself (PyObject_RichCompareBool).
func (th *Thread) CompareBool(a, b Object, op CompareOp) (bool, error) {
	if a == b && (op == CmpEq || op == CmpNe) {
		return op == CmpEq, nil
	}
	r, err := th.Compare(a, b, op)
	if err != nil {
		return false, err
	}
	defer th.Decref(r)
	return th.Truth(r)
}

// Compare is the rich comparison a op b: a new reference (a bool, unless
// a user's method returns something else). With an instance of a class on
// either side it is CPython's do_richcompare: the reflected method of b
// first if b's class derives from a's, then a's, then b's, each
// NotImplemented passing the turn; == and != fall back to identity.
func (th *Thread) Compare(a, b Object, op CompareOp) (Object, error) {
	if !userDefined(a) && !userDefined(b) {
		r, ok, err := th.compareBuiltin(a, b, op)
		if err != nil {
			return nil, err
		}
		if ok {
			return th.rt.Bool(r), nil
		}
		if isNaN(a) || isNaN(b) {
			return th.rt.Bool(op == CmpNe), nil
		}
	} else {
		swapped := compareInfo[op].swapped
		checkedReverse := false
		if ta, tb := a.Type(), b.Type(); ta != tb && userDefined(b) && tb.IsSubtype(ta) {
			checkedReverse = true
			r, err := th.compareSlot(b, a, swapped)
			if err != nil || r != th.rt.NotImplemented {
				return r, err
			}
		}
		r, err := th.compareSlot(a, b, op)
		if err != nil || r != th.rt.NotImplemented {
			return r, err
		}
		if !checkedReverse {
			r, err := th.compareSlot(b, a, swapped)
			if err != nil || r != th.rt.NotImplemented {
				return r, err
			}
		}
	}
	switch op {
	case CmpEq:
		return th.rt.Bool(a == b), nil
	case CmpNe:
		return th.rt.Bool(a != b), nil
	}
	return nil, th.Raisef(th.rt.types.exc.TypeError, "'%s' not supported between instances of '%s' and '%s'", op, a.Type().name, b.Type().name)
}

// compareSlot is x's type's rich comparison for op (CPython's
// tp_richcompare): the special method a class defines, or object's
// default (== by identity, != the inverse of ==, the orderings
// NotImplemented); for a built-in x, its Go comparison, NotImplemented
// for an operand it does not know.
func (th *Thread) compareSlot(x, y Object, op CompareOp) (Object, error) {
	if userDefined(x) {
		name := compareInfo[op].dunder
		fn := th.lookupSpecial(x, name)
		if fn == nil {
			return th.rt.NotImplemented, nil
		}
		defer th.Decref(fn)
		if nativeMethod(fn) {
			return th.compareNative(x, y, op)
		}
		if !th.isObjectSlot(fn, name) {
			return th.callSpecial(fn, x, y)
		}
		switch op {
		case CmpEq:
			if x == y {
				return th.rt.True, nil
			}
		case CmpNe:
			r, err := th.compareSlot(x, y, CmpEq)
			if err != nil || r == th.rt.NotImplemented {
				return r, err
			}
			defer th.Decref(r)
			t, err := th.Truth(r)
			if err != nil {
				return nil, err
			}
			return th.rt.Bool(!t), nil
		}
		return th.rt.NotImplemented, nil
	}
	return th.compareNative(x, y, op)
}

// compareNative is a built-in's rich comparison of x, its object (an
// instance of a class deriving from it included), with y: NotImplemented
// for an operand it does not know.
func (th *Thread) compareNative(x, y Object, op CompareOp) (Object, error) {
	if plainInstance(y) {
		return th.rt.NotImplemented, nil
	}
	r, ok, err := th.compareBuiltin(x, y, op)
	if err != nil {
		return nil, err
	}
	if ok {
		return th.rt.Bool(r), nil
	}
	if _, isNum := numericCompare(x, x); isNum || isNaN(x) {
		if _, isNum := numericCompare(y, y); isNum || isNaN(y) {
			return th.rt.Bool(op == CmpNe), nil // a NaN
		}
	}
	return th.rt.NotImplemented, nil
}

// compareBuiltin computes a op b for built-in objects of comparable types;
// ok is false when they are not comparable that way (or a NaN is
// involved, which makes every comparison but != false).
func (th *Thread) compareBuiltin(a, b Object, op CompareOp) (result, ok bool, err error) {
	if c, ok := numericCompare(a, b); ok {
		return op.outcome(c), true, nil
	}
	switch x := a.(type) {
	case *Str:
		if y, isStr := b.(*Str); isStr {
			return op.outcome(strings.Compare(x.s, y.s)), true, nil
		}
	case *Slice:
		// Slices compare as the tuples of their parts.
		if y, isSlice := b.(*Slice); isSlice {
			xs, ys := []Object{x.start, x.stop, x.step}, []Object{y.start, y.stop, y.step}
			r, err := th.compareSeq(&xs, &ys, op)
			return r, true, err
		}
	case *Tuple:
		if y, isTuple := b.(*Tuple); isTuple {
			r, err := th.compareSeq(&x.items, &y.items, op)
			return r, true, err
		}
	case *List:
		if y, isList := b.(*List); isList {
			th.beginCS2(x, y)
			defer th.endCS()
			r, err := th.compareSeq(&x.items, &y.items, op)
			return r, true, err
		}
	case *Dict:
		if y, isDict := b.(*Dict); isDict && (op == CmpEq || op == CmpNe) {
			if err := th.enterRecursive(" in comparison"); err != nil {
				return false, false, err
			}
			eq, err := th.dictEqual(x, y)
			th.leaveRecursive()
			return eq == (op == CmpEq), true, err
		}
	case *Set:
		if y, isSet := b.(*Set); isSet {
			r, err := th.setCompare(x, y, op)
			return r, true, err
		}
		if v, isView := b.(*dictView); isView && th.isSetLike(v) {
			sy, err := th.setOf(v)
			if err != nil {
				return false, true, err
			}
			defer th.Decref(sy)
			r, err := th.setCompare(x, sy, op)
			return r, true, err
		}
	case *Range:
		if y, isRange := b.(*Range); isRange && (op == CmpEq || op == CmpNe) {
			return x.sameSequence(y) == (op == CmpEq), true, nil
		}
	case *Bytes:
		if y, isBytes := b.(*Bytes); isBytes {
			return op.outcome(bytesCompare(th.snapshot(x), th.snapshot(y))), true, nil
		}
	case *dictView:
		if th.isSetLike(x) && th.isSetLike(b) {
			sx, err := th.setOf(x)
			if err != nil {
				return false, true, err
			}
			defer th.Decref(sx)
			sy, err := th.setOf(b)
			if err != nil {
				return false, true, err
			}
			defer th.Decref(sy)
			r, err := th.setCompare(sx, sy, op)
			return r, true, err
		}
	case *BoundMethod:
		if y, isMethod := b.(*BoundMethod); isMethod && (op == CmpEq || op == CmpNe) {
			eq := x.self == y.self
			if eq {
				var err error
				if eq, err = th.CompareBool(x.fn, y.fn, CmpEq); err != nil {
					return false, true, err
				}
			}
			return eq == (op == CmpEq), true, nil
		}
	}
	return false, false, nil
}

// compareSeq compares two sequences as Python does: find the first
// position where the items differ by ==; there, apply op to the two items;
// if there is none, compare the lengths. The slices are re-read at every
// step: a comparison that calls back may change a list.
func (th *Thread) compareSeq(xs, ys *[]Object, op CompareOp) (bool, error) {
	if (op == CmpEq || op == CmpNe) && len(*xs) != len(*ys) {
		return op == CmpNe, nil
	}
	// Nested containers compare by Go recursion: it counts against the
	// recursion limit, as in CPython.
	if err := th.enterRecursive(" in comparison"); err != nil {
		return false, err
	}
	defer th.leaveRecursive()
	for i := 0; i < len(*xs) && i < len(*ys); i++ {
		x, y := th.newRef((*xs)[i]), th.newRef((*ys)[i])
		eq, err := th.CompareBool(x, y, CmpEq)
		if err == nil && !eq {
			switch op {
			case CmpEq:
			case CmpNe:
				eq = true // the result: they differ
			default:
				eq, err = th.CompareBool(x, y, op)
			}
			th.Decref(x)
			th.Decref(y)
			return eq, err
		}
		th.Decref(x)
		th.Decref(y)
		if err != nil {
			return false, err
		}
	}
	return op.outcome(len(*xs) - len(*ys)), nil
}

func (th *Thread) dictEqual(x, y *Dict) (bool, error) {
	if x == y {
		return true, nil
	}
	keys, values := th.dictItems(x)
	defer th.decrefAll(keys)
	defer th.decrefAll(values)
	if len(keys) != th.dictLen(y) {
		return false, nil
	}
	for i, k := range keys {
		v, err := th.DictGet(y, k)
		if err != nil || v == nil {
			return false, err
		}
		eq, err := th.CompareBool(values[i], v, CmpEq)
		th.Decref(v)
		if err != nil || !eq {
			return false, err
		}
	}
	return true, nil
}

// setCompare is ==, != and the subset comparisons (<= subset, < proper
// subset, >= superset, > proper superset).
func (th *Thread) setCompare(x, y *Set, op CompareOp) (bool, error) {
	switch op {
	case CmpEq, CmpNe:
		eq, err := th.setEqual(x, y)
		return eq == (op == CmpEq), err
	case CmpGe, CmpGt:
		x, y = y, x
	}
	sub, err := th.setSubset(x, y)
	if err != nil || !sub || op == CmpLe || op == CmpGe {
		return sub, err
	}
	eq, err := th.setEqual(x, y)
	return !eq, err
}

// setSubset reports whether every key of x is in y.
func (th *Thread) setSubset(x, y *Set) (bool, error) {
	keys := th.setKeys(x)
	defer th.decrefAll(keys)
	for _, k := range keys {
		in, err := th.setContains(y, k)
		if err != nil || !in {
			return false, err
		}
	}
	return true, nil
}

func (th *Thread) setEqual(x, y *Set) (bool, error) {
	keys := th.setKeys(x)
	defer th.decrefAll(keys)
	th.beginCS(y)
	n := int(y.used)
	th.endCS()
	if len(keys) != n {
		return false, nil
	}
	for _, k := range keys {
		in, err := th.setContains(y, k)
		if err != nil || !in {
			return false, err
		}
	}
	return true, nil
}

// bytesCompare compares two byte strings: -1, 0 or 1.
func bytesCompare(a, b []byte) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		if a[i] != b[i] {
			if a[i] < b[i] {
				return -1
			}
			return 1
		}
	}
	switch {
	case len(a) < len(b):
		return -1
	case len(a) > len(b):
		return 1
	}
	return 0
}
