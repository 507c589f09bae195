package core

import (
	"github.com/rwgil/rwgil/refcount"
)

// List is a Python list. Every operation runs in a critical section on
// the list, so the FAQ's atomic list operations -- L.append(x),
// L1.extend(L2), x = L[i], x = L.pop(), L1[i:j] = L2, L.sort() -- are
// atomic under every policy.
type List struct {
	Header
	items []Object
	// sorting: sort() has taken the items out and calls back into Python
	// code; the list reads as empty meanwhile, and any change made to it
	// makes the sort raise ValueError, as in CPython.
	sorting bool
	// charged is what the storage (cap(items)) costs the memory budget.
	charged int64
	// The padding makes a List 128 bytes, a size class whose objects are
	// 128-byte aligned: two threads' lists never share a cache line, so
	// their critical-section mutexes do not bounce between cores. CPython
	// 3.13t gets that separation from mimalloc's per-thread heaps; Go's
	// allocator put two threads' 80-byte lists side by side, and the
	// benchmark of two threads appending to their own lists ran at 0.74x
	// the speed of one. (Dict and Set are 128 bytes already.)
	_ [32]byte
}

// memSize implements memSizer.
func (l *List) memSize() int64 { return l.charged }

// listReserve checks the memory budget before l grows by n items (its
// critical section held): what append may allocate, at most.
func (th *Thread) listReserve(l *List, n int) error {
	if len(l.items)+n <= cap(l.items) {
		return nil
	}
	if n > maxSlice-len(l.items) {
		return th.memoryError(-1)
	}
	return th.memCheckItems(max(len(l.items)+n, 2*cap(l.items)) - cap(l.items))
}

// listResized keeps l's storage charge in step with its capacity.
func (th *Thread) listResized(l *List) {
	if th.rt.memOn() && l.charged != int64(cap(l.items))*slotSize {
		th.memResize(&l.charged, int64(cap(l.items))*slotSize)
	}
}

// Dealloc implements refcount.Object: the list drops its items.
func (l *List) Dealloc(by *refcount.Owner) {
	untrack(l, by)
	items := l.items
	l.items = nil
	for _, it := range items {
		decrefBy(it, by)
	}
	if !l.typ.builtin {
		releaseSub(l.typ, attrsOf(l), by)
	}
}

// Describe implements refcount.Object.
func (l *List) Describe() string { return describe(l) }

// NewList returns a new reference to a list of items. It takes over the
// references in items and keeps the slice.
func (th *Thread) NewList(items []Object) *List {
	l := &List{items: items, charged: int64(cap(items)) * slotSize}
	l.typ = th.rt.types.list
	th.track(l)
	return l
}

// ListAppend is L.append(x): atomic. It fails only with MemoryError.
func (th *Thread) ListAppend(l *List, x Object) error {
	m := th.beginLeafCS(l)
	if len(l.items) == cap(l.items) {
		if err := th.listReserve(l, 1); err != nil {
			th.endLeafCS(m)
			return err
		}
		l.items = append(l.items, th.newRef(x))
		th.listResized(l)
	} else {
		l.items = append(l.items, th.newRef(x))
	}
	th.endLeafCS(m)
	return nil
}

// ListLen is len(L).
func (th *Thread) ListLen(l *List) int {
	m := th.beginLeafCS(l)
	n := len(l.items)
	th.endLeafCS(m)
	return n
}

// ListItem is x = L[i] with Python's negative indexes: a new reference.
func (th *Thread) ListItem(l *List, i int) (Object, error) {
	m := th.beginLeafCS(l)
	if i < 0 {
		i += len(l.items)
	}
	if i < 0 || i >= len(l.items) {
		th.endLeafCS(m)
		return nil, th.Raise(th.rt.types.exc.IndexError, "list index out of range")
	}
	x := th.newRef(l.items[i])
	th.endLeafCS(m)
	return x, nil
}

// listSetItem is L[i] = x.
func (th *Thread) listSetItem(l *List, i int, x Object) error {
	th.Incref(x)
	m := th.beginLeafCS(l)
	if i < 0 {
		i += len(l.items)
	}
	if i < 0 || i >= len(l.items) {
		th.endLeafCS(m)
		th.Decref(x)
		return th.Raise(th.rt.types.exc.IndexError, "list assignment index out of range")
	}
	old := l.items[i]
	l.items[i] = x
	th.endLeafCS(m)
	th.Decref(old)
	return nil
}

