package stdlib

import (
	"strings"

	"github.com/rwgil/rwgil/core"
)

// The operator module: Python's operators as functions (add, lt, not_,
// getitem, iadd, ...), with their dunder aliases (__add__), and the
// callables itemgetter, attrgetter and methodcaller. Each function runs
// the same protocol as the operator it names (core's BinaryOp, Compare,
// GetItem, ...), so classes' special methods take part as they do for
// the operator itself. The functions keep no state: they are as
// thread-safe as the operation on their operands.

func init() { add("operator", loadOperator) }

// opArgs checks that fname got n positional arguments and no keywords,
// in CPython's words.
func opArgs(th *core.Thread, fname string, args []core.Object, kw map[string]core.Object, n int) error {
	if err := noKwargs(th, fname, kw); err != nil {
		return err
	}
	if len(args) != n {
		if n == 1 {
			return typeError(th, "_operator.%s() takes exactly one argument (%d given)", fname, len(args))
		}
		return typeError(th, "%s expected %d arguments, got %d", fname, n, len(args))
	}
	return nil
}

func loadOperator(th *core.Thread, name string) (*core.Module, error) {
	rt := th.Runtime()
	var funcs []goMethod
	def := func(fname string, fn core.BuiltinFunc, dunder bool) {
		funcs = append(funcs, goMethod{fname, fn})
		if dunder {
			funcs = append(funcs, goMethod{"__" + strings.TrimSuffix(fname, "_") + "__", fn})
		}
	}
	binary := func(fname string, op core.BinOp) {
		def(fname, func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			if err := opArgs(th, fname, args, kw, 2); err != nil {
				return nil, err
			}
			return th.BinaryOp(op, args[0], args[1])
		}, true)
		def("i"+strings.TrimSuffix(fname, "_"), func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			if err := opArgs(th, "i"+strings.TrimSuffix(fname, "_"), args, kw, 2); err != nil {
				return nil, err
			}
			return th.InPlaceOp(op, args[0], args[1])
		}, true)
	}
	for _, b := range []struct {
		name string
		op   core.BinOp
	}{{"add", core.OpAdd}, {"sub", core.OpSub}, {"mul", core.OpMul}, {"truediv", core.OpTrueDiv},
		{"floordiv", core.OpFloorDiv}, {"mod", core.OpMod}, {"pow", core.OpPow}, {"lshift", core.OpLShift},
		{"rshift", core.OpRShift}, {"and_", core.OpAnd}, {"or_", core.OpOr}, {"xor", core.OpXor}, {"matmul", core.OpMatMul}} {
		binary(b.name, b.op)
	}
	unary := func(fname string, op core.UnaryOp) {
		def(fname, func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			if err := opArgs(th, fname, args, kw, 1); err != nil {
				return nil, err
			}
			return th.UnaryOp(op, args[0])
		}, true)
	}
	unary("neg", core.OpNeg)
	unary("pos", core.OpPos)
	unary("invert", core.OpInvert)
	unary("inv", core.OpInvert)
	for _, c := range []struct {
		name string
		op   core.CompareOp
	}{{"lt", core.CmpLt}, {"le", core.CmpLe}, {"eq", core.CmpEq}, {"ne", core.CmpNe}, {"gt", core.CmpGt}, {"ge", core.CmpGe}} {
		op, fname := c.op, c.name
		def(fname, func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			if err := opArgs(th, fname, args, kw, 2); err != nil {
				return nil, err
			}
			return th.Compare(args[0], args[1], op)
		}, true)
	}
	def("abs", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
		if err := opArgs(th, "abs", args, kw, 1); err != nil {
			return nil, err
		}
		return th.Abs(args[0])
	}, true)
	def("not_", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
		if err := opArgs(th, "not_", args, kw, 1); err != nil {
			return nil, err
		}
		t, err := th.Truth(args[0])
		return rt.Bool(!t), err
	}, true)
	def("truth", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
		if err := opArgs(th, "truth", args, kw, 1); err != nil {
			return nil, err
		}
		t, err := th.Truth(args[0])
		return rt.Bool(t), err
	}, false)
	def("is_", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
		if err := opArgs(th, "is_", args, kw, 2); err != nil {
			return nil, err
		}
		return rt.Bool(args[0] == args[1]), nil
	}, false)
	def("is_not", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
		if err := opArgs(th, "is_not", args, kw, 2); err != nil {
			return nil, err
		}
		return rt.Bool(args[0] != args[1]), nil
	}, false)
	def("index", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
		if err := opArgs(th, "index", args, kw, 1); err != nil {
			return nil, err
		}
		return th.Index(args[0])
	}, true)
	def("contains", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
		if err := opArgs(th, "contains", args, kw, 2); err != nil {
			return nil, err
		}
		in, err := th.Contains(args[0], args[1])
		return rt.Bool(in), err
	}, true)
	def("concat", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
		if err := opArgs(th, "concat", args, kw, 2); err != nil {
			return nil, err
		}
		if !opIsSequence(th, args[0]) {
			return nil, typeError(th, "'%s' object can't be concatenated", args[0].Type().Name())
		}
		return th.BinaryOp(core.OpAdd, args[0], args[1])
	}, true)
	def("iconcat", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
		if err := opArgs(th, "iconcat", args, kw, 2); err != nil {
			return nil, err
		}
		if !opIsSequence(th, args[0]) {
			return nil, typeError(th, "'%s' object can't be concatenated", args[0].Type().Name())
		}
		return th.InPlaceOp(core.OpAdd, args[0], args[1])
	}, true)
	def("getitem", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
		if err := opArgs(th, "getitem", args, kw, 2); err != nil {
			return nil, err
		}
		return th.GetItem(args[0], args[1])
	}, true)
	def("setitem", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
		if err := opArgs(th, "setitem", args, kw, 3); err != nil {
			return nil, err
		}
		return rt.None, th.SetItem(args[0], args[1], args[2])
	}, true)
	def("delitem", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
		if err := opArgs(th, "delitem", args, kw, 2); err != nil {
			return nil, err
		}
		return rt.None, th.DelItem(args[0], args[1])
	}, true)
	def("countOf", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
		if err := opArgs(th, "countOf", args, kw, 2); err != nil {
			return nil, err
		}
		n := int64(0)
		err := eachItem(th, args[0], func(x core.Object) (bool, error) {
			eq := x == args[1]
			if !eq {
				var err error
				if eq, err = th.CompareBool(x, args[1], core.CmpEq); err != nil {
					return false, err
				}
			}
			if eq {
				n++
			}
			return true, nil
		})
		if err != nil {
			return nil, err
		}
		return th.NewInt(n), nil
	}, false)
	def("indexOf", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
		if err := opArgs(th, "indexOf", args, kw, 2); err != nil {
			return nil, err
		}
		i, found := int64(0), false
		err := eachItem(th, args[0], func(x core.Object) (bool, error) {
			eq := x == args[1]
			if !eq {
				var err error
				if eq, err = th.CompareBool(x, args[1], core.CmpEq); err != nil {
					return false, err
				}
			}
			if eq {
				found = true
				return false, nil
			}
			i++
			return true, nil
		})
		if err != nil {
			return nil, err
		}
		if !found {
			return nil, th.Raise(th.RaiseType("ValueError"), "sequence.index(x): x not in sequence")
		}
		return th.NewInt(i), nil
	}, false)
	def("length_hint", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
		if err := noKwargs(th, "length_hint", kw); err != nil {
			return nil, err
		}
		if len(args) < 1 || len(args) > 2 {
			return nil, typeError(th, "length_hint expected at most 2 arguments, got %d", len(args))
		}
		if n, err := th.Len(args[0]); err == nil {
			return th.NewInt(int64(n)), nil
		} else if !core.IsExceptionNamed(err, "TypeError") {
			return nil, err
		} else {
			th.Discard(err)
		}
		if len(args) == 2 {
			th.Incref(args[1])
			return args[1], nil
		}
		return th.NewInt(0), nil
	}, false)
	m := th.NewModule(name)
	if err := addFuncs(th, m, funcs); err != nil {
		th.Decref(m)
		return nil, err
	}
	for _, def := range []classDef{itemgetterClass(), attrgetterClass(), methodcallerClass()} {
		if _, err := addClass(th, m, def); err != nil {
			th.Decref(m)
			return nil, err
		}
	}
	return m, nil
}

