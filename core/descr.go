package core

import (
	"fmt"

	"github.com/rwgil/rwgil/refcount"
)

// Descriptors and attribute lookup, as CPython's
// PyObject_GenericGetAttr, type_getattro and super_getattro do them.
//
// An attribute found on an object's type is a descriptor when its own
// type defines __get__; a data descriptor when it also defines __set__ or
// __delete__. Data descriptors on the type win over the instance dict,
// the instance dict wins over other descriptors and plain class
// attributes. The descriptors written in Go are functions and built-in
// methods (which bind), getSet (the attributes of built-in objects, such
// as BaseException.args), property, staticmethod and classmethod; an
// instance of a user class that defines __get__ is one too.

// getSet is a data descriptor written in Go: an attribute of a built-in
// type's instances (CPython's getset_descriptor and member_descriptor).
// set nil makes it read-only; set is called with v nil for del.
type getSet struct {
	Header
	name  string
	owner *Type // borrowed: the getSet lives in its dict
	get   func(th *Thread, o Object) (Object, error)
	set   func(th *Thread, o, v Object) error
	// counted: made for a class (its __dict__), not immortal.
	counted bool
}

// Dealloc implements refcount.Object; only a class's getSets get here.
func (g *getSet) Dealloc(by *refcount.Owner) {
	if g.counted {
		untrack(g, by)
	}
}

// Describe implements refcount.Object.
func (g *getSet) Describe() string { return describe(g) }

// getSetDef defines a getSet in a built-in type's table.
type getSetDef struct {
	name string
	get  func(th *Thread, o Object) (Object, error)
	set  func(th *Thread, o, v Object) error
}

// Property is a property object: a data descriptor calling fget, fset
// and fdel.
type Property struct {
	Header
	fget, fset, fdel, doc Object // nil: none
	name                  Object // the attribute name, from __set_name__ (or fget's __name__)
}

// Dealloc implements refcount.Object.
func (p *Property) Dealloc(by *refcount.Owner) {
	untrack(p, by)
	for _, o := range []Object{p.fget, p.fset, p.fdel, p.doc, p.name} {
		decrefBy(o, by)
	}
}

// Describe implements refcount.Object.
func (p *Property) Describe() string { return describe(p) }

// StaticMethod is staticmethod(f): f, unbound, from the class and its
// instances.
type StaticMethod struct {
	Header
	fn   Object
	dict *Dict // __dict__ (for __wrapped__, __doc__ ...), made on demand
}

// Dealloc implements refcount.Object.
func (s *StaticMethod) Dealloc(by *refcount.Owner) {
	untrack(s, by)
	decrefBy(s.fn, by)
	if s.dict != nil {
		decrefBy(s.dict, by)
	}
}

// Describe implements refcount.Object.
func (s *StaticMethod) Describe() string { return describe(s) }

// ClassMethod is classmethod(f): f bound to the class, from the class and
// its instances.
type ClassMethod struct {
	Header
	fn   Object
	dict *Dict
}

// Dealloc implements refcount.Object.
func (c *ClassMethod) Dealloc(by *refcount.Owner) {
	untrack(c, by)
	decrefBy(c.fn, by)
	if c.dict != nil {
		decrefBy(c.dict, by)
	}
}

// Describe implements refcount.Object.
func (c *ClassMethod) Describe() string { return describe(c) }

// Super is super(type, obj): attribute lookup along obj's mro after type.
type Super struct {
	Header
	thisClass *Type
	obj       Object // the instance or class; nil: unbound
	objType   *Type  // obj's type, or obj itself when obj is a subclass
}

// Dealloc implements refcount.Object.
func (s *Super) Dealloc(by *refcount.Owner) {
	untrack(s, by)
	if !s.thisClass.builtin {
		decrefBy(s.thisClass, by)
	}
	if s.obj != nil {
		decrefBy(s.obj, by)
	}
	if !s.objType.builtin {
		decrefBy(s.objType, by)
	}
}

