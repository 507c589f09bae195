package core

import (
	"unsafe"

	"github.com/rwgil/rwgil/refcount"
)

// Classes deriving from the built-in types (class D(dict), class P(tuple),
// class S(str), ...). As in CPython, an instance of such a class is the
// built-in's own object -- a *Dict, a *Tuple, a *Str -- whose type is the
// class, followed by the instance's attribute dict. So everything that
// takes the built-in takes the instance too (PyDict_Check rather than
// PyDict_CheckExact): the base's methods, dict(D), json.dumps, a for loop.
//
// The exact built-ins pay nothing: the attribute dict is not a field of
// their structs but lives after the object, in an allocation of its own
// shape (subObj) that only instances of classes get, and a fast path
// tells the two apart by one flag of the object's type (typ.builtin). The
// protocol entry points (Len, GetItem, Repr, BinaryOp, ...) send an
// instance of a class through its type's special methods, as they do for
// a plain Instance, so overriding works; the base's slot wrappers
// (dict.__getitem__, int.__add__) run the built-in's own code, which is
// what an instance of a class that does not override gets, and what
// super().__getitem__(k) calls.

// subObj is the allocation of an instance of a class deriving from a
// built-in type T: T's object first, so that a *T points to the whole,
// then the instance's attribute dict (its __dict__).
type subObj[T any] struct {
	obj   T
	attrs *Dict
}

// attrsOf returns the attribute dict of p, which must be the object of a
// subObj[T] (its type is a class, not the built-in).
func attrsOf[T any](p *T) *Dict {
	return (*subObj[T])(unsafe.Pointer(p)).attrs
}

// subclassed reports whether o is an instance of a class deriving from a
// built-in type other than object: a built-in's object whose type is a
// class.
func subclassed(o Object) bool {
	switch x := o.(type) {
	case *Int:
		return !x.typ.builtin
	case *Str:
		return !x.typ.builtin
	case *Dict:
		return !x.typ.builtin
	case *List:
		return !x.typ.builtin
	case *Tuple:
		return !x.typ.builtin
	case *Float:
		return !x.typ.builtin
	case *Set:
		return !x.typ.builtin
	case *Bytes:
		return !x.typ.builtin
	}
	return false
}

// subAttrs returns the attribute dict of an instance of a class deriving
// from a built-in type, borrowed; nil for anything else.
func subAttrs(o Object) *Dict {
	switch x := o.(type) {
	case *Int:
		if !x.typ.builtin {
			return attrsOf(x)
		}
	case *Str:
		if !x.typ.builtin {
			return attrsOf(x)
		}
	case *Dict:
		if !x.typ.builtin {
			return attrsOf(x)
		}
	case *List:
		if !x.typ.builtin {
			return attrsOf(x)
		}
	case *Tuple:
		if !x.typ.builtin {
			return attrsOf(x)
		}
	case *Float:
		if !x.typ.builtin {
			return attrsOf(x)
		}
	case *Set:
		if !x.typ.builtin {
			return attrsOf(x)
		}
	case *Bytes:
		if !x.typ.builtin {
			return attrsOf(x)
		}
	}
	return nil
}

// releaseSub drops what an instance of a class deriving from a built-in
// holds beside the built-in's value: its attribute dict and its class.
// Dealloc calls it after untrack, which reads the type.
func releaseSub(t *Type, attrs *Dict, by *refcount.Owner) {
	decrefBy(attrs, by)
	decrefBy(t, by)
}

// subclassableBuiltins are the built-in types a class may derive from,
// besides object and the exceptions.
func (rt *Runtime) subclassableBuiltins() []*Type {
	ty := &rt.types
	return []*Type{ty.int_, ty.float, ty.str, ty.bytes, ty.bytearray, ty.tuple, ty.list, ty.dict, ty.set, ty.frozenset}
}

// mutableBuiltin reports whether t's __new__ makes an empty object that
// __init__ fills (list, dict, set, bytearray), rather than the whole
// value.
func (rt *Runtime) mutableBuiltin(t *Type) bool {
	ty := &rt.types
	return t == ty.list || t == ty.dict || t == ty.set || t == ty.bytearray
}

