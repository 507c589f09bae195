package core

import (
	"strings"
	"sync"
	"sync/atomic"
)

// initBuiltins makes the builtins module: the built-in functions, types
// and exception classes that LOAD_GLOBAL falls back to. The module and
// its dict belong to the runtime (immortal); Close clears the dict.
func (rt *Runtime) initBuiltins() {
	ty := &rt.types
	d := rt.immortalDict(false)
	m := &Module{name: "builtins", dict: d}
	m.typ = ty.module
	rt.rc.InitImmortal(m)
	rt.dictInit(d, "__name__", rt.Intern("builtins"))
	for _, t := range []*Type{ty.object, ty.int_, ty.bool_, ty.float, ty.str, ty.tuple, ty.list, ty.dict, ty.set, ty.range_, ty.typ} {
		rt.dictInit(d, t.name, t)
	}
	for _, t := range ty.exc.all() {
		rt.dictInit(d, t.name, t)
	}
	for _, f := range builtinFuncs {
		rt.dictInit(d, f.name, rt.immortalBuiltin(f.name, f.fn, false))
	}
	rt.builtins = m
	rt.loaders["thread"] = loadThreadModule
}

var builtinFuncs = []method{
	{"print", builtinPrint},
	{"len", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.funcArgs("len", args, kw, 1, 1); err != nil {
			return nil, err
		}
		n, err := th.Len(args[0])
		if err != nil {
			return nil, err
		}
		return th.NewInt(int64(n)), nil
	}},
	{"repr", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.funcArgs("repr", args, kw, 1, 1); err != nil {
			return nil, err
		}
		s, err := th.Repr(args[0])
		if err != nil {
			return nil, err
		}
		return th.NewStr(s), nil
	}},
	{"isinstance", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.funcArgs("isinstance", args, kw, 2, 2); err != nil {
			return nil, err
		}
		ok, err := th.isInstance(args[0], args[1])
		return th.rt.Bool(ok), err
	}},
	{"issubclass", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.funcArgs("issubclass", args, kw, 2, 2); err != nil {
			return nil, err
		}
		c, ok := args[0].(*Type)
		if !ok {
			return nil, th.Raise(th.rt.types.exc.TypeError, "issubclass() arg 1 must be a class")
		}
		r, err := th.isInstance(c, args[1], true)
		return th.rt.Bool(r), err
	}},
	{"min", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		return th.minMax("min", CmpLt, args, kw)
	}},
	{"max", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		return th.minMax("max", CmpGt, args, kw)
	}},
	{"sum", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.checkKwargs("sum", kw, "start"); err != nil {
			return nil, err
		}
		if err := th.checkArgs("sum", args, 1, 2); err != nil {
			return nil, err
		}
		acc := th.NewInt(0)
		if len(args) == 2 {
			th.Decref(acc)
			acc = th.newRef(args[1])
		} else if s, ok := kw["start"]; ok {
			th.Decref(acc)
			acc = th.newRef(s)
		}
		if _, ok := acc.(*Str); ok {
			th.Decref(acc)
			return nil, th.Raise(th.rt.types.exc.TypeError, "sum() can't sum strings [use ''.join(seq) instead]")
		}
		items, err := th.collect(args[0])
		if err != nil {
			th.Decref(acc)
			return nil, err
		}
		defer th.decrefAll(items)
		for _, it := range items {
			r, err := th.BinaryOp(OpAdd, acc, it)
			th.Decref(acc)
			if err != nil {
				return nil, err
			}
			acc = r
		}
		return acc, nil
	}},
	{"abs", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.funcArgs("abs", args, kw, 1, 1); err != nil {
			return nil, err
		}
		switch x := args[0].(type) {
		case *Float:
			if x.v < 0 || (x.v == 0 && 1/x.v < 0) {
				return th.NewFloat(-x.v), nil
			}
			return th.newRef(x), nil
		case *Int, *Bool:
			if c, _ := numericCompare(x, th.rt.smallInts[-smallIntMin]); c < 0 {
				return th.UnaryOp(OpNeg, x)
			}
			return th.UnaryOp(OpPos, x)
		case *Instance:
			if r, err := th.callDunderIfDefined(x, "__abs__"); err != nil || r != nil {
				return r, err
			}
		}
		return nil, th.Raisef(th.rt.types.exc.TypeError, "bad operand type for abs(): '%s'", args[0].Type().name)
	}},
	{"sorted", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.checkKwargs("sorted", kw, "key", "reverse"); err != nil {
			return nil, err
		}
		if err := th.checkArgs("sorted", args, 1, 1); err != nil {
			return nil, err
		}
		items, err := th.collect(args[0])
		if err != nil {
			return nil, err
		}
		l := th.NewList(items)
		r, err := th.CallMethodKw(l, "sort", nil, kw)
		if err != nil {
			th.Decref(l)
			return nil, err
		}
		th.Decref(r)
		return l, nil
	}},
	{"format", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.funcArgs("format", args, kw, 1, 2); err != nil {
			return nil, err
		}
		spec := ""
		if len(args) == 2 {
			s, ok := args[1].(*Str)
			if !ok {
				return nil, th.Raisef(th.rt.types.exc.TypeError, "format() argument 2 must be str, not %s", args[1].Type().name)
			}
			spec = s.s
		}
		return th.Format(args[0], spec)
	}},
	{"enumerate", builtinEnumerate},
	{"zip", builtinZip},
	{"iter", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.funcArgs("iter", args, kw, 1, 1); err != nil {
			return nil, err
		}
		return th.Iter(args[0])
	}},
	{"next", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.funcArgs("next", args, kw, 1, 2); err != nil {
			return nil, err
		}
		if _, isGo := args[0].(goIterator); !isGo && !userDefined(args[0]) {
			return nil, th.Raisef(th.rt.types.exc.TypeError, "'%s' object is not an iterator", args[0].Type().name)
		}
		if g, isGen := args[0].(*Generator); isGen && len(args) == 1 {
			return g.send(th, th.rt.None) // StopIteration carries the value returned
		}
		x, ok, err := th.Next(args[0])
		switch {
		case err != nil:
			return nil, err
		case ok:
			return x, nil
		case len(args) == 2:
			return th.newRef(args[1]), nil
		}
		return nil, th.newException(th.rt.types.exc.StopIteration, th.rt.emptyTuple)
	}},
	{"hash", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.funcArgs("hash", args, kw, 1, 1); err != nil {
			return nil, err
		}
		h, err := th.Hash(args[0])
		if err != nil {
			return nil, err
		}
		return th.NewInt(h), nil
	}},
	{"id", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.funcArgs("id", args, kw, 1, 1); err != nil {
			return nil, err
		}
		return th.NewInt(ID(args[0])), nil
	}},
	{"getattr", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.funcArgs("getattr", args, kw, 2, 3); err != nil {
			return nil, err
		}
		name, err := th.attrName(args[1])
		if err != nil {
			return nil, err
		}
		v, err := th.GetAttr(args[0], name)
		if err != nil && len(args) == 3 && IsInstance(err, th.rt.types.exc.AttributeError) {
			th.Discard(err)
			return th.newRef(args[2]), nil
		}
		return v, err
	}},
	{"setattr", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.funcArgs("setattr", args, kw, 3, 3); err != nil {
			return nil, err
		}
		name, err := th.attrName(args[1])
		if err != nil {
			return nil, err
		}
		return th.rt.None, th.SetAttr(args[0], name, args[2])
	}},
	{"hasattr", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.funcArgs("hasattr", args, kw, 2, 2); err != nil {
			return nil, err
		}
		name, err := th.attrName(args[1])
		if err != nil {
			return nil, err
		}
		v, err := th.GetAttr(args[0], name)
		if err != nil {
			if IsInstance(err, th.rt.types.exc.AttributeError) {
				th.Discard(err)
				return th.rt.False, nil
			}
			return nil, err
		}
		th.Decref(v)
		return th.rt.True, nil
	}},
}

