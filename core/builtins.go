package core

import (
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
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
	for _, t := range []*Type{ty.object, ty.int_, ty.bool_, ty.float, ty.str, ty.bytes, ty.bytearray,
		ty.tuple, ty.list, ty.dict, ty.set, ty.frozenset, ty.range_, ty.typ, ty.super_, ty.property,
		ty.staticmethod, ty.classmethod} {
		rt.dictInit(d, t.name, t)
	}
	for _, t := range ty.exc.all() {
		rt.dictInit(d, t.name, t)
	}
	rt.dictInit(d, "EnvironmentError", ty.exc.OSError)
	rt.dictInit(d, "IOError", ty.exc.OSError)
	rt.dictInit(d, "None", rt.None)
	rt.dictInit(d, "NotImplemented", rt.NotImplemented)
	rt.dictInit(d, "Ellipsis", rt.Ellipsis)
	rt.dictInit(d, "True", rt.True)
	rt.dictInit(d, "False", rt.False)
	for _, f := range builtinFuncs {
		rt.dictInit(d, f.name, rt.immortalBuiltin(f.name, f.fn, false))
	}
	rt.builtins = m
	rt.loaders["thread"] = loadThreadModule
}

var builtinFuncs = []method{
	{"print", builtinPrint},
	{"exec", builtinExec},
	{"eval", builtinEval},
	{"compile", builtinCompile},
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
	{"ascii", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.funcArgs("ascii", args, kw, 1, 1); err != nil {
			return nil, err
		}
		s, err := th.Repr(args[0])
		if err != nil {
			return nil, err
		}
		return th.NewStr(asciiEscape(s)), nil
	}},
	{"isinstance", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.clinicArgs("isinstance", args, kw, 2, 2); err != nil {
			return nil, err
		}
		ok, err := th.isInstance(args[0], args[1])
		return th.rt.Bool(ok), err
	}},
	{"issubclass", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.clinicArgs("issubclass", args, kw, 2, 2); err != nil {
			return nil, err
		}
		c, ok := args[0].(*Type)
		if !ok {
			return nil, th.Raise(th.rt.types.exc.TypeError, "issubclass() arg 1 must be a class")
		}
		r, err := th.isInstance(c, args[1], true)
		return th.rt.Bool(r), err
	}},
	{"callable", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.funcArgs("callable", args, kw, 1, 1); err != nil {
			return nil, err
		}
		return th.rt.Bool(th.callable(args[0])), nil
	}},
	{"min", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		return th.minMax("min", CmpLt, args, kw)
	}},
	{"max", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		return th.minMax("max", CmpGt, args, kw)
	}},
	{"sum", builtinSum},
	{"abs", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.funcArgs("abs", args, kw, 1, 1); err != nil {
			return nil, err
		}
		return th.Abs(args[0])
	}},
	{"round", builtinRound},
	{"divmod", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.clinicArgs("divmod", args, kw, 2, 2); err != nil {
			return nil, err
		}
		return th.Divmod(args[0], args[1])
	}},
	{"pow", builtinPow},
	{"chr", builtinChr},
	{"ord", builtinOrd},
	{"hex", baseBuiltin("hex", 16, "0x")},
	{"oct", baseBuiltin("oct", 8, "0o")},
	{"bin", baseBuiltin("bin", 2, "0b")},
	{"any", anyAll("any", true)},
	{"all", anyAll("all", false)},
	{"sorted", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.checkKwargs("sort", kw, "key", "reverse"); err != nil {
			return nil, err
		}
		if err := th.clinicArgs("sorted", args, nil, 1, 1); err != nil {
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
	{"enumerate", builtinEnumerate},
	{"zip", builtinZip},
	{"map", builtinMap},
	{"filter", builtinFilter},
	{"reversed", builtinReversed},
	{"iter", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.clinicArgs("iter", args, kw, 1, 2); err != nil {
			return nil, err
		}
		if len(args) == 2 {
			if !th.callable(args[0]) {
				return nil, th.Raise(th.rt.types.exc.TypeError, "iter(object, sentinel): object must be callable")
			}
			return th.callableIter(args[0], args[1]), nil
		}
		return th.Iter(args[0])
	}},
	{"next", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.clinicArgs("next", args, kw, 1, 2); err != nil {
			return nil, err
		}
		if !th.isIterator(args[0]) {
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
	{"format", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.clinicArgs("format", args, kw, 1, 2); err != nil {
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
	{"getattr", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.clinicArgs("getattr", args, kw, 2, 3); err != nil {
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
		if err := th.clinicArgs("setattr", args, kw, 3, 3); err != nil {
			return nil, err
		}
		name, err := th.attrName(args[1])
		if err != nil {
			return nil, err
		}
		return th.rt.None, th.SetAttr(args[0], name, args[2])
	}},
	{"delattr", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.clinicArgs("delattr", args, kw, 2, 2); err != nil {
			return nil, err
		}
		name, err := th.attrName(args[1])
		if err != nil {
			return nil, err
		}
		return th.rt.None, th.DelAttr(args[0], name)
	}},
	{"hasattr", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.clinicArgs("hasattr", args, kw, 2, 2); err != nil {
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
	{"vars", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.clinicArgs("vars", args, kw, 0, 1); err != nil {
			return nil, err
		}
		if len(args) == 0 {
			return th.frameLocals()
		}
		v, err := th.GetAttr(args[0], "__dict__")
		if err != nil {
			if IsInstance(err, th.rt.types.exc.AttributeError) {
				th.Discard(err)
				return nil, th.Raise(th.rt.types.exc.TypeError, "vars() argument must have __dict__ attribute")
			}
			return nil, err
		}
		return v, nil
	}},
	{"dir", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.clinicArgs("dir", args, kw, 0, 1); err != nil {
			return nil, err
		}
		if len(args) == 0 {
			d, err := th.frameLocals()
			if err != nil {
				return nil, err
			}
			defer th.Decref(d)
			keys, values := th.dictItems(d.(*Dict))
			th.decrefAll(values)
			l := th.NewList(keys)
			return l, th.ListSort(l, nil, false)
		}
		r, found, err := th.callDunder(args[0], "__dir__")
		if err != nil {
			return nil, err
		}
		if !found {
			return th.dirList(args[0])
		}
		defer th.Decref(r)
		items, err := th.collect(r)
		if err != nil {
			return nil, err
		}
		l := th.NewList(items)
		if err := th.ListSort(l, nil, false); err != nil {
			th.Decref(l)
			return nil, err
		}
		return l, nil
	}},
	{"globals", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.funcArgs("globals", args, kw, 0, 0); err != nil {
			return nil, err
		}
		if th.frame == nil {
			return th.NewDict(), nil
		}
		return th.newRef(th.frame.globals), nil
	}},
	{"locals", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.funcArgs("locals", args, kw, 0, 0); err != nil {
			return nil, err
		}
		return th.frameLocals()
	}},
	{"complex", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		return nil, th.Raise(th.rt.types.exc.TypeError, "complex numbers are not supported by rwgil")
	}},
}

