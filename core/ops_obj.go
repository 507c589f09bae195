package core

import (
	"fmt"
	"math"
	"strings"
	"unsafe"
)

// callDunderIfDefined calls o's class's method name with o as self, if
// the class defines it. It returns (nil, nil) when it does not, or when
// the method returned NotImplemented.
func (th *Thread) callDunderIfDefined(o Object, name string, args ...Object) (Object, error) {
	fn := o.Type().lookup(th, name)
	if fn == nil {
		return nil, nil
	}
	defer th.Decref(fn)
	r, err := th.callAsMethod(fn, o, args)
	if err != nil {
		return nil, err
	}
	if r == th.rt.NotImplemented {
		return nil, nil
	}
	return r, nil
}

// lookupSpecial finds a special method on o's type, as CPython looks
// special methods up (never on the instance): a new reference, or nil.
func (th *Thread) lookupSpecial(o Object, name string) Object {
	return o.Type().lookup(th, name)
}

// isObjectSlot reports whether fn, found on a type, is object's own
// default for a special method (the type does not override it).
func (th *Thread) isObjectSlot(fn Object, name string) bool {
	return false
}

// callSpecial calls fn, a special method found on self's type, for self.
func (th *Thread) callSpecial(fn, self Object, args ...Object) (Object, error) {
	return th.callAsMethod(fn, self, args)
}

