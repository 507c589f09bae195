package core

// Parametrized classes and unions of classes in annotations: list[int]
// (PEP 585) and int | None (PEP 604). Their objects are made by the Python
// module types (python/lib/types.py), which core calls: a subscript of one
// of the built-in generic classes is types.GenericAlias(cls, key), and |
// between two classes (or a class and None) is types.UnionType._of(a, b).
// A runtime without a module called types (one that runs bytecode only)
// raises the TypeError it raised before these existed.

// isGenericBuiltin reports whether t is a built-in class that C[args]
// parametrizes.
func (th *Thread) isGenericBuiltin(t *Type) bool {
	ty := &th.rt.types
	switch t {
	case ty.list, ty.dict, ty.tuple, ty.set, ty.frozenset, ty.typ:
		return true
	}
	return false
}

// callTypes calls types.<class>.<method>(args) (method "" calls the class
// itself). ok is false if the runtime has no types module.
func (th *Thread) callTypes(class, method string, args ...Object) (r Object, ok bool, err error) {
	mod, err := th.Import("types")
	if err != nil {
		if IsInstance(err, th.rt.types.exc.ImportError) {
			th.Discard(err)
			return nil, false, nil
		}
		return nil, true, err
	}
	fn, err := th.GetAttr(mod, class)
	th.Decref(mod)
	if err != nil {
		return nil, true, err
	}
	if method != "" {
		m, err := th.GetAttr(fn, method)
		th.Decref(fn)
		if err != nil {
			return nil, true, err
		}
		fn = m
	}
	defer th.Decref(fn)
	r, err = th.Call(fn, args, nil)
	return r, true, err
}

// genericAlias is t[key] for a built-in generic class t.
func (th *Thread) genericAlias(t *Type, key Object) (Object, bool, error) {
	if !th.isGenericBuiltin(t) {
		return nil, false, nil
	}
	return th.callTypes("GenericAlias", "", t, key)
}

// unionOperand reports whether o may stand on either side of | between
// classes: a class or None.
func (th *Thread) unionOperand(o Object) bool {
	_, isType := o.(*Type)
	return isType || o == th.rt.None
}

// typeUnion is a | b for classes (or None).
func (th *Thread) typeUnion(a, b Object) (Object, bool, error) {
	if !th.unionOperand(a) || !th.unionOperand(b) || (a == th.rt.None && b == th.rt.None) {
		return nil, false, nil
	}
	return th.callTypes("UnionType", "_of", a, b)
}