// attrName checks the name argument of getattr, setattr and hasattr.
func (th *Thread) attrName(o Object) (string, error) {
	s, ok := o.(*Str)
	if !ok {
		return "", th.Raisef(th.rt.types.exc.TypeError, "attribute name must be string, not '%s'", o.Type().name)
	}
	return s.s, nil
}

// funcArgs checks a built-in function's arguments and that it takes no
// keywords.
func (th *Thread) funcArgs(name string, args []Object, kw map[string]Object, min, max int) error {
	if err := th.checkKwargs(name, kw); err != nil {
		return err
	}
	return th.checkArgs(name, args, min, max)
}

// CallMethodKw calls o.name(*args, **kw).
func (th *Thread) CallMethodKw(o Object, name string, args []Object, kw map[string]Object) (Object, error) {
	fn, self, err := th.LoadMethod(o, name)
	if err != nil {
		return nil, err
	}
	defer th.Decref(fn)
	if self != nil {
		defer th.Decref(self)
		return th.Call(fn, append([]Object{self}, args...), kw)
	}
	return th.Call(fn, args, kw)
}

// isInstance is isinstance(o, cls) for a class or a tuple of classes (with
// subclass set: issubclass(o, cls)).
func (th *Thread) isInstance(o, cls Object, subclass ...bool) (bool, error) {
	t := o.Type()
	if len(subclass) > 0 {
		t = o.(*Type)
	}
	switch c := cls.(type) {
	case *Type:
		return t.IsSubtype(c), nil
	case *Tuple:
		for _, it := range c.items {
			ok, err := th.isInstance(o, it, subclass...)
			if err != nil || ok {
				return ok, err
			}
		}
		return false, nil
	}
	if len(subclass) > 0 {
		return false, th.Raise(th.rt.types.exc.TypeError, "issubclass() arg 2 must be a class, a tuple of classes, or a union")
	}
	return false, th.Raise(th.rt.types.exc.TypeError, "isinstance() arg 2 must be a type, a tuple of types, or a union")
}

