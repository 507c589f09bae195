package core

// The special methods of the built-in types as attributes (CPython's
// slot wrappers): int.__add__, list.__len__, str.__contains__ and so on,
// so that hasattr(x, '__iter__'), explicit calls and super() see what
// CPython shows. The operations themselves never go through them: the
// eval loop and core's Go API take the fast paths of ops_obj.go and
// ops_num.go. Each wrapper is a method of its type (its first argument
// must be an instance), and a binary one returns NotImplemented for an
// operand the type does not know, as CPython's do.

// slotSets say which wrappers each built-in type gets.
type slotSet struct {
	container, subscript, mutable, iterable, reversible bool
	hashable                                            bool
	compare                                             bool // ==, !=, <, <=, >, >=
	equality                                            bool // ==, != only
	binops                                              []BinOp
	rbinops                                             []BinOp
	inplace                                             []BinOp
	unary                                               []UnaryOp
	format                                              bool
	accepts                                             func(o Object) bool // operands the binary wrappers take
}

// addSlots appends the wrappers of set to tab.
func addSlots(tab *typeTable, set slotSet) {
	// The table's methods are a package-level slice that every runtime
	// shares: append to a copy.
	tab.methods = append([]method(nil), tab.methods...)
	m := func(name string, fn BuiltinFunc) { tab.methods = append(tab.methods, method{name, fn}) }
	if set.container {
		m("__len__", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
			if err := th.methodArgs("__len__", args, kw, 0, 0); err != nil {
				return nil, err
			}
			n, ok, err := th.builtinLen(args[0])
			if !ok && err == nil {
				err = th.Raisef(th.rt.types.exc.TypeError, "object of type '%s' has no len()", args[0].Type().name)
			}
			if err != nil {
				return nil, err
			}
			return th.NewInt(int64(n)), nil
		})
		m("__contains__", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
			if err := th.methodArgs("__contains__", args, kw, 1, 1); err != nil {
				return nil, err
			}
			in, err := th.containsNative(args[0], args[1])
			if err != nil {
				return nil, err
			}
			return th.rt.Bool(in), nil
		})
	}
	if set.iterable {
		m("__iter__", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
			if err := th.methodArgs("__iter__", args, kw, 0, 0); err != nil {
				return nil, err
			}
			return th.iterNative(args[0])
		})
	}
	if set.reversible {
		m("__reversed__", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
			if err := th.methodArgs("__reversed__", args, kw, 0, 0); err != nil {
				return nil, err
			}
			return th.reversedNative(args[0])
		})
	}
	if set.subscript {
		m("__getitem__", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
			if err := th.methodArgs("__getitem__", args, kw, 1, 1); err != nil {
				return nil, err
			}
			return th.getItemNative(args[0], args[1])
		})
	}
	if set.mutable {
		m("__setitem__", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
			if err := th.methodArgs("__setitem__", args, kw, 2, 2); err != nil {
				return nil, err
			}
			return th.rt.None, th.setItemNative(args[0], args[1], args[2])
		})
		m("__delitem__", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
			if err := th.methodArgs("__delitem__", args, kw, 1, 1); err != nil {
				return nil, err
			}
			return th.rt.None, th.delItemNative(args[0], args[1])
		})
	}
	if set.hashable {
		m("__hash__", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
			if err := th.methodArgs("__hash__", args, kw, 0, 0); err != nil {
				return nil, err
			}
			h, err := th.hashNative(args[0])
			if err != nil {
				return nil, err
			}
			return th.NewInt(h), nil
		})
	}
	if set.compare || set.equality {
		for op := CmpLt; op <= CmpGe; op++ {
			if !set.compare && op != CmpEq && op != CmpNe {
				continue
			}
			name := compareInfo[op].dunder
			m(name, func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
				if err := th.methodArgs(name, args, kw, 1, 1); err != nil {
					return nil, err
				}
				return th.compareNative(args[0], args[1], op)
			})
		}
	}
	accepts := set.accepts
	if accepts == nil {
		accepts = func(o Object) bool { return !plainInstance(o) }
	}
	for _, op := range set.binops {
		name := "__" + binOpInfo[op].dunder + "__"
		m(name, func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
			if err := th.methodArgs(name, args, kw, 1, 1); err != nil {
				return nil, err
			}
			if !accepts(args[1]) {
				return th.rt.NotImplemented, nil
			}
			return th.binaryBuiltin(op, args[0], args[1])
		})
	}
	for _, op := range set.rbinops {
		name := "__r" + binOpInfo[op].dunder + "__"
		m(name, func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
			if err := th.methodArgs(name, args, kw, 1, 1); err != nil {
				return nil, err
			}
			if !accepts(args[1]) {
				return th.rt.NotImplemented, nil
			}
			return th.binaryBuiltin(op, args[1], args[0])
		})
	}
	for _, op := range set.inplace {
		name := "__i" + binOpInfo[op].dunder + "__"
		m(name, func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
			if err := th.methodArgs(name, args, kw, 1, 1); err != nil {
				return nil, err
			}
			return th.inPlaceNative(op, args[0], args[1])
		})
	}
	for _, op := range set.unary {
		name := unaryInfo[op].dunder
		m(name, func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
			if err := th.methodArgs(name, args, kw, 0, 0); err != nil {
				return nil, err
			}
			return th.unaryNative(op, args[0])
		})
	}
	if set.format {
		m("__format__", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
			if err := th.methodArgs("__format__", args, kw, 1, 1); err != nil {
				return nil, err
			}
			spec, ok := args[1].(*Str)
			if !ok {
				return nil, th.Raisef(th.rt.types.exc.TypeError, "__format__() argument must be str, not %s", args[1].Type().name)
			}
			return th.formatNative(args[0], spec.s)
		})
	}
}

