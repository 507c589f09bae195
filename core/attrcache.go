package core

import "sync/atomic"

// The attribute cache (CPython's LOAD_ATTR_INSTANCE_VALUE,
// STORE_ATTR_INSTANCE_VALUE and LOAD_ATTR_METHOD_WITH_VALUES, without
// rewriting the instruction): LOAD_ATTR, STORE_ATTR and LOAD_METHOD on an
// instance of a Python class first ask the class what the name is -- a
// type switch, the attribute hooks, a type-cache lookup, the descriptor's
// kind -- before they touch the instance dict. Each such instruction of a
// code object has a slot remembering the answer for the last class it
// saw, so that for that class the next execution goes straight to the
// instance dict.
//
// An entry is immutable and replaced whole (threads share the code
// object). It records the class and the class's version tag (typecache.go)
// at the moment the answer was worked out, and is used only while the
// instance's class is that class and its tag is unchanged: any change to
// the class or a base clears the tag, and with it the answers of the
// attribute hooks (attrHooks caches them under the same tag). An entry
// says one of two things:
//
//   - method == nil: no class of the mro defines the name and the class
//     has no __getattribute__, __getattr__ or __setattr__ of its own, so
//     reading the attribute reads the instance dict, and storing it
//     stores there;
//   - method != nil (LOAD_METHOD): the name is that Python function on the
//     class, and there are no __getattribute__ and __getattr__ hooks, so
//     the method is the instance dict's entry of that name if it has one,
//     else the function, called with self.
//
// method is borrowed from the class dict, as a type-cache entry's value
// is, and taken the same way: TryIncref, then the tag checked again, so a
// function that died after another thread changed the class is never
// revived.

// attrCacheEntry is one instruction's cached answer.
type attrCacheEntry struct {
	typ    *Type
	tag    uint32
	method *Function // borrowed; nil: the name is the instance dict's alone
	// refills counts the entries of this slot that were replaced before
	// this one (capped); skips counts the misses not refilled since. A
	// site that sees several classes in turn (or a class changed in a
	// loop) would otherwise work out and allocate an entry at every
	// execution: after maxAttrRefills only one miss in attrRefillEvery
	// fills the slot again, as for the global cache.
	refills uint32
	skips   atomic.Uint32
	// pos is where in the instance dict's entries the attribute was
	// found last (LOAD_ATTR): instances of one class set their
	// attributes in the same order, so the next instance most likely has
	// it there too. Only a hint: it is checked against the entry's key
	// (the instruction's interned name) before it is used, and updated by
	// whichever thread finds it elsewhere.
	pos atomic.Int32
}

const (
	maxAttrRefills  = 8
	attrRefillEvery = 64
)

// valid reports whether e answers for the instance i now.
func (e *attrCacheEntry) valid(i *Instance) bool {
	return e != nil && e.typ == i.typ && i.dict != nil && i.typ.tag.Load() == e.tag
}

// loadAttr is LOAD_ATTR ins of code on o: through the instruction's
// slot for an instance. (The eval loop calls these three rather than
// testing for an instance itself: more code in its loop costs every
// instruction a few more register reloads.)
func (th *Thread) loadAttr(code *Code, ins insn, o Object) (Object, error) {
	n, slot := code.attrOperand(ins)
	if i, ok := o.(*Instance); ok && slot != nil {
		return th.instanceAttr(i, nameKey{n.s, n}, slot)
	}
	return th.getAttrKey(o, nameKey{n.s, n})
}

// storeAttr is STORE_ATTR ins of code: o.name = v.
func (th *Thread) storeAttr(code *Code, ins insn, o, v Object) error {
	n, slot := code.attrOperand(ins)
	if i, ok := o.(*Instance); ok && slot != nil {
		return th.instanceSetAttr(i, nameKey{n.s, n}, v, slot)
	}
	return th.setAttrKey(o, nameKey{n.s, n}, v)
}

// loadMethod is LOAD_METHOD ins of code on o.
func (th *Thread) loadMethod(code *Code, ins insn, o Object) (fn, self Object, err error) {
	n, slot := code.attrOperand(ins)
	if i, ok := o.(*Instance); ok && slot != nil {
		return th.instanceMethod(i, nameKey{n.s, n}, slot)
	}
	return th.loadMethodKey(o, nameKey{n.s, n})
}

// instanceAttr is LOAD_ATTR on an instance, through the slot.
func (th *Thread) instanceAttr(i *Instance, key nameKey, slot *atomic.Pointer[attrCacheEntry]) (Object, error) {
	if e := slot.Load(); e.valid(i) && e.method == nil {
		if v := th.dictGetAttrAt(i.dict, key, &e.pos); v != nil {
			return v, nil
		}
		return nil, th.attributeError(i, key.s)
	}
	th.fillAttrCache(i, key, slot, false)
	return th.getAttrKey(i, key)
}

// instanceSetAttr is STORE_ATTR on an instance, through the slot.
func (th *Thread) instanceSetAttr(i *Instance, key nameKey, v Object, slot *atomic.Pointer[attrCacheEntry]) error {
	t := i.typ
	if e := slot.Load(); e.valid(i) && e.method == nil {
		return th.dictSetAttr(i.dict, key, v, &t.instAttrs)
	}
	th.fillAttrCache(i, key, slot, false)
	return th.setAttrKey(i, key, v)
}

// instanceMethod is LOAD_METHOD on an instance, through the slot.
func (th *Thread) instanceMethod(i *Instance, key nameKey, slot *atomic.Pointer[attrCacheEntry]) (fn, self Object, err error) {
	t := i.typ
	if e := slot.Load(); e.valid(i) {
		if v := th.dictGetStrHash(i.dict, key.s, key.hash(th.rt)); v != nil {
			return v, nil, nil // shadowed by the instance dict
		}
		if m := e.method; m != nil {
			if th.tryIncref(m) {
				if t.tag.Load() == e.tag {
					return m, th.newRef(i), nil
				}
				th.Decref(m)
			}
		} else {
			return nil, nil, th.attributeError(i, key.s)
		}
	}
	th.fillAttrCache(i, key, slot, true)
	return th.loadMethodKey(i, key)
}

// fillAttrCache works out what the slot of an attribute instruction on
// an instance of i's class may remember (a method only for LOAD_METHOD),
// and stores it, unless the class may not be cached now or the answer is
// one the slot cannot give (a descriptor, a class attribute, a hook).
func (th *Thread) fillAttrCache(i *Instance, key nameKey, slot *atomic.Pointer[attrCacheEntry], method bool) {
	t := i.typ
	if t.builtin || i.dict == nil {
		return
	}
	var refills uint32
	if old := slot.Load(); old != nil {
		if old.refills >= maxAttrRefills && old.skips.Add(1)%attrRefillEvery != 0 {
			return
		}
		refills = min(old.refills+1, maxAttrRefills)
	}
	tag := t.cacheTag()
	if tag == 0 || th.attrHooks(t) != 0 {
		return
	}
	e := &attrCacheEntry{typ: t, tag: tag, refills: refills}
	if v := t.lookup(th, key.s); v != nil {
		f, ok := v.(*Function)
		th.Decref(v) // the class dict holds it while the tag stands
		if !ok || !method {
			return
		}
		e.method = f
	}
	if t.tag.Load() == tag {
		slot.Store(e)
	}
}
