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
	if i.typ.native {
		i.releaseNative(by)
	}
	i.release(by)
}

// release drops what every instance holds: its dict (object() has none)
// and its class.
func (i *Instance) release(by *refcount.Owner) {
	if i.dict != nil {
		decrefBy(i.dict, by)
	}
	if !i.typ.builtin {
		decrefBy(i.typ, by)
	}
}

// Describe implements refcount.Object.
func (i *Instance) Describe() string { return describe(i) }

// newInstance makes an instance of the class t, without running
// __init__: an Instance with an empty dict, or an Exception with no
// arguments for an exception class.
func (th *Thread) newInstance(t *Type) Object {
	if t.exception {
		return th.newException(t, th.rt.emptyTuple)
	}
	var i *Instance
	if t == th.rt.types.object {
		i = &Instance{}
	} else {
		i = th.newInstanceWithDict(int(t.instAttrs.Load()))
	}
	i.typ = t
	if !t.builtin {
		th.Incref(t)
	}
	th.track(i)
	return i
}

// newInstanceWithDict returns an instance (its class not yet set) with
// a new dict, sized for n attributes: what its class's instances have
// had. For up to 5 the instance, the dict, its index and its entries are
// one allocation instead of four, no larger than the four were (the
// index has 4 slots for up to 2 entries and 8 for up to 5, as the
// table's 2/3 load factor allows); past that, or once the dict grows, the
// table allocates as any other does, and the inline arrays go unused.
// The dict may outlive the instance (o.__dict__ kept): the allocation
// stays alive as long as either is referred to.
func (th *Thread) newInstanceWithDict(n int) *Instance {
	var i *Instance
	var d *Dict
	var index []int32
	var entries []entry
	switch n {
	case 0:
		s := new(struct {
			Instance
			d Dict
		})
		i, d = &s.Instance, &s.d
	case 1:
		s := new(struct {
			Instance
			d       Dict
			index   [4]int32
			entries [1]entry
		})
		i, d, index, entries = &s.Instance, &s.d, s.index[:], s.entries[:0]
	case 2:
		s := new(struct {
			Instance
			d       Dict
			index   [4]int32
			entries [2]entry
		})
		i, d, index, entries = &s.Instance, &s.d, s.index[:], s.entries[:0]
	case 3:
		s := new(struct {
			Instance
			d       Dict
			index   [8]int32
			entries [3]entry
		})
		i, d, index, entries = &s.Instance, &s.d, s.index[:], s.entries[:0]
	case 4:
		s := new(struct {
			Instance
			d       Dict
			index   [8]int32
			entries [4]entry
		})
		i, d, index, entries = &s.Instance, &s.d, s.index[:], s.entries[:0]
	case 5:
		s := new(struct {
			Instance
			d       Dict
			index   [8]int32
			entries [5]entry
		})
		i, d, index, entries = &s.Instance, &s.d, s.index[:], s.entries[:0]
	default:
		i, d = &Instance{}, &Dict{}
		d.reserve(n)
	}
	if index != nil {
		for k := range index {
			index[k] = slotFree
		}
		d.index, d.entries = index, entries
	}
	d.typ = th.rt.types.dict
	th.track(d)
	if n > 0 && th.rt.memOn() {
		th.memResize(&d.charged, d.storage())
	}
	i.dict = d
	return i
}

// NewClass returns a new reference to a class called name deriving from
// bases (none: object), whose attributes are copied from ns (borrowed),
// as type(name, bases, ns) makes it: with the C3 mro, __set_name__ called
// on the attributes that define it and the bases' __init_subclass__ run.
// module is __module__ when ns does not set one ("": the __name__ of the
// running frame's globals).
func (th *Thread) NewClass(name string, bases []*Type, ns *Dict, module string) (*Type, error) {
	return th.newClass(name, bases, ns, module, nil)
}

