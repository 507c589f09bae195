package core

import (
	"sync/atomic"
	"unsafe"
)

// The global cache (CPython's LOAD_GLOBAL_MODULE and LOAD_GLOBAL_BUILTIN,
// in the manner of CPython 3.8's opcache): LOAD_GLOBAL looks its name up
// in the globals dict and then in the builtins dict, each a probe in a
// critical section under eml; the cache remembers, per (globals, name),
// the value found and the versions of the dicts it was read from, so that
// a hit costs a slot load, a few compares and a reference.
//
// A dict's version (table.version) changes at every insertion, deletion,
// resize and replacement of a value, and an entry records the version
// read in the same critical section as its value (and, for a name found
// in the builtins, the version of the globals at the moment it lacked the
// name). An entry whose versions are its dicts' current ones therefore
// holds what the two lookups would find now.
//
// Threads run in parallel under eml and free, and an entry holds no
// reference: between a reader's version check and its increment another
// thread may rebind the global and free the old value. As in the type
// attribute cache (typecache.go), a hit takes its reference with
// TryIncref, which fails on a dead object, and checks the versions again
// after it: a writer changes the version before it drops the dict's
// reference to the value it replaced, so if the second check passes the
// dict still held the value when the reference was taken. Ints and floats
// that a freelist may reuse (whose count a reuse rewrites with plain
// stores, under a concurrent TryIncref) are never cached unless immortal.
//
// A global rebound in a loop changes its dict's version at every
// iteration, so every entry for that dict goes stale as soon as it is
// filled; after maxGlobalRefills refills of one (globals, name) only one
// miss in globalRefillEvery fills again, so such a module pays an
// allocation on a few misses only, and is cached again soon after its
// globals settle.

// globalCacheBits is log2 of the cache's slots per runtime.
const globalCacheBits = 10

const (
	maxGlobalRefills  = 8
	globalRefillEvery = 64
)

// globalCache is a runtime's cache: a direct-mapped table of immutable
// entries, replaced whole.
type globalCache struct {
	slots [1 << globalCacheBits]atomic.Pointer[globalCacheEntry]
}

// globalCacheEntry is one cached LOAD_GLOBAL.
type globalCacheEntry struct {
	globals *Dict
	name    *Str
	gver    uint64 // the globals' version when read
	// builtins is the builtins dict the value came from, nil when it came
	// from the globals; bver is its version when read.
	builtins *Dict
	bver     uint64
	value    Object // borrowed
	// refills counts the entries for this (globals, name) that went
	// stale before this one; skips counts the misses not refilled since.
	refills uint32
	skips   atomic.Uint32
}

// slot is the slot of (globals, name): both hashed by address (the names
// LOAD_GLOBAL passes are interned).
func (c *globalCache) slot(globals *Dict, name *Str) *atomic.Pointer[globalCacheEntry] {
	h := uint32(uintptr(unsafe.Pointer(name))>>3) ^ uint32(uintptr(unsafe.Pointer(globals))>>4)*0x9e3779b1
	h ^= h >> 16
	return &c.slots[h&(1<<globalCacheBits-1)]
}

// current reports whether the entry's dicts are as they were when it was
// filled.
func (e *globalCacheEntry) current() bool {
	return e.globals.version.Load() == e.gver && (e.builtins == nil || e.builtins.version.Load() == e.bver)
}

// loadGlobal is LOAD_GLOBAL: a new reference to the global name, or to the
// builtin of that name, or a NameError.
func (th *Thread) loadGlobal(globals *Dict, name *Str) (Object, error) {
	slot := th.rt.gcache.slot(globals, name)
	e := slot.Load()
	if e != nil && e.globals == globals && e.name == name && e.current() {
		v := e.value
		if th.tryIncref(v) {
			if e.current() {
				return v, nil
			}
			th.Decref(v)
		}
	}
	hash := name.hashValue() // cached in the interned name
	x, gver := th.dictGetStrVersion(globals, name.s, hash)
	if x != nil {
		th.fillGlobal(slot, e, globals, name, gver, nil, 0, x)
		return x, nil
	}
	b := th.rt.builtins.dict
	if x, bver := th.dictGetStrVersion(b, name.s, hash); x != nil {
		th.fillGlobal(slot, e, globals, name, gver, b, bver, x)
		return x, nil
	}
	return nil, th.nameError(name)
}

// fillGlobal caches value (held by the caller) for (globals, name) in
// slot, whose entry was old, unless it may not be cached or its key
// changes too often.
func (th *Thread) fillGlobal(slot *atomic.Pointer[globalCacheEntry], old *globalCacheEntry, globals *Dict, name *Str, gver uint64, builtins *Dict, bver uint64, value Object) {
	if !cacheable(value) || globals.frozen || builtins != nil && builtins.frozen {
		return
	}
	n := &globalCacheEntry{globals: globals, name: name, gver: gver, builtins: builtins, bver: bver, value: value}
	if old != nil && old.globals == globals && old.name == name {
		if old.refills >= maxGlobalRefills && old.skips.Add(1)%globalRefillEvery != 0 {
			return
		}
		n.refills = min(old.refills+1, maxGlobalRefills)
	}
	slot.Store(n)
}

// dictGetStrVersion is dictGetStrHash with the dict's version read in the
// same critical section as the value.
func (th *Thread) dictGetStrVersion(d *Dict, name string, hash int64) (Object, uint64) {
	if d.frozen {
		if pos := d.lookupStr(name, hash); pos >= 0 {
			return d.entries[pos].value, 0 // immortal
		}
		return nil, 0
	}
	var v Object
	th.beginCS(d)
	if pos := d.lookupStr(name, hash); pos >= 0 {
		v = th.newRef(d.entries[pos].value)
	}
	ver := d.version.Load()
	th.endCS()
	return v, ver
}