// opIsSequence reports whether o's type has __getitem__ (CPython's
// PySequence_Check, as concat uses it), and is not a dict.
func opIsSequence(th *core.Thread, o core.Object) bool {
	if _, ok := o.(*core.Dict); ok {
		return false
	}
	fn, err := th.GetAttr(o.Type(), "__getitem__")
	if err != nil {
		th.Discard(err)
		return false
	}
	th.Decref(fn)
	return true
}

// eachItem calls fn with each item of iterable (borrowed) until fn
// returns false or an error.
func eachItem(th *core.Thread, iterable core.Object, fn func(x core.Object) (bool, error)) error {
	it, err := th.Iter(iterable)
	if err != nil {
		return err
	}
	defer th.Decref(it)
	for {
		x, ok, err := th.Next(it)
		if err != nil || !ok {
			return err
		}
		more, err := fn(x)
		th.Decref(x)
		if err != nil || !more {
			return err
		}
	}
}

// getter is the Go value of an itemgetter, attrgetter or methodcaller.
type getter struct {
	kind  string        // the class: itemgetter, attrgetter or methodcaller
	items []core.Object // itemgetter's keys, attrgetter's dotted names, methodcaller's name and args
	attrs [][]string    // attrgetter: each name split at dots
	kw    map[string]core.Object
	kwOrd []string
}

