package core

import (
	"strings"
	"sync/atomic"

	"github.com/rwgil/rwgil/refcount"
)

// Type is a type object: a built-in type or a user-defined class. Classes
// have multiple inheritance with CPython's C3 method resolution order.
// Type objects are objects too; built-in ones are immortal, classes are
// counted like any other object.
type Type struct {
	Header
	rt       *Runtime
	id       int32 // index into the runtime's live-object counters
	name     string
	qualname string
	// base is the best base (CPython's tp_base, __base__): the base whose
	// instance layout the class extends; nil for object.
	base *Type
	// bases are the direct bases (__bases__), mro the method resolution
	// order (__mro__), the type itself first. The class holds a reference
	// to every class of its mro but itself; bases are among them.
	bases []*Type
	mro   []*Type
	// dict holds the class attributes and methods. For built-in types it
	// holds their methods and never changes (frozen: lookups need no
	// critical section).
	dict *Dict
	// construct makes an instance when a built-in type is called; user
	// classes make an Instance (or an Exception) through __new__ and
	// __init__.
	construct BuiltinFunc
	// exception: the type is BaseException or derives from it, so its
	// instances are *Exception.
	exception bool
	// builtin: created by the runtime, not by class statements.
	builtin bool
	// subclassable: a built-in type a class may derive from (object, the
	// exception classes, and subclassableBuiltins).
	subclassable bool
	// solid is the built-in type that fixes the instance layout (CPython's
	// solid_base): classes with two bases of different layouts conflict.
	solid *Type
	// native: a class made by NewNativeClass, or deriving from one: its
	// instances are nativeInstances, carrying a Go value.
	native bool
	// module is the defining module's name, for reprs of classes.
	module string
	// basicSize is what an object of the type costs the memory budget
	// before its payload (CPython's tp_basicsize).
	basicSize int64
	// tag is the class's version tag in the type attribute cache (0:
	// none yet, or cleared by a modification), modifying counts the
	// modifications of its dict in progress, and subclasses are the
	// user-defined classes naming it a base, whose tags its modification
	// clears too (guarded by the runtime's tcache.subMu); typecache.go.
	tag        atomic.Uint32
	modifying  atomic.Int32
	subclasses []*Type
	// instAttrs is how many attributes the dicts of the class's instances
	// have held (the most seen by an attribute store, at most
	// maxInstAttrs), which a new instance's dict is sized for.
	instAttrs atomic.Int32
	// hooks is the class's attrHooks beside the tag it was computed
	// under (tag<<32 | hooks; descr.go).
	hooks atomic.Uint64
}

// Dealloc implements refcount.Object. Only user classes get here.
func (t *Type) Dealloc(by *refcount.Owner) {
	untrack(t, by)
	t.release(by)
}

// release drops the references a class holds and takes it out of its
// bases' subclass lists: its Dealloc, and Close for an immortalized class
// (releaseImmortals).
func (t *Type) release(by *refcount.Owner) {
	t.removeSubclass()
	releaseClassCell(t, by)
	decrefBy(t.dict, by)
	for _, c := range t.mro[1:] {
		if !c.builtin {
			decrefBy(c, by)
		}
	}
}

// Describe implements refcount.Object.
func (t *Type) Describe() string { return "class " + t.name }

// Name returns the type's name.
func (t *Type) Name() string { return t.name }

// QualName returns the type's qualified name (__qualname__).
func (t *Type) QualName() string { return t.qualname }

// Module returns the name of the module that defines the type.
func (t *Type) Module() string { return t.module }

// Base returns the best base (__base__), or nil for object.
func (t *Type) Base() *Type { return t.base }

// MRO returns the method resolution order, t first. The caller must not
// change it.
func (t *Type) MRO() []*Type { return t.mro }

// IsSubtype reports whether t is sup or derives from it.
func (t *Type) IsSubtype(sup *Type) bool {
	for _, c := range t.mro {
		if c == sup {
			return true
		}
	}
	return false
}

// lookupAfter finds name in the mro of start after the class after (as
// super does): a new reference, or nil.
func (t *Type) lookupAfter(th *Thread, after *Type, name string) Object {
	hash := th.rt.strHash(name)
	mro := t.mro
	for i, c := range mro {
		if c == after {
			for _, c := range mro[i+1:] {
				if v := th.dictGetStrHash(c.dict, name, hash); v != nil {
					return v
				}
			}
			return nil
		}
	}
	return nil
}

// fullName is the type's name as tracebacks and class reprs write it:
// module.qualname, without the module for builtins.
func (t *Type) fullName() string {
	if t.module == "builtins" || t.module == "" {
		return t.qualname
	}
	return t.module + "." + t.qualname
}