// minMax is min() and max(): over one iterable or several arguments, with
// key= and default=.
func (th *Thread) minMax(name string, op CompareOp, args []Object, kw map[string]Object) (Object, error) {
	if err := th.checkKwargs(name, kw, "key", "default"); err != nil {
		return nil, err
	}
	if len(args) == 0 {
		return nil, th.Raisef(th.rt.types.exc.TypeError, "%s expected at least 1 argument, got 0", name)
	}
	var items []Object
	if len(args) == 1 {
		var err error
		if items, err = th.collect(args[0]); err != nil {
			return nil, err
		}
	} else {
		if _, ok := kw["default"]; ok {
			return nil, th.Raisef(th.rt.types.exc.TypeError, "Cannot specify a default for %s() with multiple positional arguments", name)
		}
		for _, a := range args {
			items = append(items, th.newRef(a))
		}
	}
	defer th.decrefAll(items)
	if len(items) == 0 {
		if d, ok := kw["default"]; ok {
			return th.newRef(d), nil
		}
		return nil, th.Raisef(th.rt.types.exc.ValueError, "%s() arg is an empty sequence", name)
	}
	key := kw["key"]
	if key == th.rt.None {
		key = nil
	}
	keyOf := func(x Object) (Object, error) {
		if key == nil {
			return th.newRef(x), nil
		}
		return th.Call(key, []Object{x}, nil)
	}
	best := items[0]
	bestKey, err := keyOf(best)
	if err != nil {
		return nil, err
	}
	for _, x := range items[1:] {
		k, err := keyOf(x)
		if err != nil {
			th.Decref(bestKey)
			return nil, err
		}
		better, err := th.CompareBool(k, bestKey, op)
		if err != nil {
			th.Decref(k)
			th.Decref(bestKey)
			return nil, err
		}
		if better {
			th.Decref(bestKey)
			best, bestKey = x, k
		} else {
			th.Decref(k)
		}
	}
	th.Decref(bestKey)
	return th.newRef(best), nil
}

// printMu keeps each print() call's output in one piece.
var printMu sync.Mutex

func builtinPrint(th *Thread, args []Object, kw map[string]Object) (Object, error) {
	if err := th.checkKwargs("print", kw, "sep", "end"); err != nil {
		return nil, err
	}
	sep, end := " ", "\n"
	for name, dst := range map[string]*string{"sep": &sep, "end": &end} {
		if v, ok := kw[name]; ok && v != th.rt.None {
			s, ok := v.(*Str)
			if !ok {
				return nil, th.Raisef(th.rt.types.exc.TypeError, "%s must be None or a string, not %s", name, v.Type().name)
			}
			*dst = s.s
		}
	}
	parts := make([]string, len(args))
	for i, a := range args {
		s, err := th.Str(a)
		if err != nil {
			return nil, err
		}
		parts[i] = s
	}
	out := strings.Join(parts, sep) + end
	var werr error
	// Writing is blocking I/O: detach for it, as CPython releases the GIL.
	if err := th.AllowThreads(func() {
		printMu.Lock()
		_, werr = th.rt.cfg.Stdout.Write([]byte(out))
		printMu.Unlock()
	}); err != nil {
		return nil, err
	}
	if werr != nil {
		return nil, th.Raisef(th.rt.types.exc.SystemError, "print: %v", werr)
	}
	return th.rt.None, nil
}

func builtinEnumerate(th *Thread, args []Object, kw map[string]Object) (Object, error) {
	if err := th.checkKwargs("enumerate", kw, "start"); err != nil {
		return nil, err
	}
	if err := th.checkArgs("enumerate", args, 1, 2); err != nil {
		return nil, err
	}
	start := int64(0)
	startObj := kw["start"]
	if len(args) == 2 {
		startObj = args[1]
	}
	if startObj != nil {
		var err error
		if start, err = th.intArg("enumerate", startObj); err != nil {
			return nil, err
		}
	}
	it, err := th.Iter(args[0])
	if err != nil {
		return nil, err
	}
	// Shared by threads, each item gets a distinct index (taken after the
	// item, since Next may run Python code and nothing may be held across
	// it); which index goes with which item then depends on the timing.
	var n atomic.Int64
	return th.newFuncIter("enumerate", []Object{it}, func(th *Thread) (Object, bool, error) {
		x, ok, err := th.Next(it)
		if !ok || err != nil {
			return nil, ok, err
		}
		return th.NewTuple([]Object{th.NewInt(start + n.Add(1) - 1), x}), true, nil
	}), nil
}

func builtinZip(th *Thread, args []Object, kw map[string]Object) (Object, error) {
	if err := th.checkKwargs("zip", kw); err != nil {
		return nil, err
	}
	its := make([]Object, len(args))
	for i, a := range args {
		it, err := th.Iter(a)
		if err != nil {
			th.decrefAll(its[:i])
			return nil, err
		}
		its[i] = it
	}
	return th.newFuncIter("zip", its, func(th *Thread) (Object, bool, error) {
		if len(its) == 0 {
			return nil, false, nil
		}
		items := make([]Object, 0, len(its))
		for _, it := range its {
			x, ok, err := th.Next(it)
			if !ok || err != nil {
				th.decrefAll(items)
				return nil, false, err
			}
			items = append(items, x)
		}
		return th.NewTuple(items), true, nil
	}), nil
}