// callAsMethod calls fn, found on self's class, with self bound if fn is
// a function (other callables in a class dict are not bound).
func (th *Thread) callAsMethod(fn, self Object, args []Object) (Object, error) {
	if binds(fn) {
		return th.Call(fn, append([]Object{self}, args...), nil)
	}
	return th.Call(fn, args, nil)
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
		th.beginCS(x)
		n := x.used
		th.endCS()
		return n > 0, nil
	case *singleton:
		return false, nil
	case *Range:
		return x.length() > 0, nil
	case *Instance, *Exception:
		if r, err := th.callDunderIfDefined(o, "__bool__"); err != nil || r != nil {
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
		if fn := o.Type().lookup(th, "__len__"); fn != nil {
			th.Decref(fn)
			n, err := th.Len(o)
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
	case *List, *Dict, *Set:
		return 0, th.Raisef(th.rt.types.exc.TypeError, "unhashable type: '%s'", o.Type().name)
	case *Instance, *Exception:
		fn := o.Type().lookup(th, "__hash__")
		if fn == nil {
			if eq := o.Type().lookup(th, "__eq__"); eq != nil {
				th.Decref(eq)
				return 0, th.Raisef(th.rt.types.exc.TypeError, "unhashable type: '%s'", o.Type().name)
			}
			return identityHash(o), nil
		}
		if fn == th.rt.None {
			return 0, th.Raisef(th.rt.types.exc.TypeError, "unhashable type: '%s'", o.Type().name)
		}
		defer th.Decref(fn)
		r, err := th.callAsMethod(fn, o, nil)
		if err != nil {
			return 0, err
		}
		defer th.Decref(r)
		v, b, ok := intValue(r)
		if !ok {
			return 0, th.Raise(th.rt.types.exc.TypeError, "__hash__ method should return an integer")
		}
		return intHash(v, b), nil
	case pyHasher:
		return x.pyHash(th)
	}
	return identityHash(o), nil
}

// Repr is repr(o).
func (th *Thread) Repr(o Object) (string, error) {
	if x, ok := o.(*Int); ok && tooManyDigits(x.big) {
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
		if len(keys) == 0 {
			return "set()", nil
		}
		return th.reprSeq(x, "{", "}", keys, false)
	case *Dict:
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
	case *Instance, *Exception:
		if r, err := th.callDunderIfDefined(o, "__repr__"); err != nil || r != nil {
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
		if e, ok := o.(*Exception); ok {
			args, err := th.Repr(e.args)
			if err != nil {
				return "", err
			}
			if len(e.args.items) == 1 {
				args = strings.TrimSuffix(args, ",)") + ")"
			}
			return e.typ.name + args, nil
		}
		return fmt.Sprintf("<%s object at %#x>", qualName(o.Type()), ID(o)), nil
	case *BoundMethod:
		if b, ok := x.fn.(*Builtin); ok {
			return fmt.Sprintf("<built-in method %s of %s object at %#x>", b.name, x.self.Type().name, ID(x.self)), nil
		}
		self, err := th.Repr(x.self)
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("<bound method %s of %s>", funcName(x.fn), self), nil
	case pyReprer:
		return x.pyRepr(th)
	}
	return fmt.Sprintf("<%s object at %#x>", o.Type().name, ID(o)), nil
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
	if th.depth > th.rt.cfg.RecursionLimit {
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
	case *Type:
		return fmt.Sprintf("<class '%s'>", qualName(x)), true
	case *Module:
		return fmt.Sprintf("<module '%s'>", x.name), true
	case *Builtin:
		return fmt.Sprintf("<built-in function %s>", x.name), true
	case *Function:
		return fmt.Sprintf("<function %s at %#x>", x.name, ID(x)), true
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

func qualName(t *Type) string {
	if t.builtin {
		return t.name
	}
	return t.module + "." + t.name
}

func funcName(fn Object) string {
	switch f := fn.(type) {
	case *Function:
		return f.name
	case *Builtin:
		return f.name
	}
	return fn.Type().name
}

// Str is str(o).
func (th *Thread) Str(o Object) (string, error) {
	switch x := o.(type) {
	case *Str:
		return x.s, nil
	case *Exception:
		if r, err := th.callDunderIfDefined(o, "__str__"); err != nil || r != nil {
			return th.strResult(r, err)
		}
		return x.Message(), nil
	case *Instance:
		if r, err := th.callDunderIfDefined(o, "__str__"); err != nil || r != nil {
			return th.strResult(r, err)
		}
	}
	return th.Repr(o)
}

func (th *Thread) strResult(r Object, err error) (string, error) {
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

// Len is len(o).
func (th *Thread) Len(o Object) (int, error) {
	switch x := o.(type) {
	case *Str:
		return x.length(), nil
	case *Tuple:
		return len(x.items), nil
	case *List:
		return th.ListLen(x), nil
	case *Dict:
		return th.dictLen(x), nil
	case *Set:
		th.beginCS(x)
		n := int(x.used)
		th.endCS()
		return n, nil
	case *Range:
		n := x.length()
		if n > math.MaxInt64 {
			return 0, th.Raise(th.rt.types.exc.OverflowError, "Python int too large to convert to C ssize_t")
		}
		return int(n), nil
	case *Instance, *Exception:
		r, err := th.callDunderIfDefined(o, "__len__")
		if err != nil {
			return 0, err
		}
		if r != nil {
			defer th.Decref(r)
			v, b, ok := intValue(r)
			switch {
			case !ok:
				return 0, th.Raisef(th.rt.types.exc.TypeError, "'%s' object cannot be interpreted as an integer", r.Type().name)
			case b != nil || v < 0:
				return 0, th.Raise(th.rt.types.exc.ValueError, "__len__() should return >= 0")
			}
			return int(v), nil
		}
	}
	return 0, th.Raisef(th.rt.types.exc.TypeError, "object of type '%s' has no len()", o.Type().name)
}

// Contains is item in container.
func (th *Thread) Contains(container, item Object) (bool, error) {
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
		return th.setContains(c, item)
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
		r, err := th.callDunderIfDefined(container, "__contains__", item)
		if err != nil {
			return false, err
		}
		if r != nil {
			defer th.Decref(r)
			return th.Truth(r)
		}
	}
	// Fall back to iteration.
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

// index converts an index object (int or bool) for a sequence of kind.
func (th *Thread) index(o Object, kind string) (int, error) {
	v, b, ok := intValue(o)
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
		if _, _, ok := intValue(key); !ok {
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
	case *Dict:
		v, err := th.DictGet(x, key)
		if err != nil {
			return nil, err
		}
		if v == nil {
			return nil, th.raiseWithArg(th.rt.types.exc.KeyError, key)
		}
		return v, nil
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
		if r, err := th.callDunderIfDefined(o, "__getitem__", key); err != nil || r != nil {
			return r, err
		}
	}
	return nil, th.Raisef(th.rt.types.exc.TypeError, "'%s' object is not subscriptable", o.Type().name)
}

// SetItem is o[key] = value.
func (th *Thread) SetItem(o, key, value Object) error {
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
	case *Instance, *Exception:
		r, err := th.callDunderIfDefined(o, "__setitem__", key, value)
		if err != nil || r != nil {
			th.XDecref(r)
			return err
		}
	}
	return th.Raisef(th.rt.types.exc.TypeError, "'%s' object does not support item assignment", o.Type().name)
}

// DelItem is del o[key].
func (th *Thread) DelItem(o, key Object) error {
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
	case *Instance, *Exception:
		r, err := th.callDunderIfDefined(o, "__delitem__", key)
		if err != nil || r != nil {
			th.XDecref(r)
			return err
		}
	}
	return th.Raisef(th.rt.types.exc.TypeError, "'%s' object does not support item deletion", o.Type().name)
}

// sliceIndex is one bound of a slice: None, or an integer (a huge one
// saturates, which clamps the same way).
type sliceIndex struct {
	v    int64
	none bool
}

// sliceIndexOf reads a slice bound: None (or nil) or an int.
func (th *Thread) sliceIndexOf(o Object) (sliceIndex, error) {
	if o == nil || o == th.rt.None {
		return sliceIndex{none: true}, nil
	}
	v, b, ok := intValue(o)
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
		items := make([]Object, 0, e-s)
		for _, it := range x.items[s:e] {
			items = append(items, th.newRef(it))
		}
		return th.NewTuple(items), nil
	case *Str:
		s, e := bounds(si, ei, x.length())
		return x.slice(th, s, e, 1), nil
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

// SetSlice is o[start:stop] = value for lists (value nil: del
// o[start:stop]). L1[i:j] = L2 is atomic: the bounds are normalized inside
// the list's critical section.
func (th *Thread) SetSlice(o, start, stop, value Object) error {
	l, ok := o.(*List)
	if !ok {
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
	if value == nil {
		value = th.rt.emptyTuple
	}
	return th.listSetSlice(l, si, ei, value)
}

// GetAttr is o.name.
func (th *Thread) GetAttr(o Object, name string) (Object, error) {
	fn, self, err := th.LoadMethod(o, name)
	if err != nil || self == nil {
		return fn, err
	}
	m := th.newBoundMethod(self, fn)
	th.Decref(fn)
	th.Decref(self)
	return m, nil
}

// LoadMethod looks o.name up the way LOAD_METHOD does: a function found on
// o's class comes back unbound with self = o (new references both), so
// that the call needs no bound-method object; anything else comes back as
// the attribute, with self nil.
func (th *Thread) LoadMethod(o Object, name string) (fn, self Object, err error) {
	switch x := o.(type) {
	case *Instance:
		if v := th.dictGetStr(x.dict, name); v != nil {
			return v, nil, nil
		}
	case *Exception:
		switch name {
		case "args":
			return th.newRef(x.args), nil, nil
		case "__cause__", "__context__":
			c := x.cause
			if name == "__context__" {
				c = x.context
			}
			if c == nil {
				return th.rt.None, nil, nil
			}
			return th.newRef(c), nil, nil
		case "__suppress_context__":
			return th.rt.Bool(x.suppressContext), nil, nil
		}
		if v := th.dictGetStr(x.dict, name); v != nil {
			return v, nil, nil
		}
	case *Module:
		if v := th.dictGetStr(x.dict, name); v != nil {
			return v, nil, nil
		}
		return nil, nil, th.Raisef(th.rt.types.exc.AttributeError, "module '%s' has no attribute '%s'", x.name, name)
	case *Type:
		if name == "__name__" {
			return th.NewStr(x.name), nil, nil
		}
		if v := x.lookup(th, name); v != nil {
			return v, nil, nil
		}
		return nil, nil, th.Raisef(th.rt.types.exc.AttributeError, "type object '%s' has no attribute '%s'", x.name, name)
	case *Function:
		if name == "__name__" {
			return th.NewStr(x.name), nil, nil
		}
	case *BoundMethod:
		switch name {
		case "__self__":
			return th.newRef(x.self), nil, nil
		case "__func__":
			return th.newRef(x.fn), nil, nil
		}
	case *Builtin:
		if name == "__name__" {
			return th.NewStr(x.name), nil, nil
		}
	}
	if a, ok := o.(pyAttrer); ok {
		if v, found, err := a.pyAttr(th, name); found || err != nil {
			return v, nil, err
		}
	}
	if name == "__class__" {
		return th.newRef(o.Type()), nil, nil
	}
	if v := o.Type().lookup(th, name); v != nil {
		if binds(v) {
			return v, th.newRef(o), nil
		}
		return v, nil, nil
	}
	return nil, nil, th.Raisef(th.rt.types.exc.AttributeError, "'%s' object has no attribute '%s'", o.Type().name, name)
}

// SetAttr is o.name = value (x.field = y: atomic, a dict store).
func (th *Thread) SetAttr(o Object, name string, value Object) error {
	switch x := o.(type) {
	case *Instance:
		return th.DictSetStr(x.dict, name, value)
	case *Exception:
		return th.DictSetStr(x.dict, name, value)
	case *Module:
		return th.DictSetStr(x.dict, name, value)
	case *Type:
		if !x.builtin {
			return th.DictSetStr(x.dict, name, value)
		}
		return th.Raisef(th.rt.types.exc.TypeError, "cannot set '%s' attribute of immutable type '%s'", name, x.name)
	}
	return th.Raisef(th.rt.types.exc.AttributeError, "'%s' object has no attribute '%s'", o.Type().name, name)
}

// DelAttr is del o.name.
func (th *Thread) DelAttr(o Object, name string) error {
	var d *Dict
	switch x := o.(type) {
	case *Instance:
		d = x.dict
	case *Exception:
		d = x.dict
	case *Module:
		d = x.dict
	case *Type:
		if !x.builtin {
			d = x.dict
		}
	}
	if d == nil || !th.dictDelStr(d, name) {
		return th.Raisef(th.rt.types.exc.AttributeError, "'%s' object has no attribute '%s'", o.Type().name, name)
	}
	return nil
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
		r, err := f.fn(th, args, kwargs)
		if (r == nil) == (err == nil) {
			return th.badResult(f, r, err)
		}
		return r, err
	case *Function:
		return th.callFunction(f, args, kwargs)
	case *BoundMethod:
		return th.Call(f.fn, append([]Object{f.self}, args...), kwargs)
	case *Type:
		return th.instantiate(f, args, kwargs)
	case *Instance:
		if call := f.typ.lookup(th, "__call__"); call != nil {
			defer th.Decref(call)
			return th.Call(call, append([]Object{f}, args...), kwargs)
		}
	}
	return nil, th.Raisef(th.rt.types.exc.TypeError, "'%s' object is not callable", fn.Type().name)
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

// collect returns new references to the items of an iterable.
func (th *Thread) collect(iterable Object) ([]Object, error) {
	switch x := iterable.(type) {
	case *List:
		return th.listSnapshot(x), nil
	case *Tuple:
		out := make([]Object, len(x.items))
		for i, it := range x.items {
			out[i] = th.newRef(it)
		}
		return out, nil
	case *Range:
		// Its length is known: a range too large for the budget fails
		// at once, not after a billion ints.
		if n := x.length(); n > 0 && th.rt.memOn() {
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