// frameLocals is locals() of the running frame: the namespace of a class
// body or of exec with separate locals, the module's globals at
// module level, a snapshot of the bound fast locals in a function.
func (th *Thread) frameLocals() (Object, error) {
	fr := th.frame
	if fr == nil {
		return th.NewDict(), nil
	}
	if fr.ns != nil {
		return th.newRef(fr.ns), nil // a class body's namespace
	}
	if fr.fn == nil {
		return th.newRef(fr.globals), nil
	}
	d := th.NewDict()
	for i, name := range fr.code.bc.Locals {
		if i < len(fr.locals) && fr.locals[i] != nil {
			if err := th.DictSetStr(d, name, fr.locals[i]); err != nil {
				th.Decref(d)
				return nil, err
			}
		}
	}
	return d, nil
}

// callable reports whether o can be called.
func (th *Thread) callable(o Object) bool {
	switch o.(type) {
	case *Builtin, *Function, *BoundMethod, *Type, *StaticMethod:
		return true
	case *Instance, *Exception:
		return th.hasDunder(o, "__call__")
	}
	return false
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
// keywords ("len() takes exactly one argument (0 given)").
func (th *Thread) funcArgs(name string, args []Object, kw map[string]Object, min, max int) error {
	if err := th.checkKwargs(name, kw); err != nil {
		return err
	}
	return th.checkArgs(name, args, min, max)
}

// clinicArgs checks a built-in function's positional arguments the way
// CPython's Argument Clinic words it ("getattr expected at least 2
// arguments, got 1"), and that it takes no keywords (kw nil: the caller
// checked them).
func (th *Thread) clinicArgs(name string, args []Object, kw map[string]Object, min, max int) error {
	if kw != nil {
		if err := th.checkKwargs(name, kw); err != nil {
			return err
		}
	}
	n := len(args)
	if n < min {
		at := "at least "
		if min == max {
			at = ""
		}
		return th.Raisef(th.rt.types.exc.TypeError, "%s expected %s%d argument%s, got %d", name, at, min, plural(min), n)
	}
	if max >= 0 && n > max {
		at := "at most "
		if min == max {
			at = ""
		}
		return th.Raisef(th.rt.types.exc.TypeError, "%s expected %s%d argument%s, got %d", name, at, max, plural(max), n)
	}
	return nil
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
	case *Instance:
		// An object whose class says how it checks (types.UnionType,
		// types.GenericAlias): __instancecheck__, __subclasscheck__.
		hook := "__instancecheck__"
		if len(subclass) > 0 {
			hook = "__subclasscheck__"
		}
		r, found, err := th.callDunder(c, hook, o)
		if err != nil {
			return false, err
		}
		if found {
			defer th.Decref(r)
			return th.Truth(r)
		}
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
		return nil, th.Raisef(th.rt.types.exc.ValueError, "%s() iterable argument is empty", name)
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
	if err := th.checkKwargs("print", kw, "sep", "end", "file", "flush"); err != nil {
		return nil, err
	}
	sep, end := " ", "\n"
	for _, name := range []string{"sep", "end"} {
		dst := &sep
		if name == "end" {
			dst = &end
		}
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
	file, ok := kw["file"]
	if !ok || file == th.rt.None {
		if file = th.reboundStdout(); file != nil {
			defer th.Decref(file)
		}
	}
	if file != nil && file != th.rt.None {
		// Each piece is its own write, as CPython's print writes them.
		for i, part := range parts {
			if i > 0 {
				if err := th.writeText(file, sep); err != nil {
					return nil, err
				}
			}
			if err := th.writeText(file, part); err != nil {
				return nil, err
			}
		}
		if err := th.writeText(file, end); err != nil {
			return nil, err
		}
		if flush, ok := kw["flush"]; ok {
			truth, err := th.Truth(flush)
			if err != nil {
				return nil, err
			}
			if truth {
				r, err := th.CallMethod(file, "flush")
				th.XDecref(r)
				if err != nil {
					return nil, err
				}
			}
		}
		return th.rt.None, nil
	}
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
		return nil, th.writeError(werr)
	}
	return th.rt.None, nil
}

// writeText calls file.write(text).
func (th *Thread) writeText(file Object, text string) error {
	s := th.NewStr(text)
	r, err := th.CallMethod(file, "write", s)
	th.Decref(s)
	th.XDecref(r)
	return err
}

// reboundStdout returns a new reference to sys.stdout if the program has
// imported sys and bound sys.stdout to another object than the stream
// sys made (sys.__stdout__), as contextlib.redirect_stdout does; print
// writes there then, as CPython's does. It returns nil otherwise.
func (th *Thread) reboundStdout() Object {
	rt := th.rt
	rt.modMu.Lock()
	sys := rt.modules["sys"]
	rt.modMu.Unlock()
	if sys == nil {
		return nil
	}
	cur := th.dictGetStr(sys.dict, "stdout")
	if cur == nil {
		return nil
	}
	orig := th.dictGetStr(sys.dict, "__stdout__")
	if orig != nil {
		th.Decref(orig)
	}
	if cur == orig {
		th.Decref(cur)
		return nil
	}
	return cur
}

func builtinEnumerate(th *Thread, args []Object, kw map[string]Object) (Object, error) {
	if err := th.checkKwargs("enumerate", kw, "iterable", "start"); err != nil {
		return nil, err
	}
	if err := th.checkArgs("enumerate", args, 0, 2); err != nil {
		return nil, err
	}
	iterable := kw["iterable"]
	if len(args) >= 1 {
		iterable = args[0]
	}
	if iterable == nil {
		return nil, th.Raise(th.rt.types.exc.TypeError, "enumerate() missing required argument 'iterable'")
	}
	startObj := kw["start"]
	if len(args) == 2 {
		startObj = args[1]
	}
	var start Object = th.NewInt(0)
	if startObj != nil {
		th.Decref(start)
		var err error
		if start, err = th.Index(startObj); err != nil {
			return nil, err
		}
	}
	it, err := th.Iter(iterable)
	if err != nil {
		th.Decref(start)
		return nil, err
	}
	// Shared by threads, each item gets a distinct index (taken after the
	// item, since Next may run Python code and nothing may be held across
	// it); which index goes with which item then depends on the timing.
	var n atomic.Int64
	return th.newFuncIter("enumerate", []Object{it, start}, func(th *Thread) (Object, bool, error) {
		x, ok, err := th.Next(it)
		if !ok || err != nil {
			return nil, ok, err
		}
		k := th.NewInt(n.Add(1) - 1)
		i, err := th.BinaryOp(OpAdd, start, k)
		th.Decref(k)
		if err != nil {
			th.Decref(x)
			return nil, false, err
		}
		return th.NewTuple([]Object{i, x}), true, nil
	}), nil
}

func builtinZip(th *Thread, args []Object, kw map[string]Object) (Object, error) {
	if err := th.checkKwargs("zip", kw, "strict"); err != nil {
		return nil, err
	}
	strict := false
	if s, ok := kw["strict"]; ok {
		var err error
		if strict, err = th.Truth(s); err != nil {
			return nil, err
		}
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
		for i, it := range its {
			x, ok, err := th.Next(it)
			if err != nil {
				th.decrefAll(items)
				return nil, false, err
			}
			if !ok {
				th.decrefAll(items)
				if !strict {
					return nil, false, nil
				}
				if i > 0 {
					s := ""
					if i > 1 {
						s = "s 1-"
					} else {
						s = " "
					}
					return nil, false, th.Raisef(th.rt.types.exc.ValueError, "zip() argument %d is shorter than argument%s%d", i+1, s, i)
				}
				// The first ran out: every other must be exhausted too.
				for j, other := range its[1:] {
					y, more, err := th.Next(other)
					if err != nil {
						return nil, false, err
					}
					if more {
						th.Decref(y)
						s := " "
						if j+1 > 1 {
							s = "s 1-"
						}
						return nil, false, th.Raisef(th.rt.types.exc.ValueError, "zip() argument %d is longer than argument%s%d", j+2, s, j+1)
					}
				}
				return nil, false, nil
			}
			items = append(items, x)
		}
		return th.NewTuple(items), true, nil
	}), nil
}

