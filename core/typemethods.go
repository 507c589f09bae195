package core

import (
	"sort"
)

// The attributes of object, type, BaseException and the descriptor
// types, installed in their dicts by initMethods.

// typeTable is what initMethods puts in a built-in type's dict.
type typeTable struct {
	methods       []method
	classMethods  []method
	staticMethods []method
	getsets       []getSetDef
}

// initMethods fills in the dicts of the built-in types and freezes them.
func (rt *Runtime) initMethods() {
	ty := &rt.types
	tables := map[*Type]*typeTable{
		ty.object:       {methods: objectMethods, getsets: objectGetSets, classMethods: objectClassMethods},
		ty.typ:          {methods: typeMethods, getsets: typeGetSets},
		ty.list:         {methods: listMethods},
		ty.dict:         {methods: dictMethods, classMethods: dictClassMethods},
		ty.set:          {methods: setMethods},
		ty.frozenset:    {methods: frozensetMethods},
		ty.str:          {methods: strMethods, staticMethods: strStaticMethods},
		ty.bytes:        {methods: bytesMethods, classMethods: bytesClassMethods},
		ty.bytearray:    {methods: bytearrayMethods, classMethods: bytesClassMethods},
		ty.tuple:        {methods: tupleMethods},
		ty.int_:         {methods: intMethods, classMethods: intClassMethods, getsets: intGetSets},
		ty.float:        {methods: floatMethods, classMethods: floatClassMethods, getsets: floatGetSets},
		ty.range_:       {methods: rangeMethods, getsets: rangeGetSets},
		ty.property:     {methods: propertyMethods, getsets: propertyGetSets},
		ty.staticmethod: {methods: staticMethodMethods, getsets: wrapperGetSets},
		ty.classmethod:  {methods: classMethodMethods, getsets: wrapperGetSets},
		ty.super_:       {getsets: superGetSets},
		ty.function:     {getsets: functionGetSets},
		ty.builtin:      {getsets: builtinGetSets},
		ty.methodDescr:  {getsets: builtinGetSets},
		ty.method:       {getsets: methodGetSets},
		ty.mappingproxy: {methods: mappingProxyMethods},
		ty.dictKeys:     {methods: dictViewMethods},
		ty.dictItems:    {methods: dictViewMethods},
		ty.dictValues:   {},
		ty.threadHandle: {methods: threadHandleMethods},
		ty.lock:         {methods: lockMethods},
		ty.rlock:        {methods: rlockMethods},
		ty.exc.BaseException: {methods: baseExceptionMethods, getsets: baseExceptionGetSets,
			staticMethods: []method{{"__new__", baseExceptionNew}}},
	}
	for t, set := range rt.builtinSlots() {
		tab := tables[t]
		if tab == nil {
			tab = &typeTable{}
			tables[t] = tab
		}
		addSlots(tab, set)
	}
	for _, it := range ty.iters {
		tables[it] = &typeTable{methods: iteratorMethods}
	}
	rt.addSubclassMethods(tables)
	for name, attrs := range excAttrs {
		t := rt.ExceptionType(name)
		tab := &typeTable{}
		for _, a := range attrs {
			tab.getsets = append(tab.getsets, excAttrGetSet(a))
		}
		tables[t] = tab
	}
	rt.fillTypeDicts(tables)
	// object.__new__ is a static method of object.
	if rt.objectNew == nil {
		b := rt.immortalBuiltin("__new__", objectNewFunc, false)
		rt.objectNew = b
		s := &StaticMethod{fn: b}
		s.typ = ty.staticmethod
		rt.rc.InitImmortal(s)
		rt.dictInit(ty.object.dict, "__new__", s)
	}
	// The mutable containers are unhashable (their classes too).
	for _, t := range []*Type{ty.list, ty.dict, ty.set, ty.bytearray} {
		rt.dictInit(t.dict, "__hash__", rt.None)
	}
}

// ---- object ----

