package core

import (
	"cmp"
	"fmt"
	"math"
	"math/bits"
	"strings"
	"unicode/utf8"

	"github.com/rwgil/rwgil/core/bytecode"
)

// The instructions of the Python front end that take more than a few
// lines, out of the eval loop's body.

// derefError is the error of LOAD_DEREF (and DELETE_DEREF) on an empty
// cell: the frame's own cell is an unbound local, a free variable is
// unbound in the enclosing scope.
func (th *Thread) derefError(fr *frame, i int) error {
	name := fr.code.cellNames[i]
	if i < len(fr.code.bc.Cells) {
		return th.Raisef(th.rt.types.exc.UnboundLocalError, "cannot access local variable '%s' where it is not associated with a value", name)
	}
	return th.Raisef(th.rt.types.exc.NameError, "cannot access free variable '%s' where it is not associated with a value in enclosing scope", name)
}

// makeFunction is MAKE_FUNCTION flags: stack ends with [defaults]
// [kwdefaults] [closure] code (borrowed; the caller pops them).
func (th *Thread) makeFunction(fr *frame, flags int32, stack []Object) (*Function, error) {
	exc := &th.rt.types.exc
	i := len(stack) - 1
	code, ok := stack[i].(*Code) // Validate: MAKE_FUNCTION follows LOAD_CONST of a code object
	if !ok {
		return nil, th.Raise(exc.SystemError, "MAKE_FUNCTION of a non-code object")
	}
	var defaults *Tuple
	var kwdefaults *Dict
	var closure *Tuple
	take := func() Object { i--; return stack[i] }
	if flags&bytecode.MakeFunctionClosure != 0 {
		t, ok := take().(*Tuple)
		if !ok || len(t.items) != len(code.bc.Free) {
			return nil, th.Raisef(exc.SystemError, "MAKE_FUNCTION: the closure of %s must be a tuple of %d cells", code.bc.Name, len(code.bc.Free))
		}
		for _, c := range t.items {
			if _, ok := c.(*Cell); !ok {
				return nil, th.Raisef(exc.SystemError, "MAKE_FUNCTION: the closure of %s holds a %s, not a cell", code.bc.Name, c.Type().name)
			}
		}
		closure = t
	}
	if flags&bytecode.MakeFunctionKwDefaults != 0 {
		d, ok := take().(*Dict)
		if !ok {
			return nil, th.Raise(exc.SystemError, "MAKE_FUNCTION: keyword-only defaults must be a dict")
		}
		kwdefaults = d
	}
	if flags&bytecode.MakeFunctionDefaults != 0 {
		t, ok := take().(*Tuple)
		if !ok {
			return nil, th.Raise(exc.TypeError, "MAKE_FUNCTION: defaults must be a tuple")
		}
		defaults = t
	}
	for _, o := range []Object{defaults, kwdefaults, closure} {
		switch x := o.(type) {
		case *Tuple:
			if x != nil {
				th.Incref(x)
			}
		case *Dict:
			if x != nil {
				th.Incref(x)
			}
		}
	}
	return th.newFunction(code, fr.globals, defaults, kwdefaults, closure), nil
}

// binarySlice is BINARY_SLICE: c[start:end]. The built-in sequences
// slice directly; anything else gets a slice object, as CPython does.
func (th *Thread) binarySlice(c, start, end Object) (Object, error) {
	switch c.(type) {
	case *List:
		return th.GetSlice(c, start, end)
	case *Tuple, *Str, *Range:
		return th.plainSlice(c, start, end)
	}
	s := th.newSlice(start, end, nil)
	defer th.Decref(s)
	return th.GetItem(c, s)
}

// storeSlice is STORE_SLICE: c[start:end] = x.
func (th *Thread) storeSlice(c, start, end, x Object) error {
	if _, ok := c.(*List); ok {
		return th.SetSlice(c, start, end, x)
	}
	s := th.newSlice(start, end, nil)
	defer th.Decref(s)
	return th.SetItem(c, s, x)
}

// buildString is BUILD_STRING: the strs concatenated.
func (th *Thread) buildString(parts []Object) (Object, error) {
	var b strings.Builder
	for _, p := range parts {
		s, ok := p.(*Str)
		if !ok {
			return nil, th.Raisef(th.rt.types.exc.SystemError, "BUILD_STRING of a %s", p.Type().name)
		}
		b.WriteString(s.s)
	}
	return th.NewStr(b.String()), nil
}

