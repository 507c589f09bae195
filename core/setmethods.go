package core

// The methods of set and frozenset, and dict.fromkeys.

func setSelf(args []Object) *Set { return args[0].(*Set) }

// setOther is an argument of the set methods that take any iterable: a
// set as it is, anything else collected into a new set (new reference).
func (th *Thread) setOther(o Object) (*Set, error) {
	if s, ok := o.(*Set); ok {
		th.Incref(s)
		return s, nil
	}
	r, err := th.setFrom(o)
	if err != nil {
		return nil, err
	}
	return r.(*Set), nil
}

// setOpMethod is union, intersection, difference and
// symmetric_difference, which take any number of iterables.
func setOpMethod(name string, op BinOp) BuiltinFunc {
	return func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.checkKwargs("set."+name, kw); err != nil {
			return nil, err
		}
		if op == OpXor {
			if err := th.methodArgs(name, args, kw, 1, 1); err != nil {
				return nil, err
			}
		}
		s := setSelf(args)
		var acc Object
		if len(args) == 1 {
			r, err := th.setFrom(s)
			if err != nil {
				return nil, err
			}
			if s.frozen {
				th.Decref(r)
				f, err := th.frozensetOf(s)
				if err != nil {
					return nil, err
				}
				return f, nil
			}
			return r, nil
		}
		acc = th.newRef(s)
		for _, a := range args[1:] {
			other, err := th.setOther(a)
			if err != nil {
				th.Decref(acc)
				return nil, err
			}
			r, err := th.setOp(op, acc.(*Set), other)
			th.Decref(other)
			th.Decref(acc)
			if err != nil {
				return nil, err
			}
			acc = r
		}
		return acc, nil
	}
}

// setUpdateMethod is update, intersection_update, difference_update and
// symmetric_difference_update: the set takes the result in place.
func setUpdateMethod(name string, op BinOp) BuiltinFunc {
	return func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.checkKwargs("set."+name, kw); err != nil {
			return nil, err
		}
		s := setSelf(args)
		if op == OpOr {
			for _, a := range args[1:] {
				items, err := th.collect(a)
				if err != nil {
					return nil, err
				}
				for _, it := range items {
					if err := th.SetAdd(s, it); err != nil {
						th.decrefAll(items)
						return nil, err
					}
				}
				th.decrefAll(items)
			}
			return th.rt.None, nil
		}
		for _, a := range args[1:] {
			other, err := th.setOther(a)
			if err != nil {
				return nil, err
			}
			r, err := th.InPlaceOp(op, s, other)
			th.Decref(other)
			if err != nil {
				return nil, err
			}
			th.Decref(r)
		}
		return th.rt.None, nil
	}
}

// setRelation is issubset, issuperset and isdisjoint.
func setRelation(name string) BuiltinFunc {
	return func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs(name, args, kw, 1, 1); err != nil {
			return nil, err
		}
		s := setSelf(args)
		other, err := th.setOther(args[1])
		if err != nil {
			return nil, err
		}
		defer th.Decref(other)
		var r bool
		switch name {
		case "issubset":
			r, err = th.setSubset(s, other)
		case "issuperset":
			r, err = th.setSubset(other, s)
		default:
			keys := th.setKeys(s)
			r = true
			for _, k := range keys {
				in, e := th.setContains(other, k)
				if e != nil {
					err = e
					break
				}
				if in {
					r = false
					break
				}
			}
			th.decrefAll(keys)
		}
		if err != nil {
			return nil, err
		}
		return th.rt.Bool(r), nil
	}
}

// frozensetMethods are the methods both set and frozenset have.
var frozensetMethods = []method{
	{"copy", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("copy", args, kw, 0, 0); err != nil {
			return nil, err
		}
		s := setSelf(args)
		if s.frozen {
			return th.newRef(s), nil
		}
		return th.setFrom(s)
	}},
	{"union", setOpMethod("union", OpOr)},
	{"intersection", setOpMethod("intersection", OpAnd)},
	{"difference", setOpMethod("difference", OpSub)},
	{"symmetric_difference", setOpMethod("symmetric_difference", OpXor)},
	{"issubset", setRelation("issubset")},
	{"issuperset", setRelation("issuperset")},
	{"isdisjoint", setRelation("isdisjoint")},
}

// setMethods are set's: frozenset's and the mutating ones.
var setMethods = append(append([]method(nil), frozensetMethods...), []method{
	{"add", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("add", args, kw, 1, 1); err != nil {
			return nil, err
		}
		return th.rt.None, th.SetAdd(setSelf(args), args[1])
	}},
	{"remove", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("remove", args, kw, 1, 1); err != nil {
			return nil, err
		}
		found, err := th.setDiscardKey(setSelf(args), args[1])
		if err == nil && !found {
			err = th.raiseWithArg(th.rt.types.exc.KeyError, args[1])
		}
		return th.rt.None, err
	}},
	{"discard", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("discard", args, kw, 1, 1); err != nil {
			return nil, err
		}
		_, err := th.setDiscardKey(setSelf(args), args[1])
		return th.rt.None, err
	}},
	{"pop", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("pop", args, kw, 0, 0); err != nil {
			return nil, err
		}
		s := setSelf(args)
		th.beginCS(s)
		defer th.endCS()
		for i, e := range s.entries {
			if e.key != nil {
				for p := newProbe(e.hash, len(s.index)); ; p.next() {
					if int(s.index[p.i]) == i {
						k, _ := s.remove(i, int(p.i))
						return k, nil
					}
				}
			}
		}
		return nil, th.Raise(th.rt.types.exc.KeyError, "pop from an empty set")
	}},
	{"clear", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("clear", args, kw, 0, 0); err != nil {
			return nil, err
		}
		s := setSelf(args)
		th.beginCS(s)
		es := s.takeAll()
		th.endCS()
		for _, e := range es {
			th.Decref(e.key)
		}
		return th.rt.None, nil
	}},
	{"update", setUpdateMethod("update", OpOr)},
	{"intersection_update", setUpdateMethod("intersection_update", OpAnd)},
	{"difference_update", setUpdateMethod("difference_update", OpSub)},
	{"symmetric_difference_update", setUpdateMethod("symmetric_difference_update", OpXor)},
}...)

// setDiscardKey is setDiscard with a set key looked up as a frozenset.
func (th *Thread) setDiscardKey(s *Set, key Object) (bool, error) {
	if k, ok := key.(*Set); ok && !k.frozen {
		f, err := th.frozensetOf(k)
		if err != nil {
			return false, err
		}
		defer th.Decref(f)
		return th.setDiscard(s, f)
	}
	return th.setDiscard(s, key)
}

var dictClassMethods = []method{
	{"fromkeys", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.checkKwargs("fromkeys", kw); err != nil {
			return nil, err
		}
		if err := th.clinicArgs("fromkeys", args[1:], nil, 1, 2); err != nil {
			return nil, err
		}
		value := th.rt.None
		if len(args) == 3 {
			value = args[2]
		}
		keys, err := th.collect(args[1])
		if err != nil {
			return nil, err
		}
		defer th.decrefAll(keys)
		d := th.NewDict()
		for _, k := range keys {
			if err := th.DictSet(d, k, value); err != nil {
				th.Decref(d)
				return nil, err
			}
		}
		return d, nil
	}},
}