var objectMethods = []method{
	{"__init__", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		self := args[0]
		if len(args) > 1 || len(kw) > 0 {
			t := self.Type()
			init := t.lookup(th, "__init__")
			own := init != nil && !th.isObjectSlot(init, "__init__")
			th.XDecref(init)
			if own {
				return nil, th.Raise(th.rt.types.exc.TypeError, "object.__init__() takes exactly one argument (the instance to initialize)")
			}
			nw := t.lookup(th, "__new__")
			def := nw == nil || th.isDefaultNew(nw)
			th.XDecref(nw)
			if def {
				return nil, th.Raisef(th.rt.types.exc.TypeError, "%s.__init__() takes exactly one argument (the instance to initialize)", t.name)
			}
		}
		return th.rt.None, nil
	}},
	{"__repr__", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("__repr__", args, kw, 0, 0); err != nil {
			return nil, err
		}
		if userDefined(args[0]) {
			return th.NewStr(th.objectRepr(args[0])), nil
		}
		s, err := th.Repr(args[0])
		if err != nil {
			return nil, err
		}
		return th.NewStr(s), nil
	}},
	{"__str__", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("__str__", args, kw, 0, 0); err != nil {
			return nil, err
		}
		s, err := th.Repr(args[0])
		if err != nil {
			return nil, err
		}
		return th.NewStr(s), nil
	}},
	{"__hash__", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("__hash__", args, kw, 0, 0); err != nil {
			return nil, err
		}
		if userDefined(args[0]) {
			return th.NewInt(identityHash(args[0])), nil
		}
		h, err := th.Hash(args[0])
		if err != nil {
			return nil, err
		}
		return th.NewInt(h), nil
	}},
	{"__eq__", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("__eq__", args, kw, 1, 1); err != nil {
			return nil, err
		}
		if args[0] == args[1] {
			return th.rt.True, nil
		}
		return th.rt.NotImplemented, nil
	}},
	{"__ne__", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("__ne__", args, kw, 1, 1); err != nil {
			return nil, err
		}
		r, err := th.compareSlot(args[0], args[1], CmpEq)
		if err != nil || r == th.rt.NotImplemented {
			return r, err
		}
		defer th.Decref(r)
		t, err := th.Truth(r)
		if err != nil {
			return nil, err
		}
		return th.rt.Bool(!t), nil
	}},
	{"__lt__", objectNotImplemented("__lt__")},
	{"__le__", objectNotImplemented("__le__")},
	{"__gt__", objectNotImplemented("__gt__")},
	{"__ge__", objectNotImplemented("__ge__")},
	{"__format__", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("__format__", args, kw, 1, 1); err != nil {
			return nil, err
		}
		spec, ok := args[1].(*Str)
		if !ok {
			return nil, th.Raisef(th.rt.types.exc.TypeError, "__format__() argument must be str, not %s", args[1].Type().name)
		}
		return th.objectFormat(args[0], spec.s)
	}},
	{"__getattribute__", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("__getattribute__", args, kw, 1, 1); err != nil {
			return nil, err
		}
		name, err := th.attrName(args[1])
		if err != nil {
			return nil, err
		}
		if t, ok := args[0].(*Type); ok {
			return th.typeGetAttr(t, name)
		}
		return th.genericGetAttr(args[0], name)
	}},
	{"__setattr__", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("__setattr__", args, kw, 2, 2); err != nil {
			return nil, err
		}
		name, err := th.attrName(args[1])
		if err != nil {
			return nil, err
		}
		if t, ok := args[0].(*Type); ok {
			return th.rt.None, th.typeSetAttr(t, name, args[2])
		}
		return th.rt.None, th.genericSetAttr(args[0], name, args[2])
	}},
	{"__delattr__", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("__delattr__", args, kw, 1, 1); err != nil {
			return nil, err
		}
		name, err := th.attrName(args[1])
		if err != nil {
			return nil, err
		}
		if t, ok := args[0].(*Type); ok {
			return th.rt.None, th.typeSetAttr(t, name, nil)
		}
		return th.rt.None, th.genericSetAttr(args[0], name, nil)
	}},
	{"__dir__", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("__dir__", args, kw, 0, 0); err != nil {
			return nil, err
		}
		return th.dirList(args[0])
	}},
}

var objectClassMethods = []method{
	{"__init_subclass__", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if len(kw) > 0 {
			return nil, th.Raisef(th.rt.types.exc.TypeError, "%s.__init_subclass__() takes no keyword arguments", args[0].(*Type).name)
		}
		if len(args) > 1 {
			return nil, th.Raisef(th.rt.types.exc.TypeError, "%s.__init_subclass__() takes no arguments (%d given)", args[0].(*Type).name, len(args)-1)
		}
		return th.rt.None, nil
	}},
}

func objectNotImplemented(name string) BuiltinFunc {
	return func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs(name, args, kw, 1, 1); err != nil {
			return nil, err
		}
		return th.rt.NotImplemented, nil
	}
}

// objectNewFunc is object.__new__(cls, *args).
func objectNewFunc(th *Thread, args []Object, kw map[string]Object) (Object, error) {
	exc := &th.rt.types.exc
	if len(args) == 0 {
		return nil, th.Raise(exc.TypeError, "object.__new__(): not enough arguments")
	}
	t, ok := args[0].(*Type)
	if !ok {
		return nil, th.Raisef(exc.TypeError, "object.__new__(X): X is not a type object (%s)", args[0].Type().name)
	}
	if t.builtin && t != th.rt.types.object {
		safe := t.name
		if t.exception {
			safe = "BaseException"
		}
		return nil, th.Raisef(exc.TypeError, "object.__new__(%s) is not safe, use %s.__new__()", t.name, safe)
	}
	if len(args) > 1 || len(kw) > 0 {
		nw := t.lookup(th, "__new__")
		def := nw == nil || th.isDefaultNew(nw)
		th.XDecref(nw)
		if !def {
			return nil, th.Raise(exc.TypeError, "object.__new__() takes exactly one argument (the type to instantiate)")
		}
		init := t.lookup(th, "__init__")
		defInit := init == nil || th.isObjectSlot(init, "__init__")
		th.XDecref(init)
		if defInit {
			return nil, th.Raisef(exc.TypeError, "%s() takes no arguments", t.name)
		}
	}
	if t.exception {
		return nil, th.Raisef(exc.TypeError, "object.__new__(%s) is not safe, use BaseException.__new__()", t.name)
	}
	if t.solid != th.rt.types.object {
		return nil, th.Raisef(exc.TypeError, "object.__new__(%s) is not safe, use %s.__new__()", t.name, th.staticBase(t).name)
	}
	if t == th.rt.types.object {
		i := &Instance{}
		i.typ = t
		th.track(i)
		return i, nil
	}
	return th.newInstance(t), nil
}