// formatValue is FORMAT_VALUE: the conversion (0 none, 1 str, 2 repr, 3
// ascii), then format(x, spec) (spec nil: "").
func (th *Thread) formatValue(x Object, conv int, spec Object) (Object, error) {
	var s string
	var err error
	switch conv {
	case 1:
		s, err = th.Str(x)
	case 2:
		s, err = th.Repr(x)
	case 3:
		s, err = th.Repr(x)
		s = asciiEscape(s)
	}
	if err != nil {
		return nil, err
	}
	if conv != 0 {
		x = th.NewStr(s)
		defer th.Decref(x)
	}
	fs := ""
	if spec != nil {
		ss, ok := spec.(*Str)
		if !ok {
			return nil, th.Raisef(th.rt.types.exc.SystemError, "FORMAT_VALUE with a %s spec", spec.Type().name)
		}
		fs = ss.s
	}
	return th.Format(x, fs)
}

// asciiEscape is what ascii() does to a repr: every code point above
// 0x7f as \xhh, \uhhhh or \Uhhhhhhhh.
func asciiEscape(s string) string {
	if isASCII(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			r = rune(s[i]) // an invalid byte stands for itself
		}
		i += n
		switch {
		case r < 0x80:
			b.WriteRune(r)
		case r < 0x100:
			fmt.Fprintf(&b, "\\x%02x", r)
		case r < 0x10000:
			fmt.Fprintf(&b, "\\u%04x", r)
		default:
			fmt.Fprintf(&b, "\\U%08x", r)
		}
	}
	return b.String()
}

// accumulate is LIST_EXTEND, SET_ADD, SET_UPDATE, DICT_UPDATE and
// DICT_MERGE: x goes into the container i items down (stack[len-i]).
func (th *Thread) accumulate(op bytecode.Op, stack []Object, i int, x Object) error {
	exc := &th.rt.types.exc
	target := stack[len(stack)-i]
	switch op {
	case bytecode.ListExtend:
		l, ok := target.(*List)
		if !ok {
			return th.Raise(exc.SystemError, "LIST_EXTEND to a non-list")
		}
		err := th.ListExtend(l, x)
		if err != nil && IsInstance(err, exc.TypeError) && !th.iterable(x) {
			th.Discard(err)
			return th.Raisef(exc.TypeError, "Value after * must be an iterable, not %s", x.Type().name)
		}
		return err
	case bytecode.SetAdd, bytecode.SetUpdate:
		s, ok := target.(*Set)
		if !ok {
			return th.Raisef(exc.SystemError, "%s to a non-set", op)
		}
		if op == bytecode.SetAdd {
			return th.SetAdd(s, x)
		}
		items, err := th.collect(x)
		if err != nil {
			return err
		}
		defer th.decrefAll(items)
		for _, it := range items {
			if err := th.SetAdd(s, it); err != nil {
				return err
			}
		}
		return nil
	}
	d, ok := target.(*Dict)
	if !ok {
		return th.Raisef(exc.SystemError, "%s to a non-dict", op)
	}
	keys, values, err := th.mappingItems(x)
	if err != nil {
		if op == bytecode.DictMerge && IsInstance(err, exc.TypeError) && !th.isMapping(x) {
			th.Discard(err)
			return th.Raisef(exc.TypeError, "%s argument after ** must be a mapping, not %s", th.functionStr(th.callableUnder(stack, i)), x.Type().name)
		}
		return err
	}
	defer th.decrefAll(keys)
	defer th.decrefAll(values)
	for j, k := range keys {
		if op == bytecode.DictMerge {
			v, err := th.DictGet(d, k)
			if err != nil {
				return err
			}
			if v != nil {
				th.Decref(v)
				name, err := th.Str(k)
				if err != nil {
					return err
				}
				return th.Raisef(exc.TypeError, "%s got multiple values for keyword argument '%s'", th.functionStr(th.callableUnder(stack, i)), name)
			}
		}
		if err := th.DictSet(d, k, values[j]); err != nil {
			return err
		}
	}
	return nil
}

// callableUnder finds the callable of a CALL_EX whose keyword dict is
// i items down: it lies two below the dict (under the arguments' tuple).
// Code that uses DICT_MERGE elsewhere gets nil.
func (th *Thread) callableUnder(stack []Object, i int) Object {
	if j := len(stack) - i - 2; j >= 0 {
		return stack[j]
	}
	return nil
}

// isMapping reports whether o has what {**o} needs: a dict, or keys().
func (th *Thread) isMapping(o Object) bool {
	if _, ok := o.(*Dict); ok {
		return true
	}
	return th.hasDunder(o, "keys")
}