// builtinTypes are a runtime's built-in types.
type builtinTypes struct {
	object, typ, none, notImplemented, ellipsis, bool_, int_, float, str, tuple, list, dict, set *Type
	frozenset, bytes, bytearray                                                                  *Type
	function, builtin, method, module, code, range_, iterator                                    *Type
	property, staticmethod, classmethod, super_, getset, mappingproxy, methodDescr               *Type
	dictKeys, dictValues, dictItems                                                              *Type
	threadHandle, lock, rlock, capsule                                                           *Type
	exc                                                                                          excTypes
	// iters are the iterator types by name (iterTypeNames).
	iters map[string]*Type
}

// newBuiltinType makes an immortal built-in type. Its dict is filled in by
// initMethods and then frozen.
func (rt *Runtime) newBuiltinType(name string, base *Type, construct BuiltinFunc) *Type {
	// Built-in types live as long as the runtime: they come out of a
	// slab, one allocation for many (a runtime makes some 130 as it
	// starts, and a schedule explorer starts one per schedule).
	if len(rt.typeSlab) == 0 {
		rt.typeSlab = make([]Type, typeSlabSize)
	}
	t := &rt.typeSlab[0]
	rt.typeSlab = rt.typeSlab[1:]
	t.rt, t.name, t.qualname, t.base, t.construct = rt, name, name, base, construct
	t.builtin, t.module, t.basicSize = true, "builtins", defaultBasicSize
	t.solid = t
	if base != nil {
		// The mro and the bases in one allocation.
		both := make([]*Type, 1+len(base.mro)+1)
		t.mro = both[: 1+len(base.mro) : 1+len(base.mro)]
		t.mro[0] = t
		copy(t.mro[1:], base.mro)
		t.bases = both[1+len(base.mro):]
		t.bases[0] = base
		t.exception = base.exception
	} else {
		t.mro = []*Type{t}
	}
	t.id = rt.registerType(t)
	// The type of types is set once it exists (initTypes).
	t.typ = rt.types.typ
	rt.rc.InitImmortal(t)
	return t
}

// typeSlabSize is how many built-in types one allocation makes.
const typeSlabSize = 64

// registerType gives t an id for the live-object counters.
func (rt *Runtime) registerType(t *Type) int32 {
	rt.typeMu.Lock()
	defer rt.typeMu.Unlock()
	id := rt.nextTypeID.Add(1) - 1
	for int(id) >= len(rt.typeByID) {
		rt.typeByID = append(rt.typeByID, nil)
	}
	rt.typeByID[id] = t
	return id
}

func (rt *Runtime) initTypes() {
	ty := &rt.types
	ty.typ = rt.newBuiltinType("type", nil, constructType)
	ty.typ.typ = ty.typ
	ty.object = rt.newBuiltinType("object", nil, constructObject)
	ty.object.subclassable = true
	ty.typ.base = ty.object
	ty.typ.bases = []*Type{ty.object}
	ty.typ.mro = []*Type{ty.typ, ty.object}
	ty.none = rt.newBuiltinType("NoneType", ty.object, singletonConstructor("NoneType", func(rt *Runtime) Object { return rt.None }))
	ty.notImplemented = rt.newBuiltinType("NotImplementedType", ty.object, singletonConstructor("NotImplementedType", func(rt *Runtime) Object { return rt.NotImplemented }))
	ty.ellipsis = rt.newBuiltinType("ellipsis", ty.object, singletonConstructor("ellipsis", func(rt *Runtime) Object { return rt.Ellipsis }))
	ty.int_ = rt.newBuiltinType("int", ty.object, constructInt)
	ty.bool_ = rt.newBuiltinType("bool", ty.int_, constructBool)
	ty.float = rt.newBuiltinType("float", ty.object, constructFloat)
	ty.str = rt.newBuiltinType("str", ty.object, constructStr)
	ty.bytes = rt.newBuiltinType("bytes", ty.object, constructBytes)
	ty.bytearray = rt.newBuiltinType("bytearray", ty.object, constructBytearray)
	ty.tuple = rt.newBuiltinType("tuple", ty.object, constructTuple)
	ty.list = rt.newBuiltinType("list", ty.object, constructList)
	ty.dict = rt.newBuiltinType("dict", ty.object, constructDict)
	ty.set = rt.newBuiltinType("set", ty.object, constructSet)
	ty.frozenset = rt.newBuiltinType("frozenset", ty.object, constructFrozenset)
	ty.function = rt.newBuiltinType("function", ty.object, nil)
	ty.builtin = rt.newBuiltinType("builtin_function_or_method", ty.object, nil)
	ty.methodDescr = rt.newBuiltinType("method_descriptor", ty.object, nil)
	ty.method = rt.newBuiltinType("method", ty.object, nil)
	ty.module = rt.newBuiltinType("module", ty.object, nil)
	ty.code = rt.newBuiltinType("code", ty.object, nil)
	ty.range_ = rt.newBuiltinType("range", ty.object, constructRange)
	ty.iterator = rt.newBuiltinType("iterator", ty.object, nil)
	ty.iters = map[string]*Type{"iterator": ty.iterator}
	for _, name := range iterTypeNames[1:] {
		ty.iters[name] = rt.newBuiltinType(name, ty.object, nil)
	}
	ty.property = rt.newBuiltinType("property", ty.object, constructProperty)
	ty.staticmethod = rt.newBuiltinType("staticmethod", ty.object, constructStaticMethod)
	ty.classmethod = rt.newBuiltinType("classmethod", ty.object, constructClassMethod)
	ty.super_ = rt.newBuiltinType("super", ty.object, constructSuper)
	ty.getset = rt.newBuiltinType("getset_descriptor", ty.object, nil)
	ty.mappingproxy = rt.newBuiltinType("mappingproxy", ty.object, nil)
	ty.dictKeys = rt.newBuiltinType("dict_keys", ty.object, nil)
	ty.dictValues = rt.newBuiltinType("dict_values", ty.object, nil)
	ty.dictItems = rt.newBuiltinType("dict_items", ty.object, nil)
	ty.threadHandle = rt.newBuiltinType("thread_handle", ty.object, nil)
	ty.lock = rt.newBuiltinType("lock", ty.object, nil)
	ty.rlock = rt.newBuiltinType("RLock", ty.object, nil)
	ty.capsule = rt.newBuiltinType("PyCapsule", ty.object, nil)
	for _, t := range rt.subclassableBuiltins() {
		t.subclassable = true
	}
	rt.initExceptionTypes()
}

