package core

import (
	"sync/atomic"

	"github.com/rwgil/rwgil/refcount"
)

// Iterators. An iterator may be shared by threads: each position is
// claimed with an atomic add, so concurrent next() calls may skip or
// repeat nothing of their own making -- each item goes to one caller --
// but when the underlying container changes meanwhile, an iterator may
// skip or repeat items. It never invents one and never crashes.

// seqIter iterates over a list, tuple or str by position.
type seqIter struct {
	Header
	seq Object
	pos atomic.Int64
}

// Dealloc implements refcount.Object.
func (it *seqIter) Dealloc(by *refcount.Owner) {
	untrack(it, by)
	decrefBy(it.seq, by)
}

// Describe implements refcount.Object.
func (it *seqIter) Describe() string { return describe(it) }

func (it *seqIter) next(th *Thread) (Object, bool, error) {
	i := int(it.pos.Add(1) - 1)
	switch s := it.seq.(type) {
	case *List:
		m := th.beginLeafCS(s)
		if i < len(s.items) {
			v := th.newRef(s.items[i])
			th.endLeafCS(m)
			return v, true, nil
		}
		th.endLeafCS(m)
	case *Tuple:
		if i < len(s.items) {
			return th.newRef(s.items[i]), true, nil
		}
	case *Str:
		if s.ascii {
			if i < len(s.s) {
				return s.index(th, i), true, nil
			}
		} else if r := s.runes(); i < len(r) {
			return th.NewStr(string(r[i])), true, nil
		}
	}
	it.pos.Store(1 << 62) // exhausted stays exhausted
	return nil, false, nil
}

// tableIter iterates over a dict's keys or a set's keys, in insertion
// order. A change of size during iteration raises RuntimeError, as in
// CPython.
type tableIter struct {
	Header
	owner Object // the *Dict or *Set
	t     *table
	size  int
	pos   atomic.Int64
	mode  iterMode // a dict's keys, values or items
}

// iterMode is what a dict iterator yields.
type iterMode uint8

const (
	iterKeys iterMode = iota
	iterValues
	iterItems
)

// Dealloc implements refcount.Object.
func (it *tableIter) Dealloc(by *refcount.Owner) {
	untrack(it, by)
	decrefBy(it.owner, by)
}

// Describe implements refcount.Object.
func (it *tableIter) Describe() string { return describe(it) }

func (it *tableIter) next(th *Thread) (Object, bool, error) {
	th.beginCS(it.owner)
	defer th.endCS()
	if int(it.t.used) != it.size {
		it.size = -1 // stays broken
		kind := "dictionary"
		if _, ok := it.owner.(*Set); ok {
			kind = "set"
		}
		return nil, false, th.Raisef(th.rt.types.exc.RuntimeError, "%s changed size during iteration", kind)
	}
	for {
		i := int(it.pos.Add(1) - 1)
		if i >= len(it.t.entries) {
			return nil, false, nil
		}
		if e := it.t.entries[i]; e.key != nil {
			switch it.mode {
			case iterValues:
				return th.newRef(e.value), true, nil
			case iterItems:
				return th.NewTuple([]Object{th.newRef(e.key), th.newRef(e.value)}), true, nil
			}
			return th.newRef(e.key), true, nil
		}
	}
}

// Range is a Python range.
type Range struct {
	Header
	start, stop, step int64
}

// Dealloc implements refcount.Object.
func (r *Range) Dealloc(by *refcount.Owner) { untrack(r, by) }

// Describe implements refcount.Object.
func (r *Range) Describe() string { return describe(r) }

// length is the number of items, as a uint64: range(-2**62, 2**62) has
// more than fit in an int64.
func (r *Range) length() uint64 {
	switch {
	case r.step > 0 && r.start < r.stop:
		diff, step := uint64(r.stop)-uint64(r.start), uint64(r.step)
		return diff/step + min(diff%step, 1)
	case r.step < 0 && r.start > r.stop:
		diff, step := uint64(r.start)-uint64(r.stop), -uint64(r.step)
		return diff/step + min(diff%step, 1)
	}
	return 0
}

// item is the i-th item (i < length). The true value fits in an int64,
// so wrapping uint64 arithmetic computes it exactly.
func (r *Range) item(i uint64) int64 {
	return int64(uint64(r.start) + i*uint64(r.step))
}

func (r *Range) contains(v int64) bool {
	if r.step > 0 {
		return v >= r.start && v < r.stop && (uint64(v)-uint64(r.start))%uint64(r.step) == 0
	}
	return v <= r.start && v > r.stop && (uint64(r.start)-uint64(v))%(-uint64(r.step)) == 0
}

