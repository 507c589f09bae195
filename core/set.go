package core

import (
	"sync/atomic"

	"github.com/rwgil/rwgil/refcount"
)

// Set is a Python set, or a frozenset when frozen: a hash table of keys
// (values unused), guarded by its critical section. A frozenset never
// changes once made.
type Set struct {
	Header
	table
	frozen bool
	// hash caches a frozenset's hash (0: not computed yet).
	hash atomic.Int64
}

// Dealloc implements refcount.Object: the set drops its keys.
func (s *Set) Dealloc(by *refcount.Owner) {
	untrack(s, by)
	for _, e := range s.takeAll() {
		decrefBy(e.key, by)
	}
	if !s.typ.builtin {
		releaseSub(s.typ, attrsOf(s), by)
	}
}

// Describe implements refcount.Object.
func (s *Set) Describe() string { return describe(s) }

// NewSet returns a new reference to an empty set.
func (th *Thread) NewSet() *Set {
	s := &Set{}
	s.typ = th.rt.types.set
	th.track(s)
	return s
}

// SetAdd adds key (borrowed) to s.
func (th *Thread) SetAdd(s *Set, key Object) error {
	hash, err := th.Hash(key)
	if err != nil {
		return err
	}
	th.beginCS(s)
	defer th.endCS()
	return s.add(th, key, hash)
}

func (s *Set) add(th *Thread, key Object, hash int64) error {
	pos, slot, err := s.lookup(th, key, hash)
	if err != nil || pos >= 0 {
		return err
	}
	if err := s.reserveOne(th); err != nil {
		return err
	}
	s.insert(th, slot, hash, th.newRef(key), nil)
	return nil
}

// setContains reports whether key is in s.
func (th *Thread) setContains(s *Set, key Object) (bool, error) {
	hash, err := th.Hash(key)
	if err != nil {
		return false, err
	}
	th.beginCS(s)
	defer th.endCS()
	pos, _, err := s.lookup(th, key, hash)
	return pos >= 0, err
}

// setDiscard removes key; found is false if it was absent.
func (th *Thread) setDiscard(s *Set, key Object) (found bool, err error) {
	hash, err := th.Hash(key)
	if err != nil {
		return false, err
	}
	th.beginCS(s)
	defer th.endCS()
	pos, slot, err := s.lookup(th, key, hash)
	if err != nil || pos < 0 {
		return false, err
	}
	k, _ := s.remove(pos, slot)
	th.Decref(k)
	return true, nil
}

// setKeys returns new references to the set's keys, in insertion order.
func (th *Thread) setKeys(s *Set) []Object {
	th.beginCS(s)
	defer th.endCS()
	keys := make([]Object, 0, s.used)
	for _, e := range s.entries {
		if e.key != nil {
			keys = append(keys, th.newRef(e.key))
		}
	}
	return keys
}

// NewFrozenset returns a new reference to an empty frozenset, to be
// filled by SetAdd before anyone else sees it.
func (th *Thread) NewFrozenset() *Set {
	s := &Set{frozen: true}
	s.typ = th.rt.types.frozenset
	th.track(s)
	return s
}

// setLen is len(s).
func (th *Thread) setLen(s *Set) int {
	th.beginCS(s)
	n := int(s.used)
	th.endCS()
	return n
}

// setContainsKey is key in s: a set key is looked up as the frozenset of
// its items, as CPython does.
func (th *Thread) setContainsKey(s *Set, key Object) (bool, error) {
	if k, ok := key.(*Set); ok && !k.frozen {
		f, err := th.frozensetOf(k)
		if err != nil {
			return false, err
		}
		defer th.Decref(f)
		return th.setContains(s, f)
	}
	return th.setContains(s, key)
}

// frozensetOf makes a frozenset of iterable's items.
func (th *Thread) frozensetOf(iterable Object) (*Set, error) {
	items, err := th.collect(iterable)
	if err != nil {
		return nil, err
	}
	defer th.decrefAll(items)
	f := th.NewFrozenset()
	for _, it := range items {
		if err := th.SetAdd(f, it); err != nil {
			th.Decref(f)
			return nil, err
		}
	}
	return f, nil
}

func constructFrozenset(th *Thread, args []Object, kw map[string]Object) (Object, error) {
	if err := th.checkKwargs("frozenset", kw); err != nil {
		return nil, err
	}
	if err := th.atMostOneArg("frozenset", args); err != nil {
		return nil, err
	}
	if len(args) == 0 {
		return th.NewFrozenset(), nil
	}
	if f, ok := args[0].(*Set); ok && f.frozen && f.typ.builtin {
		return th.newRef(f), nil
	}
	f, err := th.frozensetOf(args[0])
	if err != nil {
		return nil, err
	}
	return f, nil
}

// frozensetHash is CPython's frozenset hash: independent of order, from
// the shuffled bits of every key's hash.
func (th *Thread) frozensetHash(s *Set) (int64, error) {
	if h := s.hash.Load(); h != 0 {
		return h, nil
	}
	shuffle := func(h uint64) uint64 { return ((h ^ 89869747) ^ (h << 16)) * 3644798167 }
	var hash uint64
	n := 0
	for _, e := range s.entries {
		if e.key != nil {
			hash ^= shuffle(uint64(e.hash))
			n++
		}
	}
	hash ^= (uint64(n) + 1) * 1927868237
	hash ^= (hash >> 11) ^ (hash >> 25)
	hash = hash*69069 + 907133923
	if hash == ^uint64(0) {
		hash = 590923713
	}
	h := int64(hash)
	if h == 0 {
		h = 1 // 0 marks "not computed"; CPython's hash is 0 there, rwgil's 1
	}
	s.hash.Store(h)
	return h, nil
}