// ExceptionType returns the built-in exception class called name, or nil.
func (rt *Runtime) ExceptionType(name string) *Type {
	for _, t := range rt.types.exc.all() {
		if t.name == name {
			return t
		}
	}
	return nil
}

// computeMRO is CPython's mro_implementation: C3 linearization of the
// bases' mros and the bases themselves, t first.
func (th *Thread) computeMRO(t *Type, bases []*Type) ([]*Type, error) {
	exc := &th.rt.types.exc
	for i, b := range bases {
		for _, c := range bases[:i] {
			if c == b {
				return nil, th.Raisef(exc.TypeError, "duplicate base class %s", b.name)
			}
		}
	}
	if len(bases) == 1 {
		return append([]*Type{t}, bases[0].mro...), nil
	}
	lists := make([][]*Type, 0, len(bases)+1)
	for _, b := range bases {
		lists = append(lists, b.mro)
	}
	lists = append(lists, bases)
	pos := make([]int, len(lists))
	out := []*Type{t}
	inTail := func(c *Type) bool {
		for i, l := range lists {
			if pos[i] >= len(l) {
				continue
			}
			for _, x := range l[pos[i]+1:] {
				if x == c {
					return true
				}
			}
		}
		return false
	}
	for {
		done := true
		var next *Type
		for i, l := range lists {
			if pos[i] >= len(l) {
				continue
			}
			done = false
			if c := l[pos[i]]; !inTail(c) {
				next = c
				break
			}
		}
		if done {
			return out, nil
		}
		if next == nil {
			var heads []string
			seen := map[*Type]bool{}
			for i, l := range lists {
				if pos[i] < len(l) && !seen[l[pos[i]]] {
					seen[l[pos[i]]] = true
					heads = append(heads, l[pos[i]].name)
				}
			}
			return nil, th.Raise(exc.TypeError, "Cannot create a consistent method resolution\norder (MRO) for bases "+strings.Join(heads, ", "))
		}
		out = append(out, next)
		for i, l := range lists {
			if pos[i] < len(l) && l[pos[i]] == next {
				pos[i]++
			}
		}
	}
}

// bestBase is CPython's best_base: the base whose solid base derives from
// every other base's solid base, or a lay-out conflict.
func (th *Thread) bestBase(bases []*Type) (*Type, error) {
	var base, winner *Type
	for _, b := range bases {
		s := b.solid
		switch {
		case winner == nil:
			winner, base = s, b
		case winner.IsSubtype(s):
		case s.IsSubtype(winner):
			winner, base = s, b
		default:
			return nil, th.Raise(th.rt.types.exc.TypeError, "multiple bases have instance lay-out conflict")
		}
	}
	return base, nil
}

// singletonConstructor is the constructor of NoneType, NotImplementedType
// and ellipsis: their one instance.
func singletonConstructor(name string, one func(rt *Runtime) Object) BuiltinFunc {
	return func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if len(args)+len(kw) > 0 {
			return nil, th.Raisef(th.rt.types.exc.TypeError, "%s takes no arguments", name)
		}
		return one(th.rt), nil
	}
}
