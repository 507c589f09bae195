package core

import (
	"github.com/rwgil/rwgil/refcount"
	"unsafe"
)

// Type is a type object: a built-in type or a user-defined class (single
// inheritance). Type objects are objects too; built-in ones are immortal,
// classes are counted like any other object.
type Type struct {
	Header
	rt   *Runtime
	id   int32 // index into the runtime's live-object counters
	name string
	base *Type // nil for object
	// dict holds the class attributes and methods. For built-in types it
	// holds their methods and never changes (frozen: lookups need no
	// critical section).
	dict *Dict
	// construct makes an instance when a built-in type is called; user
	// classes make an Instance (or an Exception) and run __init__.
	construct BuiltinFunc
	// exception: the type is BaseException or derives from it.
	exception bool
	// builtin: created by the runtime, not by class statements.
	builtin bool
	// module is the defining module's name, for repr of classes.
	module string
	// basicSize is what an object of the type costs the memory budget
	// before its payload (CPython's tp_basicsize).
	basicSize int64
}

// Dealloc implements refcount.Object. Only user classes get here.
func (t *Type) Dealloc(by *refcount.Owner) {
	untrack(t, by)
	releaseClassCell(t, by)
	decrefBy(t.dict, by)
	decrefBy(t.base, by)
}

// Describe implements refcount.Object.
func (t *Type) Describe() string { return "class " + t.name }

// Name returns the type's name.
func (t *Type) Name() string { return t.name }

// Base returns the base class, or nil for object.
func (t *Type) Base() *Type { return t.base }

// IsSubtype reports whether t is sup or derives from it.
func (t *Type) IsSubtype(sup *Type) bool {
	for c := t; c != nil; c = c.base {
		if c == sup {
			return true
		}
	}
	return false
}

// lookup finds name in the class and its bases; the result is borrowed
// (the class holds it). It may take critical sections on class dicts.
func (t *Type) lookup(th *Thread, name string) Object {
	for c := t; c != nil; c = c.base {
		if v := c.dict.getStrBorrowed(th, name); v != nil {
			return v
		}
	}
	return nil
}

// builtinTypes are a runtime's built-in types.
type builtinTypes struct {
	object, typ, none, notImplemented, bool_, int_, float, str, tuple, list, dict, set *Type
	function, builtin, method, module, code, range_, iterator                          *Type
	threadHandle, lock, rlock, capsule                                                 *Type
	exc                                                                                excTypes
}

// excTypes are the built-in exception classes.
type excTypes struct {
	BaseException, SystemExit, KeyboardInterrupt, Exception, StopIteration  *Type
	ArithmeticError, OverflowError, ZeroDivisionError, AssertionError       *Type
	AttributeError, ImportError, ModuleNotFoundError, LookupError           *Type
	IndexError, KeyError, NameError, UnboundLocalError, RuntimeError        *Type
	NotImplementedError, RecursionError, SystemError, TypeError, ValueError *Type
	OSError, ConnectionError, TimeoutError, MemoryError                     *Type
}

