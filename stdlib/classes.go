package stdlib

import (
	"github.com/rwgil/rwgil/core"
)

// Helpers of the modules collections, itertools, functools and operator
// (the object-model helper's files): classes written in Go -- either
// native classes, whose instances carry a Go value (core.NewNativeClass:
// deque, partial, the itertools iterators), or classes deriving from a
// built-in type (Counter, defaultdict, OrderedDict, namedtuple classes),
// whose instances are the built-in's objects -- and the conversions
// their methods share.

// goMethod is a method (or function) written in Go.
type goMethod struct {
	name string
	fn   core.BuiltinFunc
}

// classDef describes a class written in Go.
type classDef struct {
	name, module string
	bases        []*core.Type // none: object
	native       bool         // instances carry a Go value (NewNativeInstance)
	methods      []goMethod   // bind to instances
	statics      []goMethod   // static methods (__new__)
	classMethods []goMethod
	// props are read-only properties: fn gets the instance as args[0].
	props []goMethod
	// attrs are class attributes (borrowed).
	attrs map[string]core.Object
}

// guarded wraps a Go function of these modules so that a bug in it (a
// panic) becomes a RuntimeError naming the function, with the thread's
// critical sections put back as they were, rather than a crash
// (core.Thread.CallExtension, as for an extension module's function; the
// modules are ported, so nothing is promoted).
func guarded(module, name string, fn core.BuiltinFunc) core.BuiltinFunc {
	return func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
		return th.CallExtension(module, name, true, func() (core.Object, error) { return fn(th, args, kw) })
	}
}

// makeClass returns a new reference to the class def describes.
func makeClass(th *core.Thread, def classDef) (*core.Type, error) {
	qual := def.module + "." + def.name
	for _, list := range []*[]goMethod{&def.methods, &def.statics, &def.classMethods, &def.props} {
		wrapped := make([]goMethod, len(*list))
		for i, m := range *list {
			wrapped[i] = goMethod{m.name, guarded(qual, m.name, m.fn)}
		}
		*list = wrapped
	}
	ns := th.NewDict()
	defer th.Decref(ns)
	put := func(name string, v core.Object) error {
		err := th.DictSetStr(ns, name, v)
		th.Decref(v)
		return err
	}
	for _, m := range def.methods {
		if err := put(m.name, th.NewMethod(m.name, m.fn)); err != nil {
			return nil, err
		}
	}
	for _, m := range def.statics {
		b := th.NewBuiltin(m.name, m.fn)
		s := th.NewStaticMethod(b)
		th.Decref(b)
		if err := put(m.name, s); err != nil {
			return nil, err
		}
	}
	for _, m := range def.classMethods {
		b := th.NewBuiltin(m.name, m.fn)
		c := th.NewClassMethod(b)
		th.Decref(b)
		if err := put(m.name, c); err != nil {
			return nil, err
		}
	}
	for _, p := range def.props {
		getter := th.NewBuiltin(p.name, p.fn)
		prop, err := th.NewProperty(getter)
		th.Decref(getter)
		if err != nil {
			return nil, err
		}
		if err := put(p.name, prop); err != nil {
			return nil, err
		}
	}
	for k, v := range def.attrs {
		if err := th.DictSetStr(ns, k, v); err != nil {
			return nil, err
		}
	}
	if def.native {
		return th.NewNativeClass(def.name, def.bases, ns, def.module)
	}
	return th.NewClass(def.name, def.bases, ns, def.module)
}

// addClass makes the class def describes and stores it in module m under
// its name; the class returned is borrowed (the module holds it).
func addClass(th *core.Thread, m *core.Module, def classDef) (*core.Type, error) {
	if def.module == "" {
		def.module = m.Name()
	}
	t, err := makeClass(th, def)
	if err != nil {
		return nil, err
	}
	err = th.DictSetStr(m.Dict(), def.name, t)
	th.Decref(t)
	return t, err
}

// addFuncs adds Go functions to module m.
func addFuncs(th *core.Thread, m *core.Module, funcs []goMethod) error {
	for _, f := range funcs {
		b := th.NewBuiltin(f.name, guarded(m.Name(), f.name, f.fn))
		err := th.DictSetStr(m.Dict(), f.name, b)
		th.Decref(b)
		if err != nil {
			return err
		}
	}
	return nil
}

// nativeSelf returns the Go value of type T that args[0], an instance of
// the native class called qual, carries; TypeError in CPython's words
// for anything else.
func nativeSelf[T any](th *core.Thread, qual, method string, args []core.Object) (T, error) {
	var zero T
	if len(args) == 0 {
		return zero, th.Raisef(th.RaiseType("TypeError"), "descriptor '%s' of '%s' object needs an argument", method, qual)
	}
	if v, ok := core.NativeValue(args[0]); ok {
		if s, ok := v.(T); ok {
			return s, nil
		}
	}
	return zero, th.Raisef(th.RaiseType("TypeError"), "descriptor '%s' for '%s' objects doesn't apply to a '%s' object", method, qual, args[0].Type().Name())
}

// dictSelf returns args[0] as the dict of an instance of a class deriving
// from dict (Counter, defaultdict, OrderedDict), checking that it is an
// instance of cls.
func dictSelf(th *core.Thread, cls **core.Type, method string, args []core.Object) (*core.Dict, error) {
	if len(args) == 0 {
		return nil, th.Raisef(th.RaiseType("TypeError"), "descriptor '%s' of '%s' object needs an argument", method, (*cls).Name())
	}
	d, ok := args[0].(*core.Dict)
	if !ok || !args[0].Type().IsSubtype(*cls) {
		return nil, th.Raisef(th.RaiseType("TypeError"), "descriptor '%s' for '%s' objects doesn't apply to a '%s' object", method, (*cls).Name(), args[0].Type().Name())
	}
	return d, nil
}

// builtinFunc returns a new reference to the built-in function or type
// called name (callable, isinstance, property, ...).
func builtinFunc(th *core.Thread, name string) (core.Object, error) {
	bm, err := th.Import("builtins")
	if err != nil {
		return nil, err
	}
	defer th.Decref(bm)
	return th.GetAttr(bm, name)
}

// callable is callable(o).
func callable(th *core.Thread, o core.Object) (bool, error) {
	fn, err := builtinFunc(th, "callable")
	if err != nil {
		return false, err
	}
	defer th.Decref(fn)
	r, err := th.Call(fn, []core.Object{o}, nil)
	if err != nil {
		return false, err
	}
	defer th.Decref(r)
	return r == th.Runtime().True, nil
}

// dropAll drops a reference to each of objs.
func dropAll(th *core.Thread, objs []core.Object) {
	for _, o := range objs {
		th.XDecref(o)
	}
}

// typeError raises TypeError with a formatted message.
func typeError(th *core.Thread, format string, args ...any) error {
	return th.Raisef(th.RaiseType("TypeError"), format, args...)
}

// noKwargs raises TypeError "fname() takes no keyword arguments" if kw
// holds any.
func noKwargs(th *core.Thread, fname string, kw map[string]core.Object) error {
	if len(kw) > 0 {
		return typeError(th, "%s() takes no keyword arguments", fname)
	}
	return nil
}

// oneArg checks that a method got exactly one argument besides self.
func oneArg(th *core.Thread, method string, args []core.Object) error {
	if len(args) != 2 {
		return typeError(th, "%s expected 1 argument, got %d", method, len(args)-1)
	}
	return nil
}