var objectGetSets = []getSetDef{
	{"__class__", func(th *Thread, o Object) (Object, error) { return th.newRef(o.Type()), nil }, nil},
	{"__dict__", instanceDictGet, instanceDictSet},
}

// weakrefGetSet is a class's __weakref__: rwgil has no weak references,
// so it is always None.
var weakrefGetSet = getSetDef{"__weakref__", func(th *Thread, o Object) (Object, error) { return th.rt.None, nil }, nil}

// dirList is object.__dir__: the sorted names of o's attributes -- its
// dict and its class's mro (for a class: its mro; for a module: its
// dict).
func (th *Thread) dirList(o Object) (Object, error) {
	names := map[string]bool{}
	addDict := func(d *Dict) {
		keys, values := th.dictItems(d)
		th.decrefAll(values)
		for _, k := range keys {
			if s, ok := k.(*Str); ok {
				names[s.s] = true
			}
		}
		th.decrefAll(keys)
	}
	switch x := o.(type) {
	case *Module:
		addDict(x.dict)
	case *Type:
		for _, c := range x.mro {
			addDict(c.dict)
		}
	default:
		if d := instanceDict(o); d != nil {
			addDict(d)
		}
		for _, c := range o.Type().mro {
			addDict(c.dict)
		}
	}
	sorted := make([]string, 0, len(names))
	for n := range names {
		sorted = append(sorted, n)
	}
	sort.Strings(sorted)
	items := make([]Object, len(sorted))
	for i, n := range sorted {
		items[i] = th.NewStr(n)
	}
	return th.NewList(items), nil
}

// ---- type ----

var typeMethods = []method{
	{"mro", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("mro", args, kw, 0, 0); err != nil {
			return nil, err
		}
		t := args[0].(*Type)
		items := make([]Object, len(t.mro))
		for i, c := range t.mro {
			items[i] = th.newRef(c)
		}
		return th.NewList(items), nil
	}},
	{"__subclasscheck__", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("__subclasscheck__", args, kw, 1, 1); err != nil {
			return nil, err
		}
		c, ok := args[1].(*Type)
		if !ok {
			return nil, th.Raise(th.rt.types.exc.TypeError, "issubclass() arg 1 must be a class")
		}
		return th.rt.Bool(c.IsSubtype(args[0].(*Type))), nil
	}},
	{"__instancecheck__", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("__instancecheck__", args, kw, 1, 1); err != nil {
			return nil, err
		}
		return th.rt.Bool(args[1].Type().IsSubtype(args[0].(*Type))), nil
	}},
}