// newBuiltinType makes an immortal built-in type. Its dict is filled in by
// initMethods and then frozen.
func (rt *Runtime) newBuiltinType(name string, base *Type, construct BuiltinFunc) *Type {
	t := &Type{rt: rt, name: name, base: base, construct: construct, builtin: true, module: "builtins", basicSize: defaultBasicSize}
	t.id = rt.registerType(t)
	// The type of types is set once it exists (initTypes).
	t.typ = rt.types.typ
	rt.rc.InitImmortal(t)
	return t
}

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
	ty.typ.base = ty.object
	ty.none = rt.newBuiltinType("NoneType", ty.object, nil)
	ty.notImplemented = rt.newBuiltinType("NotImplementedType", ty.object, nil)
	ty.int_ = rt.newBuiltinType("int", ty.object, constructInt)
	ty.bool_ = rt.newBuiltinType("bool", ty.int_, constructBool)
	ty.float = rt.newBuiltinType("float", ty.object, constructFloat)
	ty.str = rt.newBuiltinType("str", ty.object, constructStr)
	ty.tuple = rt.newBuiltinType("tuple", ty.object, constructTuple)
	ty.list = rt.newBuiltinType("list", ty.object, constructList)
	ty.dict = rt.newBuiltinType("dict", ty.object, constructDict)
	ty.set = rt.newBuiltinType("set", ty.object, constructSet)
	ty.function = rt.newBuiltinType("function", ty.object, nil)
	ty.builtin = rt.newBuiltinType("builtin_function_or_method", ty.object, nil)
	ty.method = rt.newBuiltinType("method", ty.object, nil)
	ty.module = rt.newBuiltinType("module", ty.object, nil)
	ty.code = rt.newBuiltinType("code", ty.object, nil)
	ty.range_ = rt.newBuiltinType("range", ty.object, constructRange)
	ty.iterator = rt.newBuiltinType("iterator", ty.object, nil)
	ty.threadHandle = rt.newBuiltinType("thread_handle", ty.object, nil)
	ty.lock = rt.newBuiltinType("lock", ty.object, nil)
	ty.rlock = rt.newBuiltinType("RLock", ty.object, nil)
	ty.capsule = rt.newBuiltinType("PyCapsule", ty.object, nil)

	e := &ty.exc
	exc := func(name string, base *Type) *Type {
		t := rt.newBuiltinType(name, base, nil)
		t.exception = true
		t.basicSize = int64(unsafe.Sizeof(Exception{}))
		return t
	}
	e.BaseException = exc("BaseException", ty.object)
	e.SystemExit = exc("SystemExit", e.BaseException)
	e.KeyboardInterrupt = exc("KeyboardInterrupt", e.BaseException)
	e.Exception = exc("Exception", e.BaseException)
	e.StopIteration = exc("StopIteration", e.Exception)
	e.ArithmeticError = exc("ArithmeticError", e.Exception)
	e.OverflowError = exc("OverflowError", e.ArithmeticError)
	e.ZeroDivisionError = exc("ZeroDivisionError", e.ArithmeticError)
	e.AssertionError = exc("AssertionError", e.Exception)
	e.AttributeError = exc("AttributeError", e.Exception)
	e.ImportError = exc("ImportError", e.Exception)
	e.ModuleNotFoundError = exc("ModuleNotFoundError", e.ImportError)
	e.LookupError = exc("LookupError", e.Exception)
	e.IndexError = exc("IndexError", e.LookupError)
	e.KeyError = exc("KeyError", e.LookupError)
	e.NameError = exc("NameError", e.Exception)
	e.UnboundLocalError = exc("UnboundLocalError", e.NameError)
	e.RuntimeError = exc("RuntimeError", e.Exception)
	e.NotImplementedError = exc("NotImplementedError", e.RuntimeError)
	e.RecursionError = exc("RecursionError", e.RuntimeError)
	e.SystemError = exc("SystemError", e.Exception)
	e.TypeError = exc("TypeError", e.Exception)
	e.ValueError = exc("ValueError", e.Exception)
	e.OSError = exc("OSError", e.Exception)
	e.ConnectionError = exc("ConnectionError", e.OSError)
	e.TimeoutError = exc("TimeoutError", e.OSError)
	e.MemoryError = exc("MemoryError", e.Exception)
}

// exceptionTypes lists the built-in exception classes, for the builtins
// module.
func (e *excTypes) all() []*Type {
	return []*Type{e.BaseException, e.SystemExit, e.KeyboardInterrupt, e.Exception, e.StopIteration,
		e.ArithmeticError, e.OverflowError, e.ZeroDivisionError, e.AssertionError,
		e.AttributeError, e.ImportError, e.ModuleNotFoundError, e.LookupError,
		e.IndexError, e.KeyError, e.NameError, e.UnboundLocalError, e.RuntimeError,
		e.NotImplementedError, e.RecursionError, e.SystemError, e.TypeError, e.ValueError,
		e.OSError, e.ConnectionError, e.TimeoutError, e.MemoryError}
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