// sameSequence is range equality: equal as sequences.
func (r *Range) sameSequence(o *Range) bool {
	n := r.length()
	switch {
	case n != o.length():
		return false
	case n == 0:
		return true
	case r.start != o.start:
		return false
	}
	return n == 1 || r.step == o.step
}

// rangeIter iterates over a range.
type rangeIter struct {
	Header
	r   Range
	n   uint64
	pos atomic.Uint64
}

// Dealloc implements refcount.Object.
func (it *rangeIter) Dealloc(by *refcount.Owner) { untrack(it, by) }

// Describe implements refcount.Object.
func (it *rangeIter) Describe() string { return describe(it) }

func (it *rangeIter) next(th *Thread) (Object, bool, error) {
	i := it.pos.Add(1) - 1
	if i >= it.n {
		it.pos.Store(it.n) // exhausted stays exhausted
		return nil, false, nil
	}
	return th.NewInt(it.r.item(i)), true, nil
}

// funcIter is an iterator written in Go (enumerate, zip): next returns a
// new reference, or ok=false when exhausted.
type funcIter struct {
	Header
	name  string
	next_ func(th *Thread) (Object, bool, error)
	// holds are the objects the iterator keeps alive.
	holds []Object
	done  atomic.Bool
	// repr is the iterator's repr (nil: the default) and release drops
	// the references its next function's state holds: NewIterator's.
	repr    func(th *Thread) (string, error)
	release func(drop func(Object))
}

// Dealloc implements refcount.Object.
func (it *funcIter) Dealloc(by *refcount.Owner) {
	untrack(it, by)
	for _, o := range it.holds {
		decrefBy(o, by)
	}
	if it.release != nil {
		it.release(func(o Object) { decrefBy(o, by) })
	}
	if !it.typ.builtin {
		decrefBy(it.typ, by)
	}
}

// Describe implements refcount.Object.
func (it *funcIter) Describe() string { return it.name + " iterator" }

func (it *funcIter) next(th *Thread) (Object, bool, error) {
	if it.done.Load() {
		return nil, false, nil
	}
	x, ok, err := it.next_(th)
	if !ok && err == nil {
		it.done.Store(true)
	}
	return x, ok, err
}

// newFuncIter makes a Go iterator that keeps holds alive (references taken
// over).
func (th *Thread) newFuncIter(name string, holds []Object, next func(th *Thread) (Object, bool, error)) Object {
	it := &funcIter{name: name, next_: next, holds: holds}
	it.typ = th.rt.iterType(name)
	th.track(it)
	return it
}

// iterTypeNames are the iterator types, named as CPython names them
// (type(iter([])).__name__ is 'list_iterator').
var iterTypeNames = []string{"iterator", "list_iterator", "tuple_iterator", "str_ascii_iterator", "str_iterator",
	"range_iterator", "dict_keyiterator", "dict_valueiterator", "dict_itemiterator", "set_iterator",
	"bytes_iterator", "bytearray_iterator", "map", "filter", "zip", "enumerate", "reversed",
	"list_reverseiterator", "callable_iterator"}

// iterType is the iterator type called name ("iterator" if none is).
func (rt *Runtime) iterType(name string) *Type {
	if t, ok := rt.types.iters[name]; ok {
		return t
	}
	return rt.types.iterator
}

// newTableIter makes an iterator over a dict's or a set's table.
func (th *Thread) newTableIter(owner Object, t *table, mode iterMode, typ string) Object {
	th.beginCS(owner)
	it := &tableIter{owner: th.newRef(owner), t: t, size: int(t.used), mode: mode}
	th.endCS()
	it.typ = th.rt.iterType(typ)
	th.track(it)
	return it
}

// goIterator is what Next drives.
type goIterator interface {
	next(th *Thread) (Object, bool, error)
}

// Iter is iter(o): a new reference to an iterator.
func (th *Thread) Iter(o Object) (Object, error) {
	if subclassed(o) {
		if fn := th.subOverride(o, "__iter__"); fn != nil {
			th.Decref(fn)
			return th.iterUser(o)
		}
	}
	return th.iterNative(o)
}

