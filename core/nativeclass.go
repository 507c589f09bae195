package core

import (
	"fmt"
	"unsafe"

	"github.com/rwgil/rwgil/refcount"
)

// Classes written in Go, for the standard library's modules (deque,
// itertools' iterators, functools.partial) and extension modules: a
// class made with NewNativeClass is an ordinary class (its methods are Go
// functions made with NewMethod, NewStaticMethod and NewClassMethod in its
// namespace; Python classes may derive from it) whose instances carry a
// Go value beside their attribute dict, as a C type's instances carry
// their struct. The value lives after the Instance in an allocation of
// its own shape, so plain instances pay nothing for it.

// nativeInstance is the allocation of an instance of a native class.
type nativeInstance struct {
	Instance
	value any
}

// NativeReleaser is implemented by a native instance's Go value that
// holds references: Release is called once, when the instance is
// deallocated, with the function that drops a reference.
type NativeReleaser interface {
	Release(drop func(Object))
}

// NewNativeClass is NewClass for a class whose instances carry a Go value
// (NewNativeInstance makes them, from the class's __new__): classes
// deriving from it inherit the layout, a class cannot derive from two
// native classes or from one and a built-in type other than object, and
// object.__new__ refuses it ("is not safe").
func (th *Thread) NewNativeClass(name string, bases []*Type, ns *Dict, module string) (*Type, error) {
	for _, b := range bases {
		if b != th.rt.types.object {
			return nil, th.Raisef(th.rt.types.exc.TypeError, "a native class derives from object only, not %s", b.name)
		}
	}
	t, err := th.NewClass(name, bases, ns, module)
	if err != nil {
		return nil, err
	}
	t.native = true
	t.solid = t
	return t, nil
}

// NewNativeInstance returns a new reference to an instance of cls (a
// native class or a class deriving from one) carrying v, with an empty
// attribute dict. It does not call __init__.
func (th *Thread) NewNativeInstance(cls *Type, v any) (Object, error) {
	if !cls.native {
		return nil, th.Raisef(th.rt.types.exc.TypeError, "%s is not a native class", cls.name)
	}
	n := &nativeInstance{value: v}
	n.dict = th.NewDict()
	n.typ = cls
	th.Incref(cls)
	th.track(&n.Instance)
	return &n.Instance, nil
}

// NativeValue returns the Go value of an instance of a native class, and
// false for any other object.
func NativeValue(o Object) (any, bool) {
	i, ok := o.(*Instance)
	if !ok || !i.typ.native {
		return nil, false
	}
	return (*nativeInstance)(unsafe.Pointer(i)).value, true
}

// releaseNative drops what a native instance's value holds.
func (i *Instance) releaseNative(by *refcount.Owner) {
	if r, ok := (*nativeInstance)(unsafe.Pointer(i)).value.(NativeReleaser); ok {
		r.Release(func(o Object) { decrefBy(o, by) })
	}
}

// IsNativeClass reports whether t is a native class or derives from one.
func (t *Type) IsNativeClass() bool { return t.native }

// NewStaticMethod returns a new reference to staticmethod(fn) (fn
// borrowed), for a class's namespace.
func (th *Thread) NewStaticMethod(fn Object) Object { return th.newStaticMethod(fn) }

// NewClassMethod returns a new reference to classmethod(fn) (fn
// borrowed), for a class's namespace.
func (th *Thread) NewClassMethod(fn Object) Object { return th.newClassMethod(fn) }

// NewProperty returns a new reference to property(fget) (fget borrowed),
// for a class's namespace.
func (th *Thread) NewProperty(fget Object) (Object, error) {
	return th.newProperty(fget, nil, nil, nil, nil)
}

// BuiltinType returns the built-in type called name (dict, tuple, list,
// object, int, str, ...), or nil.
func (rt *Runtime) BuiltinType(name string) *Type {
	for _, t := range rt.typeByID {
		if t != nil && t.builtin && t.name == name && t.module == "builtins" {
			return t
		}
	}
	return nil
}

// NewTupleOf returns a new reference to an instance of cls, tuple or a
// class deriving from it, holding items (whose references it takes
// over), as tuple.__new__(cls, items) makes it.
func (th *Thread) NewTupleOf(cls *Type, items []Object) (Object, error) {
	t := th.NewTuple(items)
	if cls == th.rt.types.tuple {
		return t, nil
	}
	if !cls.IsSubtype(th.rt.types.tuple) {
		th.Decref(t)
		return nil, th.Raisef(th.rt.types.exc.TypeError, "tuple.__new__(%s): %s is not a subtype of tuple", cls.name, cls.name)
	}
	o := th.newSubInstance(cls, th.rt.types.tuple, t)
	th.Decref(t)
	return o, nil
}

// TupleItems returns the items of a tuple (or of an instance of a class
// deriving from tuple), borrowed; ok is false for anything else.
func TupleItems(o Object) ([]Object, bool) {
	t, ok := o.(*Tuple)
	if !ok {
		return nil, false
	}
	return t.items, true
}

// NewIterator returns a new reference to an iterator of type t (made by
// NewIteratorType) whose next function is next: a new reference to the
// next item, or ok false when it is exhausted (after which next is not
// called again). holds are references the iterator keeps alive (taken
// over); release, if not nil, drops the references that next's own state
// holds when the iterator is deallocated; repr, if not nil, is its
// repr. next runs in a critical section
// on the iterator, which a call into Python code suspends (as CPython
// 3.13t's itertools do), so that threads sharing it never see its Go
// state half-updated.
func (th *Thread) NewIterator(t *Type, holds []Object, release func(drop func(Object)), next func(th *Thread) (Object, bool, error), repr func(th *Thread) (string, error)) Object {
	it := &funcIter{name: t.name, holds: holds, repr: repr, release: release}
	it.next_ = func(th *Thread) (x Object, ok bool, err error) {
		th.beginCS(it)
		defer th.endCS()
		return next(th)
	}
	it.typ = t
	if !t.builtin {
		th.Incref(t)
	}
	th.track(it)
	return it
}