// newSubInstance returns a new reference to an instance of cls, a class
// deriving from the built-in base: an empty list, dict or set, or a copy
// of proto (an object of base: the value of an int, str, tuple, ...).
func (th *Thread) newSubInstance(cls, base *Type, proto Object) Object {
	attrs := th.NewDict()
	th.Incref(cls)
	var o Object
	ty := &th.rt.types
	switch base {
	case ty.list:
		s := &subObj[List]{attrs: attrs}
		s.obj.typ = cls
		o = &s.obj
	case ty.dict:
		s := &subObj[Dict]{attrs: attrs}
		s.obj.typ = cls
		o = &s.obj
	case ty.set, ty.frozenset:
		s := &subObj[Set]{attrs: attrs}
		s.obj.typ = cls
		o = &s.obj
		if p, ok := proto.(*Set); ok {
			// A frozenset's value: the keys go in before anyone sees it.
			th.track(o)
			keys := th.setKeys(p)
			for _, k := range keys {
				_ = th.SetAdd(&s.obj, k) // p's keys are hashable
			}
			th.decrefAll(keys)
			s.obj.frozen = true
			return o
		}
	case ty.int_:
		p := proto.(*Int)
		s := &subObj[Int]{attrs: attrs}
		s.obj.v, s.obj.big = p.v, p.big
		s.obj.typ = cls
		o = &s.obj
	case ty.float:
		s := &subObj[Float]{attrs: attrs}
		s.obj.v = proto.(*Float).v
		s.obj.typ = cls
		o = &s.obj
	case ty.str:
		p := proto.(*Str)
		s := &subObj[Str]{attrs: attrs}
		s.obj.s, s.obj.ascii = p.s, p.ascii
		s.obj.typ = cls
		o = &s.obj
	case ty.bytearray:
		s := &subObj[Bytes]{attrs: attrs}
		s.obj.mutable = true
		s.obj.typ = cls
		o = &s.obj
	case ty.bytes:
		p := proto.(*Bytes)
		s := &subObj[Bytes]{attrs: attrs}
		s.obj.b = append([]byte(nil), p.b...)
		s.obj.charged = int64(cap(s.obj.b))
		s.obj.typ = cls
		o = &s.obj
	case ty.tuple:
		p := proto.(*Tuple)
		s := &subObj[Tuple]{attrs: attrs}
		s.obj.items = make([]Object, len(p.items))
		for i, it := range p.items {
			s.obj.items[i] = th.newRef(it)
		}
		s.obj.typ = cls
		o = &s.obj
	default:
		panic("core: newSubInstance of " + base.name)
	}
	th.track(o)
	return o
}

// exactCopy returns a new reference to o if its type is the built-in
// itself, or else to a copy of its value as the built-in (int(MyInt(3))
// is the int 3, tuple(P(...)) a tuple).
func (th *Thread) exactCopy(o Object) Object {
	if !subclassed(o) {
		return th.newRef(o)
	}
	switch x := o.(type) {
	case *Int:
		if x.big != nil {
			return th.NewBigInt(x.big)
		}
		return th.NewInt(x.v)
	case *Float:
		return th.NewFloat(x.v)
	case *Str:
		return th.NewStr(x.s)
	case *Bytes:
		return th.NewBytes(append([]byte(nil), x.b...))
	case *Tuple:
		items := make([]Object, len(x.items))
		for i, it := range x.items {
			items[i] = th.newRef(it)
		}
		return th.NewTuple(items)
	}
	return th.newRef(o)
}

// builtinNew is the __new__ of a built-in type a class may derive from:
// base.__new__(cls, *args, **kwargs). For cls the built-in itself it is
// the built-in's constructor (an empty object for list, dict and set,
// whose __init__ fills them); for a class, an instance of it.
func builtinNew(base *Type) BuiltinFunc {
	return func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		exc := &th.rt.types.exc
		if len(args) == 0 {
			return nil, th.Raisef(exc.TypeError, "%s.__new__(): not enough arguments", base.name)
		}
		cls, ok := args[0].(*Type)
		if !ok {
			return nil, th.Raisef(exc.TypeError, "%s.__new__(X): X is not a type object (%s)", base.name, args[0].Type().name)
		}
		if !cls.IsSubtype(base) {
			return nil, th.Raisef(exc.TypeError, "%s.__new__(%s): %s is not a subtype of %s", base.name, cls.name, cls.name, base.name)
		}
		if cls.solid != base.solid {
			return nil, th.Raisef(exc.TypeError, "%s.__new__(%s) is not safe, use %s.__new__()", base.name, cls.name, cls.solid.name)
		}
		if th.rt.mutableBuiltin(base) {
			if cls == base {
				return base.construct(th, nil, nil)
			}
			return th.newSubInstance(cls, base, nil), nil
		}
		r, err := base.construct(th, args[1:], kw)
		if err != nil || cls == base {
			return r, err
		}
		o := th.newSubInstance(cls, base, r)
		th.Decref(r)
		return o, nil
	}
}

