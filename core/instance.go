package core

import (
	"unsafe"

	"github.com/rwgil/rwgil/refcount"
)

// Instance is an instance of a user-defined class: its class and its
// attribute dict. x.field = y is a dict store, atomic in the dict's
// critical section.
type Instance struct {
	Header
	dict *Dict
}

// Dealloc implements refcount.Object.
func (i *Instance) Dealloc(by *refcount.Owner) {
	untrack(i, by)
	i.release(by)
}

// release drops what every instance holds: its dict and its class.
func (i *Instance) release(by *refcount.Owner) {
	decrefBy(i.dict, by)
	if !i.typ.builtin {
		decrefBy(i.typ, by)
	}
}

// Describe implements refcount.Object.
func (i *Instance) Describe() string { return describe(i) }

// newInstance makes an instance of the user class t, without running
// __init__.
func (th *Thread) newInstance(t *Type) Object {
	if t.exception {
		return th.newException(t, th.rt.emptyTuple)
	}
	i := &Instance{dict: th.NewDict()}
	i.typ = t
	th.Incref(t)
	th.track(i)
	return i
}

// NewClass returns a new reference to a class called name deriving from
// base (nil: object), whose attributes are copied from ns (borrowed).
func (th *Thread) NewClass(name string, base *Type, ns *Dict, module string) (*Type, error) {
	rt := th.rt
	if base == nil {
		base = rt.types.object
	}
	if base.builtin && base != rt.types.object && !base.exception {
		return nil, th.Raisef(rt.types.exc.TypeError, "rwgil classes can derive only from object, an exception class or another class, not from %s", base.name)
	}
	t := &Type{rt: rt, name: name, base: base, exception: base.exception, module: module, basicSize: max(base.basicSize, int64(unsafe.Sizeof(Instance{})))}
	t.id = rt.registerType(t)
	t.typ = rt.types.typ
	t.dict = th.NewDict()
	if ns != nil {
		if err := th.dictUpdate(t.dict, ns); err != nil {
			th.Decref(t.dict)
			return nil, err
		}
	}
	if !base.builtin {
		th.Incref(base)
	}
	th.track(t)
	return t, nil
}

// instantiate calls a class: a built-in type's constructor, or a new
// instance of a user class with __init__ run on it.
func (th *Thread) instantiate(t *Type, args []Object, kwargs map[string]Object) (Object, error) {
	if t.builtin && !t.exception && t != th.rt.types.object {
		if t.construct == nil {
			return nil, th.Raisef(th.rt.types.exc.TypeError, "cannot create '%s' instances", t.name)
		}
		return t.construct(th, args, kwargs)
	}
	o := th.newInstance(t)
	if e, ok := o.(*Exception); ok {
		th.Decref(e.args)
		e.args = th.Pack(args...)
	}
	init := t.lookup(th, "__init__")
	if init == nil {
		if len(args)+len(kwargs) > 0 && !t.exception {
			th.Decref(o)
			return nil, th.Raisef(th.rt.types.exc.TypeError, "%s() takes no arguments", t.name)
		}
		return o, nil
	}
	defer th.Decref(init)
	r, err := th.Call(init, append([]Object{o}, args...), kwargs)
	if err != nil {
		th.Decref(o)
		return nil, err
	}
	defer th.Decref(r)
	if r != th.rt.None {
		th.Decref(o)
		return nil, th.Raisef(th.rt.types.exc.TypeError, "__init__() should return None, not '%s'", r.Type().name)
	}
	return o, nil
}

// BoundMethod is a function bound to the object it was looked up on.
type BoundMethod struct {
	Header
	self, fn Object
}

// Dealloc implements refcount.Object.
func (m *BoundMethod) Dealloc(by *refcount.Owner) {
	untrack(m, by)
	decrefBy(m.self, by)
	decrefBy(m.fn, by)
}

// Describe implements refcount.Object.
func (m *BoundMethod) Describe() string { return describe(m) }

// newBoundMethod binds fn to self (both borrowed).
func (th *Thread) newBoundMethod(self, fn Object) Object {
	m := &BoundMethod{self: th.newRef(self), fn: th.newRef(fn)}
	m.typ = th.rt.types.method
	th.track(m)
	return m
}

// BuiltinFunc is a function written in Go: args and kwargs are borrowed,
// the result is a new reference. kwargs is nil when there are none.
type BuiltinFunc func(th *Thread, args []Object, kwargs map[string]Object) (Object, error)

// Builtin is a function written in Go. A method of a built-in type
// (method set) binds to the instance it is looked up on, which it
// receives as args[0].
type Builtin struct {
	Header
	name   string
	fn     BuiltinFunc
	method bool
	// module is the defining module's name ("" for methods).
	module string
}

// Dealloc implements refcount.Object.
func (b *Builtin) Dealloc(by *refcount.Owner) { untrack(b, by) }

// Describe implements refcount.Object.
func (b *Builtin) Describe() string { return describe(b) }

// Name returns the function's name.
func (b *Builtin) Name() string { return b.name }

// NewBuiltin returns a new reference to a Go function object.
func (th *Thread) NewBuiltin(name string, fn BuiltinFunc) *Builtin {
	b := &Builtin{name: name, fn: fn}
	b.typ = th.rt.types.builtin
	th.track(b)
	return b
}

// immortalBuiltin makes a built-in function of the runtime itself.
func (rt *Runtime) immortalBuiltin(name string, fn BuiltinFunc, method bool) *Builtin {
	b := &Builtin{name: name, fn: fn, method: method, module: "builtins"}
	b.typ = rt.types.builtin
	rt.rc.InitImmortal(b)
	return b
}

// Module is a module object: a name and a dict of globals.
type Module struct {
	Header
	name string
	dict *Dict
	// ported: calls into the module's functions need no promotion (always
	// true but for unported extension modules).
	ported bool
}

// Dealloc implements refcount.Object.
func (m *Module) Dealloc(by *refcount.Owner) {
	untrack(m, by)
	decrefBy(m.dict, by)
}

// Describe implements refcount.Object.
func (m *Module) Describe() string { return "module " + m.name }

// Name returns the module's name.
func (m *Module) Name() string { return m.name }

// Dict returns the module's globals, borrowed.
func (m *Module) Dict() *Dict { return m.dict }

// NewModule returns a new reference to an empty module called name.
func (th *Thread) NewModule(name string) *Module {
	m := &Module{name: name, dict: th.NewDict(), ported: true}
	m.typ = th.rt.types.module
	th.track(m)
	_ = th.DictSetStr(m.dict, "__name__", th.rt.Intern(name))
	return m
}