// Describe implements refcount.Object.
func (s *Super) Describe() string { return describe(s) }

// MappingProxy is a read-only view of a dict: a class's __dict__.
type MappingProxy struct {
	Header
	d *Dict
}

// Dealloc implements refcount.Object.
func (m *MappingProxy) Dealloc(by *refcount.Owner) {
	untrack(m, by)
	decrefBy(m.d, by)
}

// Describe implements refcount.Object.
func (m *MappingProxy) Describe() string { return describe(m) }

// descrKind classifies an attribute found on a type.
type descrKind uint8

const (
	plainAttr   descrKind = iota // not a descriptor
	bindingAttr                  // a function or built-in method: binds to the instance
	nonDataDescr
	dataDescr
)

// kindOf classifies v, an attribute found on a type.
func (th *Thread) kindOf(v Object) descrKind {
	switch x := v.(type) {
	case *Function:
		return bindingAttr
	case *Builtin:
		if x.method {
			return bindingAttr
		}
		return plainAttr
	case *getSet, *Property:
		return dataDescr
	case *StaticMethod, *ClassMethod:
		return nonDataDescr
	case *Instance, *Exception:
		t := x.Type()
		if t.lookupHas(th, "__set__") || t.lookupHas(th, "__delete__") {
			return dataDescr
		}
		if t.lookupHas(th, "__get__") {
			return nonDataDescr
		}
	}
	return plainAttr
}

// lookupHas reports whether t or a base defines name.
func (t *Type) lookupHas(th *Thread, name string) bool {
	v := t.lookup(th, name)
	th.XDecref(v)
	return v != nil
}

// descrGet is descr.__get__(obj, typ): obj nil for a lookup on the class
// itself. descr is borrowed; the result is a new reference.
func (th *Thread) descrGet(descr, obj Object, typ *Type) (Object, error) {
	switch d := descr.(type) {
	case *Function:
		if obj == nil {
			return th.newRef(d), nil
		}
		return th.newBoundMethod(obj, d), nil
	case *Builtin:
		if d.method && obj != nil {
			return th.newBoundMethod(obj, d), nil
		}
		return th.newRef(d), nil
	case *getSet:
		if obj == nil {
			return th.newRef(d), nil
		}
		return d.get(th, obj)
	case *Property:
		if obj == nil {
			return th.newRef(d), nil
		}
		if d.fget == nil {
			return nil, th.propertyError(d, obj, "getter")
		}
		return th.Call(d.fget, []Object{obj}, nil)
	case *StaticMethod:
		return th.newRef(d.fn), nil
	case *ClassMethod:
		if typ == nil {
			typ = obj.Type()
		}
		return th.newBoundMethod(typ, d.fn), nil
	case *Instance, *Exception:
		get := d.Type().lookup(th, "__get__")
		if get == nil {
			return th.newRef(d), nil
		}
		defer th.Decref(get)
		var o, t Object = th.rt.None, th.rt.None
		if obj != nil {
			o = obj
		}
		if typ != nil {
			t = typ
		}
		return th.callSpecial(get, d, o, t)
	}
	return th.newRef(descr), nil
}