var typeGetSets = []getSetDef{
	{"__name__", func(th *Thread, o Object) (Object, error) { return th.NewStr(o.(*Type).name), nil },
		func(th *Thread, o, v Object) error {
			t := o.(*Type)
			s, ok := v.(*Str)
			if !ok {
				if v == nil {
					return th.Raisef(th.rt.types.exc.TypeError, "cannot delete '__name__' attribute of immutable type '%s'", t.name)
				}
				return th.Raisef(th.rt.types.exc.TypeError, "can only assign string to %s.__name__, not '%s'", t.name, v.Type().name)
			}
			t.name = s.s
			return nil
		}},
	{"__qualname__", func(th *Thread, o Object) (Object, error) { return th.NewStr(o.(*Type).qualname), nil },
		func(th *Thread, o, v Object) error {
			t := o.(*Type)
			s, ok := v.(*Str)
			if !ok {
				if v == nil {
					return th.Raisef(th.rt.types.exc.TypeError, "cannot delete '__qualname__' attribute of immutable type '%s'", t.name)
				}
				return th.Raisef(th.rt.types.exc.TypeError, "can only assign string to %s.__qualname__, not '%s'", t.name, v.Type().name)
			}
			t.qualname = s.s
			return nil
		}},
	{"__module__", func(th *Thread, o Object) (Object, error) {
		t := o.(*Type)
		if !t.builtin {
			if m := th.dictGetStr(t.dict, "__module__"); m != nil {
				return m, nil
			}
		}
		return th.NewStr(t.module), nil
	}, func(th *Thread, o, v Object) error {
		t := o.(*Type)
		if v == nil {
			return th.Raisef(th.rt.types.exc.TypeError, "cannot delete '__module__' attribute of immutable type '%s'", t.name)
		}
		if s, ok := v.(*Str); ok {
			t.module = s.s
		}
		return th.DictSetStr(t.dict, "__module__", v)
	}},
	{"__bases__", func(th *Thread, o Object) (Object, error) {
		t := o.(*Type)
		items := make([]Object, len(t.bases))
		for i, b := range t.bases {
			items[i] = th.newRef(b)
		}
		return th.NewTuple(items), nil
	}, nil},
	{"__base__", func(th *Thread, o Object) (Object, error) {
		if b := o.(*Type).base; b != nil {
			return th.newRef(b), nil
		}
		return th.rt.None, nil
	}, nil},
	{"__mro__", func(th *Thread, o Object) (Object, error) {
		t := o.(*Type)
		items := make([]Object, len(t.mro))
		for i, c := range t.mro {
			items[i] = th.newRef(c)
		}
		return th.NewTuple(items), nil
	}, nil},
	{"__dict__", func(th *Thread, o Object) (Object, error) { return th.newMappingProxy(o.(*Type).dict), nil }, nil},
	// A class's __annotations__ are its own, never a base's: read from
	// its dict, where an empty dict is put at the first read if the class
	// body had no annotations (CPython 3.10+). Built-in types have none.
	{"__annotations__", func(th *Thread, o Object) (Object, error) {
		t := o.(*Type)
		if t.builtin {
			return nil, th.Raisef(th.rt.types.exc.AttributeError, "type object '%s' has no attribute '__annotations__'", t.name)
		}
		if d := th.dictGetStr(t.dict, "__annotations__"); d != nil {
			return d, nil
		}
		d := th.NewDict()
		t.beginModify()
		err := th.DictSetStr(t.dict, "__annotations__", d)
		t.endModify()
		if err != nil {
			th.Decref(d)
			return nil, err
		}
		return d, nil
	}, func(th *Thread, o, v Object) error {
		t := o.(*Type)
		if v == nil {
			if !th.dictDelStr(t.dict, "__annotations__") {
				return th.Raise(th.rt.types.exc.AttributeError, "__annotations__")
			}
			return nil
		}
		return th.DictSetStr(t.dict, "__annotations__", v)
	}},
	{"__doc__", func(th *Thread, o Object) (Object, error) {
		t := o.(*Type)
		if d := th.dictGetStr(t.dict, "__doc__"); d != nil {
			defer th.Decref(d)
			if th.kindOf(d) != plainAttr && th.kindOf(d) != bindingAttr {
				return th.descrGet(d, nil, t)
			}
			return th.newRef(d), nil
		}
		return th.rt.None, nil
	}, func(th *Thread, o, v Object) error {
		t := o.(*Type)
		if v == nil {
			return th.Raisef(th.rt.types.exc.TypeError, "cannot delete '__doc__' attribute of immutable type '%s'", t.name)
		}
		return th.DictSetStr(t.dict, "__doc__", v)
	}},
}

// ---- BaseException ----

// baseExceptionNew is BaseException.__new__(cls, *args).
func baseExceptionNew(th *Thread, args []Object, kw map[string]Object) (Object, error) {
	exc := &th.rt.types.exc
	if len(args) == 0 {
		return nil, th.Raise(exc.TypeError, "BaseException.__new__(): not enough arguments")
	}
	t, ok := args[0].(*Type)
	if !ok {
		return nil, th.Raisef(exc.TypeError, "BaseException.__new__(X): X is not a type object (%s)", args[0].Type().name)
	}
	if !t.exception {
		return nil, th.Raisef(exc.TypeError, "BaseException.__new__(%s): %s is not a subtype of BaseException", t.name, t.name)
	}
	rest := args[1:]
	if ot := th.osErrorSubclass(t, rest); ot != nil {
		t = ot
	}
	return th.newException(t, th.Pack(rest...)), nil
}

var baseExceptionMethods = []method{
	{"__init__", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		e, ok := args[0].(*Exception)
		if !ok {
			return th.rt.None, nil
		}
		return th.rt.None, th.initException(e, args[1:], kw)
	}},
	{"__str__", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("__str__", args, kw, 0, 0); err != nil {
			return nil, err
		}
		s, err := th.excStr(args[0].(*Exception))
		if err != nil {
			return nil, err
		}
		return th.NewStr(s), nil
	}},
	{"__repr__", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("__repr__", args, kw, 0, 0); err != nil {
			return nil, err
		}
		s, err := th.excRepr(args[0].(*Exception))
		if err != nil {
			return nil, err
		}
		return th.NewStr(s), nil
	}},
	{"with_traceback", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("with_traceback", args, kw, 1, 1); err != nil {
			return nil, err
		}
		e := args[0].(*Exception)
		if err := th.setTraceback(e, args[1]); err != nil {
			return nil, err
		}
		return th.newRef(e), nil
	}},
	{"add_note", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("add_note", args, kw, 1, 1); err != nil {
			return nil, err
		}
		e := args[0].(*Exception)
		if _, ok := args[1].(*Str); !ok {
			return nil, th.Raisef(th.rt.types.exc.TypeError, "note must be a str, not '%s'", args[1].Type().name)
		}
		notes := th.dictGetStr(e.dict, "__notes__")
		if notes == nil {
			l := th.NewList(nil)
			if err := th.DictSetStr(e.dict, "__notes__", l); err != nil {
				th.Decref(l)
				return nil, err
			}
			notes = l
		}
		defer th.Decref(notes)
		l, ok := notes.(*List)
		if !ok {
			return nil, th.Raise(th.rt.types.exc.TypeError, "Cannot add note: __notes__ is not a list")
		}
		return th.rt.None, th.ListAppend(l, args[1])
	}},
}