// newClass is NewClass with the class keywords passed to
// __init_subclass__.
func (th *Thread) newClass(name string, bases []*Type, ns *Dict, module string, kw map[string]Object) (*Type, error) {
	rt := th.rt
	exc := &rt.types.exc
	if len(bases) == 0 {
		bases = []*Type{rt.types.object}
	}
	for _, b := range bases {
		if b.builtin && !b.subclassable {
			return nil, th.Raisef(exc.TypeError, "type '%s' is not an acceptable base type", b.name)
		}
	}
	base, err := th.bestBase(bases)
	if err != nil {
		return nil, err
	}
	t := &Type{rt: rt, name: name, qualname: name, base: base, exception: base.exception, solid: base.solid, native: base.native, module: module,
		basicSize: max(base.basicSize, int64(unsafe.Sizeof(Instance{})))}
	t.bases = append([]*Type(nil), bases...)
	if t.mro, err = th.computeMRO(t, t.bases); err != nil {
		return nil, err
	}
	t.dict = th.NewDict()
	fail := func(err error) (*Type, error) {
		th.Decref(t.dict)
		return nil, err
	}
	if ns != nil {
		if err := th.dictUpdate(t.dict, ns); err != nil {
			return fail(err)
		}
	}
	if m := th.dictGetStr(t.dict, "__module__"); m != nil {
		if s, ok := m.(*Str); ok {
			t.module = s.s
		}
		th.Decref(m)
	} else {
		set := true
		if t.module == "" {
			t.module, set = th.currentModuleName()
		}
		if set {
			if err := th.DictSetStr(t.dict, "__module__", rt.Intern(t.module)); err != nil {
				return fail(err)
			}
		}
	}
	if q := th.dictGetStr(t.dict, "__qualname__"); q != nil {
		s, ok := q.(*Str)
		th.Decref(q)
		if !ok {
			return fail(th.Raisef(exc.TypeError, "type __qualname__ must be a str, not %s", q.Type().name))
		}
		t.qualname = s.s
		th.dictDelStr(t.dict, "__qualname__")
	}
	th.dictDelStr(t.dict, "__classcell__")
	// The first class with an instance dict in the mro says so, as
	// CPython's __dict__ and __weakref__ descriptors do.
	if !base.exception {
		for _, g := range []getSetDef{{"__dict__", instanceDictGet, instanceDictSet}, weakrefGetSet} {
			if v := th.dictGetStr(t.dict, g.name); v != nil {
				th.Decref(v)
				continue
			}
			gs := &getSet{name: g.name, owner: t, get: g.get, set: g.set, counted: true}
			gs.typ = rt.types.getset
			th.track(gs)
			err := th.DictSetStr(t.dict, g.name, gs)
			th.Decref(gs)
			if err != nil {
				return fail(err)
			}
		}
	}
	if d := th.dictGetStr(t.dict, "__doc__"); d != nil {
		th.Decref(d)
	} else if err := th.DictSetStr(t.dict, "__doc__", rt.None); err != nil {
		return fail(err)
	}
	// __new__ is a static method, __init_subclass__ and
	// __class_getitem__ class methods, even without the decorator.
	for _, w := range []struct {
		name   string
		static bool
	}{{"__new__", true}, {"__init_subclass__", false}, {"__class_getitem__", false}} {
		f := th.dictGetStr(t.dict, w.name)
		if f == nil {
			continue
		}
		if fn, ok := f.(*Function); ok {
			var wrapped Object
			if w.static {
				wrapped = th.newStaticMethod(fn)
			} else {
				wrapped = th.newClassMethod(fn)
			}
			err := th.DictSetStr(t.dict, w.name, wrapped)
			th.Decref(wrapped)
			if err != nil {
				th.Decref(f)
				return fail(err)
			}
		}
		th.Decref(f)
	}
	// A class that defines __eq__ but not __hash__ is unhashable.
	if eq := th.dictGetStr(t.dict, "__eq__"); eq != nil {
		th.Decref(eq)
		if h := th.dictGetStr(t.dict, "__hash__"); h != nil {
			th.Decref(h)
		} else if err := th.DictSetStr(t.dict, "__hash__", rt.None); err != nil {
			return fail(err)
		}
	}
	for _, c := range t.mro[1:] {
		if !c.builtin {
			th.Incref(c)
		}
	}
	t.id = rt.registerType(t)
	t.typ = rt.types.typ
	t.addSubclass()
	th.track(t)
	if err := th.initClass(t, kw); err != nil {
		th.Decref(t)
		return nil, err
	}
	return t, nil
}

// initClass calls __set_name__ on the new class's attributes that define
// it, then the bases' __init_subclass__ with the class keywords.
func (th *Thread) initClass(t *Type, kw map[string]Object) error {
	keys, values := th.dictItems(t.dict)
	defer th.decrefAll(keys)
	defer th.decrefAll(values)
	for i, k := range keys {
		v := values[i]
		if _, isType := v.(*Type); isType {
			continue
		}
		r, _, err := th.callDunder(v, "__set_name__", t, k)
		if err != nil {
			return err
		}
		th.XDecref(r)
	}
	fn := t.lookupAfter(th, t, "__init_subclass__")
	if fn == nil {
		return nil
	}
	defer th.Decref(fn)
	bound, err := th.descrGet(fn, nil, t)
	if err != nil {
		return err
	}
	defer th.Decref(bound)
	r, err := th.Call(bound, nil, kw)
	th.XDecref(r)
	return err
}

