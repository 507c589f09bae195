package core

import (
	"fmt"
	"math"
	"math/big"
	"strings"
	"unsafe"
)

// Special methods. A class's instances dispatch the special methods the
// class (or a base) defines: they are looked up on the type, never on the
// instance (CPython's _PyType_Lookup), and a found attribute binds as a
// descriptor would -- a function gets the instance as self, a
// staticmethod does not, a classmethod gets the class. Built-in objects
// take Go fast paths, and object's own defaults (object.__eq__, ...) are
// Go functions in object's dict, so that super().__eq__ and
// object.__setattr__ work as in CPython.

// lookupSpecial finds a special method on o's type: a new reference, or
// nil.
func (th *Thread) lookupSpecial(o Object, name string) Object {
	return o.Type().lookup(th, name)
}

// isObjectSlot reports whether fn, found on a type, is object's own
// default (the class does not override it).
func (th *Thread) isObjectSlot(fn Object, name string) bool {
	b, ok := fn.(*Builtin)
	return ok && b.owner == th.rt.types.object && b.name == name
}

// callSpecial calls fn, a special method found on self's type, for self,
// binding it as the descriptor protocol does.
func (th *Thread) callSpecial(fn, self Object, args ...Object) (Object, error) {
	switch f := fn.(type) {
	case *Function:
		return th.callMethod(f, self, args, nil)
	case *Builtin:
		if f.method {
			return th.Call(f, append([]Object{self}, args...), nil)
		}
		return th.Call(f, args, nil)
	case *StaticMethod:
		return th.Call(f.fn, args, nil)
	case *ClassMethod:
		return th.Call(f.fn, append([]Object{self.Type()}, args...), nil)
	case *Instance, *Exception:
		if th.kindOf(f) != plainAttr {
			bound, err := th.descrGet(f, self, self.Type())
			if err != nil {
				return nil, err
			}
			defer th.Decref(bound)
			return th.Call(bound, args, nil)
		}
	}
	return th.Call(fn, args, nil)
}

// callDunder calls o's type's special method name with args; found is
// false (and nothing is called) if the type does not have it.
func (th *Thread) callDunder(o Object, name string, args ...Object) (r Object, found bool, err error) {
	fn := th.lookupSpecial(o, name)
	if fn == nil {
		return nil, false, nil
	}
	defer th.Decref(fn)
	if fn == th.rt.None {
		return nil, false, nil
	}
	r, err = th.callSpecial(fn, o, args...)
	return r, true, err
}

// callDunderIfDefined is callDunder for code that reads (nil, nil) as
// "no such method, or it returned NotImplemented".
func (th *Thread) callDunderIfDefined(o Object, name string, args ...Object) (Object, error) {
	r, found, err := th.callDunder(o, name, args...)
	if err != nil || !found {
		return nil, err
	}
	if r == th.rt.NotImplemented {
		return nil, nil
	}
	return r, nil
}

// specialBound is o's special method name bound to o (CPython's
// _PyObject_LookupSpecial, which BEFORE_WITH uses for __enter__ and
// __exit__): a new reference, or ok false if o's type lacks it.
func (th *Thread) specialBound(o Object, name string) (bound Object, ok bool, err error) {
	fn := th.lookupSpecial(o, name)
	if fn == nil {
		return nil, false, nil
	}
	defer th.Decref(fn)
	switch th.kindOf(fn) {
	case plainAttr:
		return th.newRef(fn), true, nil
	}
	bound, err = th.descrGet(fn, o, o.Type())
	return bound, err == nil, err
}

// binds reports whether fn, found on a class, binds to instances.
func binds(fn Object) bool {
	switch f := fn.(type) {
	case *Function:
		return true
	case *Builtin:
		return f.method
	}
	return false
}

// Truth is bool(o).
func (th *Thread) Truth(o Object) (bool, error) {
	switch x := o.(type) {
	case *Bool:
		return x.v, nil
	case *Int:
		if !x.typ.builtin {
			return th.truthSub(o)
		}
		return x.v != 0 || x.big != nil, nil
	case *Float:
		if !x.typ.builtin {
			return th.truthSub(o)
		}
		return x.v != 0, nil
	case *Str:
		if !x.typ.builtin {
			return th.truthSub(o)
		}
		return x.s != "", nil
	case *Tuple:
		if !x.typ.builtin {
			return th.truthSub(o)
		}
		return len(x.items) > 0, nil
	case *List:
		if !x.typ.builtin {
			return th.truthSub(o)
		}
		return th.ListLen(x) > 0, nil
	case *Dict:
		if !x.typ.builtin {
			return th.truthSub(o)
		}
		return th.dictLen(x) > 0, nil
	case *Set:
		if !x.typ.builtin {
			return th.truthSub(o)
		}
		return th.setLen(x) > 0, nil
	case *Bytes:
		if !x.typ.builtin {
			return th.truthSub(o)
		}
		return len(x.b) > 0, nil
	case *singleton:
		return x != th.rt.None, nil
	case *Range:
		return x.length() > 0, nil
	case *Instance, *Exception:
		r, found, err := th.callDunder(o, "__bool__")
		if err != nil {
			return false, err
		}
		if found {
			defer th.Decref(r)
			b, ok := r.(*Bool)
			if !ok {
				return false, th.Raisef(th.rt.types.exc.TypeError, "__bool__ should return bool, returned %s", r.Type().name)
			}
			return b.v, nil
		}
		if th.hasDunder(o, "__len__") {
			n, err := th.Len(o)
			return n > 0, err
		}
	default:
		if n, ok, err := th.builtinLen(o); ok || err != nil {
			return n > 0, err
		}
	}
	return true, nil
}

// identityHash is the hash of objects compared by identity.
func identityHash(o Object) int64 { return ID(o) >> 4 }

// ID is id(o): the object's address -- or, under a Sequencer, a serial
// number given at the first request, so that id(), default reprs and
// identity hashes (set order) are the same in every run of a schedule.
func ID(o Object) int64 {
	h := o.header()
	if rt := h.typ.rt; rt != nil && rt.seq != nil {
		return rt.serialID(h)
	}
	return int64(uintptr(unsafe.Pointer(h)))
}