// dictInitMethod is dict.__init__(self, [mapping or iterable], **kwargs):
// D.update's work, for dict(...) and the __init__ of a dict's subclass.
func dictInitMethod(th *Thread, args []Object, kw map[string]Object) (Object, error) {
	d := self[*Dict](args)
	if err := th.atMostOneArg("dict", args[1:]); err != nil {
		return nil, err
	}
	if err := th.dictFill(d, args[1:], kw); err != nil {
		return nil, err
	}
	return th.rt.None, nil
}

// dictFill adds to d the pairs of args[0] (a mapping or an iterable of
// pairs) and then the keyword arguments, in their order.
func (th *Thread) dictFill(d *Dict, args []Object, kw map[string]Object) error {
	names := th.keywordNames(kw)
	if len(args) == 1 {
		if err := th.dictUpdateFrom(d, args[0]); err != nil {
			return err
		}
	}
	for _, k := range names {
		if err := th.DictSetStr(d, k, kw[k]); err != nil {
			return err
		}
	}
	return nil
}

// listInitMethod is list.__init__(self, iterable=()): the list becomes
// the iterable's items.
func listInitMethod(th *Thread, args []Object, kw map[string]Object) (Object, error) {
	l := self[*List](args)
	if err := th.checkKwargs("list", kw); err != nil {
		return nil, err
	}
	if err := th.atMostOneArg("list", args[1:]); err != nil {
		return nil, err
	}
	var items []Object
	if len(args) == 2 {
		var err error
		if items, err = th.collect(args[1]); err != nil {
			return nil, err
		}
	}
	th.beginCS(l)
	old := l.items
	l.items = items
	th.listResized(l)
	th.endCS()
	th.decrefAll(old)
	return th.rt.None, nil
}

// setInitMethod is set.__init__(self, iterable=()): the set becomes the
// iterable's items.
func setInitMethod(th *Thread, args []Object, kw map[string]Object) (Object, error) {
	s := self[*Set](args)
	if err := th.checkKwargs("set", kw); err != nil {
		return nil, err
	}
	if err := th.atMostOneArg("set", args[1:]); err != nil {
		return nil, err
	}
	var items []Object
	if len(args) == 2 {
		var err error
		if items, err = th.collect(args[1]); err != nil {
			return nil, err
		}
		defer th.decrefAll(items)
	}
	th.beginCS(s)
	es := s.takeAll()
	th.endCS()
	for _, e := range es {
		th.Decref(e.key)
	}
	for _, it := range items {
		if err := th.SetAdd(s, it); err != nil {
			return nil, err
		}
	}
	return th.rt.None, nil
}

// bytearrayInitMethod is bytearray.__init__(self, source, encoding,
// errors): the bytearray becomes the bytes of source.
func bytearrayInitMethod(th *Thread, args []Object, kw map[string]Object) (Object, error) {
	b := self[*Bytes](args)
	data, err := th.bytesArgs("bytearray", args[1:], kw)
	if err != nil {
		return nil, err
	}
	th.beginCS(b)
	b.b = data
	th.bytesResized(b)
	th.endCS()
	return th.rt.None, nil
}

// nativeMethod reports whether fn, a special method found on the type of
// an instance of a class deriving from a built-in, is the built-in's own
// (the class does not override it), so that the built-in's Go code can
// run directly.
func nativeMethod(fn Object) bool {
	b, ok := fn.(*Builtin)
	return ok && b.owner != nil && b.owner.builtin && b.owner.solid != b.owner.rt.types.object
}

// subOverride returns a new reference to the special method name of
// o's type when a class overrides the built-in's; nil when the
// built-in's own (or object's default) applies.
func (th *Thread) subOverride(o Object, name string) Object {
	fn := o.Type().lookup(th, name)
	if fn == nil {
		return nil
	}
	if nativeMethod(fn) || th.isObjectSlot(fn, name) {
		th.Decref(fn)
		return nil
	}
	return fn
}

// truthSub is bool(o) for an instance of a class deriving from a
// built-in: the class's __bool__, else its __len__, else the built-in's
// truth.
func (th *Thread) truthSub(o Object) (bool, error) {
	if fn := th.subOverride(o, "__bool__"); fn != nil {
		defer th.Decref(fn)
		if fn == th.rt.None {
			return false, th.Raisef(th.rt.types.exc.TypeError, "'%s' object is not callable", "NoneType")
		}
		r, err := th.callSpecial(fn, o)
		if err != nil {
			return false, err
		}
		defer th.Decref(r)
		b, ok := r.(*Bool)
		if !ok {
			return false, th.Raisef(th.rt.types.exc.TypeError, "__bool__ should return bool, returned %s", r.Type().name)
		}
		return b.v, nil
	}
	if fn := th.subOverride(o, "__len__"); fn != nil {
		th.Decref(fn)
		n, err := th.Len(o)
		return n > 0, err
	}
	switch x := o.(type) {
	case *Int:
		return x.v != 0 || x.big != nil, nil
	case *Float:
		return x.v != 0, nil
	case *Str:
		return x.s != "", nil
	case *Tuple:
		return len(x.items) > 0, nil
	case *List:
		return th.ListLen(x) > 0, nil
	case *Dict:
		return th.dictLen(x) > 0, nil
	case *Set:
		return th.setLen(x) > 0, nil
	case *Bytes:
		return len(x.b) > 0, nil
	}
	return true, nil
}

