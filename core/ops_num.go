package core

import (
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
	numBinOps
)

var binOpInfo = [numBinOps]struct{ symbol, dunder string }{
	OpAdd: {"+", "add"}, OpSub: {"-", "sub"}, OpMul: {"*", "mul"}, OpTrueDiv: {"/", "truediv"},
	OpFloorDiv: {"//", "floordiv"}, OpMod: {"%", "mod"}, OpPow: {"**", "pow"},
	OpLShift: {"<<", "lshift"}, OpRShift: {">>", "rshift"}, OpAnd: {"&", "and"},
	OpOr: {"|", "or"}, OpXor: {"^", "xor"},
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

// BinaryOp is a op b: a new reference.
func (th *Thread) BinaryOp(op BinOp, a, b Object) (Object, error) {
	if userDefined(a) {
		if r, err := th.callDunderIfDefined(a, "__"+binOpInfo[op].dunder+"__", b); err != nil || r != nil {
			return r, err
		}
	}
	if !userDefined(a) && !userDefined(b) {
		r, err := th.binaryBuiltin(op, a, b)
		if err != nil || r != th.rt.NotImplemented {
			return r, err
		}
	}
	if userDefined(b) {
		if r, err := th.callDunderIfDefined(b, "__r"+binOpInfo[op].dunder+"__", a); err != nil || r != nil {
			return r, err
		}
	}
	return nil, th.binaryTypeError(op, a, b)
}

// binaryTypeError is the TypeError for operands op does not support, in
// CPython's words.
func (th *Thread) binaryTypeError(op BinOp, a, b Object) error {
	exc := th.rt.types.exc
	isSeq := func(o Object) bool {
		switch o.(type) {
		case *Str, *List, *Tuple:
			return true
		}
		return false
	}
	switch {
	case op == OpAdd && isSeq(a):
		name := a.Type().name
		return th.Raisef(exc.TypeError, "can only concatenate %s (not \"%s\") to %s", name, b.Type().name, name)
	case op == OpMul && isSeq(a):
		return th.Raisef(exc.TypeError, "can't multiply sequence by non-int of type '%s'", b.Type().name)
	case op == OpMul && isSeq(b):
		return th.Raisef(exc.TypeError, "can't multiply sequence by non-int of type '%s'", a.Type().name)
	}
	return th.Raisef(exc.TypeError, "unsupported operand type(s) for %s: '%s' and '%s'", op, a.Type().name, b.Type().name)
}

// InPlaceOp is a op= b: lists and sets change in place (the result is
// then a itself); instances may define __iop__; otherwise a op b.
func (th *Thread) InPlaceOp(op BinOp, a, b Object) (Object, error) {
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
		if y, ok := b.(*Set); ok && (op == OpOr || op == OpAnd || op == OpSub || op == OpXor) {
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
	case *Instance, *Exception:
		if r, err := th.callDunderIfDefined(a, "__i"+binOpInfo[op].dunder+"__", b); err != nil || r != nil {
			return r, err
		}
	}
	return th.BinaryOp(op, a, b)
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
	return th.rt.NotImplemented, nil
}

// maxRepeat bounds sequence repetition, like maxIntBits bounds ints: a
// result of more items (or, for a str, bytes) raises OverflowError at
// once, before the memory budget is consulted.
const maxRepeat = 1 << 26

// repeatTooLong reports whether n items repeated v times (v > 0) pass
// maxRepeat; it cannot overflow.
func repeatTooLong(n int, v int64) bool { return n > 0 && v > maxRepeat/int64(n) }

func (th *Thread) repeatStr(s *Str, n Object) (Object, error) {
	v, b, _ := intValue(n)
	if b != nil {
		return nil, th.Raise(th.rt.types.exc.OverflowError, "cannot fit 'int' into an index-sized integer")
	}
	if v <= 0 || len(s.s) == 0 {
		return th.rt.emptyStr, nil
	}
	if repeatTooLong(len(s.s), v) {
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
	case repeatTooLong(len(items), v):
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
	case repeatTooLong(len(items), v):
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
		if r, err := th.callDunderIfDefined(a, unaryInfo[op].dunder); err != nil || r != nil {
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
// a user's dunder returns something else).
func (th *Thread) Compare(a, b Object, op CompareOp) (Object, error) {
	if userDefined(a) {
		if r, err := th.callDunderIfDefined(a, compareInfo[op].dunder, b); err != nil || r != nil {
			return r, err
		}
	}
	if userDefined(b) {
		if r, err := th.callDunderIfDefined(b, compareInfo[compareInfo[op].swapped].dunder, a); err != nil || r != nil {
			return r, err
		}
	}
	if op == CmpNe && (userDefined(a) || userDefined(b)) {
		// object.__ne__ is the inverse of __eq__, when __eq__ answers.
		eq, err := th.Compare(a, b, CmpEq)
		if err != nil {
			return nil, err
		}
		defer th.Decref(eq)
		t, err := th.Truth(eq)
		return th.rt.Bool(!t), err
	}
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
	}
	switch op {
	case CmpEq:
		return th.rt.Bool(a == b), nil
	case CmpNe:
		return th.rt.Bool(a != b), nil
	}
	return nil, th.Raisef(th.rt.types.exc.TypeError, "'%s' not supported between instances of '%s' and '%s'", op, a.Type().name, b.Type().name)
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
	case *Range:
		if y, isRange := b.(*Range); isRange && (op == CmpEq || op == CmpNe) {
			return x.sameSequence(y) == (op == CmpEq), true, nil
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