var allNumOps = []BinOp{OpAdd, OpSub, OpMul, OpTrueDiv, OpFloorDiv, OpMod, OpPow}
var intOps = []BinOp{OpAdd, OpSub, OpMul, OpTrueDiv, OpFloorDiv, OpMod, OpPow, OpLShift, OpRShift, OpAnd, OpOr, OpXor}
var setOps = []BinOp{OpOr, OpAnd, OpSub, OpXor}

func isIntObj(o Object) bool {
	_, _, ok := intValue(o)
	return ok
}

func isRealObj(o Object) bool {
	_, isFloat := o.(*Float)
	return isFloat || isIntObj(o)
}

// builtinSlots are the wrappers of each built-in type.
func (rt *Runtime) builtinSlots() map[*Type]slotSet {
	ty := &rt.types
	isType := func(t *Type) func(Object) bool {
		return func(o Object) bool { return o.Type().IsSubtype(t) }
	}
	isBytes := func(o Object) bool { _, ok := o.(*Bytes); return ok }
	isSet := func(o Object) bool { _, ok := o.(*Set); return ok }
	return map[*Type]slotSet{
		ty.int_: {hashable: true, compare: true, binops: intOps, rbinops: intOps, format: true,
			unary: []UnaryOp{OpNeg, OpPos, OpInvert}, accepts: isIntObj},
		ty.float: {hashable: true, compare: true, binops: allNumOps, rbinops: allNumOps, format: true,
			unary: []UnaryOp{OpNeg, OpPos}, accepts: isRealObj},
		ty.str: {container: true, subscript: true, iterable: true, hashable: true, compare: true, format: true,
			binops: []BinOp{OpAdd, OpMul, OpMod}, rbinops: []BinOp{OpMul, OpMod}},
		ty.bytes: {container: true, subscript: true, iterable: true, hashable: true, compare: true,
			binops: []BinOp{OpAdd, OpMul, OpMod}, rbinops: []BinOp{OpMul}, accepts: func(o Object) bool { return isBytes(o) || isIntObj(o) }},
		ty.bytearray: {container: true, subscript: true, iterable: true, mutable: true, compare: true,
			binops: []BinOp{OpAdd, OpMul, OpMod}, rbinops: []BinOp{OpMul}, inplace: []BinOp{OpAdd, OpMul},
			accepts: func(o Object) bool { return isBytes(o) || isIntObj(o) }},
		ty.tuple: {container: true, subscript: true, iterable: true, hashable: true, compare: true,
			binops: []BinOp{OpAdd, OpMul}, rbinops: []BinOp{OpMul}, accepts: func(o Object) bool { return isType(ty.tuple)(o) || isIntObj(o) }},
		ty.list: {container: true, subscript: true, iterable: true, mutable: true, reversible: true, compare: true,
			binops: []BinOp{OpAdd, OpMul}, rbinops: []BinOp{OpMul}, inplace: []BinOp{OpAdd, OpMul},
			accepts: func(o Object) bool { return isType(ty.list)(o) || isIntObj(o) }},
		ty.dict: {container: true, subscript: true, iterable: true, mutable: true, reversible: true, equality: true,
			binops: []BinOp{OpOr}, rbinops: []BinOp{OpOr}, inplace: []BinOp{OpOr}, accepts: isType(ty.dict)},
		ty.set:          {container: true, iterable: true, compare: true, binops: setOps, rbinops: setOps, inplace: setOps, accepts: isSet},
		ty.frozenset:    {container: true, iterable: true, hashable: true, compare: true, binops: setOps, rbinops: setOps, accepts: isSet},
		ty.range_:       {container: true, subscript: true, iterable: true, reversible: true, hashable: true, equality: true},
		ty.mappingproxy: {container: true, subscript: true, iterable: true, equality: true},
		ty.dictKeys:     {container: true, iterable: true, compare: true, binops: setOps, rbinops: setOps},
		ty.dictItems:    {container: true, iterable: true, compare: true, binops: setOps, rbinops: setOps},
		ty.dictValues:   {container: true, iterable: true},
	}
}
