package core

import (
	"errors"
	"sync/atomic"
)

// table is the insertion-ordered hash table under dict and set (CPython's
// compact dict): entries in insertion order, and an open-addressing index
// of positions into entries. The owning object's critical section guards
// it; the lookups that may call back into Python code (a key's __eq__)
// suspend that section and re-validate through version.
type table struct {
	entries []entry // in insertion order; deleted entries have key == nil
	index   []int32 // length a power of two, or 0; slotFree, slotDummy, or a position in entries
	used    int32   // live entries
	dummies int32   // slotDummy slots
	// version changes with every insertion, deletion, resize and (for a
	// dict) replacement of a value, so that a lookup that called back can
	// tell whether it must start over, and so that the global cache
	// (globalcache.go) can tell a dict unchanged since it read a value.
	// Only a writer in the owner's critical section changes it (bump);
	// the cache reads it without one, so it is atomic.
	version atomic.Uint64
	// charged is what entries and index cost the memory budget (memory.go).
	charged int64
}

// entrySize is the size of an entry.
const entrySize = 40

// storage is what entries and index cost now.
func (t *table) storage() int64 { return int64(cap(t.entries))*entrySize + int64(len(t.index))*4 }

// memSize implements memSizer for dicts and sets.
func (t *table) memSize() int64 { return t.charged }

// reserveOne checks the memory budget for one more entry, if that entry
// makes the table grow. The owner's critical section is held.
func (t *table) reserveOne(th *Thread) error {
	if len(t.index) > 0 && (int(t.used)+int(t.dummies)+1)*3 < len(t.index)*2 && len(t.entries) < cap(t.entries) {
		return nil
	}
	n := int64(t.used) + 1
	size := int64(8)
	for size*2 < n*3 {
		size *= 2
	}
	return th.memCheck(size*4 + 2*n*entrySize - t.charged)
}

type entry struct {
	hash       int64
	key, value Object
}

const (
	slotFree  = -1
	slotDummy = -2
)

// probe yields the slots for hash, in CPython's order: start at the hash's
// low bits, then i = 5i + 1 + perturb with perturb shifting in the high
// bits, which visits every slot.
type probe struct {
	mask, i, perturb uint64
}

func newProbe(hash int64, size int) probe {
	p := probe{mask: uint64(size - 1), perturb: uint64(hash)}
	p.i = uint64(hash) & p.mask
	return p
}

func (p *probe) next() {
	p.perturb >>= 5
	p.i = (p.i*5 + p.perturb + 1) & p.mask
}

// lookup finds key: its entry position (or -1) and the index slot where
// it would be inserted. It may call back into Python code to compare keys,
// suspending the caller's critical section; then it starts over if the
// table changed meanwhile.
func (t *table) lookup(th *Thread, key Object, hash int64) (pos, slot int, err error) {
	return t.find(th, key, hash, true)
}

// lookupLeaf is lookup for a leaf section (beginLeafCS), which must not
// call out: ok is false, and nothing was looked up, when a comparison
// would run Python code (a key that is not a built-in value with a hash
// equal to key's); the caller then looks up again in a full section.
func (t *table) lookupLeaf(key Object, hash int64) (pos, slot int, ok bool) {
	pos, slot, err := t.find(nil, key, hash, false)
	return pos, slot, err == nil
}

// errWouldCallOut is find's error when it may not call out and would.
var errWouldCallOut = errors.New("core: a key comparison would run Python code")

// find is lookup, or lookupLeaf when callOut is false.
func (t *table) find(th *Thread, key Object, hash int64, callOut bool) (pos, slot int, err error) {
restart:
	if len(t.index) == 0 {
		return -1, -1, nil
	}
	firstDummy := -1
	for p := newProbe(hash, len(t.index)); ; p.next() {
		ix := t.index[p.i]
		switch ix {
		case slotFree:
			if firstDummy >= 0 {
				return -1, firstDummy, nil
			}
			return -1, int(p.i), nil
		case slotDummy:
			if firstDummy < 0 {
				firstDummy = int(p.i)
			}
			continue
		}
		e := &t.entries[ix]
		if e.key == key {
			return int(ix), int(p.i), nil
		}
		if e.hash != hash {
			continue
		}
		if eq, ok := pureEqual(e.key, key); ok {
			if eq {
				return int(ix), int(p.i), nil
			}
			continue
		}
		if !callOut {
			return -1, -1, errWouldCallOut
		}
		// The comparison may run Python code: hold the entry's key, and
		// start over if the table changed while it ran.
		version, k := t.version.Load(), th.newRef(e.key)
		eq, err := th.CompareBool(k, key, CmpEq)
		th.Decref(k)
		if err != nil {
			return -1, -1, err
		}
		if t.version.Load() != version {
			goto restart
		}
		if eq {
			return int(ix), int(p.i), nil
		}
	}
}

// lookupStr finds the entry whose key is the str s (no callbacks: a str
// key compares by value).
func (t *table) lookupStr(s string, hash int64) int {
	if len(t.index) == 0 {
		return -1
	}
	for p := newProbe(hash, len(t.index)); ; p.next() {
		ix := t.index[p.i]
		switch ix {
		case slotFree:
			return -1
		case slotDummy:
			continue
		}
		e := &t.entries[ix]
		if e.hash == hash {
			if k, ok := e.key.(*Str); ok && k.s == s {
				return int(ix)
			}
		}
	}
}

// reserve readies an empty table for n insertions: the index they take
// and room for their entries, allocated once instead of grown by append
// (an instance's dict, sized for the attributes its class's instances
// have). The table is not yet shared.
func (t *table) reserve(n int) {
	if len(t.index) > 0 || n <= 0 {
		return
	}
	t.entries = make([]entry, 0, n)
	t.index = make([]int32, indexSize(n))
	for i := range t.index {
		t.index[i] = slotFree
	}
}

