package stdlib

import (
	"errors"
	"math"
	"math/big"
	"time"

	"github.com/rwgil/rwgil/core"
)

// Helpers of the modules written by the threads helper (threading, queue,
// time, sys): Go-defined classes that Python code can subclass, whose Go
// state lives in a capsule in the instance's dict, and argument
// conversions in CPython's words.

// pyMethod is a method of a Go-defined class.
type pyMethod struct {
	name string
	fn   core.BuiltinFunc
}

// pyProp is a property of a Go-defined class: get(self), and set(self,
// value) or nil for a read-only one.
type pyProp struct {
	name string
	get  func(th *core.Thread, self core.Object) (core.Object, error)
	set  func(th *core.Thread, self, value core.Object) error
}

// pyClassDef describes a Go-defined class.
type pyClassDef struct {
	name    string
	bases   []*core.Type
	methods []pyMethod
	props   []pyProp
	// attrs are class attributes (borrowed; the class takes a reference).
	attrs map[string]core.Object
	// newFn, if not nil, is the class's __new__(cls, *args, **kwargs).
	newFn core.BuiltinFunc
}

// newPyClass makes the class def describes, in module mod, and stores it
// in the module's dict under its name. The class returned is borrowed:
// the module's dict holds it.
func newPyClass(th *core.Thread, mod *core.Module, def pyClassDef) (*core.Type, error) {
	ns := th.NewDict()
	defer th.Decref(ns)
	var cls *core.Type // set below, before any method can run
	for _, m := range def.methods {
		b := th.NewMethod(m.name, checkSelf(&cls, m.name, m.fn))
		err := th.DictSetStr(ns, m.name, b)
		th.Decref(b)
		if err != nil {
			return nil, err
		}
	}
	if len(def.props) > 0 {
		bm, err := th.Import("builtins")
		if err != nil {
			return nil, err
		}
		property, err := th.GetAttr(bm, "property")
		th.Decref(bm)
		if err != nil {
			return nil, err
		}
		defer th.Decref(property)
		for _, p := range def.props {
			get := p.get
			getter := th.NewBuiltin(p.name, func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				if err := th.CheckArgs(p.name, args, kw, 1, 1); err != nil {
					return nil, err
				}
				return get(th, args[0])
			})
			pargs := []core.Object{getter}
			if p.set != nil {
				set := p.set
				setter := th.NewBuiltin(p.name, func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
					if err := th.CheckArgs(p.name, args, kw, 2, 2); err != nil {
						return nil, err
					}
					return th.Runtime().None, set(th, args[0], args[1])
				})
				pargs = append(pargs, setter)
			}
			prop, err := th.Call(property, pargs, nil)
			for _, a := range pargs {
				th.Decref(a)
			}
			if err != nil {
				return nil, err
			}
			err = th.DictSetStr(ns, p.name, prop)
			th.Decref(prop)
			if err != nil {
				return nil, err
			}
		}
	}
	if def.newFn != nil {
		b := th.NewBuiltin("__new__", def.newFn)
		err := th.DictSetStr(ns, "__new__", b)
		th.Decref(b)
		if err != nil {
			return nil, err
		}
	}
	for k, v := range def.attrs {
		if err := th.DictSetStr(ns, k, v); err != nil {
			return nil, err
		}
	}
	cls, err := th.NewClass(def.name, def.bases, ns, mod.Name())
	if err != nil {
		cls = nil
		return nil, err
	}
	err = th.DictSetStr(mod.Dict(), def.name, cls)
	th.Decref(cls)
	return cls, err
}

// checkSelf wraps a method of the class *cls so that a call through the
// class without an instance of it raises TypeError, as CPython's method
// descriptors do, rather than reach fn.
func checkSelf(cls **core.Type, name string, fn core.BuiltinFunc) core.BuiltinFunc {
	return func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
		c := *cls
		if len(args) == 0 {
			return nil, th.Raisef(th.RaiseType("TypeError"), "descriptor '%s' of '%s' object needs an argument", name, c.Name())
		}
		if !args[0].Type().IsSubtype(c) {
			return nil, th.Raisef(th.RaiseType("TypeError"), "descriptor '%s' for '%s' objects doesn't apply to a '%s' object", name, c.Name(), args[0].Type().Name())
		}
		return fn(th, args, kw)
	}
}

// addModuleFuncs adds Go functions to module mod.
func addModuleFuncs(th *core.Thread, mod *core.Module, funcs []pyMethod) error {
	for _, f := range funcs {
		b := th.NewBuiltin(f.name, f.fn)
		err := th.DictSetStr(mod.Dict(), f.name, b)
		th.Decref(b)
		if err != nil {
			return err
		}
	}
	return nil
}