// mappingItems returns new references to the keys and values of a
// mapping: a dict, or any object with keys() and o[key] (CPython's
// PyDict_Update); anything else is "not a mapping".
func (th *Thread) mappingItems(o Object) (keys, values []Object, err error) {
	if d, ok := o.(*Dict); ok {
		keys, values = th.dictItems(d)
		return keys, values, nil
	}
	if !th.isMapping(o) {
		return nil, nil, th.Raisef(th.rt.types.exc.TypeError, "'%s' object is not a mapping", o.Type().name)
	}
	ks, err := th.CallMethod(o, "keys")
	if err != nil {
		return nil, nil, err
	}
	keys, err = th.collect(ks)
	th.Decref(ks)
	if err != nil {
		return nil, nil, err
	}
	for _, k := range keys {
		v, err := th.GetItem(o, k)
		if err != nil {
			th.decrefAll(keys)
			th.decrefAll(values)
			return nil, nil, err
		}
		values = append(values, v)
	}
	return keys, values, nil
}

// functionStr names a callable in argument errors as CPython's
// _PyObject_FunctionStr does: "__main__.f()", "C.m()", "print()"; nil
// (an unknown callable) is "function".
func (th *Thread) functionStr(fn Object) string {
	switch f := fn.(type) {
	case nil:
		return "function"
	case *Function:
		if m := f.module(th); m != "" && m != "builtins" {
			return m + "." + f.qualname + "()"
		}
		return f.qualname + "()"
	case *BoundMethod:
		return th.functionStr(f.fn)
	case *Builtin:
		return f.name + "()"
	case *Type:
		if f.builtin || f.module == "" {
			return f.name + "()"
		}
		return f.module + "." + f.name + "()"
	}
	return fn.Type().name + " object"
}

// module is the function's __module__: its globals' __name__.
func (f *Function) module(th *Thread) string {
	m := th.dictGetStr(f.globals, "__name__")
	if m == nil {
		return ""
	}
	defer th.Decref(m)
	if s, ok := m.(*Str); ok {
		return s.s
	}
	return ""
}

// unpackEx is UNPACK_EX: seq's items in the order they are pushed (the
// targets after the star last first, then a list of the starred ones,
// then the targets before it, the first on top); new references.
func (th *Thread) unpackEx(seq Object, before, after int) ([]Object, error) {
	exc := &th.rt.types.exc
	if !th.iterable(seq) {
		return nil, th.Raisef(exc.TypeError, "cannot unpack non-iterable %s object", seq.Type().name)
	}
	items, err := th.collect(seq)
	if err != nil {
		return nil, err
	}
	n := len(items)
	if n < before+after {
		th.decrefAll(items)
		return nil, th.Raisef(exc.ValueError, "not enough values to unpack (expected at least %d, got %d)", before+after, n)
	}
	out := make([]Object, 0, before+after+1)
	for i := n - 1; i >= n-after; i-- {
		out = append(out, items[i])
	}
	out = append(out, th.NewList(append([]Object(nil), items[before:n-after]...)))
	for i := before - 1; i >= 0; i-- {
		out = append(out, items[i])
	}
	return out, nil
}

// beforeWith is BEFORE_WITH: mgr's bound __exit__, and what __enter__()
// returns (new references), both looked up on the type as CPython does.
func (th *Thread) beforeWith(mgr Object) (exit, entered Object, err error) {
	exc := &th.rt.types.exc
	enter := th.boundSpecial(mgr, "__enter__")
	if enter == nil {
		return nil, nil, th.Raisef(exc.TypeError, "'%s' object does not support the context manager protocol", mgr.Type().name)
	}
	defer th.Decref(enter)
	exit = th.boundSpecial(mgr, "__exit__")
	if exit == nil {
		return nil, nil, th.Raisef(exc.TypeError, "'%s' object does not support the context manager protocol (missed __exit__ method)", mgr.Type().name)
	}
	entered, err = th.Call(enter, nil, nil)
	if err != nil {
		th.Decref(exit)
		return nil, nil, err
	}
	return exit, entered, nil
}

// boundSpecial is o's special method name, looked up on its type and
// bound to o: a new reference, or nil.
func (th *Thread) boundSpecial(o Object, name string) Object {
	fn := th.lookupSpecial(o, name)
	if fn == nil {
		return nil
	}
	defer th.Decref(fn)
	if binds(fn) {
		return th.newBoundMethod(o, fn)
	}
	return th.newRef(fn)
}