// Release implements core.NativeReleaser.
func (g *getter) Release(drop func(core.Object)) {
	for _, o := range g.items {
		drop(o)
	}
	for _, o := range g.kw {
		drop(o)
	}
}

func getterRepr(th *core.Thread, self core.Object, g *getter, kwArgs bool) (core.Object, error) {
	parts := make([]string, 0, len(g.items)+len(g.kwOrd))
	for _, it := range g.items {
		r, err := th.Repr(it)
		if err != nil {
			return nil, err
		}
		parts = append(parts, r)
	}
	if kwArgs {
		for _, k := range g.kwOrd {
			r, err := th.Repr(g.kw[k])
			if err != nil {
				return nil, err
			}
			parts = append(parts, k+"="+r)
		}
	}
	return th.NewStr("operator." + self.Type().Name() + "(" + strings.Join(parts, ", ") + ")"), nil
}

func newGetter(th *core.Thread, args []core.Object, g *getter) (core.Object, error) {
	cls, ok := args[0].(*core.Type)
	if !ok {
		return nil, typeError(th, "__new__(X): X is not a type object")
	}
	return th.NewNativeInstance(cls, g)
}

func itemgetterClass() classDef {
	return classDef{
		name:   "itemgetter",
		native: true,
		statics: []goMethod{{"__new__", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			if err := noKwargs(th, "itemgetter", kw); err != nil {
				return nil, err
			}
			if len(args) < 2 {
				return nil, typeError(th, "itemgetter expected 1 argument, got 0")
			}
			g := &getter{kind: "itemgetter"}
			for _, k := range args[1:] {
				th.Incref(k)
				g.items = append(g.items, k)
			}
			return newGetter(th, args, g)
		}}},
		methods: []goMethod{
			{"__call__", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				g, err := getterSelf(th, "itemgetter", "__call__", args)
				if err != nil {
					return nil, err
				}
				if err := noKwargs(th, "itemgetter", kw); err != nil {
					return nil, err
				}
				if len(args) != 2 {
					return nil, typeError(th, "itemgetter expected 1 argument, got %d", len(args)-1)
				}
				if len(g.items) == 1 {
					return th.GetItem(args[1], g.items[0])
				}
				out := make([]core.Object, 0, len(g.items))
				for _, k := range g.items {
					v, err := th.GetItem(args[1], k)
					if err != nil {
						dropAll(th, out)
						return nil, err
					}
					out = append(out, v)
				}
				return th.NewTuple(out), nil
			}},
			{"__repr__", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				g, err := getterSelf(th, "itemgetter", "__repr__", args)
				if err != nil {
					return nil, err
				}
				return getterRepr(th, args[0], g, false)
			}},
		},
	}
}