// currentModuleName is the __name__ of the running frame's globals, for
// classes made by type(name, bases, dict); ok is false (and the name
// "builtins") when there is none, and then the class gets no __module__,
// as in CPython.
func (th *Thread) currentModuleName() (string, bool) {
	if th.frame != nil {
		if m := th.dictGetStr(th.frame.globals, "__name__"); m != nil {
			defer th.Decref(m)
			if s, ok := m.(*Str); ok {
				return s.s, true
			}
		}
	}
	return "builtins", false
}

// instantiate calls a class: a built-in type's constructor, or the
// class's __new__ and then, if __new__ made an instance of the class, its
// __init__, as type.__call__ does.
func (th *Thread) instantiate(t *Type, args []Object, kwargs map[string]Object) (Object, error) {
	rt := th.rt
	exc := &rt.types.exc
	if t.builtin && !t.exception && t != rt.types.object {
		if t.construct == nil {
			return nil, th.Raisef(exc.TypeError, "cannot create '%s' instances", t.name)
		}
		return t.construct(th, args, kwargs)
	}
	newFn := t.lookup(th, "__new__")
	if newFn == nil {
		return nil, th.Raisef(exc.TypeError, "cannot create '%s' instances", t.name)
	}
	initFn := t.lookup(th, "__init__")
	o, err := th.construct(t, newFn, initFn, args, kwargs)
	th.XDecref(initFn)
	return o, err
}

// construct is instantiate for a class with a __new__: it takes over
// the reference newFn; initFn (nil: none) it borrows from instantiate,
// which drops it after. (A defer in instantiate for it went over the Go
// compiler's limit for open-coded defers, with these many returns, and
// every instantiation paid for the runtime's deferred call.)
func (th *Thread) construct(t *Type, newFn, initFn Object, args []Object, kwargs map[string]Object) (Object, error) {
	rt := th.rt
	exc := &rt.types.exc
	defaultNew := th.isDefaultNew(newFn)
	defaultInit := initFn == nil || th.isObjectSlot(initFn, "__init__")
	var o Object
	if defaultNew {
		th.Decref(newFn)
		excess := len(args)+len(kwargs) > 0
		if excess && !t.exception && defaultInit {
			return nil, th.Raisef(exc.TypeError, "%s() takes no arguments", t.name)
		}
		o = th.newInstance(t)
		if e, ok := o.(*Exception); ok {
			th.setArgs(e, args)
			if ot := th.osErrorSubclass(t, args); ot != nil {
				th.Decref(o)
				o = th.newException(ot, th.Pack(args...))
			}
		}
	} else {
		f, err := th.descrGet(newFn, nil, t)
		th.Decref(newFn)
		if err != nil {
			return nil, err
		}
		o, err = th.Call(f, append([]Object{t}, args...), kwargs)
		th.Decref(f)
		if err != nil {
			return nil, err
		}
		if !o.Type().IsSubtype(t) {
			return o, nil
		}
		if o.Type() != t {
			sub := o.Type().lookup(th, "__init__")
			defer th.XDecref(sub)
			initFn = sub
			defaultInit = initFn == nil || th.isObjectSlot(initFn, "__init__")
		}
	}
	if defaultInit {
		if len(args)+len(kwargs) > 0 && !defaultNew {
			return o, nil
		}
		return o, nil
	}
	r, err := th.callSpecialKw(initFn, o, args, kwargs)
	if err != nil {
		th.Decref(o)
		return nil, err
	}
	notNone, what := r != rt.None, r.Type().name
	th.Decref(r)
	if notNone {
		th.Decref(o)
		return nil, th.Raisef(exc.TypeError, "__init__() should return None, not '%s'", what)
	}
	return o, nil
}

// isDefaultNew reports whether fn, found as a class's __new__, is
// object.__new__ or BaseException.__new__.
func (th *Thread) isDefaultNew(fn Object) bool {
	s, ok := fn.(*StaticMethod)
	if !ok {
		return false
	}
	b, ok := s.fn.(*Builtin)
	return ok && (b == th.rt.objectNew || b == th.rt.excNew)
}

// osErrorSubclass is the subclass OSError(errno, strerror, ...) makes for
// errno, when t is OSError itself; nil otherwise.
func (th *Thread) osErrorSubclass(t *Type, args []Object) *Type {
	exc := &th.rt.types.exc
	if t != exc.OSError || len(args) < 2 || len(args) > 5 {
		return nil
	}
	v, b, ok := intValue(args[0])
	if !ok || b != nil {
		return nil
	}
	return exc.osErrnoClass(v)
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
	// owner is the type a method belongs to (nil for functions): called
	// through the type, its first argument must be an instance of it.
	owner *Type
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

// immortalMethod makes a method of the built-in type owner.
func (rt *Runtime) immortalMethod(owner *Type, name string, fn BuiltinFunc) *Builtin {
	b := &Builtin{name: name, fn: fn, method: true, owner: owner}
	b.typ = rt.types.methodDescr
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