// hashSub is hash(o) for an instance of a class deriving from a
// built-in: the class's __hash__ (None: unhashable), else the
// built-in's.
func (th *Thread) hashSub(o Object) (int64, error) {
	fn := th.lookupSpecial(o, "__hash__")
	if fn == nil || fn == th.rt.None {
		th.XDecref(fn)
		return 0, th.Raisef(th.rt.types.exc.TypeError, "unhashable type: '%s'", o.Type().name)
	}
	defer th.Decref(fn)
	if nativeMethod(fn) {
		return th.hashNative(o)
	}
	if th.isObjectSlot(fn, "__hash__") {
		return identityHash(o), nil
	}
	r, err := th.callSpecial(fn, o)
	if err != nil {
		return 0, err
	}
	defer th.Decref(r)
	v, b, ok := intValue(r)
	if !ok {
		return 0, th.Raise(th.rt.types.exc.TypeError, "__hash__ method should return an integer")
	}
	if b != nil {
		return intHash(v, b), nil
	}
	if v == -1 {
		v = -2
	}
	return v, nil
}

// reprSub is repr(o) for an instance of a class deriving from a
// built-in: the class's __repr__, else the built-in's (a dict's subclass
// prints as a dict).
func (th *Thread) reprSub(o Object) (string, error) {
	fn := th.subOverride(o, "__repr__")
	if fn == nil {
		return th.reprNative(o)
	}
	defer th.Decref(fn)
	r, err := th.callSpecial(fn, o)
	if err != nil {
		return "", err
	}
	defer th.Decref(r)
	s, ok := r.(*Str)
	if !ok {
		return "", th.Raisef(th.rt.types.exc.TypeError, "__repr__ returned non-string (type %s)", r.Type().name)
	}
	return s.s, nil
}

// subclassMethods are what initMethods adds to the dicts of the built-in
// types a class may derive from: __new__, the __init__ of list, dict and
// set, __repr__ (and str's __str__) for super().__repr__(), and
// __hash__ = None for the unhashable ones.
func (rt *Runtime) addSubclassMethods(tables map[*Type]*typeTable) {
	ty := &rt.types
	reprMethod := method{"__repr__", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("__repr__", args, kw, 0, 0); err != nil {
			return nil, err
		}
		s, err := th.reprNative(args[0])
		if err != nil {
			return nil, err
		}
		return th.NewStr(s), nil
	}}
	for _, t := range rt.subclassableBuiltins() {
		tab := tables[t]
		if tab == nil {
			tab = &typeTable{}
			tables[t] = tab
		}
		tab.methods = append(append([]method(nil), tab.methods...), reprMethod)
		tab.staticMethods = append(append([]method(nil), tab.staticMethods...), method{"__new__", builtinNew(t)})
		switch t {
		case ty.dict:
			tab.methods = append(tab.methods, method{"__init__", dictInitMethod})
		case ty.list:
			tab.methods = append(tab.methods, method{"__init__", listInitMethod})
		case ty.set:
			tab.methods = append(tab.methods, method{"__init__", setInitMethod})
		case ty.bytearray:
			tab.methods = append(tab.methods, method{"__init__", bytearrayInitMethod})
		case ty.str:
			tab.methods = append(tab.methods, method{"__str__", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
				if err := th.methodArgs("__str__", args, kw, 0, 0); err != nil {
					return nil, err
				}
				return th.exactCopy(args[0]), nil
			}})
		}
	}
}

// staticBase is the class CPython's tp_new_wrapper names in "X.__new__(C)
// is not safe, use B.__new__()": the first class of C's base chain whose
// __new__ is not defined in Python.
func (th *Thread) staticBase(t *Type) *Type {
	for t.base != nil && !t.builtin {
		fn := th.dictGetStr(t.dict, "__new__")
		if fn == nil {
			return t
		}
		s, ok := fn.(*StaticMethod)
		th.Decref(fn)
		if !ok {
			return t
		}
		if _, py := s.fn.(*Function); !py {
			return t
		}
		t = t.base
	}
	return t
}
