package core

import "github.com/rwgil/rwgil/refcount"

// Set is a Python set: a hash table of keys (values unused), guarded by
// its critical section.
type Set struct {
	Header
	table
}

// Dealloc implements refcount.Object: the set drops its keys.
func (s *Set) Dealloc(by *refcount.Owner) {
	untrack(s, by)
	for _, e := range s.takeAll() {
		decrefBy(e.key, by)
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
