package core

// builtinBuildClass is builtins.__build_class__(func, name, *bases,
// **kw), which a class statement calls (LOAD_BUILD_CLASS ... CALL): it
// runs the class body -- func's code, in a new frame whose locals are a
// fresh dict, with no arguments -- then makes the class from its name,
// bases and that dict, and stores the class in the __classcell__ cell
// the body returns when a method uses __class__ or super().
func builtinBuildClass(th *Thread, args []Object, kw map[string]Object) (Object, error) {
	exc := &th.rt.types.exc
	if len(args) < 2 {
		return nil, th.Raise(exc.TypeError, "__build_class__: not enough arguments")
	}
	fn, ok := args[0].(*Function)
	if !ok {
		return nil, th.Raise(exc.TypeError, "__build_class__: func must be a function")
	}
	if fn.code.bc.Generator {
		return nil, th.Raise(exc.TypeError, "__build_class__: the class body must not be a generator")
	}
	name, ok := args[1].(*Str)
	if !ok {
		return nil, th.Raise(exc.TypeError, "__build_class__: name is not a string")
	}
	// The class keywords other than metaclass go to the bases'
	// __init_subclass__ (object's refuses any).
	var classKw map[string]Object
	for k, v := range kw {
		if k == "metaclass" {
			if v != th.rt.types.typ {
				return nil, th.Raise(exc.TypeError, "rwgil classes have no metaclasses: only metaclass=type")
			}
			continue
		}
		if classKw == nil {
			classKw = make(map[string]Object, len(kw))
		}
		classKw[k] = v
	}
	if th.depth >= th.rt.RecursionLimit() {
		return nil, th.Raise(exc.RecursionError, "maximum recursion depth exceeded")
	}
	ns := th.NewDict()
	fr := th.newFrame(fn.code, fn.globals, fn, true)
	fr.ns = th.newRef(ns).(*Dict)
	if fr.cells != nil {
		th.initCells(fr, fn)
	}
	th.depth++
	r, err := th.eval(fr)
	th.depth--
	if err != nil {
		th.Decref(ns)
		return nil, err
	}
	defer th.Decref(r)
	// type.__new__ takes __classcell__ out of the namespace and sets it.
	classcell := th.dictGetStr(ns, "__classcell__")
	if classcell != nil {
		th.dictDelStr(ns, "__classcell__")
	}
	bases := th.Pack(args[2:]...)
	cls, err := th.buildClass(fn.globals, name, bases, ns, classKw)
	th.Decref(bases)
	th.Decref(ns)
	if err != nil {
		th.XDecref(classcell)
		return nil, err
	}
	for _, c := range []Object{classcell, r} {
		if cell, ok := c.(*Cell); ok {
			if t, ok := cls.(*Type); ok {
				th.setClassCell(cell, t)
			}
		}
	}
	th.XDecref(classcell)
	return cls, nil
}