// listDelItem is del L[i].
func (th *Thread) listDelItem(l *List, i int) error {
	th.beginCS(l)
	if i < 0 {
		i += len(l.items)
	}
	if i < 0 || i >= len(l.items) {
		th.endCS()
		return th.Raise(th.rt.types.exc.IndexError, "list assignment index out of range")
	}
	old := l.items[i]
	l.items = append(l.items[:i], l.items[i+1:]...)
	l.items[:cap(l.items)][len(l.items)] = nil
	th.endCS()
	th.Decref(old)
	return nil
}

// ListPop is x = L.pop(i): atomic; i = -1 pops the last item.
func (th *Thread) ListPop(l *List, i int) (Object, error) {
	th.beginCS(l)
	defer th.endCS()
	n := len(l.items)
	if n == 0 {
		return nil, th.Raise(th.rt.types.exc.IndexError, "pop from empty list")
	}
	if i < 0 {
		i += n
	}
	if i < 0 || i >= n {
		return nil, th.Raise(th.rt.types.exc.IndexError, "pop index out of range")
	}
	x := l.items[i]
	copy(l.items[i:], l.items[i+1:])
	l.items[n-1] = nil
	l.items = l.items[:n-1]
	return x, nil
}

// listInsert is L.insert(i, x).
func (th *Thread) listInsert(l *List, i int, x Object) error {
	th.beginCS(l)
	defer th.endCS()
	if err := th.listReserve(l, 1); err != nil {
		return err
	}
	th.Incref(x)
	n := len(l.items)
	if i < 0 {
		i = max(i+n, 0)
	}
	i = min(i, n)
	l.items = append(l.items, nil)
	copy(l.items[i+1:], l.items[i:])
	l.items[i] = x
	th.listResized(l)
	return nil
}

// ListExtend is L1.extend(x): atomic when x is a list or tuple (both
// locked for a list); other iterables are first collected, since
// iterating them may run Python code.
func (th *Thread) ListExtend(l *List, x Object) error {
	switch src := x.(type) {
	case *List:
		th.beginCS2(l, src)
		defer th.endCS()
		if err := th.listReserve(l, len(src.items)); err != nil {
			return err
		}
		for _, it := range src.items {
			th.Incref(it)
		}
		l.items = append(l.items, src.items...)
		th.listResized(l)
		return nil
	case *Tuple:
		th.beginCS(l)
		defer th.endCS()
		if err := th.listReserve(l, len(src.items)); err != nil {
			return err
		}
		for _, it := range src.items {
			th.Incref(it)
		}
		l.items = append(l.items, src.items...)
		th.listResized(l)
		return nil
	}
	items, err := th.collect(x)
	if err != nil {
		return err
	}
	th.beginCS(l)
	defer th.endCS()
	if err := th.listReserve(l, len(items)); err != nil {
		th.decrefAll(items)
		return err
	}
	l.items = append(l.items, items...)
	th.listResized(l)
	return nil
}

// listSlice is L[start:stop]: a new list, the bounds normalized in the
// list's critical section.
func (th *Thread) listSlice(l *List, start, stop sliceIndex) *List {
	th.beginCS(l)
	defer th.endCS()
	s, e := bounds(start, stop, len(l.items))
	out := make([]Object, e-s)
	for i, it := range l.items[s:e] {
		out[i] = th.newRef(it)
	}
	return th.NewList(out)
}

// listSetSlice is L1[i:j] = x, step 1: atomic when x is a list (both
// locked) or a tuple; the bounds are normalized under the lock, against
// the length the assignment sees.
func (th *Thread) listSetSlice(l *List, start, stop sliceIndex, x Object) error {
	var repl []Object
	var src *List
	switch v := x.(type) {
	case *List:
		src = v
	case *Tuple:
		repl = v.items
	default:
		if !th.iterable(x) {
			return th.Raise(th.rt.types.exc.TypeError, "can only assign an iterable")
		}
		items, err := th.collect(x)
		if err != nil {
			return err
		}
		defer th.decrefAll(items)
		repl = items
	}
	if src != nil {
		th.beginCS2(l, src)
		repl = append([]Object(nil), src.items...) // L[a:b] = L copies first
	} else {
		th.beginCS(l)
	}
	s, e := bounds(start, stop, len(l.items))
	if err := th.listReserve(l, len(repl)-(e-s)); err != nil {
		th.endCS()
		return err
	}
	for _, it := range repl {
		th.Incref(it)
	}
	removed := append([]Object(nil), l.items[s:e]...)
	tail := append([]Object(nil), l.items[e:]...)
	l.items = append(append(l.items[:s], repl...), tail...)
	th.listResized(l)
	th.endCS()
	th.decrefAll(removed)
	return nil
}