// NewIteratorType returns a new reference to a class for the iterators
// of NewIterator, called name in module (itertools.count): calling it
// calls new (bound as its __new__, with the class as args[0]); ns, if not
// nil, adds attributes (chain.from_iterable).
func (th *Thread) NewIteratorType(name, module string, new BuiltinFunc, ns map[string]Object) (*Type, error) {
	d := th.NewDict()
	defer th.Decref(d)
	b := th.NewBuiltin("__new__", new)
	sm := th.newStaticMethod(b)
	th.Decref(b)
	err := th.DictSetStr(d, "__new__", sm)
	th.Decref(sm)
	if err != nil {
		return nil, err
	}
	// it.__iter__() and it.__next__(), as on every built-in iterator.
	for _, m := range iteratorMethods {
		b := th.NewMethod(m.name, m.fn)
		err := th.DictSetStr(d, m.name, b)
		th.Decref(b)
		if err != nil {
			return nil, err
		}
	}
	for k, v := range ns {
		if err := th.DictSetStr(d, k, v); err != nil {
			return nil, err
		}
	}
	t, err := th.NewClass(name, nil, d, module)
	if err != nil {
		return nil, err
	}
	t.solid = t
	return t, nil
}

// pyRepr implements pyReprer: a Go iterator's own repr, or the default.
func (it *funcIter) pyRepr(th *Thread) (string, error) {
	if it.repr != nil {
		return it.repr(th)
	}
	return fmt.Sprintf("<%s object at %#x>", it.typ.fullName(), ID(it)), nil
}

// DictItems returns new references to d's keys and values, in order, read
// in one critical section.
func (th *Thread) DictItems(d *Dict) (keys, values []Object) { return th.dictItems(d) }

// DictLen is len(d), read in its critical section.
func (th *Thread) DictLen(d *Dict) int { return th.dictLen(d) }

// DictMoveToEnd moves key to the end of d's order (to the front if last
// is false), as OrderedDict.move_to_end does, in one critical section;
// found is false, and nothing changes, if key is absent. It costs a
// rebuild of the table (CPython's OrderedDict keeps a linked list and
// moves in constant time).
func (th *Thread) DictMoveToEnd(d *Dict, key Object, last bool) (found bool, err error) {
	hash, err := th.Hash(key)
	if err != nil {
		return false, err
	}
	th.beginCS(d)
	defer th.endCS()
	pos, _, err := d.lookup(th, key, hash)
	if err != nil || pos < 0 {
		return false, err
	}
	moved := d.entries[pos]
	live := make([]entry, 0, d.used)
	if !last {
		live = append(live, moved)
	}
	for i, e := range d.entries {
		if i != pos && e.key != nil {
			live = append(live, e)
		}
	}
	if last {
		live = append(live, moved)
	}
	d.entries = live
	d.resize(len(live))
	if th.rt.memOn() && d.charged != d.storage() {
		th.memResize(&d.charged, d.storage())
	}
	return true, nil
}

// DictPopItem removes the last entry of d (the first if last is false)
// and returns its key and value (new references), in one critical
// section; ok is false if d is empty.
func (th *Thread) DictPopItem(d *Dict, last bool) (key, value Object, ok bool) {
	th.beginCS(d)
	defer th.endCS()
	if d.used == 0 {
		return nil, nil, false
	}
	pos := -1
	if last {
		for i := len(d.entries) - 1; i >= 0; i-- {
			if d.entries[i].key != nil {
				pos = i
				break
			}
		}
	} else {
		for i, e := range d.entries {
			if e.key != nil {
				pos = i
				break
			}
		}
	}
	e := d.entries[pos]
	for p := newProbe(e.hash, len(d.index)); ; p.next() {
		if d.index[p.i] == int32(pos) {
			key, value = d.remove(pos, int(p.i))
			return key, value, true
		}
	}
}

// KeywordNames returns the names of a call's keyword arguments kw in the
// order the caller passed them (as CPython's kwargs dict keeps them),
// when the eval loop recorded it for this call; sorted otherwise.
func (th *Thread) KeywordNames(kw map[string]Object) []string { return th.keywordNames(kw) }

// NewBoundMethod returns a new reference to fn bound to self (both
// borrowed), as a function looked up on an instance is: a descriptor's
// __get__ returns one.
func (th *Thread) NewBoundMethod(fn, self Object) Object { return th.newBoundMethod(self, fn) }

// ReprEnter is CPython's Py_ReprEnter for a Go __repr__ of a container:
// it reports true if o is already being repr'd further up this thread's
// stack (the container contains itself: print "[...]" and do not call
// ReprLeave); otherwise it marks o and the caller must call ReprLeave.
func (th *Thread) ReprEnter(o Object) bool {
	if th.reprActive(o) {
		return true
	}
	th.reprStack = append(th.reprStack, o)
	return false
}

// ReprLeave ends what ReprEnter(o) began.
func (th *Thread) ReprLeave(o Object) {
	if n := len(th.reprStack); n > 0 && th.reprStack[n-1] == o {
		th.reprStack = th.reprStack[:n-1]
	}
}