// withExceptStart is WITH_EXCEPT_START: exit(type(exc), exc, tb), tb a
// traceback object of exc's traceback so far.
func (th *Thread) withExceptStart(exit, exc Object) (Object, error) {
	var tb Object = th.rt.None
	if e, ok := exc.(*Exception); ok {
		tb = th.tracebackObject(e)
	}
	defer th.Decref(tb)
	return th.Call(exit, []Object{exc.Type(), exc, tb}, nil)
}

// importStar is IMPORT_STAR: the public names of module m -- those of
// its __all__, or else every name not starting with an underscore --
// bound in d.
func (th *Thread) importStar(m Object, d *Dict) error {
	mod, ok := m.(*Module)
	if !ok {
		return th.Raise(th.rt.types.exc.TypeError, "from-import-* object has no __dict__ and no __all__")
	}
	var names []Object
	if all := th.dictGetStr(mod.dict, "__all__"); all != nil {
		var err error
		names, err = th.collect(all)
		th.Decref(all)
		if err != nil {
			return err
		}
	} else {
		keys, values := th.dictItems(mod.dict)
		th.decrefAll(values)
		for _, k := range keys {
			if s, ok := k.(*Str); ok && !strings.HasPrefix(s.s, "_") {
				names = append(names, k)
			} else {
				th.Decref(k)
			}
		}
	}
	defer th.decrefAll(names)
	for _, n := range names {
		s, ok := n.(*Str)
		if !ok {
			return th.Raisef(th.rt.types.exc.TypeError, "Item in %s.__all__ must be str, not %s", mod.name, n.Type().name)
		}
		v, err := th.GetAttr(mod, s.s)
		if err != nil {
			return err
		}
		err = th.DictSet(d, s, v)
		th.Decref(v)
		if err != nil {
			return err
		}
	}
	return nil
}

// binaryFast is BINARY_OP's fast path (in the spirit of CPython's
// BINARY_OP_ADD_INT and BINARY_OP_MULTIPLY_FLOAT, by a type test at each
// execution rather than by rewriting the instruction, so that threads
// sharing a code object never see it change): +, -, *, //, %, &, | and ^
// of two built-in ints whose result fits in an int64, and / of two that
// convert to floats exactly; +, -, * and / of two built-in floats, or of
// a float and an int that converts exactly. A division by zero and an
// overflow are the general path's. It returns the new reference, or nil when the operands are
// anything else, and the general path (BinaryOp, InPlaceOp: the same
// results for these operands, in place or not) runs instead.
//
// With owned, the caller owns a reference to each operand and drops it
// after the call, as the eval loop does with what it popped: then a float
// result is written into an operand that is a temporary, whose reference
// is the only one there is, and that operand is returned with one more
// reference for the result (CPython 3.14 reuses a float whose count is
// one the same way; see below).
func (th *Thread) binaryFast(op BinOp, a, b Object, owned bool) Object {
	switch x := a.(type) {
	case *Int:
		y, ok := b.(*Int)
		if !ok {
			if f, isFloat := b.(*Float); isFloat {
				return th.floatIntFast(op, f, x, true)
			}
			return nil
		}
		if x.big != nil || y.big != nil || !x.typ.builtin || !y.typ.builtin {
			return nil
		}
		switch op {
		case OpAdd:
			if r := x.v + y.v; (x.v >= 0) != (y.v >= 0) || (r >= 0) == (x.v >= 0) {
				return th.NewInt(r)
			}
		case OpSub:
			if r := x.v - y.v; (x.v >= 0) == (y.v >= 0) || (r >= 0) == (x.v >= 0) {
				return th.NewInt(r)
			}
		case OpMul:
			if hi, lo := bits.Mul64(uint64(absInt(x.v)), uint64(absInt(y.v))); hi == 0 && lo < 1<<63 && x.v != math.MinInt64 && y.v != math.MinInt64 {
				if (x.v < 0) != (y.v < 0) {
					return th.NewInt(-int64(lo))
				}
				return th.NewInt(int64(lo))
			}
		case OpFloorDiv, OpMod:
			// Python's floor division and modulo: the remainder takes
			// the divisor's sign. Zero and the one overflowing quotient
			// are the slow path's (its ZeroDivisionError, its big int).
			if y.v == 0 || x.v == math.MinInt64 && y.v == -1 {
				return nil
			}
			q, r := x.v/y.v, x.v%y.v
			if r != 0 && (r < 0) != (y.v < 0) {
				q--
				r += y.v
			}
			if op == OpMod {
				return th.NewInt(r)
			}
			return th.NewInt(q)
		case OpTrueDiv:
			// Both exactly representable as floats, so one division
			// rounds once, as CPython's int / int does for them.
			if y.v != 0 && exactFloat(x.v) && exactFloat(y.v) {
				return th.NewFloat(float64(x.v) / float64(y.v))
			}
		case OpAnd:
			return th.NewInt(x.v & y.v)
		case OpOr:
			return th.NewInt(x.v | y.v)
		case OpXor:
			return th.NewInt(x.v ^ y.v)
		}
	case *Float:
		y, ok := b.(*Float)
		if !ok {
			if n, isInt := b.(*Int); isInt {
				return th.floatIntFast(op, x, n, false)
			}
			return nil
		}
		if !x.typ.builtin || !y.typ.builtin {
			return nil
		}
		var r float64
		switch op {
		case OpAdd:
			r = x.v + y.v
		case OpSub:
			r = x.v - y.v
		case OpMul:
			r = x.v * y.v
		case OpTrueDiv:
			if y.v == 0 {
				return nil // ZeroDivisionError
			}
			r = x.v / y.v
		default:
			return nil
		}
		if owned && !th.rcChecked { // see below
			if x.rc.Exclusive(th.rcHolder) {
				x.rc.IncrefLocal(th.rcHolder)
				x.v = r
				return x
			}
			if y.rc.Exclusive(th.rcHolder) {
				y.rc.IncrefLocal(th.rcHolder)
				y.v = r
				return y
			}
		}
		return th.NewFloat(r)
	}
	return nil
}