// Hash is hash(o).
func (th *Thread) Hash(o Object) (int64, error) {
	if subclassed(o) {
		return th.hashSub(o)
	}
	return th.hashNative(o)
}

// hashNative is Hash without the special methods of a class deriving
// from a built-in: the built-in's own hash (its __hash__ slot wrapper).
func (th *Thread) hashNative(o Object) (int64, error) {
	switch x := o.(type) {
	case *Str:
		return x.hashValue(), nil
	case *Int, *Bool:
		v, b, _ := intValue(x)
		return intHash(v, b), nil
	case *Float:
		return floatHash(x.v, x), nil
	case *Tuple:
		hs := make([]int64, len(x.items))
		for i, it := range x.items {
			h, err := th.Hash(it)
			if err != nil {
				return 0, err
			}
			hs[i] = h
		}
		return tupleHash(hs), nil
	case *Bytes:
		if !x.mutable {
			return x.hashValue(th), nil
		}
	case *Set:
		if x.frozen {
			return th.frozensetHash(x)
		}
	case *Instance, *Exception:
		fn := th.lookupSpecial(o, "__hash__")
		if fn == nil || fn == th.rt.None {
			th.XDecref(fn)
			return 0, th.Raisef(th.rt.types.exc.TypeError, "unhashable type: '%s'", o.Type().name)
		}
		defer th.Decref(fn)
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
	case pyHasher:
		return x.pyHash(th)
	}
	if th.unhashable(o) {
		return 0, th.Raisef(th.rt.types.exc.TypeError, "unhashable type: '%s'", o.Type().name)
	}
	return identityHash(o), nil
}

// unhashable reports whether a built-in object's type has __hash__ None
// (the mutable containers and their views).
func (th *Thread) unhashable(o Object) bool {
	switch x := o.(type) {
	case *List, *Dict, *Set, *dictView, *MappingProxy:
		return true
	case *Bytes:
		return x.mutable
	case *Super:
		return false
	}
	return false
}

// Repr is repr(o).
func (th *Thread) Repr(o Object) (string, error) {
	if subclassed(o) {
		return th.reprSub(o)
	}
	return th.reprNative(o)
}

// reprNative is Repr without the special methods of a class deriving
// from a built-in: the built-in's own repr (its __repr__ slot wrapper).
func (th *Thread) reprNative(o Object) (string, error) {
	if x, ok := o.(*Int); ok && th.tooManyDigits(x.big) {
		return "", th.errTooManyDigits()
	}
	if s, ok := shortRepr(o); ok {
		return s, nil
	}
	if err := th.enterRecursive(" while getting the repr of an object"); err != nil {
		return "", err
	}
	defer th.leaveRecursive()
	switch x := o.(type) {
	case *Tuple:
		return th.reprSeq(x, "(", ")", x.items, len(x.items) == 1)
	case *List:
		items := th.listSnapshot(x)
		defer th.decrefAll(items)
		return th.reprSeq(x, "[", "]", items, false)
	case *Set:
		keys := th.setKeys(x)
		defer th.decrefAll(keys)
		name := "set"
		if x.frozen {
			name = "frozenset"
		}
		if !x.typ.builtin {
			name = x.typ.name // a class's instance: St({1, 2})
		}
		if len(keys) == 0 {
			return name + "()", nil
		}
		if x.frozen || !x.typ.builtin {
			s, err := th.reprSeq(x, "{", "}", keys, false)
			return name + "(" + s + ")", err
		}
		return th.reprSeq(x, "{", "}", keys, false)
	case *Dict:
		return th.reprDict(x)
	case *Instance, *Exception:
		fn := th.lookupSpecial(o, "__repr__")
		if fn == nil {
			return th.objectRepr(o), nil
		}
		defer th.Decref(fn)
		if th.isObjectSlot(fn, "__repr__") {
			return th.objectRepr(o), nil
		}
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
	case *BoundMethod:
		if b, ok := x.fn.(*Builtin); ok {
			return fmt.Sprintf("<built-in method %s of %s object at %#x>", b.name, x.self.Type().name, ID(x.self)), nil
		}
		self, err := th.Repr(x.self)
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("<bound method %s of %s>", funcQualName(x.fn), self), nil
	case *Property:
		return fmt.Sprintf("<property object at %#x>", ID(x)), nil
	case *StaticMethod, *ClassMethod:
		var fn Object
		name := "staticmethod"
		if s, ok := x.(*StaticMethod); ok {
			fn = s.fn
		} else {
			fn, name = x.(*ClassMethod).fn, "classmethod"
		}
		r, err := th.Repr(fn)
		if err != nil {
			return "", err
		}
		return "<" + name + "(" + r + ")>", nil
	case *Super:
		obj := "NULL"
		if x.obj != nil {
			obj = "<" + x.objType.name + " object>"
			if x.obj == Object(x.objType) {
				r, _ := shortRepr(x.objType)
				obj = r
			}
		}
		r, _ := shortRepr(x.thisClass)
		return "<super: " + r + ", " + obj + ">", nil
	case *MappingProxy:
		r, err := th.reprDict(x.d)
		return "mappingproxy(" + r + ")", err
	case *dictView:
		return th.reprDictView(x)
	case pyReprer:
		return x.pyRepr(th)
	}
	return fmt.Sprintf("<%s object at %#x>", o.Type().fullName(), ID(o)), nil
}

// objectRepr is object.__repr__: <module.qualname object at 0x...>.
func (th *Thread) objectRepr(o Object) string {
	return fmt.Sprintf("<%s object at %#x>", o.Type().fullName(), ID(o))
}