// exceptionArg is the setter's check that v is an exception or None.
func (th *Thread) exceptionOrNone(v Object, what string) (*Exception, error) {
	if v == nil {
		return nil, th.Raisef(th.rt.types.exc.TypeError, "%s may not be deleted", what)
	}
	if v == th.rt.None {
		return nil, nil
	}
	e, ok := v.(*Exception)
	if !ok {
		return nil, th.Raisef(th.rt.types.exc.TypeError, "exception %s must be None or derive from BaseException", what)
	}
	return e, nil
}

var baseExceptionGetSets = []getSetDef{
	{"args", func(th *Thread, o Object) (Object, error) { return th.newRef(o.(*Exception).args), nil },
		func(th *Thread, o, v Object) error {
			if v == nil {
				return th.Raise(th.rt.types.exc.TypeError, "args may not be deleted")
			}
			items, err := th.collect(v)
			if err != nil {
				return err
			}
			e := o.(*Exception)
			old := e.args
			e.args = th.NewTuple(items)
			th.Decref(old)
			return nil
		}},
	{"__cause__", func(th *Thread, o Object) (Object, error) {
		if c := o.(*Exception).cause; c != nil {
			return th.newRef(c), nil
		}
		return th.rt.None, nil
	}, func(th *Thread, o, v Object) error {
		c, err := th.exceptionOrNone(v, "cause")
		if err != nil {
			return err
		}
		e := o.(*Exception)
		if c != nil {
			th.Incref(c)
		}
		old := e.cause
		e.cause, e.suppressContext = c, true
		if old != nil {
			th.Decref(old)
		}
		return nil
	}},
	{"__context__", func(th *Thread, o Object) (Object, error) {
		if c := o.(*Exception).context; c != nil {
			return th.newRef(c), nil
		}
		return th.rt.None, nil
	}, func(th *Thread, o, v Object) error {
		c, err := th.exceptionOrNone(v, "context")
		if err != nil {
			return err
		}
		e := o.(*Exception)
		if c != nil {
			th.Incref(c)
		}
		old := e.context
		e.context = c
		if old != nil {
			th.Decref(old)
		}
		return nil
	}},
	{"__suppress_context__", func(th *Thread, o Object) (Object, error) {
		return th.rt.Bool(o.(*Exception).suppressContext), nil
	}, func(th *Thread, o, v Object) error {
		if v == nil {
			return th.Raise(th.rt.types.exc.TypeError, "__suppress_context__ may not be deleted")
		}
		t, err := th.Truth(v)
		if err != nil {
			return err
		}
		o.(*Exception).suppressContext = t
		return nil
	}},
	{"__traceback__", func(th *Thread, o Object) (Object, error) {
		return th.tracebackObject(o.(*Exception)), nil
	}, func(th *Thread, o, v Object) error {
		if v == nil {
			return th.Raise(th.rt.types.exc.TypeError, "__traceback__ may not be deleted")
		}
		return th.setTraceback(o.(*Exception), v)
	}},
}

// excAttrGetSet is the getSet of one of an exception layout's attributes
// (StopIteration.value, OSError.errno, ...).
func excAttrGetSet(name string) getSetDef {
	return getSetDef{name, func(th *Thread, o Object) (Object, error) {
		return th.newRef(o.(*Exception).excAttr(name)), nil
	}, func(th *Thread, o, v Object) error {
		if v == nil {
			v = th.rt.None
		}
		th.setExcAttr(o.(*Exception), name, v)
		return nil
	}}
}

// ---- property, staticmethod, classmethod, super ----

var propertyMethods = []method{
	{"getter", propertyCopy("getter", 0)},
	{"setter", propertyCopy("setter", 1)},
	{"deleter", propertyCopy("deleter", 2)},
	{"__get__", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("__get__", args, kw, 1, 2); err != nil {
			return nil, err
		}
		var obj Object
		if args[1] != th.rt.None {
			obj = args[1]
		}
		return th.descrGet(args[0], obj, nil)
	}},
	{"__set__", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("__set__", args, kw, 2, 2); err != nil {
			return nil, err
		}
		_, err := th.descrSet(args[0], args[1], args[2], "")
		return th.rt.None, err
	}},
	{"__delete__", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("__delete__", args, kw, 1, 1); err != nil {
			return nil, err
		}
		_, err := th.descrSet(args[0], args[1], nil, "")
		return th.rt.None, err
	}},
	{"__set_name__", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("__set_name__", args, kw, 2, 2); err != nil {
			return nil, err
		}
		p := args[0].(*Property)
		old := p.name
		p.name = th.newRef(args[2])
		th.XDecref(old)
		return th.rt.None, nil
	}},
}

// propertyCopy is property.getter, setter and deleter: a copy with one
// function replaced.
func propertyCopy(name string, which int) BuiltinFunc {
	return func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs(name, args, kw, 1, 1); err != nil {
			return nil, err
		}
		p := args[0].(*Property)
		fns := [3]Object{p.fget, p.fset, p.fdel}
		fns[which] = args[1]
		if fns[which] == th.rt.None {
			fns[which] = nil
		}
		doc := p.doc
		if which == 0 {
			doc = nil // taken from the new getter
		}
		return th.newProperty(fns[0], fns[1], fns[2], doc, p.name)
	}
}