// bump changes the version. The caller is the table's only writer (it
// holds the owner's critical section, or the dict is not shared), so a
// load and a store suffice; the store is atomic for the global cache's
// readers, and precedes the release of any reference the change drops.
func (t *table) bump() { t.version.Store(t.version.Load() + 1) }

// insertNew adds an entry known to be absent at slot (from lookup); it
// takes over the references key and value.
func (t *table) insertNew(slot int, hash int64, key, value Object) {
	if slot < 0 || int(t.used+t.dummies+1)*3 >= len(t.index)*2 {
		t.resize(int(t.used) + 1)
		slot = t.freeSlot(hash)
	} else if t.index[slot] == slotDummy {
		t.dummies--
	}
	t.index[slot] = int32(len(t.entries))
	t.entries = append(t.entries, entry{hash: hash, key: key, value: value})
	t.used++
	t.bump()
}

// insert is insertNew for a thread: a resize is charged to the memory
// budget (reserveOne checked it first).
func (t *table) insert(th *Thread, slot int, hash int64, key, value Object) {
	t.insertNew(slot, hash, key, value)
	if th.rt.memOn() && t.charged != t.storage() {
		th.memResize(&t.charged, t.storage())
	}
}

// freeSlot finds the slot a new entry of hash goes to in a table with no
// dummies.
func (t *table) freeSlot(hash int64) int {
	for p := newProbe(hash, len(t.index)); ; p.next() {
		if t.index[p.i] == slotFree {
			return int(p.i)
		}
	}
}

// resize rebuilds the index for at least n entries and compacts entries.
func (t *table) resize(n int) {
	size := 8
	for size*2 < n*3 {
		size *= 2
	}
	live := t.entries[:0:0]
	if t.used > 0 {
		// Room for every entry the index takes before its next resize
		// (two thirds of it), as CPython's dict: growth is geometric, not
		// one append's worth.
		live = make([]entry, 0, max(n, size*2/3))
		for _, e := range t.entries {
			if e.key != nil {
				live = append(live, e)
			}
		}
	}
	t.entries = live
	t.index = make([]int32, size)
	for i := range t.index {
		t.index[i] = slotFree
	}
	for i, e := range t.entries {
		t.index[t.freeSlot(e.hash)] = int32(i)
	}
	t.dummies = 0
	t.bump()
}

// remove deletes the entry at pos (found at slot) and returns its key and
// value, whose references pass to the caller.
func (t *table) remove(pos, slot int) (key, value Object) {
	e := &t.entries[pos]
	key, value = e.key, e.value
	*e = entry{}
	t.index[slot] = slotDummy
	t.dummies++
	t.used--
	t.bump()
	if t.used == 0 {
		t.entries, t.index, t.dummies = nil, nil, 0
	}
	return key, value
}

// takeAll empties the table and returns its entries, whose references
// pass to the caller.
func (t *table) takeAll() []entry {
	es := t.entries
	t.entries, t.index, t.used, t.dummies = nil, nil, 0, 0
	t.bump()
	return es
}

// pureEqual compares two keys whose equality cannot run Python code: ok
// is false when it might (a user-defined object, or a tuple holding one).
func pureEqual(a, b Object) (eq, ok bool) {
	if userDefined(a) || userDefined(b) {
		return false, false
	}
	switch x := a.(type) {
	case *Str:
		y, isStr := b.(*Str)
		return isStr && x.s == y.s, true
	case *Int, *Bool, *Float:
		c, cmpOK := numericCompare(a, b)
		return cmpOK && c == 0, true
	case *Tuple:
		y, isTuple := b.(*Tuple)
		if !isTuple || len(x.items) != len(y.items) {
			return false, true
		}
		for i := range x.items {
			if x.items[i] == y.items[i] {
				continue
			}
			if e, ok := pureEqual(x.items[i], y.items[i]); !ok || !e {
				return false, ok
			}
		}
		return true, true
	case *Slice:
		y, isSlice := b.(*Slice)
		if !isSlice {
			return false, true
		}
		xs, ys := [3]Object{x.start, x.stop, x.step}, [3]Object{y.start, y.stop, y.step}
		for i := range xs {
			if xs[i] == ys[i] {
				continue
			}
			if e, ok := pureEqual(xs[i], ys[i]); !ok || !e {
				return false, ok
			}
		}
		return true, true
	case *Bytes:
		y, isBytes := b.(*Bytes)
		if !isBytes {
			return false, true
		}
		if x.mutable || y.mutable {
			return false, false
		}
		return string(x.b) == string(y.b), true
	case *Set, *Range, *BoundMethod, *dictView, *MappingProxy, *Dict, *List:
		// Compared by contents, which may run Python code.
		return false, false
	}
	return a == b, true
}

// userDefined reports whether o is an instance of a user-defined class,
// whose comparisons, hash and repr may run Python code: an Instance, an
// exception, or an instance of a class deriving from a built-in type.
func userDefined(o Object) bool {
	switch x := o.(type) {
	case *Instance, *Exception:
		return true
	case *Int:
		return !x.typ.builtin
	case *Str:
		return !x.typ.builtin
	case *Float:
		return !x.typ.builtin
	case *Tuple:
		return !x.typ.builtin
	case *List, *Dict, *Set, *Bytes:
		return subclassed(o)
	}
	return false
}

// plainInstance reports whether o is an Instance or an exception: an
// object of a class with no built-in value inside.
func plainInstance(o Object) bool {
	switch o.(type) {
	case *Instance, *Exception:
		return true
	}
	return false
}