func (th *Thread) reprDict(x *Dict) (string, error) {
	keys, values := th.dictItems(x)
	defer th.decrefAll(keys)
	defer th.decrefAll(values)
	if th.reprActive(x) {
		return "{...}", nil
	}
	th.reprStack = append(th.reprStack, x)
	defer func() { th.reprStack = th.reprStack[:len(th.reprStack)-1] }()
	var b strings.Builder
	b.WriteString("{")
	for i := range keys {
		if i > 0 {
			b.WriteString(", ")
		}
		k, err := th.Repr(keys[i])
		if err != nil {
			return "", err
		}
		v, err := th.Repr(values[i])
		if err != nil {
			return "", err
		}
		b.WriteString(k + ": " + v)
	}
	b.WriteString("}")
	return b.String(), nil
}

func (th *Thread) reprSeq(o Object, open, close string, items []Object, trailingComma bool) (string, error) {
	if th.reprActive(o) {
		return open + "..." + close, nil
	}
	th.reprStack = append(th.reprStack, o)
	defer func() { th.reprStack = th.reprStack[:len(th.reprStack)-1] }()
	parts := make([]string, len(items))
	for i, it := range items {
		s, err := th.Repr(it)
		if err != nil {
			return "", err
		}
		parts[i] = s
	}
	s := open + strings.Join(parts, ", ")
	if trailingComma {
		s += ","
	}
	return s + close, nil
}

// reprActive reports whether o is being repr'd further up this thread's
// stack (a container that contains itself prints as [...]).
func (th *Thread) reprActive(o Object) bool {
	for _, x := range th.reprStack {
		if x == o {
			return true
		}
	}
	return false
}

// enterRecursive counts a level of Go recursion through Python objects
// (repr, comparison of nested containers) against the recursion limit, so
// that deep nesting raises RecursionError instead of exhausting the stack.
func (th *Thread) enterRecursive(while string) error {
	th.depth++
	if th.depth > th.rt.RecursionLimit() {
		th.depth--
		return th.Raise(th.rt.types.exc.RecursionError, "maximum recursion depth exceeded"+while)
	}
	return nil
}

func (th *Thread) leaveRecursive() { th.depth-- }

// shortRepr is repr for the objects whose repr needs no thread and runs no
// Python code; ok is false for the others.
func shortRepr(o Object) (string, bool) {
	switch x := o.(type) {
	case *singleton:
		return x.name, true
	case *Bool:
		return x.Describe(), true
	case *Int:
		return x.String(), true
	case *Float:
		return floatRepr(x.v), true
	case *Str:
		return strRepr(x.s), true
	case *Bytes:
		return bytesRepr(x), true
	case *Type:
		return fmt.Sprintf("<class '%s'>", x.fullName()), true
	case *Module:
		return fmt.Sprintf("<module '%s'>", x.name), true
	case *Builtin:
		if x.method && x.owner != nil {
			return fmt.Sprintf("<method '%s' of '%s' objects>", x.name, x.owner.name), true
		}
		return fmt.Sprintf("<built-in function %s>", x.name), true
	case *getSet:
		return fmt.Sprintf("<attribute '%s' of '%s' objects>", x.name, x.owner.name), true
	case *Function:
		return fmt.Sprintf("<function %s at %#x>", funcQualName(x), ID(x)), true
	case *Range:
		if x.step == 1 {
			return fmt.Sprintf("range(%d, %d)", x.start, x.stop), true
		}
		return fmt.Sprintf("range(%d, %d, %d)", x.start, x.stop, x.step), true
	case *Slice:
		parts := [3]string{}
		for i, o := range []Object{x.start, x.stop, x.step} {
			r, ok := shortRepr(o)
			if !ok {
				return "", false
			}
			parts[i] = r
		}
		return "slice(" + parts[0] + ", " + parts[1] + ", " + parts[2] + ")", true
	case *Tuple:
		if len(x.items) <= 64 {
			parts := make([]string, len(x.items))
			for i, it := range x.items {
				s, ok := shortRepr(it)
				if !ok {
					return "", false
				}
				parts[i] = s
			}
			if len(parts) == 1 {
				return "(" + parts[0] + ",)", true
			}
			return "(" + strings.Join(parts, ", ") + ")", true
		}
	}
	return "", false
}

// qualName is a class's name as reprs write it.
func qualName(t *Type) string { return t.fullName() }

func funcName(fn Object) string {
	switch f := fn.(type) {
	case *Function:
		return f.name
	case *Builtin:
		return f.name
	}
	return fn.Type().name
}

// funcQualName is a function's __qualname__.
func funcQualName(fn Object) string {
	switch f := fn.(type) {
	case *Function:
		return f.qualname
	case *Builtin:
		if f.owner != nil {
			return f.owner.name + "." + f.name
		}
		return f.name
	}
	return fn.Type().name
}

// Str is str(o).
func (th *Thread) Str(o Object) (string, error) {
	switch x := o.(type) {
	case *Str:
		if !x.typ.builtin {
			if fn := th.subOverride(o, "__str__"); fn != nil {
				th.Decref(fn)
				return th.strCall(o)
			}
		}
		return x.s, nil
	case *Instance, *Exception:
		return th.strCall(o)
	default:
		if subclassed(o) {
			return th.strCall(o)
		}
	}
	return th.Repr(o)
}

// strCall is str(o) through o's type's __str__.
func (th *Thread) strCall(o Object) (string, error) {
	fn := th.lookupSpecial(o, "__str__")
	if fn == nil {
		return th.Repr(o)
	}
	defer th.Decref(fn)
	if th.isObjectSlot(fn, "__str__") {
		return th.Repr(o)
	}
	if s, ok := o.(*Str); ok && nativeMethod(fn) {
		return s.s, nil
	}
	r, err := th.callSpecial(fn, o)
	if err != nil {
		return "", err
	}
	defer th.Decref(r)
	s, ok := r.(*Str)
	if !ok {
		return "", th.Raisef(th.rt.types.exc.TypeError, "__str__ returned non-string (type %s)", r.Type().name)
	}
	return s.s, nil
}