func optional(th *Thread, o Object) Object {
	if o == nil {
		return th.rt.None
	}
	return th.newRef(o)
}

var propertyGetSets = []getSetDef{
	{"fget", func(th *Thread, o Object) (Object, error) { return optional(th, o.(*Property).fget), nil }, nil},
	{"fset", func(th *Thread, o Object) (Object, error) { return optional(th, o.(*Property).fset), nil }, nil},
	{"fdel", func(th *Thread, o Object) (Object, error) { return optional(th, o.(*Property).fdel), nil }, nil},
	{"__doc__", func(th *Thread, o Object) (Object, error) { return optional(th, o.(*Property).doc), nil },
		func(th *Thread, o, v Object) error {
			p := o.(*Property)
			old := p.doc
			p.doc = nil
			if v != nil && v != th.rt.None {
				p.doc = th.newRef(v)
			}
			th.XDecref(old)
			return nil
		}},
}

// wrapped is the function a staticmethod or classmethod wraps.
func wrapped(o Object) Object {
	if s, ok := o.(*StaticMethod); ok {
		return s.fn
	}
	return o.(*ClassMethod).fn
}

var wrapperGetSets = []getSetDef{
	{"__func__", func(th *Thread, o Object) (Object, error) { return th.newRef(wrapped(o)), nil }, nil},
	{"__wrapped__", func(th *Thread, o Object) (Object, error) { return th.newRef(wrapped(o)), nil }, nil},
	{"__name__", func(th *Thread, o Object) (Object, error) { return th.GetAttr(wrapped(o), "__name__") }, nil},
	{"__qualname__", func(th *Thread, o Object) (Object, error) { return th.GetAttr(wrapped(o), "__qualname__") }, nil},
	{"__doc__", func(th *Thread, o Object) (Object, error) { return th.GetAttr(wrapped(o), "__doc__") }, nil},
}

var staticMethodMethods = []method{
	{"__get__", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("__get__", args, kw, 1, 2); err != nil {
			return nil, err
		}
		return th.newRef(args[0].(*StaticMethod).fn), nil
	}},
}

var classMethodMethods = []method{
	{"__get__", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("__get__", args, kw, 1, 2); err != nil {
			return nil, err
		}
		var typ *Type
		if len(args) == 3 {
			typ, _ = args[2].(*Type)
		}
		if typ == nil {
			typ = args[1].Type()
		}
		return th.newBoundMethod(typ, args[0].(*ClassMethod).fn), nil
	}},
}

// newStaticMethod wraps fn (borrowed).
func (th *Thread) newStaticMethod(fn Object) Object {
	s := &StaticMethod{fn: th.newRef(fn)}
	s.typ = th.rt.types.staticmethod
	th.track(s)
	return s
}

// newClassMethod wraps fn (borrowed).
func (th *Thread) newClassMethod(fn Object) Object {
	c := &ClassMethod{fn: th.newRef(fn)}
	c.typ = th.rt.types.classmethod
	th.track(c)
	return c
}

var superGetSets = []getSetDef{
	{"__thisclass__", func(th *Thread, o Object) (Object, error) { return th.newRef(o.(*Super).thisClass), nil }, nil},
	{"__self__", func(th *Thread, o Object) (Object, error) { return optional(th, o.(*Super).obj), nil }, nil},
	{"__self_class__", func(th *Thread, o Object) (Object, error) {
		s := o.(*Super)
		if s.obj == nil {
			return th.rt.None, nil
		}
		return th.newRef(s.objType), nil
	}, nil},
}

// ---- functions and methods ----

// functionGetSets are the function attributes of the object model;
// Function.pyAttr adds the eval loop's (__qualname__, __module__,
// __defaults__, __kwdefaults__, __closure__).
var functionGetSets = []getSetDef{
	{"__name__", func(th *Thread, o Object) (Object, error) { return th.NewStr(o.(*Function).name), nil },
		func(th *Thread, o, v Object) error {
			s, ok := v.(*Str)
			if !ok {
				return th.Raise(th.rt.types.exc.TypeError, "__name__ must be set to a string object")
			}
			o.(*Function).name = s.s
			return nil
		}},
	// __annotations__ lives in the function's dict; a function without
	// annotations gets an empty dict there at the first read, as in
	// CPython.
	{"__annotations__", func(th *Thread, o Object) (Object, error) {
		f := o.(*Function)
		if v := th.dictGetStr(f.dict, "__annotations__"); v != nil {
			return v, nil
		}
		d := th.NewDict()
		if err := th.DictSetStr(f.dict, "__annotations__", d); err != nil {
			th.Decref(d)
			return nil, err
		}
		return d, nil
	}, func(th *Thread, o, v Object) error {
		f := o.(*Function)
		if v == nil {
			th.dictDelStr(f.dict, "__annotations__")
			return nil
		}
		if _, ok := v.(*Dict); !ok && v != th.rt.None {
			return th.Raise(th.rt.types.exc.TypeError, "__annotations__ must be set to a dict object")
		}
		return th.DictSetStr(f.dict, "__annotations__", v)
	}},
	{"__qualname__", func(th *Thread, o Object) (Object, error) { return th.NewStr(o.(*Function).qualname), nil },
		func(th *Thread, o, v Object) error {
			s, ok := v.(*Str)
			if !ok {
				return th.Raise(th.rt.types.exc.TypeError, "__qualname__ must be set to a string object")
			}
			// Like __name__, set by a decorator before the function is
			// shared (functools.wraps, dataclasses' generated methods).
			o.(*Function).qualname = s.s
			return nil
		}},
	{"__doc__", func(th *Thread, o Object) (Object, error) {
		f := o.(*Function)
		if d := f.dict; d != nil {
			if v := th.dictGetStr(d, "__doc__"); v != nil {
				return v, nil
			}
		}
		if d := f.code.bc.Doc; d != "" {
			return th.NewStr(d), nil // the code's docstring (Code.Doc)
		}
		return th.rt.None, nil
	}, func(th *Thread, o, v Object) error {
		f := o.(*Function)
		if v == nil {
			v = th.rt.None
		}
		return th.DictSetStr(f.dict, "__doc__", v)
	}},
	{"__globals__", func(th *Thread, o Object) (Object, error) { return th.newRef(o.(*Function).globals), nil }, nil},
	{"__code__", func(th *Thread, o Object) (Object, error) { return th.newRef(o.(*Function).code), nil }, nil},
}

