package core

import (
	"sync/atomic"

	"github.com/rwgil/rwgil/refcount"
)

// Dict is a Python dict: insertion ordered, Python hashing and equality.
// Every operation runs in a critical section on the dict (D[x] = y and
// D1.update(D2) are atomic under every policy).
type Dict struct {
	Header
	table
	// frozen dicts (the method tables of built-in types) never change and
	// hold only immortal objects: lookups need no critical section.
	frozen bool
}

// Dealloc implements refcount.Object: the dict drops its keys and values.
func (d *Dict) Dealloc(by *refcount.Owner) {
	untrack(d, by)
	for _, e := range d.takeAll() {
		decrefBy(e.key, by)
		decrefBy(e.value, by)
	}
	if !d.typ.builtin {
		releaseSub(d.typ, attrsOf(d), by)
	}
}

// Describe implements refcount.Object.
func (d *Dict) Describe() string { return describe(d) }

// NewDict returns a new reference to an empty dict.
func (th *Thread) NewDict() *Dict {
	d := &Dict{}
	d.typ = th.rt.types.dict
	th.track(d)
	return d
}

// Len returns the number of entries.
func (th *Thread) dictLen(d *Dict) int {
	th.beginCS(d)
	n := int(d.used)
	th.endCS()
	return n
}

// DictGet returns a new reference to d[key], or nil if key is absent.
func (th *Thread) DictGet(d *Dict, key Object) (Object, error) {
	hash, err := th.Hash(key)
	if err != nil {
		return nil, err
	}
	if m := th.beginLeafCS(d); m != &fullSection {
		if pos, _, ok := d.lookupLeaf(key, hash); ok {
			var v Object
			if pos >= 0 {
				v = th.newRef(d.entries[pos].value)
			}
			th.endLeafCS(m)
			return v, nil
		}
		th.endLeafCS(m)
		th.beginCS(d) // the lookup calls out
	}
	defer th.endCS()
	pos, _, err := d.lookup(th, key, hash)
	if err != nil || pos < 0 {
		return nil, err
	}
	return th.newRef(d.entries[pos].value), nil
}

// DictSet sets d[key] = value (both borrowed).
func (th *Thread) DictSet(d *Dict, key, value Object) error {
	if d.frozen {
		return th.Raise(th.rt.types.exc.TypeError, "cannot set attributes of a built-in type")
	}
	hash, err := th.Hash(key)
	if err != nil {
		return err
	}
	return th.dictStore(d, key, hash, value, nil)
}

// dictStore is d[key] = value (both borrowed) with key's hash: in a leaf
// section when the lookup calls nothing out, else in a full one. attrs,
// if not nil, is a class's count of instance attributes, raised to d's
// size in the same section (dictSetAttr).
func (th *Thread) dictStore(d *Dict, key Object, hash int64, value Object, attrs *atomic.Int32) error {
	m := th.beginLeafCS(d)
	var old Object
	var err error
	if pos, slot, ok := d.lookupLeaf(key, hash); ok {
		old, err = d.store(th, pos, slot, key, hash, value)
	} else {
		// The lookup calls out: over again, in a full section.
		th.endLeafCS(m)
		th.beginCS(d)
		m = &fullSection
		err = d.set(th, key, hash, value)
	}
	if attrs != nil {
		if n := d.used; n > attrs.Load() && n <= maxInstAttrs {
			attrs.Store(n)
		}
	}
	th.endLeafCS(m)
	th.XDecref(old)
	return err
}

// set stores d[key] = value (borrowed) inside the dict's critical section.
func (d *Dict) set(th *Thread, key Object, hash int64, value Object) error {
	pos, slot, err := d.lookup(th, key, hash)
	if err != nil {
		return err
	}
	old, err := d.store(th, pos, slot, key, hash, value)
	th.XDecref(old)
	return err
}

// store is set once the lookup found key at pos (-1: absent, to be
// inserted at slot). It calls nothing out, so it may run in a leaf
// section; the value it replaced, if any, it returns for the caller to
// drop after the section, since its deallocation may take sections of
// its own (a class's __classcell__), and a wait for one must not find a
// leaf section's mutex held.
func (d *Dict) store(th *Thread, pos, slot int, key Object, hash int64, value Object) (old Object, err error) {
	th.Incref(value)
	if pos >= 0 {
		old = d.entries[pos].value
		d.entries[pos].value = value
		d.bump() // before old can die: the global cache checks it after its TryIncref
		return old, nil
	}
	if err := d.reserveOne(th); err != nil {
		th.Decref(value)
		return nil, err
	}
	th.Incref(key)
	d.insert(th, slot, hash, key, value)
	return nil, nil
}

// DictDelete removes key; found is false (and nothing changes) if it was
// absent.
func (th *Thread) DictDelete(d *Dict, key Object) (found bool, err error) {
	hash, err := th.Hash(key)
	if err != nil {
		return false, err
	}
	th.beginCS(d)
	defer th.endCS()
	pos, slot, err := d.lookup(th, key, hash)
	if err != nil || pos < 0 {
		return false, err
	}
	k, v := d.remove(pos, slot)
	th.Decref(k)
	th.Decref(v)
	return true, nil
}

// dictGetStr returns a new reference to d[name] for a str key, or nil.
func (th *Thread) dictGetStr(d *Dict, name string) Object {
	return th.dictGetStrHash(d, name, th.rt.strHash(name))
}