// Index is operator.index(o): o itself for an int, the result of
// __index__ for an instance whose class defines it (a new reference to
// an int).
func (th *Thread) Index(o Object) (Object, error) {
	switch o.(type) {
	case *Int, *Bool:
		return th.newRef(o), nil
	case *Instance, *Exception:
		r, found, err := th.callDunder(o, "__index__")
		if err != nil {
			return nil, err
		}
		if found {
			if _, _, ok := intValue(r); !ok {
				th.Decref(r)
				return nil, th.Raisef(th.rt.types.exc.TypeError, "__index__ returned non-int (type %s)", r.Type().name)
			}
			return r, nil
		}
	}
	return nil, th.Raisef(th.rt.types.exc.TypeError, "'%s' object cannot be interpreted as an integer", o.Type().name)
}

// indexValue is the integer value of an index object: an int, a bool, or
// an instance with __index__. ok is false (and err nil) when o is none of
// them.
func (th *Thread) indexValue(o Object) (v int64, b *big.Int, ok bool, err error) {
	if v, b, ok := intValue(o); ok {
		return v, b, true, nil
	}
	if !userDefined(o) || !th.hasDunder(o, "__index__") {
		return 0, nil, false, nil
	}
	r, err := th.Index(o)
	if err != nil {
		return 0, nil, false, err
	}
	v, b, _ = intValue(r)
	th.Decref(r)
	return v, b, true, nil
}

// builtinLen is len(o) for the built-in containers: ok false for the rest.
func (th *Thread) builtinLen(o Object) (int, bool, error) {
	switch x := o.(type) {
	case *Str:
		return x.length(), true, nil
	case *Tuple:
		return len(x.items), true, nil
	case *List:
		return th.ListLen(x), true, nil
	case *Dict:
		return th.dictLen(x), true, nil
	case *Set:
		return th.setLen(x), true, nil
	case *Bytes:
		return th.bytesLen(x), true, nil
	case *dictView:
		return th.dictLen(x.d), true, nil
	case *MappingProxy:
		return th.dictLen(x.d), true, nil
	case *Range:
		n := x.length()
		if n > math.MaxInt64 {
			return 0, true, th.Raise(th.rt.types.exc.OverflowError, "Python int too large to convert to C ssize_t")
		}
		return int(n), true, nil
	}
	return 0, false, nil
}

// Len is len(o).
func (th *Thread) Len(o Object) (int, error) {
	if !subclassed(o) {
		if n, ok, err := th.builtinLen(o); ok || err != nil {
			return n, err
		}
	}
	if userDefined(o) {
		r, found, err := th.callDunder(o, "__len__")
		if err != nil {
			return 0, err
		}
		if found {
			defer th.Decref(r)
			v, b, ok, err := th.indexValue(r)
			switch {
			case err != nil:
				return 0, err
			case !ok:
				return 0, th.Raisef(th.rt.types.exc.TypeError, "'%s' object cannot be interpreted as an integer", r.Type().name)
			case (b != nil && b.Sign() < 0) || v < 0:
				return 0, th.Raise(th.rt.types.exc.ValueError, "__len__() should return >= 0")
			case b != nil:
				return 0, th.Raise(th.rt.types.exc.OverflowError, "cannot fit 'int' into an index-sized integer")
			}
			return int(v), nil
		}
	}
	return 0, th.Raisef(th.rt.types.exc.TypeError, "object of type '%s' has no len()", o.Type().name)
}

// Contains is item in container.
func (th *Thread) Contains(container, item Object) (bool, error) {
	if subclassed(container) {
		return th.containsUser(container, item)
	}
	return th.containsNative(container, item)
}

// containsNative is Contains without the special methods of a class
// deriving from a built-in (the built-in's __contains__).
func (th *Thread) containsNative(container, item Object) (bool, error) {
	switch c := container.(type) {
	case *Str:
		s, ok := item.(*Str)
		if !ok {
			return false, th.Raisef(th.rt.types.exc.TypeError, "'in <string>' requires string as left operand, not %s", item.Type().name)
		}
		return strings.Contains(c.s, s.s), nil
	case *Dict:
		v, err := th.DictGet(c, item)
		th.XDecref(v)
		return v != nil, err
	case *Set:
		return th.setContainsKey(c, item)
	case *List:
		i, err := th.listIndex(c, item)
		return i >= 0, err
	case *Tuple:
		for _, it := range c.items {
			eq, err := th.CompareBool(it, item, CmpEq)
			if err != nil || eq {
				return eq, err
			}
		}
		return false, nil
	case *Bytes:
		return th.bytesContains(c, item)
	case *dictView:
		return th.dictViewContains(c, item)
	case *MappingProxy:
		v, err := th.DictGet(c.d, item)
		th.XDecref(v)
		return v != nil, err
	case *Range:
		if v, b, ok := intValue(item); ok {
			return b == nil && c.contains(v), nil
		}
		if f, ok := item.(*Float); ok {
			integral := f.v == math.Trunc(f.v) && math.Abs(f.v) < 1<<63
			return integral && c.contains(int64(f.v)), nil
		}
		// Anything else is compared with each item, as in CPython.
	case *Instance, *Exception:
		return th.containsUser(container, item)
	}
	return th.containsIter(container, item)
}

// containsUser is item in container for an instance of a class: its
// __contains__, or else iteration.
func (th *Thread) containsUser(container, item Object) (bool, error) {
	r, found, err := th.callDunder(container, "__contains__", item)
	if err != nil {
		return false, err
	}
	if found {
		defer th.Decref(r)
		return th.Truth(r)
	}
	return th.containsIter(container, item)
}

// containsIter is item in container by iteration, the fallback of
// Contains.
func (th *Thread) containsIter(container, item Object) (bool, error) {
	if !th.iterable(container) {
		return false, th.Raisef(th.rt.types.exc.TypeError, "argument of type '%s' is not iterable", container.Type().name)
	}
	it, err := th.Iter(container)
	if err != nil {
		return false, err
	}
	defer th.Decref(it)
	for {
		x, ok, err := th.Next(it)
		if err != nil || !ok {
			return false, err
		}
		eq, err := th.CompareBool(x, item, CmpEq)
		th.Decref(x)
		if err != nil || eq {
			return eq, err
		}
	}
}