// descrSet is descr.__set__(obj, v) (v nil: __delete__); ok is false if
// descr is not a data descriptor.
func (th *Thread) descrSet(descr, obj, v Object, name string) (ok bool, err error) {
	switch d := descr.(type) {
	case *getSet:
		if d.set == nil {
			if v == nil {
				return true, th.Raisef(th.rt.types.exc.AttributeError, "attribute '%s' of '%s' objects is not writable", d.name, d.owner.name)
			}
			return true, th.Raisef(th.rt.types.exc.AttributeError, "attribute '%s' of '%s' objects is not writable", d.name, d.owner.name)
		}
		return true, d.set(th, obj, v)
	case *Property:
		fn := d.fset
		what := "setter"
		if v == nil {
			fn, what = d.fdel, "deleter"
		}
		if fn == nil {
			return true, th.propertyError(d, obj, what)
		}
		args := []Object{obj}
		if v != nil {
			args = append(args, v)
		}
		r, err := th.Call(fn, args, nil)
		th.XDecref(r)
		return true, err
	case *Instance, *Exception:
		method := "__set__"
		if v == nil {
			method = "__delete__"
		}
		fn := d.Type().lookup(th, method)
		if fn == nil {
			if th.kindOf(d) != dataDescr {
				return false, nil
			}
			return true, th.Raisef(th.rt.types.exc.AttributeError, "%s", method)
		}
		defer th.Decref(fn)
		var r Object
		if v == nil {
			r, err = th.callSpecial(fn, d, obj)
		} else {
			r, err = th.callSpecial(fn, d, obj, v)
		}
		th.XDecref(r)
		return true, err
	}
	return false, nil
}

// propertyError is the AttributeError of a property without the getter,
// setter or deleter asked for, in CPython 3.12's words.
func (th *Thread) propertyError(p *Property, obj Object, what string) error {
	exc := &th.rt.types.exc
	qual := obj.Type().qualname
	if n, ok := p.name.(*Str); ok {
		return th.Raisef(exc.AttributeError, "property %s of '%s' object has no %s", strRepr(n.s), qual, what)
	}
	return th.Raisef(exc.AttributeError, "property of '%s' object has no %s", qual, what)
}

// instanceDict returns the attribute dict of o, borrowed, or nil if o
// has none.
func instanceDict(o Object) *Dict {
	switch x := o.(type) {
	case *Instance:
		return x.dict
	case *Exception:
		return x.dict
	case *Module:
		return x.dict
	case *Function:
		return x.dict
	}
	return subAttrs(o)
}

// attributeError raises CPython's AttributeError for o.name, with the
// name and obj attributes set (tracebacks suggest a similar name from
// them).
func (th *Thread) attributeError(o Object, name string) error {
	exc := &th.rt.types.exc
	var e *Exception
	switch x := o.(type) {
	case *Module:
		e = th.NewException(exc.AttributeError, fmt.Sprintf("module '%s' has no attribute '%s'", x.name, name))
	case *Type:
		e = th.NewException(exc.AttributeError, fmt.Sprintf("type object '%s' has no attribute '%s'", x.qualname, name))
	default:
		e = th.NewException(exc.AttributeError, fmt.Sprintf("'%s' object has no attribute '%s'", o.Type().name, name))
	}
	n := th.NewStr(name)
	th.setExcAttr(e, "name", n)
	th.Decref(n)
	th.setExcAttr(e, "obj", o)
	return e
}

// genericGetAttr is object.__getattribute__: data descriptors of the
// type, then the instance dict, then the type's other attributes.
func (th *Thread) genericGetAttr(o Object, name string) (Object, error) {
	return th.genericGetAttrKey(o, nameKey{s: name})
}

// genericGetAttrKey is genericGetAttr for a name the caller may have as a
// str (nameKey).
func (th *Thread) genericGetAttrKey(o Object, key nameKey) (Object, error) {
	name := key.s
	t := o.Type()
	descr := t.lookup(th, name)
	kind := plainAttr
	if descr != nil {
		defer th.Decref(descr)
		if kind = th.kindOf(descr); kind == dataDescr {
			return th.descrGet(descr, o, t)
		}
	}
	if a, ok := o.(pyAttrer); ok {
		if v, found, err := a.pyAttr(th, name); found || err != nil {
			return v, err
		}
	}
	if d := instanceDict(o); d != nil {
		if v := th.dictGetStrHash(d, name, key.hash(th.rt)); v != nil {
			return v, nil
		}
	}
	if descr != nil {
		if kind == plainAttr {
			return th.newRef(descr), nil
		}
		return th.descrGet(descr, o, t)
	}
	return nil, th.attributeError(o, name)
}