// dictGetStrHash is dictGetStr with the name's hash already computed.
func (th *Thread) dictGetStrHash(d *Dict, name string, hash int64) Object {
	if d.frozen {
		if pos := d.lookupStr(name, hash); pos >= 0 {
			return d.entries[pos].value // immortal
		}
		return nil
	}
	m := th.beginLeafCS(d)
	var v Object
	if pos := d.lookupStr(name, hash); pos >= 0 {
		v = th.newRef(d.entries[pos].value)
	}
	th.endLeafCS(m)
	return v
}

// dictGetAttrAt is dictGetStrHash for an attribute read through a slot
// (instanceAttr): the entry at pos is tried first, and is the one if its
// key is the name's own str -- a dict holds one live entry per key, and a
// deleted entry's key is nil -- else the name is looked up and pos set to
// where it was found.
func (th *Thread) dictGetAttrAt(d *Dict, key nameKey, pos *atomic.Int32) Object {
	if d.frozen || key.str == nil {
		return th.dictGetStrHash(d, key.s, key.hash(th.rt))
	}
	m := th.beginLeafCS(d)
	var v Object
	if p := int(pos.Load()); p < len(d.entries) && d.entries[p].key == Object(key.str) {
		v = th.newRef(d.entries[p].value)
	} else if p := d.lookupStr(key.s, key.str.hashValue()); p >= 0 {
		v = th.newRef(d.entries[p].value)
		pos.Store(int32(p))
	}
	th.endLeafCS(m)
	return v
}

// getStrBorrowed is lookup by name for class dicts; the result is a new
// reference (the name says borrowed for history: callers treat it as new).
func (d *Dict) getStrBorrowed(th *Thread, name string) Object {
	return th.dictGetStr(d, name)
}

// SetStr sets d[name] = value for a str key.
func (th *Thread) DictSetStr(d *Dict, name string, value Object) error {
	return th.DictSet(d, th.rt.Intern(name), value)
}

// nameKey is a name looked up in or stored as a str key of a dict (an
// attribute's, a global's): its text, and the str itself when the caller
// has one -- the eval loop's names, interned, with their hash cached.
type nameKey struct {
	s   string
	str *Str // nil: the caller has only the Go string
}

// hash is the key's hash: the str's cached one, or computed.
func (k nameKey) hash(rt *Runtime) int64 {
	if k.str != nil {
		return k.str.hashValue()
	}
	return rt.strHash(k.s)
}

// maxInstAttrs bounds Type.instAttrs.
const maxInstAttrs = 32

// dictSetKey sets d[key] = value (borrowed): DictSetStr without
// interning the name when the key carries its str.
func (th *Thread) dictSetKey(d *Dict, key nameKey, value Object) error {
	return th.dictSetAttr(d, key, value, nil)
}

// dictSetAttr is dictSetKey for the dict of an instance of a class whose
// instAttrs is attrs (nil: none), which it raises to the entries the
// dict holds after the store.
func (th *Thread) dictSetAttr(d *Dict, key nameKey, value Object, attrs *atomic.Int32) error {
	if d.frozen {
		return th.Raise(th.rt.types.exc.TypeError, "cannot set attributes of a built-in type")
	}
	k := key.str
	if k == nil {
		k = th.rt.Intern(key.s)
	}
	return th.dictStore(d, k, k.hashValue(), value, attrs)
}

// dictDelStr deletes d[name]; found is false if it was absent.
func (th *Thread) dictDelStr(d *Dict, name string) bool {
	hash := th.rt.strHash(name)
	th.beginCS(d)
	defer th.endCS()
	pos := d.lookupStr(name, hash)
	if pos < 0 {
		return false
	}
	slot := -1
	for p := newProbe(hash, len(d.index)); ; p.next() {
		if int(d.index[p.i]) == pos {
			slot = int(p.i)
			break
		}
	}
	k, v := d.remove(pos, slot)
	th.Decref(k)
	th.Decref(v)
	return true
}

// clear empties d, dropping its references (outside its critical section:
// values may be containers whose deallocation is long).
func (d *Dict) clear(th *Thread) {
	th.beginCS(d)
	es := d.takeAll()
	th.endCS()
	for _, e := range es {
		th.XDecref(e.key)
		th.XDecref(e.value)
	}
}

// snapshot returns new references to the dict's keys and values, in order.
func (th *Thread) dictItems(d *Dict) (keys, values []Object) {
	th.beginCS(d)
	defer th.endCS()
	keys = make([]Object, 0, d.used)
	values = make([]Object, 0, d.used)
	for _, e := range d.entries {
		if e.key != nil {
			keys = append(keys, th.newRef(e.key))
			values = append(values, th.newRef(e.value))
		}
	}
	return keys, values
}

// update is D1.update(D2) for two dicts: atomic, both locked.
func (th *Thread) dictUpdate(d1, d2 *Dict) error {
	th.beginCS2(d1, d2)
	defer th.endCS()
	// Iterate over a copy of the entry list: comparisons that call back
	// may change d2 while d1 is being updated.
	for _, e := range append([]entry(nil), d2.entries...) {
		if e.key == nil {
			continue
		}
		if err := d1.set(th, e.key, e.hash, e.value); err != nil {
			return err
		}
	}
	return nil
}