// index converts an index object (an int, a bool, or an object with
// __index__) for a sequence of kind.
func (th *Thread) index(o Object, kind string) (int, error) {
	v, b, ok, err := th.indexValue(o)
	if err != nil {
		return 0, err
	}
	if !ok {
		return 0, th.Raisef(th.rt.types.exc.TypeError, "%s indices must be integers or slices, not %s", kind, o.Type().name)
	}
	if b != nil || v != int64(int(v)) {
		return 0, th.Raisef(th.rt.types.exc.IndexError, "cannot fit 'int' into an index-sized integer")
	}
	return int(v), nil
}

// GetItem is o[key].
func (th *Thread) GetItem(o, key Object) (Object, error) {
	if subclassed(o) {
		if r, found, err := th.callDunder(o, "__getitem__", key); found || err != nil {
			return r, err
		}
	}
	return th.getItemNative(o, key)
}

// getItemNative is GetItem without the special methods of a class
// deriving from a built-in (the built-in's __getitem__; for a dict's
// subclass, a missing key calls __missing__, as CPython's dict_subscript
// does).
func (th *Thread) getItemNative(o, key Object) (Object, error) {
	if s, ok := key.(*Slice); ok {
		if r, handled, err := th.getItemSlice(o, s); handled {
			return r, err
		}
	}
	switch x := o.(type) {
	case *List:
		i, err := th.index(key, "list")
		if err != nil {
			return nil, err
		}
		return th.ListItem(x, i)
	case *Tuple:
		i, err := th.index(key, "tuple")
		if err != nil {
			return nil, err
		}
		if i < 0 {
			i += len(x.items)
		}
		if i < 0 || i >= len(x.items) {
			return nil, th.Raise(th.rt.types.exc.IndexError, "tuple index out of range")
		}
		return th.newRef(x.items[i]), nil
	case *Str:
		if _, _, ok, err := th.indexValue(key); !ok || err != nil {
			if err != nil {
				return nil, err
			}
			return nil, th.Raisef(th.rt.types.exc.TypeError, "string indices must be integers, not '%s'", key.Type().name)
		}
		i, err := th.index(key, "string")
		if err != nil {
			return nil, err
		}
		n := x.length()
		if i < 0 {
			i += n
		}
		if i < 0 || i >= n {
			return nil, th.Raise(th.rt.types.exc.IndexError, "string index out of range")
		}
		return x.index(th, i), nil
	case *Bytes:
		if s, ok := key.(*Slice); ok {
			b, err := th.unpackSlice(s)
			if err != nil {
				return nil, err
			}
			data := th.snapshot(x)
			out := make([]byte, b.adjust(int64(len(data))))
			for i := range out {
				out[i] = data[b.start+int64(i)*b.step]
			}
			return th.newBytesLike(x, out), nil
		}
		return th.bytesItem(x, key)
	case *Dict:
		v, err := th.DictGet(x, key)
		if err != nil {
			return nil, err
		}
		if v == nil {
			if !x.typ.builtin {
				if r, found, err := th.callDunder(o, "__missing__", key); found || err != nil {
					return r, err
				}
			}
			return nil, th.raiseWithArg(th.rt.types.exc.KeyError, key)
		}
		return v, nil
	case *MappingProxy:
		return th.GetItem(x.d, key)
	case *Range:
		i, err := th.index(key, "range")
		if err != nil {
			return nil, err
		}
		n := x.length()
		u := uint64(i)
		if i < 0 {
			u = n - uint64(-i) // wraps past n when out of range
		}
		if (i < 0 && uint64(-i) > n) || u >= n {
			return nil, th.Raise(th.rt.types.exc.IndexError, "range object index out of range")
		}
		return th.NewInt(x.item(u)), nil
	case *Instance, *Exception:
		r, found, err := th.callDunder(o, "__getitem__", key)
		if found || err != nil {
			return r, err
		}
	case *Type:
		if !x.builtin {
			if r, found, err := th.classGetItem(x, key); found || err != nil {
				return r, err
			}
		} else if r, found, err := th.genericAlias(x, key); found || err != nil {
			return r, err
		}
		return nil, th.Raisef(th.rt.types.exc.TypeError, "type '%s' is not subscriptable", x.name)
	}
	return nil, th.Raisef(th.rt.types.exc.TypeError, "'%s' object is not subscriptable", o.Type().name)
}

// classGetItem is C[key] for a class that defines __class_getitem__.
func (th *Thread) classGetItem(t *Type, key Object) (Object, bool, error) {
	fn := t.lookup(th, "__class_getitem__")
	if fn == nil {
		return nil, false, nil
	}
	defer th.Decref(fn)
	bound, err := th.descrGet(fn, nil, t)
	if err != nil {
		return nil, true, err
	}
	defer th.Decref(bound)
	r, err := th.Call(bound, []Object{key}, nil)
	return r, true, err
}

// SetItem is o[key] = value.
func (th *Thread) SetItem(o, key, value Object) error {
	if subclassed(o) {
		r, found, err := th.callDunder(o, "__setitem__", key, value)
		if found || err != nil {
			th.XDecref(r)
			return err
		}
	}
	return th.setItemNative(o, key, value)
}

// setItemNative is SetItem without the special methods of a class
// deriving from a built-in (the built-in's __setitem__).
func (th *Thread) setItemNative(o, key, value Object) error {
	if s, ok := key.(*Slice); ok {
		if handled, err := th.setItemSlice(o, s, value); handled {
			return err
		}
	}
	switch x := o.(type) {
	case *List:
		i, err := th.index(key, "list")
		if err != nil {
			return err
		}
		return th.listSetItem(x, i, value)
	case *Dict:
		return th.DictSet(x, key, value)
	case *Bytes:
		if x.mutable {
			return th.bytearraySetItem(x, key, value)
		}
	case *Instance, *Exception:
		r, found, err := th.callDunder(o, "__setitem__", key, value)
		if found || err != nil {
			th.XDecref(r)
			return err
		}
	}
	return th.Raisef(th.rt.types.exc.TypeError, "'%s' object does not support item assignment", o.Type().name)
}