// iterNative is Iter without the special methods of a class deriving
// from a built-in (the built-in's __iter__).
func (th *Thread) iterNative(o Object) (Object, error) {
	switch x := o.(type) {
	case *List, *Tuple, *Str:
		it := &seqIter{seq: th.newRef(o)}
		name := "list_iterator"
		switch s := o.(type) {
		case *Tuple:
			name = "tuple_iterator"
		case *Str:
			name = "str_iterator"
			if s.ascii {
				name = "str_ascii_iterator"
			}
		}
		it.typ = th.rt.iterType(name)
		th.track(it)
		return it, nil
	case *Dict:
		return th.newTableIter(x, &x.table, iterKeys, "dict_keyiterator"), nil
	case *Set:
		return th.newTableIter(x, &x.table, iterKeys, "set_iterator"), nil
	case *Range:
		it := &rangeIter{r: Range{start: x.start, stop: x.stop, step: x.step}, n: x.length()}
		it.typ = th.rt.iterType("range_iterator")
		th.track(it)
		return it, nil
	case *Bytes:
		return th.newBytesIter(x), nil
	case *dictView:
		return th.viewIter(x)
	case *MappingProxy:
		return th.Iter(x.d)
	case goIterator:
		return th.newRef(o), nil
	case *Instance, *Exception:
		return th.iterUser(o)
	}
	return nil, th.Raisef(th.rt.types.exc.TypeError, "'%s' object is not iterable", o.Type().name)
}

// iterUser is iter(o) for an instance of a class: its __iter__, or the
// old sequence protocol over its __getitem__.
func (th *Thread) iterUser(o Object) (Object, error) {
	fn := th.lookupSpecial(o, "__iter__")
	if fn != nil {
		defer th.Decref(fn)
		if fn != th.rt.None {
			r, err := th.callSpecial(fn, o)
			if err != nil {
				return nil, err
			}
			if !th.isIterator(r) {
				th.Decref(r)
				return nil, th.Raisef(th.rt.types.exc.TypeError, "iter() returned non-iterator of type '%s'", r.Type().name)
			}
			return r, nil
		}
	} else if th.hasDunder(o, "__getitem__") {
		return th.getitemIter(o), nil
	}
	return nil, th.Raisef(th.rt.types.exc.TypeError, "'%s' object is not iterable", o.Type().name)
}

// hasDunder reports whether o's class defines name (and does not set it
// to None).
func (th *Thread) hasDunder(o Object, name string) bool {
	fn := o.Type().lookup(th, name)
	th.XDecref(fn)
	return fn != nil && fn != th.rt.None
}

// iterable reports whether Iter(o) can succeed.
func (th *Thread) iterable(o Object) bool {
	switch o.(type) {
	case *List, *Tuple, *Str, *Dict, *Set, *Range, *Bytes, *dictView, *MappingProxy, goIterator:
		return true
	case *Instance, *Exception:
		return th.hasDunder(o, "__iter__") || th.hasDunder(o, "__getitem__")
	}
	return false
}

// getitemIter is the old sequence protocol: o[0], o[1], ... until
// IndexError (or StopIteration).
func (th *Thread) getitemIter(o Object) Object {
	var i atomic.Int64
	return th.newFuncIter("iterator", []Object{th.newRef(o)}, func(th *Thread) (Object, bool, error) {
		k := th.NewInt(i.Add(1) - 1)
		x, err := th.GetItem(o, k)
		th.Decref(k)
		if err != nil {
			if IsInstance(err, th.rt.types.exc.IndexError) || IsInstance(err, th.rt.types.exc.StopIteration) {
				th.Discard(err)
				return nil, false, nil
			}
			return nil, false, err
		}
		return x, true, nil
	})
}

// Next advances an iterator: a new reference to the next item, or ok=false
// when it is exhausted (a user iterator's StopIteration is consumed).
func (th *Thread) Next(it Object) (item Object, ok bool, err error) {
	if g, isGo := it.(goIterator); isGo {
		return g.next(th)
	}
	r, found, err := th.callDunder(it, "__next__")
	if err != nil {
		if IsInstance(err, th.rt.types.exc.StopIteration) {
			th.Discard(err)
			return nil, false, nil
		}
		return nil, false, err
	}
	if !found {
		return nil, false, th.Raisef(th.rt.types.exc.TypeError, "'%s' object is not an iterator", it.Type().name)
	}
	return r, true, nil
}

// isIterator reports whether o is an iterator: a Go iterator, or an
// object whose class defines __next__.
func (th *Thread) isIterator(o Object) bool {
	if _, ok := o.(goIterator); ok {
		return true
	}
	return userDefined(o) && th.hasDunder(o, "__next__")
}