// dictSetNew stores v, a new reference, as d's item name, dropping the
// reference.
func dictSetNew(th *core.Thread, d *core.Dict, name string, v core.Object) error {
	err := th.DictSetStr(d, name, v)
	th.Decref(v)
	return err
}

// setAttrNew sets obj.name to v, a new reference, and drops it.
func setAttrNew(th *core.Thread, obj core.Object, name string, v core.Object) error {
	err := th.SetAttr(obj, name, v)
	th.Decref(v)
	return err
}

// goStateKey is the instance attribute that holds a Go-defined class's Go
// state (a capsule), as CPython's threading.Thread keeps its
// _tstate_lock.
const goStateKey = "_rwgil_state"

// newState stores v as self's Go state.
func setGoState(th *core.Thread, self core.Object, name string, v any) error {
	return setAttrNew(th, self, goStateKey, th.NewCapsule(name, v, nil))
}

// getState returns self's Go state of type T, or raises RuntimeError
// with notInit (the class's __init__ was not called).
func goState[T any](th *core.Thread, self core.Object, notInit string) (T, error) {
	var zero T
	o, err := th.GetAttr(self, goStateKey)
	if err != nil {
		if core.IsExceptionNamed(err, "AttributeError") {
			th.Discard(err)
			return zero, th.Raise(th.RaiseType("RuntimeError"), notInit)
		}
		return zero, err
	}
	defer th.Decref(o)
	if c, ok := o.(*core.Capsule); ok {
		if v, ok := c.Value().(T); ok {
			return v, nil
		}
	}
	return zero, th.Raise(th.RaiseType("RuntimeError"), notInit)
}

// argsOf parses args (self first when method) and kw against the
// parameter names params, CPython-style: it returns one slot per
// parameter, nil where none was given. fname names the callable in
// errors; positional is how many of params may be given positionally.
func parseParams(th *core.Thread, fname string, args []core.Object, kw map[string]core.Object, method bool, positional int, params ...string) ([]core.Object, error) {
	if method {
		args = args[1:]
	}
	typeErr := th.RaiseType("TypeError")
	if len(args) > positional {
		return nil, th.Raisef(typeErr, "%s() takes at most %d positional argument%s (%d given)", fname, positional, pluralS(positional), len(args))
	}
	out := make([]core.Object, len(params))
	copy(out, args)
	for k, v := range kw {
		found := false
		for i, p := range params {
			if p == k {
				if out[i] != nil {
					return nil, th.Raisef(typeErr, "%s() got multiple values for argument '%s'", fname, k)
				}
				out[i] = v
				found = true
				break
			}
		}
		if !found {
			return nil, th.Raisef(typeErr, "%s() got an unexpected keyword argument '%s'", fname, k)
		}
	}
	return out, nil
}

func pluralS(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// isNone reports whether o is nil (not given) or None.
func absentOrNone(th *core.Thread, o core.Object) bool { return o == nil || o == th.Runtime().None }

// floatOf converts an int, bool or float to a float64, or raises
// TypeError with msg.
func numberAsFloat(th *core.Thread, o core.Object, msg string) (float64, error) {
	switch x := o.(type) {
	case *core.Float:
		return x.Float64(), nil
	case *core.Int:
		if v, ok := x.Int64(); ok {
			return float64(v), nil
		}
		f, _ := new(big.Float).SetInt(x.Big()).Float64()
		return f, nil
	case *core.Bool:
		if o == th.Runtime().Bool(true) {
			return 1, nil
		}
		return 0, nil
	}
	return 0, th.Raise(th.RaiseType("TypeError"), msg)
}

// waitTimeout converts the timeout argument of a Python-level wait
// (Condition.wait, Event.wait, Thread.join, Queue.get): None means no
// limit, and a negative number no wait at all, as in CPython's
// threading.py, where such a timeout falls through to a non-blocking
// acquire.
func waitTimeout(th *core.Thread, o core.Object) (time.Duration, error) {
	if absentOrNone(th, o) {
		return core.Forever, nil
	}
	f, err := numberAsFloat(th, o, "'>' not supported between instances of '"+o.Type().Name()+"' and 'int'")
	if err != nil {
		return 0, err
	}
	if math.IsNaN(f) {
		return 0, th.Raise(th.RaiseType("ValueError"), "Invalid value NaN (not a number)")
	}
	if f <= 0 {
		return 0, nil
	}
	if f > timeoutMax {
		return 0, th.Raise(th.RaiseType("OverflowError"), "timeout value is too large")
	}
	return time.Duration(f * 1e9), nil
}

// timeoutMax is CPython's threading.TIMEOUT_MAX on Linux, in seconds.
const timeoutMax = float64(math.MaxInt64/1000) / 1e6

// asException returns err's exception, if it is one.
func exceptionOf(err error) (*core.Exception, bool) {
	var e *core.Exception
	ok := errors.As(err, &e)
	return e, ok
}
