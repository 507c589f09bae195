package core

import "github.com/rwgil/rwgil/refcount"

// Tuple is a Python tuple: immutable, so it needs no critical section.
type Tuple struct {
	Header
	items []Object
}

// Dealloc implements refcount.Object: the tuple drops its items.
func (t *Tuple) Dealloc(by *refcount.Owner) {
	untrack(t, by)
	for i, it := range t.items {
		t.items[i] = nil
		decrefBy(it, by)
	}
	if !t.typ.builtin {
		releaseSub(t.typ, attrsOf(t), by)
	}
}

// Describe implements refcount.Object.
func (t *Tuple) Describe() string { return describe(t) }

// memSize implements memSizer.
func (t *Tuple) memSize() int64 { return int64(cap(t.items)) * slotSize }

// Len returns the number of items.
func (t *Tuple) Len() int { return len(t.items) }

// Item returns the i-th item, borrowed.
func (t *Tuple) Item(i int) Object { return t.items[i] }

// NewTuple returns a new reference to a tuple of items. It takes over the
// references in items (the caller must not drop them) and keeps the slice.
func (th *Thread) NewTuple(items []Object) *Tuple {
	if len(items) == 0 {
		return th.rt.emptyTuple
	}
	t := &Tuple{items: items}
	t.typ = th.rt.types.tuple
	th.track(t)
	return t
}

// Pack returns a new reference to a tuple of borrowed items (it increfs
// them).
func (th *Thread) Pack(items ...Object) *Tuple {
	owned := make([]Object, len(items))
	for i, it := range items {
		owned[i] = th.newRef(it)
	}
	return th.NewTuple(owned)
}

// tupleHash is Python's tuple hash (an xxHash-style combination of the
// items' hashes).
func tupleHash(hashes []int64) int64 {
	const (
		prime1 = 11400714785074694791
		prime2 = 14029467366897019727
		prime5 = 2870177450012600261
	)
	acc := uint64(prime5)
	for _, h := range hashes {
		acc += uint64(h) * prime2
		acc = acc<<31 | acc>>33
		acc *= prime1
	}
	acc += uint64(len(hashes)) ^ (prime5 ^ 3527539)
	if int64(acc) == -1 {
		return 1546275796
	}
	return int64(acc)
}