// typeGetAttr is type.__getattribute__ for a class: the metatype's data
// descriptors (__name__, __dict__, ...), then the class's mro, then the
// metatype's other attributes.
func (th *Thread) typeGetAttr(t *Type, name string) (Object, error) {
	meta := t.Type()
	metaAttr := meta.lookup(th, name)
	metaKind := plainAttr
	if metaAttr != nil {
		defer th.Decref(metaAttr)
		if metaKind = th.kindOf(metaAttr); metaKind == dataDescr {
			return th.descrGet(metaAttr, t, meta)
		}
	}
	if v := t.lookup(th, name); v != nil {
		defer th.Decref(v)
		switch th.kindOf(v) {
		case plainAttr:
			return th.newRef(v), nil
		case bindingAttr:
			return th.newRef(v), nil
		}
		return th.descrGet(v, nil, t)
	}
	if metaAttr != nil {
		if metaKind == plainAttr {
			return th.newRef(metaAttr), nil
		}
		return th.descrGet(metaAttr, t, meta)
	}
	return nil, th.attributeError(t, name)
}

// superGetAttr is super_getattro.
func (th *Thread) superGetAttr(s *Super, name string) (Object, error) {
	if s.obj != nil && name != "__class__" {
		if v := s.objType.lookupAfter(th, s.thisClass, name); v != nil {
			defer th.Decref(v)
			var obj Object
			if s.obj != Object(s.objType) {
				obj = s.obj
			}
			switch th.kindOf(v) {
			case plainAttr:
				return th.newRef(v), nil
			case bindingAttr:
				if obj == nil {
					return th.newRef(v), nil
				}
			}
			return th.descrGet(v, obj, s.objType)
		}
	}
	return th.genericGetAttr(s, name)
}

// genericSetAttr is object.__setattr__ (v nil: object.__delattr__).
func (th *Thread) genericSetAttr(o Object, name string, v Object) error {
	return th.genericSetAttrKey(o, nameKey{s: name}, v)
}

// genericSetAttrKey is genericSetAttr for a name the caller may have as a
// str (nameKey).
func (th *Thread) genericSetAttrKey(o Object, key nameKey, v Object) error {
	name := key.s
	t := o.Type()
	if descr := t.lookup(th, name); descr != nil {
		ok, err := th.descrSet(descr, o, v, name)
		th.Decref(descr)
		if ok {
			return err
		}
	}
	d := instanceDict(o)
	if d == nil {
		if t.lookupHas(th, name) {
			return th.Raisef(th.rt.types.exc.AttributeError, "'%s' object attribute '%s' is read-only", t.name, name)
		}
		return th.attributeError(o, name)
	}
	if v == nil {
		if !th.dictDelStr(d, name) {
			return th.attributeError(o, name)
		}
		return nil
	}
	if i, ok := o.(*Instance); ok && !t.builtin {
		return th.dictSetAttr(d, key, v, &i.typ.instAttrs)
	}
	return th.dictSetKey(d, key, v)
}

// typeSetAttr is type.__setattr__ (v nil: delete).
func (th *Thread) typeSetAttr(t *Type, name string, v Object) error {
	exc := &th.rt.types.exc
	if t.builtin {
		if v == nil {
			return th.Raisef(exc.TypeError, "cannot delete '%s' attribute of immutable type '%s'", name, t.name)
		}
		return th.Raisef(exc.TypeError, "cannot set '%s' attribute of immutable type '%s'", name, t.name)
	}
	// The type attribute cache must not serve the old value once the
	// new one is in (typecache.go).
	t.beginModify()
	defer t.endModify()
	meta := t.Type()
	if descr := meta.lookup(th, name); descr != nil {
		ok, err := th.descrSet(descr, t, v, name)
		th.Decref(descr)
		if ok {
			return err
		}
	}
	if v == nil {
		if !th.dictDelStr(t.dict, name) {
			return th.attributeError(t, name)
		}
		return nil
	}
	return th.DictSetStr(t.dict, name, v)
}