func builtinMap(th *Thread, args []Object, kw map[string]Object) (Object, error) {
	if err := th.checkKwargs("map", kw); err != nil {
		return nil, err
	}
	if len(args) < 2 {
		return nil, th.Raise(th.rt.types.exc.TypeError, "map() must have at least two arguments.")
	}
	fn := th.newRef(args[0])
	holds := []Object{fn}
	its := make([]Object, 0, len(args)-1)
	for _, a := range args[1:] {
		it, err := th.Iter(a)
		if err != nil {
			th.decrefAll(holds)
			th.decrefAll(its)
			return nil, err
		}
		its = append(its, it)
	}
	holds = append(holds, its...)
	return th.newFuncIter("map", holds, func(th *Thread) (Object, bool, error) {
		items := make([]Object, 0, len(its))
		defer func() { th.decrefAll(items) }()
		for _, it := range its {
			x, ok, err := th.Next(it)
			if !ok || err != nil {
				return nil, false, err
			}
			items = append(items, x)
		}
		r, err := th.Call(fn, items, nil)
		return r, err == nil, err
	}), nil
}

func builtinFilter(th *Thread, args []Object, kw map[string]Object) (Object, error) {
	if err := th.checkKwargs("filter", kw); err != nil {
		return nil, err
	}
	if err := th.clinicArgs("filter", args, nil, 2, 2); err != nil {
		return nil, err
	}
	fn := th.newRef(args[0])
	it, err := th.Iter(args[1])
	if err != nil {
		th.Decref(fn)
		return nil, err
	}
	return th.newFuncIter("filter", []Object{fn, it}, func(th *Thread) (Object, bool, error) {
		for {
			x, ok, err := th.Next(it)
			if !ok || err != nil {
				return nil, false, err
			}
			var keep bool
			if fn == th.rt.None {
				keep, err = th.Truth(x)
			} else {
				var r Object
				if r, err = th.Call(fn, []Object{x}, nil); err == nil {
					keep, err = th.Truth(r)
					th.Decref(r)
				}
			}
			if err != nil {
				th.Decref(x)
				return nil, false, err
			}
			if keep {
				return x, true, nil
			}
			th.Decref(x)
		}
	}), nil
}