// DelItem is del o[key].
func (th *Thread) DelItem(o, key Object) error {
	if subclassed(o) {
		r, found, err := th.callDunder(o, "__delitem__", key)
		if found || err != nil {
			th.XDecref(r)
			return err
		}
	}
	return th.delItemNative(o, key)
}

// delItemNative is DelItem without the special methods of a class
// deriving from a built-in (the built-in's __delitem__).
func (th *Thread) delItemNative(o, key Object) error {
	if s, ok := key.(*Slice); ok {
		if handled, err := th.setItemSlice(o, s, nil); handled {
			return err
		}
	}
	switch x := o.(type) {
	case *List:
		i, err := th.index(key, "list")
		if err != nil {
			return err
		}
		return th.listDelItem(x, i)
	case *Dict:
		found, err := th.DictDelete(x, key)
		if err == nil && !found {
			err = th.raiseWithArg(th.rt.types.exc.KeyError, key)
		}
		return err
	case *Bytes:
		if x.mutable {
			return th.bytearrayDelItem(x, key)
		}
	case *Instance, *Exception:
		r, found, err := th.callDunder(o, "__delitem__", key)
		if found || err != nil {
			th.XDecref(r)
			return err
		}
	}
	if _, _, isIndex, _ := th.indexValue(key); isIndex && hasSequenceSlots(o) {
		// CPython's PySequence_DelItem words it so, for a type with
		// sequence methods but no item deletion.
		return th.Raisef(th.rt.types.exc.TypeError, "'%s' object doesn't support item deletion", o.Type().name)
	}
	return th.Raisef(th.rt.types.exc.TypeError, "'%s' object does not support item deletion", o.Type().name)
}

// hasSequenceSlots reports whether CPython's type for o has
// tp_as_sequence: the sequences and sets, and every class a program
// defines (a heap type has all the slot tables).
func hasSequenceSlots(o Object) bool {
	switch o.(type) {
	case *Bytes, *Tuple, *Str, *Range, *Set, *dictView:
		return true
	}
	return !o.Type().builtin
}

// sliceIndex is one bound of a slice: None, or an integer (a huge one
// saturates, which clamps the same way).
type sliceIndex struct {
	v    int64
	none bool
}

// sliceIndexOf reads a slice bound: None (or nil), an int, or an object
// with __index__.
func (th *Thread) sliceIndexOf(o Object) (sliceIndex, error) {
	if o == nil || o == th.rt.None {
		return sliceIndex{none: true}, nil
	}
	v, b, ok, err := th.indexValue(o)
	if err != nil {
		return sliceIndex{}, err
	}
	if !ok {
		return sliceIndex{}, th.Raise(th.rt.types.exc.TypeError, "slice indices must be integers or None or have an __index__ method")
	}
	if b != nil {
		if b.Sign() < 0 {
			return sliceIndex{v: math.MinInt64}, nil
		}
		return sliceIndex{v: math.MaxInt64}, nil
	}
	return sliceIndex{v: v}, nil
}

// clamp normalizes the bound for a sequence of length n, as Python's
// slice.indices does for step 1; dflt is where None points.
func (s sliceIndex) clamp(n, dflt int) int {
	if s.none {
		return dflt
	}
	v := s.v
	if v < 0 {
		v += int64(n)
	}
	return int(min(max(v, 0), int64(n)))
}

// bounds normalizes start and stop for length n (stop >= start).
func bounds(start, stop sliceIndex, n int) (int, int) {
	s, e := start.clamp(n, 0), stop.clamp(n, n)
	return s, max(e, s)
}

// GetSlice is o[start:stop] (None or nil for an open end).
func (th *Thread) GetSlice(o, start, stop Object) (Object, error) {
	if subclassed(o) {
		if fn := th.subOverride(o, "__getitem__"); fn != nil {
			th.Decref(fn)
			s := th.newSlice(start, stop, nil)
			defer th.Decref(s)
			return th.GetItem(o, s)
		}
	}
	si, err := th.sliceIndexOf(start)
	if err != nil {
		return nil, err
	}
	ei, err := th.sliceIndexOf(stop)
	if err != nil {
		return nil, err
	}
	switch x := o.(type) {
	case *List:
		return th.listSlice(x, si, ei), nil
	case *Tuple:
		s, e := bounds(si, ei, len(x.items))
		if s == 0 && e == len(x.items) {
			return th.exactCopy(x), nil
		}
		items := make([]Object, 0, e-s)
		for _, it := range x.items[s:e] {
			items = append(items, th.newRef(it))
		}
		return th.NewTuple(items), nil
	case *Str:
		s, e := bounds(si, ei, x.length())
		if s == 0 && e == x.length() {
			return th.exactCopy(x), nil
		}
		return x.slice(th, s, e, 1), nil
	case *Bytes:
		return th.bytesSlice(x, si, ei), nil
	case *Range:
		n := x.length()
		if n > math.MaxInt64 {
			return nil, th.Raise(th.rt.types.exc.OverflowError, "Python int too large to convert to C ssize_t")
		}
		s, e := bounds(si, ei, int(n))
		r := &Range{start: x.item(uint64(s)), stop: x.item(uint64(e)), step: x.step}
		r.typ = th.rt.types.range_
		th.track(r)
		return r, nil
	}
	return nil, th.Raisef(th.rt.types.exc.TypeError, "'%s' object is not subscriptable", o.Type().name)
}