var builtinGetSets = []getSetDef{
	{"__name__", func(th *Thread, o Object) (Object, error) { return th.NewStr(o.(*Builtin).name), nil }, nil},
	{"__qualname__", func(th *Thread, o Object) (Object, error) { return th.NewStr(funcQualName(o)), nil }, nil},
	{"__module__", func(th *Thread, o Object) (Object, error) {
		if m := o.(*Builtin).module; m != "" {
			return th.NewStr(m), nil
		}
		return th.rt.None, nil
	}, nil},
	{"__doc__", func(th *Thread, o Object) (Object, error) { return th.rt.None, nil }, nil},
	{"__self__", func(th *Thread, o Object) (Object, error) { return th.rt.None, nil }, nil},
}

var methodGetSets = []getSetDef{
	{"__self__", func(th *Thread, o Object) (Object, error) { return th.newRef(o.(*BoundMethod).self), nil }, nil},
	{"__func__", func(th *Thread, o Object) (Object, error) { return th.newRef(o.(*BoundMethod).fn), nil }, nil},
	{"__name__", func(th *Thread, o Object) (Object, error) { return th.GetAttr(o.(*BoundMethod).fn, "__name__") }, nil},
	{"__qualname__", func(th *Thread, o Object) (Object, error) {
		return th.GetAttr(o.(*BoundMethod).fn, "__qualname__")
	}, nil},
	{"__doc__", func(th *Thread, o Object) (Object, error) { return th.GetAttr(o.(*BoundMethod).fn, "__doc__") }, nil},
	{"__module__", func(th *Thread, o Object) (Object, error) {
		return th.GetAttr(o.(*BoundMethod).fn, "__module__")
	}, nil},
}

var mappingProxyMethods = []method{
	{"keys", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("keys", args, kw, 0, 0); err != nil {
			return nil, err
		}
		return th.newDictView(args[0].(*MappingProxy).d, th.rt.types.dictKeys), nil
	}},
	{"values", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("values", args, kw, 0, 0); err != nil {
			return nil, err
		}
		return th.newDictView(args[0].(*MappingProxy).d, th.rt.types.dictValues), nil
	}},
	{"items", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("items", args, kw, 0, 0); err != nil {
			return nil, err
		}
		return th.newDictView(args[0].(*MappingProxy).d, th.rt.types.dictItems), nil
	}},
	{"get", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("get", args, kw, 1, 2); err != nil {
			return nil, err
		}
		v, err := th.DictGet(args[0].(*MappingProxy).d, args[1])
		if err != nil || v != nil {
			return v, err
		}
		if len(args) == 3 {
			return th.newRef(args[2]), nil
		}
		return th.rt.None, nil
	}},
	{"copy", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("copy", args, kw, 0, 0); err != nil {
			return nil, err
		}
		d := th.NewDict()
		if err := th.dictUpdate(d, args[0].(*MappingProxy).d); err != nil {
			th.Decref(d)
			return nil, err
		}
		return d, nil
	}},
}

// iteratorMethods are the methods of the iterator types.
var iteratorMethods = []method{
	{"__iter__", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("__iter__", args, kw, 0, 0); err != nil {
			return nil, err
		}
		return th.newRef(args[0]), nil
	}},
	{"__next__", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("__next__", args, kw, 0, 0); err != nil {
			return nil, err
		}
		x, ok, err := th.Next(args[0])
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, th.newException(th.rt.types.exc.StopIteration, th.rt.emptyTuple)
		}
		return x, nil
	}},
}

// instanceDictGet is the __dict__ attribute of objects with an instance
// dict.
func instanceDictGet(th *Thread, o Object) (Object, error) {
	if d := instanceDict(o); d != nil {
		return th.newRef(d), nil
	}
	return nil, th.attributeError(o, "__dict__")
}