func builtinReversed(th *Thread, args []Object, kw map[string]Object) (Object, error) {
	if err := th.checkKwargs("reversed", kw); err != nil {
		return nil, err
	}
	if err := th.clinicArgs("reversed", args, nil, 1, 1); err != nil {
		return nil, err
	}
	o := args[0]
	if subclassed(o) {
		if fn := th.subOverride(o, "__reversed__"); fn != nil {
			defer th.Decref(fn)
			return th.callSpecial(fn, o)
		}
	}
	return th.reversedNative(o)
}

// reversedNative is reversed(o) without the special methods of a class
// deriving from a built-in (the built-in's __reversed__).
func (th *Thread) reversedNative(o Object) (Object, error) {
	switch x := o.(type) {
	case *List, *Tuple, *Str, *Bytes:
		n, _, _ := th.builtinLen(x)
		i := atomic.Int64{}
		i.Store(int64(n))
		name := "reversed"
		if _, ok := x.(*List); ok {
			name = "list_reverseiterator"
		}
		return th.newFuncIter(name, []Object{th.newRef(x)}, func(th *Thread) (Object, bool, error) {
			k := i.Add(-1)
			if k < 0 {
				i.Store(-1)
				return nil, false, nil
			}
			key := th.NewInt(k)
			defer th.Decref(key)
			v, err := th.GetItem(x, key)
			if err != nil {
				if IsInstance(err, th.rt.types.exc.IndexError) {
					th.Discard(err)
					i.Store(-1)
					return nil, false, nil
				}
				return nil, false, err
			}
			return v, true, nil
		}), nil
	case *Range:
		n := x.length()
		r := &Range{start: x.item(n - 1), stop: x.start - x.step, step: -x.step}
		if n == 0 {
			r = &Range{start: 0, stop: 0, step: 1}
		}
		r.typ = th.rt.types.range_
		th.track(r)
		defer th.Decref(r)
		return th.Iter(r)
	case *Dict:
		keys, values := th.dictItems(x)
		th.decrefAll(values)
		for i, j := 0, len(keys)-1; i < j; i, j = i+1, j-1 {
			keys[i], keys[j] = keys[j], keys[i]
		}
		l := th.NewList(keys)
		defer th.Decref(l)
		return th.Iter(l)
	case *Instance, *Exception:
		if r, found, err := th.callDunder(o, "__reversed__"); found || err != nil {
			return r, err
		}
		if th.hasDunder(o, "__len__") && th.hasDunder(o, "__getitem__") {
			n, err := th.Len(o)
			if err != nil {
				return nil, err
			}
			i := atomic.Int64{}
			i.Store(int64(n))
			return th.newFuncIter("reversed", []Object{th.newRef(o)}, func(th *Thread) (Object, bool, error) {
				k := i.Add(-1)
				if k < 0 {
					i.Store(-1)
					return nil, false, nil
				}
				key := th.NewInt(k)
				defer th.Decref(key)
				v, err := th.GetItem(o, key)
				if err != nil {
					if IsInstance(err, th.rt.types.exc.IndexError) || IsInstance(err, th.rt.types.exc.StopIteration) {
						th.Discard(err)
						i.Store(-1)
						return nil, false, nil
					}
					return nil, false, err
				}
				return v, true, nil
			}), nil
		}
	}
	return nil, th.Raisef(th.rt.types.exc.TypeError, "'%s' object is not reversible", o.Type().name)
}