// SetSlice is o[start:stop] = value for lists and bytearrays (value nil:
// del o[start:stop]). L1[i:j] = L2 is atomic: the bounds are normalized
// inside the list's critical section.
func (th *Thread) SetSlice(o, start, stop, value Object) error {
	if subclassed(o) {
		name := "__setitem__"
		if value == nil {
			name = "__delitem__"
		}
		if fn := th.subOverride(o, name); fn != nil {
			th.Decref(fn)
			s := th.newSlice(start, stop, nil)
			defer th.Decref(s)
			if value == nil {
				return th.DelItem(o, s)
			}
			return th.SetItem(o, s, value)
		}
	}
	var l *List
	var ba *Bytes
	switch x := o.(type) {
	case *List:
		l = x
	case *Bytes:
		if x.mutable {
			ba = x
		}
	}
	if l == nil && ba == nil {
		if value == nil {
			return th.Raisef(th.rt.types.exc.TypeError, "'%s' object does not support item deletion", o.Type().name)
		}
		return th.Raisef(th.rt.types.exc.TypeError, "'%s' object does not support item assignment", o.Type().name)
	}
	si, err := th.sliceIndexOf(start)
	if err != nil {
		return err
	}
	ei, err := th.sliceIndexOf(stop)
	if err != nil {
		return err
	}
	if ba != nil {
		return th.bytearraySetSlice(ba, si, ei, value)
	}
	if value == nil {
		value = th.rt.emptyTuple
	}
	return th.listSetSlice(l, si, ei, value)
}

// GetAttr is o.name.
func (th *Thread) GetAttr(o Object, name string) (Object, error) {
	return th.getAttrKey(o, nameKey{s: name})
}

// getAttrKey is GetAttr for a name the caller may have as a str: the
// eval loop passes its interned name, whose cached hash spares hashing
// the name for the instance dict.
func (th *Thread) getAttrKey(o Object, key nameKey) (Object, error) {
	name := key.s
	switch x := o.(type) {
	case *Type:
		return th.typeGetAttr(x, name)
	case *Super:
		return th.superGetAttr(x, name)
	case *Instance, *Exception:
		if th.hasAttrHooks(x.Type()) {
			return th.userGetAttr(o, name)
		}
	default:
		if subclassed(o) && th.hasAttrHooks(o.Type()) {
			return th.userGetAttr(o, name)
		}
	}
	return th.genericGetAttrKey(o, key)
}

// LoadMethod looks o.name up the way LOAD_METHOD does: a function found on
// o's class (and not shadowed by the instance dict) comes back unbound
// with self = o (new references both), so that the call needs no
// bound-method object; anything else comes back as the attribute, with
// self nil.
func (th *Thread) LoadMethod(o Object, name string) (fn, self Object, err error) {
	return th.loadMethodKey(o, nameKey{s: name})
}

// loadMethodKey is LoadMethod for a name the caller may have as a str.
func (th *Thread) loadMethodKey(o Object, key nameKey) (fn, self Object, err error) {
	name := key.s
	t := o.Type()
	switch o.(type) {
	case *Type, *Super:
		v, err := th.GetAttr(o, name)
		return v, nil, err
	case *Instance, *Exception:
		if th.hasAttrHooks(t) {
			v, err := th.userGetAttr(o, name)
			return v, nil, err
		}
	default:
		if !t.builtin && th.hasAttrHooks(t) {
			v, err := th.userGetAttr(o, name)
			return v, nil, err
		}
	}
	descr := t.lookup(th, name)
	if descr != nil {
		if kind := th.kindOf(descr); kind == bindingAttr {
			if d := instanceDict(o); d != nil {
				if v := th.dictGetStrHash(d, name, key.hash(th.rt)); v != nil {
					th.Decref(descr)
					return v, nil, nil
				}
			}
			return descr, th.newRef(o), nil
		}
		th.Decref(descr)
	}
	v, err := th.genericGetAttrKey(o, key)
	return v, nil, err
}

// SetAttr is o.name = value (x.field = y: atomic, a dict store).
func (th *Thread) SetAttr(o Object, name string, value Object) error {
	return th.setAttrKey(o, nameKey{s: name}, value)
}

// setAttrKey is SetAttr for a name the caller may have as a str: the
// eval loop passes its interned name, which becomes the instance dict's
// key as it is (no interning under the runtime's mutex, no hashing).
func (th *Thread) setAttrKey(o Object, key nameKey, value Object) error {
	name := key.s
	switch x := o.(type) {
	case *Type:
		return th.typeSetAttr(x, name, value)
	default:
		if t := x.Type(); !t.builtin && th.attrHooks(t)&hookSetattr != 0 {
			if fn := th.lookupSpecial(o, "__setattr__"); fn != nil {
				defer th.Decref(fn)
				if !th.isObjectSlot(fn, "__setattr__") {
					n := th.NewStr(name)
					defer th.Decref(n)
					r, err := th.callSpecial(fn, o, n, value)
					th.XDecref(r)
					return err
				}
			}
		}
	}
	return th.genericSetAttrKey(o, key, value)
}

// DelAttr is del o.name.
func (th *Thread) DelAttr(o Object, name string) error {
	switch x := o.(type) {
	case *Type:
		return th.typeSetAttr(x, name, nil)
	default:
		if t := x.Type(); !t.builtin && th.attrHooks(t)&hookDelattr != 0 {
			if fn := th.lookupSpecial(o, "__delattr__"); fn != nil {
				defer th.Decref(fn)
				if !th.isObjectSlot(fn, "__delattr__") {
					n := th.NewStr(name)
					defer th.Decref(n)
					r, err := th.callSpecial(fn, o, n)
					th.XDecref(r)
					return err
				}
			}
		}
	}
	return th.genericSetAttr(o, name, nil)
}

// CallMethod calls o.name(args...).
func (th *Thread) CallMethod(o Object, name string, args ...Object) (Object, error) {
	fn, self, err := th.LoadMethod(o, name)
	if err != nil {
		return nil, err
	}
	defer th.Decref(fn)
	if self != nil {
		defer th.Decref(self)
		return th.Call(fn, append([]Object{self}, args...), nil)
	}
	return th.Call(fn, args, nil)
}

