package core

import (
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/rwgil/rwgil/refcount"
)

// The type attribute cache (CPython's type cache, _PyType_Lookup's
// method cache): Type.lookup walks a class's mro with a dict lookup per
// class, each in a critical section under eml; the cache remembers the
// result per (class, name) so that a hit costs a slot load, two compares
// and a reference.
//
// Each class carries a version tag, assigned at its first cached lookup
// from a process-wide counter (tags are never reused, so a tag names one
// class in one state, even with built-in types shared between runtimes).
// An entry records the tag it was filled under, the name and the value
// found (nil: not found), borrowed from the class dict that held it.
// Mutating a class (type.__setattr__ and __delattr__) is bracketed by
// beginModify and endModify, which clear the tags of the class and of
// every class deriving from it, both before and after the dict changes,
// and count the class as modifying in between; a lookup fills the cache
// only when no class of its mro is modifying and its tag did not change
// during the walk. So an entry whose tag is a class's current tag is
// what a walk of the mro would find now.
//
// Threads run in parallel under eml and free, and a value in the cache
// holds no reference: between a reader's tag check and its increment
// another thread may replace the attribute and free the value. A hit
// therefore takes its reference with TryIncref (which fails on a dead
// object) and checks the tag again after it: the writer cleared the tag
// before dropping the class dict's reference, so a value that died and
// was reused since the fill fails the second check. Objects that are
// reused from a freelist (ints and floats, which a TryIncref could
// revive as a different number) are never cached unless immortal.

// typeCacheBits is log2 of the cache's slots per runtime.
const typeCacheBits = 11

// typeTags hands out version tags, process-wide.
var typeTags atomic.Uint32

// maxTypeTag bounds the tags handed out: past it classes are not cached
// (a uint32 tag must never wrap to one in use).
const maxTypeTag = 1 << 31

// typeCache is a runtime's cache: a direct-mapped table of immutable
// entries, replaced whole, so that a reader sees an entry's three fields
// together.
type typeCache struct {
	slots [1 << typeCacheBits]atomic.Pointer[typeCacheEntry]
	// subMu guards every class's subclasses list.
	subMu sync.Mutex
}

// typeCacheEntry is one cached lookup.
type typeCacheEntry struct {
	tag   uint32
	name  string
	value Object // borrowed; nil: the name is not in the mro
}

// slot is the slot of (tag, name). Names are hashed by address: the
// names the eval loop looks up are interned and Go's string constants
// have one address each; two copies of one name only take two slots.
func (c *typeCache) slot(tag uint32, name string) *atomic.Pointer[typeCacheEntry] {
	h := uint32(uintptr(unsafe.Pointer(unsafe.StringData(name)))>>3) ^ tag*0x9e3779b1
	h ^= h >> 15
	return &c.slots[h&(1<<typeCacheBits-1)]
}

// lookup finds name in the class and its bases, in mro order (CPython's
// _PyType_Lookup): a new reference, or nil. A miss of the cache may take
// critical sections on class dicts.
func (t *Type) lookup(th *Thread, name string) Object {
	if tag := t.tag.Load(); tag != 0 {
		if e := th.rt.tcache.slot(tag, name).Load(); e != nil && e.tag == tag && e.name == name {
			v := e.value
			if v == nil {
				return nil
			}
			if th.tryIncref(v) {
				if t.tag.Load() == tag {
					return v
				}
				th.Decref(v)
			}
		}
	}
	return t.lookupFill(th, name)
}

// lookupFill walks the mro and caches what it found, if it may.
func (t *Type) lookupFill(th *Thread, name string) Object {
	tag := t.cacheTag()
	v := t.lookupMRO(th, name)
	if tag != 0 && cacheable(v) && !t.mroModifying() && t.tag.Load() == tag {
		th.rt.tcache.slot(tag, name).Store(&typeCacheEntry{tag: tag, name: name, value: v})
	}
	return v
}

// lookupMRO is lookup without the cache.
func (t *Type) lookupMRO(th *Thread, name string) Object {
	hash := th.rt.strHash(name)
	for _, c := range t.mro {
		if v := th.dictGetStrHash(c.dict, name, hash); v != nil {
			return v
		}
	}
	return nil
}

// cacheTag returns the class's tag, assigning one if it has none, or 0
// when the class may not be cached now (a class of its mro is being
// modified, another thread assigned a tag at the same moment, or tags
// are exhausted).
func (t *Type) cacheTag() uint32 {
	if t.mroModifying() {
		return 0
	}
	if tag := t.tag.Load(); tag != 0 {
		return tag
	}
	tag := typeTags.Add(1)
	if tag >= maxTypeTag {
		typeTags.Store(maxTypeTag)
		return 0
	}
	if !t.tag.CompareAndSwap(0, tag) {
		return 0
	}
	return tag
}

// mroModifying reports whether a class of t's mro is being modified.
func (t *Type) mroModifying() bool {
	for _, c := range t.mro {
		if c.modifying.Load() != 0 {
			return true
		}
	}
	return false
}

// cacheable reports whether a lookup's result may be cached: anything
// but an int or float that a freelist may reuse.
func cacheable(v Object) bool {
	switch v.(type) {
	case *Int, *Float:
		return refcount.IsImmortal(v)
	}
	return true
}

// beginModify precedes a change to the class's dict: no lookup fills
// the cache for the class or its subclasses until endModify, and what is
// cached for them is dropped.
func (t *Type) beginModify() {
	t.modifying.Add(1)
	t.invalidate()
}

// endModify follows the change beginModify announced: entries filled
// meanwhile are dropped, and the cache fills again.
func (t *Type) endModify() {
	t.invalidate()
	t.modifying.Add(-1)
}

// invalidate clears the tags of t and of every class deriving from it.
func (t *Type) invalidate() {
	c := &t.rt.tcache
	c.subMu.Lock()
	t.invalidateLocked()
	c.subMu.Unlock()
}

func (t *Type) invalidateLocked() {
	t.tag.Store(0)
	for _, s := range t.subclasses {
		s.invalidateLocked()
	}
}

// addSubclass records the new class t with its user-defined bases, whose
// modification must invalidate t's entries too.
func (t *Type) addSubclass() {
	c := &t.rt.tcache
	c.subMu.Lock()
	for _, b := range t.bases {
		if !b.builtin {
			b.subclasses = append(b.subclasses, t)
		}
	}
	c.subMu.Unlock()
}

// removeSubclass undoes addSubclass when t is deallocated (its bases,
// which t holds references to, are still alive).
func (t *Type) removeSubclass() {
	c := &t.rt.tcache
	c.subMu.Lock()
	for _, b := range t.bases {
		if b.builtin {
			continue
		}
		for i, s := range b.subclasses {
			if s == t {
				last := len(b.subclasses) - 1
				b.subclasses[i] = b.subclasses[last]
				b.subclasses[last] = nil
				b.subclasses = b.subclasses[:last]
				break
			}
		}
	}
	c.subMu.Unlock()
}

// tryIncref takes a reference to o for a reader that holds none (a
// lock-free cache hit): false, changing nothing, if o is dead.
func (th *Thread) tryIncref(o Object) bool {
	if !th.rcChecked {
		c := &headerOf(o).rc
		if c.IncrefLocal(th.rcHolder) {
			return true
		}
		if done, ok := c.TryIncrefShared(th.rcShared); done {
			return ok
		}
	}
	return th.rt.rc.TryIncref(o, th.owner)
}