func attrgetterClass() classDef {
	return classDef{
		name:   "attrgetter",
		native: true,
		statics: []goMethod{{"__new__", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			if err := noKwargs(th, "attrgetter", kw); err != nil {
				return nil, err
			}
			if len(args) < 2 {
				return nil, typeError(th, "attrgetter expected 1 argument, got 0")
			}
			g := &getter{kind: "attrgetter"}
			for _, a := range args[1:] {
				s, ok := a.(*core.Str)
				if !ok {
					dropAll(th, g.items)
					return nil, typeError(th, "attribute name must be a string")
				}
				th.Incref(a)
				g.items = append(g.items, a)
				g.attrs = append(g.attrs, strings.Split(s.String(), "."))
			}
			return newGetter(th, args, g)
		}}},
		methods: []goMethod{
			{"__call__", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				g, err := getterSelf(th, "attrgetter", "__call__", args)
				if err != nil {
					return nil, err
				}
				if err := noKwargs(th, "attrgetter", kw); err != nil {
					return nil, err
				}
				if len(args) != 2 {
					return nil, typeError(th, "attrgetter expected 1 argument, got %d", len(args)-1)
				}
				get := func(path []string) (core.Object, error) {
					obj := args[1]
					th.Incref(obj)
					for _, name := range path {
						v, err := th.GetAttr(obj, name)
						th.Decref(obj)
						if err != nil {
							return nil, err
						}
						obj = v
					}
					return obj, nil
				}
				if len(g.attrs) == 1 {
					return get(g.attrs[0])
				}
				out := make([]core.Object, 0, len(g.attrs))
				for _, p := range g.attrs {
					v, err := get(p)
					if err != nil {
						dropAll(th, out)
						return nil, err
					}
					out = append(out, v)
				}
				return th.NewTuple(out), nil
			}},
			{"__repr__", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				g, err := getterSelf(th, "attrgetter", "__repr__", args)
				if err != nil {
					return nil, err
				}
				return getterRepr(th, args[0], g, false)
			}},
		},
	}
}

func methodcallerClass() classDef {
	return classDef{
		name:   "methodcaller",
		native: true,
		statics: []goMethod{{"__new__", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			if len(args) < 2 {
				return nil, typeError(th, "methodcaller needs at least one argument, the method name")
			}
			if _, ok := args[1].(*core.Str); !ok {
				return nil, typeError(th, "method name must be a string")
			}
			g := &getter{kind: "methodcaller", kw: map[string]core.Object{}, kwOrd: th.KeywordNames(kw)}
			for _, a := range args[1:] {
				th.Incref(a)
				g.items = append(g.items, a)
			}
			for k, v := range kw {
				th.Incref(v)
				g.kw[k] = v
			}
			return newGetter(th, args, g)
		}}},
		methods: []goMethod{
			{"__call__", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				g, err := getterSelf(th, "methodcaller", "__call__", args)
				if err != nil {
					return nil, err
				}
				if err := noKwargs(th, "methodcaller", kw); err != nil {
					return nil, err
				}
				if len(args) != 2 {
					return nil, typeError(th, "methodcaller expected 1 argument, got %d", len(args)-1)
				}
				name := g.items[0].(*core.Str).String()
				fn, err := th.GetAttr(args[1], name)
				if err != nil {
					return nil, err
				}
				defer th.Decref(fn)
				var kwargs map[string]core.Object
				if len(g.kw) > 0 {
					kwargs = g.kw
				}
				return th.Call(fn, g.items[1:], kwargs)
			}},
			{"__repr__", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				g, err := getterSelf(th, "methodcaller", "__repr__", args)
				if err != nil {
					return nil, err
				}
				return getterRepr(th, args[0], g, true)
			}},
		},
	}
}

// getterSelf is nativeSelf for the three getter classes, which share a
// Go type: args[0] must be one of kind.
func getterSelf(th *core.Thread, kind, method string, args []core.Object) (*getter, error) {
	g, err := nativeSelf[*getter](th, "operator."+kind, method, args)
	if err == nil && g.kind != kind {
		return nil, typeError(th, "descriptor '%s' for 'operator.%s' objects doesn't apply to a '%s' object", method, kind, args[0].Type().Name())
	}
	return g, err
}