// Call calls fn with args and kwargs (all borrowed): a new reference. It
// suspends the thread's critical sections first, since the callee may run
// Python code and reach a safe point (rule 2 of critical.go).
func (th *Thread) Call(fn Object, args []Object, kwargs map[string]Object) (Object, error) {
	if th.heldSections() {
		th.suspendSections()
		defer th.resumeSection()
	}
	if _, isGo := fn.(*Builtin); !isGo && th.eml.Depth() > 0 {
		// A promoted thread is running extension code that calls back
		// into code that may run bytecode.
		return th.callback(func() (Object, error) { return th.call(fn, args, kwargs) })
	}
	return th.call(fn, args, kwargs)
}

func (th *Thread) call(fn Object, args []Object, kwargs map[string]Object) (Object, error) {
	switch f := fn.(type) {
	case *Builtin:
		if f.owner != nil && f.method {
			if err := th.checkSelf(f, args); err != nil {
				return nil, err
			}
		}
		r, err := f.fn(th, args, kwargs)
		if (r == nil) == (err == nil) {
			return th.badResult(f, r, err)
		}
		if f.owner != nil && len(args) > 0 && r == args[0] && subclassed(r) && !th.rt.mutableBuiltin(f.owner) {
			// A method of an immutable built-in that returns its
			// argument unchanged (S("a").strip()) gives the built-in
			// type, as CPython's do.
			c := th.exactCopy(r)
			th.Decref(r)
			return c, nil
		}
		return r, err
	case *Function:
		return th.callFunction(f, args, kwargs)
	case *BoundMethod:
		return th.Call(f.fn, append([]Object{f.self}, args...), kwargs)
	case *Type:
		return th.instantiate(f, args, kwargs)
	case *StaticMethod:
		return th.Call(f.fn, args, kwargs)
	case *Instance, *Exception:
		if call := th.lookupSpecial(f, "__call__"); call != nil {
			return th.callDunderCall(call, f, args, kwargs)
		}
	default:
		if subclassed(f) {
			if call := th.lookupSpecial(f, "__call__"); call != nil {
				return th.callDunderCall(call, f, args, kwargs)
			}
		}
	}
	return nil, th.Raisef(th.rt.types.exc.TypeError, "'%s' object is not callable", fn.Type().name)
}

// callDunderCall calls call, the __call__ found for fn, and drops the
// reference to it. It is call's only defer: with its defers and returns
// together, call would be over the limit of the Go compiler's open-coded
// defers, and every call of anything would pay the runtime's deferred-call
// machinery.
func (th *Thread) callDunderCall(call, fn Object, args []Object, kwargs map[string]Object) (Object, error) {
	defer th.Decref(call)
	return th.callSpecialKw(call, fn, args, kwargs)
}

// badResult is for a Go function that returned both a result and an
// error, or neither. Neither is CPython's "returned NULL without setting
// an exception" SystemError, in its words (an extension function
// returning (nil, nil) gets it, not a nil dereference later). Both: the
// error wins and the result is dropped (core's own functions return an
// immortal beside an error here and there; package extensions holds its
// functions to CPython's stricter rule).
func (th *Thread) badResult(f *Builtin, r Object, err error) (Object, error) {
	if r == nil {
		return nil, th.Raisef(th.rt.types.exc.SystemError, "<built-in function %s> returned NULL without setting an exception", f.name)
	}
	th.Decref(r)
	return nil, err
}

// callSpecialKw is callSpecial with keyword arguments.
func (th *Thread) callSpecialKw(fn, self Object, args []Object, kwargs map[string]Object) (Object, error) {
	switch f := fn.(type) {
	case *Function:
		return th.callMethod(f, self, args, kwargs)
	case *Builtin:
		if f.method {
			return th.Call(f, append([]Object{self}, args...), kwargs)
		}
	case *StaticMethod:
		return th.Call(f.fn, args, kwargs)
	case *ClassMethod:
		return th.Call(f.fn, append([]Object{self.Type()}, args...), kwargs)
	}
	if th.kindOf(fn) != plainAttr {
		bound, err := th.descrGet(fn, self, self.Type())
		if err != nil {
			return nil, err
		}
		defer th.Decref(bound)
		return th.Call(bound, args, kwargs)
	}
	return th.Call(fn, args, kwargs)
}

// checkSelf checks the first argument of a built-in type's method called
// through the type (list.append(L, x)), in CPython's words.
func (th *Thread) checkSelf(f *Builtin, args []Object) error {
	if len(args) == 0 {
		return th.Raisef(th.rt.types.exc.TypeError, "unbound method %s.%s() needs an argument", f.owner.name, f.name)
	}
	if t := args[0].Type(); t != f.owner && !t.IsSubtype(f.owner) {
		return th.Raisef(th.rt.types.exc.TypeError, "descriptor '%s' for '%s' objects doesn't apply to a '%s' object", f.name, f.owner.name, t.name)
	}
	return nil
}

// collect returns new references to the items of an iterable.
func (th *Thread) collect(iterable Object) ([]Object, error) {
	switch x := iterable.(type) {
	case *List:
		if x.typ.builtin {
			return th.listSnapshot(x), nil
		}
	case *Tuple:
		if !x.typ.builtin {
			break
		}
		out := make([]Object, len(x.items))
		for i, it := range x.items {
			out[i] = th.newRef(it)
		}
		return out, nil
	case *Range:
		// Its length is known: a range too large for the budget fails
		// at once, not after a billion ints.
		if n := x.length(); n > 0 {
			if n > maxSlice {
				return nil, th.memoryError(-1)
			}
			if err := th.memCheck(int64(n) * (slotSize + th.rt.types.int_.basicSize)); err != nil {
				return nil, err
			}
		}
	}
	it, err := th.Iter(iterable)
	if err != nil {
		return nil, err
	}
	defer th.Decref(it)
	var out []Object
	for {
		x, ok, err := th.Next(it)
		if err != nil {
			th.decrefAll(out)
			return nil, err
		}
		if !ok {
			return out, nil
		}
		if len(out) == cap(out) && len(out) >= 1024 {
			if err := th.memCheckItems(len(out)); err != nil {
				th.Decref(x)
				th.decrefAll(out)
				return nil, err
			}
		}
		out = append(out, x)
	}
}