// callableIter is iter(fn, sentinel): fn() until it returns sentinel.
func (th *Thread) callableIter(fn, sentinel Object) Object {
	fn, sentinel = th.newRef(fn), th.newRef(sentinel)
	var done atomic.Bool
	return th.newFuncIter("callable_iterator", []Object{fn, sentinel}, func(th *Thread) (Object, bool, error) {
		if done.Load() {
			return nil, false, nil
		}
		r, err := th.Call(fn, nil, nil)
		if err != nil {
			if IsInstance(err, th.rt.types.exc.StopIteration) {
				th.Discard(err)
				done.Store(true)
				return nil, false, nil
			}
			return nil, false, err
		}
		eq, err := th.CompareBool(r, sentinel, CmpEq)
		if err != nil || eq {
			th.Decref(r)
			done.Store(true)
			return nil, false, err
		}
		return r, true, nil
	})
}

func anyAll(name string, any bool) BuiltinFunc {
	return func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.funcArgs(name, args, kw, 1, 1); err != nil {
			return nil, err
		}
		it, err := th.Iter(args[0])
		if err != nil {
			return nil, err
		}
		defer th.Decref(it)
		for {
			x, ok, err := th.Next(it)
			if err != nil {
				return nil, err
			}
			if !ok {
				return th.rt.Bool(!any), nil
			}
			t, err := th.Truth(x)
			th.Decref(x)
			if err != nil {
				return nil, err
			}
			if t == any {
				return th.rt.Bool(any), nil
			}
		}
	}
}

// writeError is the OSError of a failed write to the program's output, in
// CPython's words when the system gave a reason ("[Errno 28] No space
// left on device").
func (th *Thread) writeError(err error) error {
	var errno syscall.Errno
	if errors.As(err, &errno) {
		msg := errno.Error()
		if msg != "" {
			msg = strings.ToUpper(msg[:1]) + msg[1:]
		}
		return th.Raisef(th.rt.types.exc.OSError, "[Errno %d] %s", int(errno), msg)
	}
	return th.Raisef(th.rt.types.exc.OSError, "%v", err)
}