// getAttrHook is o's type's __getattribute__ and __getattr__ when a class
// overrides them: fn nil when the default applies.
func (th *Thread) userGetAttr(o Object, name string) (Object, error) {
	t := o.Type()
	ga := t.lookup(th, "__getattribute__")
	var r Object
	var err error
	if ga != nil && !th.isObjectSlot(ga, "__getattribute__") {
		n := th.NewStr(name)
		r, err = th.callSpecial(ga, o, n)
		th.Decref(n)
	} else {
		r, err = th.genericGetAttr(o, name)
	}
	th.XDecref(ga)
	if err != nil && IsInstance(err, th.rt.types.exc.AttributeError) {
		if hook := t.lookup(th, "__getattr__"); hook != nil {
			th.Discard(err)
			n := th.NewStr(name)
			r, err = th.callSpecial(hook, o, n)
			th.Decref(n)
			th.Decref(hook)
		}
	}
	return r, err
}

// hasAttrHooks reports whether o's class overrides attribute access
// (__getattribute__ or __getattr__), so that lookups must go through
// userGetAttr.
func (th *Thread) hasAttrHooks(t *Type) bool {
	if t.builtin {
		return false
	}
	return th.attrHooks(t)&(hookGetattribute|hookGetattr) != 0
}

// The attribute hooks a class may define (attrHooks).
const (
	hookGetattribute = 1 << iota // a __getattribute__ other than object's
	hookGetattr                  // a __getattr__
	hookSetattr                  // a __setattr__ other than object's
	hookDelattr                  // a __delattr__ other than object's
)

// attrHooks is the set of attribute hooks the class t (not built-in)
// defines or inherits, which every attribute read and write on its
// instances asks for. It is cached beside the class's version tag in
// the type attribute cache (typecache.go), so that it costs two loads
// while the class and its bases are unchanged: a word computed under a
// tag is stored only if the tag survived the computation, and tags are
// never reused, so a word whose tag is the class's current tag is what
// the lookups would find now.
func (th *Thread) attrHooks(t *Type) uint8 {
	if tag := t.tag.Load(); tag != 0 {
		if w := t.hooks.Load(); uint32(w>>32) == tag {
			return uint8(w)
		}
	}
	tag := t.cacheTag()
	var h uint8
	for _, c := range [...]struct {
		name string
		bit  uint8
		own  bool // object's own slot does not count
	}{{"__getattribute__", hookGetattribute, true}, {"__getattr__", hookGetattr, false}, {"__setattr__", hookSetattr, true}, {"__delattr__", hookDelattr, true}} {
		if v := t.lookup(th, c.name); v != nil {
			if !c.own || !th.isObjectSlot(v, c.name) {
				h |= c.bit
			}
			th.Decref(v)
		}
	}
	if tag != 0 && !t.mroModifying() && t.tag.Load() == tag {
		t.hooks.Store(uint64(tag)<<32 | uint64(h))
	}
	return h
}

// newSuper makes super(typ, obj) (obj borrowed).
func (th *Thread) newSuper(typ *Type, obj Object) (Object, error) {
	exc := &th.rt.types.exc
	var objType *Type
	if c, ok := obj.(*Type); ok && c.IsSubtype(typ) {
		objType = c
	} else if obj.Type().IsSubtype(typ) {
		objType = obj.Type()
	} else {
		return nil, th.Raise(exc.TypeError, "super(type, obj): obj must be an instance or subtype of type")
	}
	s := &Super{thisClass: typ, obj: th.newRef(obj), objType: objType}
	if !typ.builtin {
		th.Incref(typ)
	}
	if !objType.builtin {
		th.Incref(objType)
	}
	s.typ = th.rt.types.super_
	th.track(s)
	return s, nil
}