// decrefAll drops the references in objs.
func (th *Thread) decrefAll(objs []Object) {
	for _, o := range objs {
		th.XDecref(o)
	}
}

// listSnapshot returns new references to the list's items.
func (th *Thread) listSnapshot(l *List) []Object {
	th.beginCS(l)
	defer th.endCS()
	out := make([]Object, len(l.items))
	for i, it := range l.items {
		out[i] = th.newRef(it)
	}
	return out
}

// listIndex is L.index(x): the first i with L[i] == x. The comparison may
// call back, so each step re-reads the list.
func (th *Thread) listIndex(l *List, x Object) (int, error) {
	th.beginCS(l)
	defer th.endCS()
	for i := 0; i < len(l.items); i++ {
		it := th.newRef(l.items[i])
		eq, err := th.CompareBool(it, x, CmpEq)
		th.Decref(it)
		if err != nil {
			return -1, err
		}
		if eq {
			return i, nil
		}
	}
	return -1, nil
}

// ListSort is L.sort(key=key, reverse=reverse): a stable sort. Without a
// key, and with items that compare without Python code (numbers, strs),
// the whole sort runs in the list's critical section: atomic. Otherwise
// the items are taken out for the duration -- the list reads as empty --
// and a change made meanwhile raises ValueError at the end.
func (th *Thread) ListSort(l *List, key Object, reverse bool) error {
	th.beginCS(l)
	if l.sorting {
		th.endCS()
		return th.Raise(th.rt.types.exc.ValueError, "list modified during sort")
	}
	if key == nil {
		if less := pureLess(l.items); less != nil {
			sortObjects(l.items, nil, less, reverse)
			th.endCS()
			return nil
		}
	}
	items := l.items
	l.items, l.sorting = nil, true
	th.endCS()

	err := th.sortCallingBack(items, key, reverse)

	th.beginCS(l)
	added := l.items
	l.items, l.sorting = items, false
	th.endCS()
	if added != nil {
		th.decrefAll(added)
		if err == nil {
			err = th.Raise(th.rt.types.exc.ValueError, "list modified during sort")
		}
	}
	return err
}

// sortCallingBack sorts items by key(item) (or the items themselves),
// with comparisons that may run Python code. On an error the order is
// whatever the sort had reached.
func (th *Thread) sortCallingBack(items []Object, key Object, reverse bool) error {
	keys := items
	if key != nil {
		keys = make([]Object, len(items))
		defer func() { th.decrefAll(keys) }()
		for i, it := range items {
			k, err := th.Call(key, []Object{it}, nil)
			if err != nil {
				return err
			}
			keys[i] = k
		}
	}
	var firstErr error
	less := func(a, b Object) bool {
		if firstErr != nil {
			return false
		}
		lt, err := th.CompareBool(a, b, CmpLt)
		if err != nil {
			firstErr = err
		}
		return lt
	}
	if pl := pureLess(keys); pl != nil {
		less = pl
	}
	sortObjects(items, keys, less, reverse)
	return firstErr
}

// sortObjects stably sorts items by keys (or by the items if keys is nil
// or the same slice) under less; reverse keeps equal items in order, as
// Python's does.
func sortObjects(items, keys []Object, less func(a, b Object) bool, reverse bool) {
	if len(items) < 2 {
		return
	}
	if reverse {
		forward := less
		less = func(a, b Object) bool { return forward(b, a) }
	}
	if keys == nil || &keys[0] == &items[0] {
		stableSort(items, less)
		return
	}
	idx := make([]int, len(items))
	for i := range idx {
		idx[i] = i
	}
	stableSort(idx, func(i, j int) bool { return less(keys[i], keys[j]) })
	sorted := make([]Object, len(items))
	for i, j := range idx {
		sorted[i] = items[j]
	}
	copy(items, sorted)
}

// pureLess returns a comparison for items that all compare without Python
// code and without errors -- all numbers, or all strs -- or nil.
func pureLess(items []Object) func(a, b Object) bool {
	if len(items) == 0 {
		return func(a, b Object) bool { return false }
	}
	allNum, allStr := true, true
	for _, it := range items {
		switch x := it.(type) {
		case *Int, *Bool:
			allStr = false
		case *Float:
			allStr = false
			if x.v != x.v { // NaN: comparisons are all false, still no error
				continue
			}
		case *Str:
			allNum = false
		default:
			return nil
		}
	}
	switch {
	case allNum:
		return func(a, b Object) bool { c, ok := numericCompare(a, b); return ok && c < 0 }
	case allStr:
		return func(a, b Object) bool { return a.(*Str).s < b.(*Str).s }
	}
	return nil
}