// instanceDictSet is __dict__ = v: the dict object stays (rwgil reads
// instance dicts without locks); its contents become v's.
func instanceDictSet(th *Thread, o, v Object) error {
	d := instanceDict(o)
	if d == nil {
		return th.attributeError(o, "__dict__")
	}
	nd, ok := v.(*Dict)
	if !ok {
		if v == nil {
			return th.Raise(th.rt.types.exc.TypeError, "cannot delete __dict__")
		}
		return th.Raisef(th.rt.types.exc.TypeError, "__dict__ must be set to a dictionary, not a '%s'", v.Type().name)
	}
	// The dict object stays (rwgil reads instance dicts without
	// locks); its contents become v's.
	if nd == d {
		return nil
	}
	d.clear(th)
	return th.dictUpdate(d, nd)
}

// fillTypeDicts makes the dicts of the built-in types from their tables.
// Every runtime makes some 1,500 immortal objects here, so they come out
// of slabs -- one allocation for all the methods, one for all the dicts,
// one for all their entries and one for their indexes -- and each dict
// is sized once for what it will hold: a schedule explorer makes a
// runtime for every schedule it runs, and this was most of the cost.
func (rt *Runtime) fillTypeDicts(tables map[*Type]*typeTable) {
	ty := &rt.types
	var ntypes, nmethods, nclass, nstatic, ngetsets, nentries, nindex int
	// The dicts of object and the mutable containers get one more entry
	// after this (object.__new__ if no table has it, __hash__ = None).
	// slots is how many entries t's dict takes.
	slots := func(t *Type) int {
		n := 0
		switch t {
		case ty.object, ty.list, ty.dict, ty.set, ty.bytearray:
			n = 1
		}
		if tab := tables[t]; tab != nil {
			n += len(tab.methods) + len(tab.classMethods) + len(tab.staticMethods) + len(tab.getsets)
		}
		return n
	}
	for _, t := range rt.typeByID {
		if t == nil || !t.builtin {
			continue
		}
		ntypes++
		if tab := tables[t]; tab != nil {
			nmethods += len(tab.methods)
			nclass += len(tab.classMethods)
			nstatic += len(tab.staticMethods)
			ngetsets += len(tab.getsets)
		}
		n := slots(t)
		nentries += n
		nindex += indexSize(n)
	}
	dicts := make([]Dict, ntypes)
	methods := make([]Builtin, nmethods+nclass+nstatic)
	classes := make([]ClassMethod, nclass)
	statics := make([]StaticMethod, nstatic)
	getsets := make([]getSet, ngetsets)
	entries := make([]entry, nentries)
	index := make([]int32, nindex)
	builtin := func(name string, fn BuiltinFunc) *Builtin {
		b := take(&methods)
		b.name, b.fn, b.module = name, fn, "builtins"
		b.typ = ty.builtin
		rt.rc.InitImmortal(b)
		return b
	}
	for _, t := range rt.typeByID {
		if t == nil || !t.builtin {
			continue
		}
		d := take(&dicts)
		d.frozen = true
		d.typ = ty.dict
		rt.rc.InitImmortal(d)
		tab := tables[t]
		d.presize(slots(t), &entries, &index)
		if tab != nil {
			for _, m := range tab.methods {
				b := take(&methods)
				b.name, b.fn, b.method, b.owner = m.name, m.fn, true, t
				b.typ = ty.methodDescr
				rt.rc.InitImmortal(b)
				rt.dictInit(d, m.name, b)
			}
			for _, m := range tab.classMethods {
				c := take(&classes)
				c.fn = builtin(m.name, m.fn)
				c.typ = ty.classmethod
				rt.rc.InitImmortal(c)
				rt.dictInit(d, m.name, c)
			}
			for _, m := range tab.staticMethods {
				b := builtin(m.name, m.fn)
				if t == ty.object && m.name == "__new__" {
					rt.objectNew = b
				}
				if t == ty.exc.BaseException && m.name == "__new__" {
					rt.excNew = b
				}
				sm := take(&statics)
				sm.fn = b
				sm.typ = ty.staticmethod
				rt.rc.InitImmortal(sm)
				rt.dictInit(d, m.name, sm)
			}
			for _, g := range tab.getsets {
				gs := take(&getsets)
				gs.name, gs.owner, gs.get, gs.set = g.name, t, g.get, g.set
				gs.typ = ty.getset
				rt.rc.InitImmortal(gs)
				rt.dictInit(d, g.name, gs)
			}
		}
		t.dict = d
	}
}

// indexSize is the index a table of n entries gets (table.resize's).
func indexSize(n int) int {
	size := 8
	for size*2 < n*3 {
		size *= 2
	}
	return size
}

// presize gives an empty table room for n entries, taking its entries and
// index from the fronts of the slabs, so that inserting them allocates
// nothing.
func (t *table) presize(n int, entries *[]entry, index *[]int32) {
	size := indexSize(n)
	t.entries = (*entries)[:0:n]
	*entries = (*entries)[n:]
	t.index = (*index)[:size:size]
	*index = (*index)[size:]
	for i := range t.index {
		t.index[i] = slotFree
	}
}

// take hands out the first element of a slab and advances the slab past it.
func take[T any](slab *[]T) *T {
	p := &(*slab)[0]
	*slab = (*slab)[1:]
	return p
}