func constructSuper(th *Thread, args []Object, kw map[string]Object) (Object, error) {
	exc := &th.rt.types.exc
	if err := th.checkKwargs("super", kw); err != nil {
		return nil, err
	}
	switch len(args) {
	case 0:
		return nil, th.Raise(exc.RuntimeError, "super(): no arguments")
	case 1, 2:
	default:
		return nil, th.Raisef(exc.TypeError, "super() takes at most 2 arguments (%d given)", len(args))
	}
	t, ok := args[0].(*Type)
	if !ok {
		return nil, th.Raisef(exc.TypeError, "super() argument 1 must be a type, not %s", args[0].Type().name)
	}
	if len(args) == 1 {
		s := &Super{thisClass: t, objType: t}
		if !t.builtin {
			th.Incref(t)
			th.Incref(t)
		}
		s.typ = th.rt.types.super_
		th.track(s)
		return s, nil
	}
	return th.newSuper(t, args[1])
}

func constructProperty(th *Thread, args []Object, kw map[string]Object) (Object, error) {
	if err := th.checkKwargs("property", kw, "fget", "fset", "fdel", "doc"); err != nil {
		return nil, err
	}
	if err := th.checkArgs("property", args, 0, 4); err != nil {
		return nil, err
	}
	var slots [4]Object
	names := []string{"fget", "fset", "fdel", "doc"}
	for i := range slots {
		if i < len(args) {
			slots[i] = args[i]
		}
		if v, ok := kw[names[i]]; ok {
			if i < len(args) {
				return nil, th.Raisef(th.rt.types.exc.TypeError, "argument for property() given by name ('%s') and position (%d)", names[i], i+1)
			}
			slots[i] = v
		}
		if slots[i] == th.rt.None {
			slots[i] = nil
		}
	}
	return th.newProperty(slots[0], slots[1], slots[2], slots[3], nil)
}

// newProperty makes a property (all borrowed, nil for none). A missing
// doc comes from fget's __doc__; the name is set by __set_name__.
func (th *Thread) newProperty(fget, fset, fdel, doc, name Object) (Object, error) {
	p := &Property{}
	for _, f := range []struct {
		dst *Object
		v   Object
	}{{&p.fget, fget}, {&p.fset, fset}, {&p.fdel, fdel}, {&p.doc, doc}, {&p.name, name}} {
		if f.v != nil {
			*f.dst = th.newRef(f.v)
		}
	}
	if p.doc == nil && fget != nil {
		if d, err := th.GetAttr(fget, "__doc__"); err == nil {
			if d == th.rt.None {
				th.Decref(d)
			} else {
				p.doc = d
			}
		} else {
			th.Discard(err)
		}
	}
	p.typ = th.rt.types.property
	th.track(p)
	return p, nil
}

func constructStaticMethod(th *Thread, args []Object, kw map[string]Object) (Object, error) {
	if err := th.funcArgs("staticmethod", args, kw, 1, 1); err != nil {
		return nil, err
	}
	s := &StaticMethod{fn: th.newRef(args[0])}
	s.typ = th.rt.types.staticmethod
	th.track(s)
	return s, nil
}

func constructClassMethod(th *Thread, args []Object, kw map[string]Object) (Object, error) {
	if err := th.funcArgs("classmethod", args, kw, 1, 1); err != nil {
		return nil, err
	}
	c := &ClassMethod{fn: th.newRef(args[0])}
	c.typ = th.rt.types.classmethod
	th.track(c)
	return c, nil
}

// newMappingProxy makes a read-only view of d (borrowed).
func (th *Thread) newMappingProxy(d *Dict) Object {
	m := &MappingProxy{d: d}
	th.Incref(d)
	m.typ = th.rt.types.mappingproxy
	th.track(m)
	return m
}