// floatArith is a float's +, -, * or / where it cannot raise; ok is
// false for any other operator and for a division by zero (the slow
// path's ZeroDivisionError).
func floatArith(op BinOp, a, b float64) (r float64, ok bool) {
	switch op {
	case OpAdd:
		return a + b, true
	case OpSub:
		return a - b, true
	case OpMul:
		return a * b, true
	case OpTrueDiv:
		if b != 0 {
			return a / b, true
		}
	}
	return 0, false
}

// floatIntFast is binaryFast for a built-in float and a small built-in
// int, which CPython converts exactly, as here; intFirst says the int is
// the left operand.
func (th *Thread) floatIntFast(op BinOp, f *Float, n *Int, intFirst bool) Object {
	if n.big != nil || !n.typ.builtin || !f.typ.builtin || !exactFloat(n.v) {
		return nil
	}
	a, b := f.v, float64(n.v)
	if intFirst {
		a, b = b, a
	}
	if r, ok := floatArith(op, a, b); ok {
		return th.NewFloat(r)
	}
	return nil
}

// exactFloat reports whether an int converts to a float exactly (at
// most 53 bits of magnitude).
func exactFloat(v int64) bool { return -1<<53 <= v && v <= 1<<53 }

// Reusing a temporary float: an operand whose count is a single
// reference, the caller's, counted in this thread's local count
// (refcount.Count.Exclusive), may be overwritten with the result, and is
// returned with one more reference for it. No other thread can see the
// change: it holds no reference, and floats, which a freelist may reuse,
// are never given to TryIncref (the caches refuse them), the one way to
// take a reference without holding one. Not with the isolation checker
// or refcount's Bugs, which see every count change (nor under the atomic
// and immortal strategies, whose counts no thread holds locally).

// compareFast is COMPARE_OP's fast path for two built-in ints that fit in
// an int64 or two built-in floats (IEEE comparisons: a NaN is unequal to
// everything, as in Python): the result, and false when the operands are
// anything else.
func (th *Thread) compareFast(op CompareOp, a, b Object) (Object, bool) {
	var c int
	switch x := a.(type) {
	case *Int:
		y, ok := b.(*Int)
		if !ok || x.big != nil || y.big != nil || !x.typ.builtin || !y.typ.builtin || op > CmpGe {
			return nil, false
		}
		c = cmp.Compare(x.v, y.v)
	case *Float:
		y, ok := b.(*Float)
		if !ok || !x.typ.builtin || !y.typ.builtin || op > CmpGe {
			return nil, false
		}
		var r bool
		switch op {
		case CmpLt:
			r = x.v < y.v
		case CmpLe:
			r = x.v <= y.v
		case CmpEq:
			r = x.v == y.v
		case CmpNe:
			r = x.v != y.v
		case CmpGt:
			r = x.v > y.v
		default:
			r = x.v >= y.v
		}
		return th.rt.Bool(r), true
	default:
		return nil, false
	}
	return th.rt.Bool(op.outcome(c)), true
}
